package io.livetally.security;

import java.util.EnumSet;
import java.util.Set;

import jakarta.json.JsonNumber;
import jakarta.json.JsonString;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.livetally.common.Ids;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * Who is calling: the roles of the token's {@code groups} claim and its scope claims
 * ({@code region_code} of an official, {@code streamer_id} of a host, {@code platform} of a platform).
 */
public record Caller(String name, Set<Role> roles, String regionCode, Long streamerId, String platform) {

    public static final Caller ANONYMOUS = new Caller(null, Set.of(), null, null, null);

    public static Caller of(SecurityIdentity identity) {
        if (identity == null || identity.isAnonymous()) {
            return ANONYMOUS;
        }
        Set<Role> roles = EnumSet.noneOf(Role.class);
        identity.getRoles().forEach(group -> Role.fromClaim(group).ifPresent(roles::add));
        if (!(identity.getPrincipal() instanceof JsonWebToken token)) {
            return new Caller(identity.getPrincipal().getName(), Set.copyOf(roles), null, null, null);
        }
        String streamer = claim(token, "streamer_id");
        return new Caller(token.getName(), Set.copyOf(roles), claim(token, "region_code"),
                streamer == null ? null : Ids.parse(streamer).orElse(null), claim(token, "platform"));
    }

    public boolean anonymous() {
        return name == null && roles.isEmpty();
    }

    public boolean is(Role role) {
        return roles.contains(role);
    }

    public boolean admin() {
        return is(Role.ADMIN);
    }

    /** An official scoped to a region (a token with the role but no region scopes nothing). */
    public boolean official() {
        return is(Role.OFFICIAL) && regionCode != null;
    }

    public boolean host() {
        return is(Role.HOST) && streamerId != null;
    }

    public boolean platformOf(String orderPlatform) {
        return is(Role.PLATFORM) && platform != null && platform.equals(orderPlatform);
    }

    /** Scope claims may be strings or numbers (a streamer id minted as a JSON number). */
    private static String claim(JsonWebToken token, String name) {
        Object value = token.getClaim(name);
        if (value instanceof JsonString text) {
            return text.getString();
        }
        if (value instanceof JsonNumber number) {
            return number.toString();
        }
        return value == null ? null : value.toString();
    }
}
