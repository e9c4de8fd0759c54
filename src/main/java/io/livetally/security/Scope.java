package io.livetally.security;

import java.util.EnumSet;
import java.util.Set;

import jakarta.json.JsonNumber;
import jakarta.json.JsonString;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.livetally.common.Ids;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.ext.web.RoutingContext;

/**
 * What a caller may reach, derived once per request from the token ({@link ScopeAugmentor}): everything (an admin),
 * a region subtree (an official's {@code region_code}), one host's rows ({@code streamer_id}), one platform's
 * writes ({@code platform}), or nothing (a role without its scope claim grants nothing). Repositories narrow SQL
 * by it; {@link Allowed} rules match its role.
 */
public record Scope(Role role, String regionCode, Long streamerId, String platform) {

    /** The identity attribute the augmentor stores the scope under. */
    public static final String ATTRIBUTE = "livetally.scope";
    /** Every row: an admin's scope, and the one of the service's own checks on rows it reads for a write. */
    public static final Scope ALL = new Scope(Role.ADMIN, null, null, null);
    /** A token whose roles come without their scope claims. */
    public static final Scope NONE = new Scope(null, null, null, null);

    /** The widest role the token grants with its scope claim: admin, then official, host, platform. */
    public static Scope of(SecurityIdentity identity) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        identity.getRoles().forEach(group -> Role.fromClaim(group).ifPresent(roles::add));
        JsonWebToken token = identity.getPrincipal() instanceof JsonWebToken jwt ? jwt : null;
        String region = claim(token, "region_code");
        Long streamer = Ids.parse(claim(token, "streamer_id")).orElse(null);
        String platform = claim(token, "platform");
        if (roles.contains(Role.ADMIN)) {
            return ALL;
        }
        if (roles.contains(Role.OFFICIAL) && region != null) {
            return new Scope(Role.OFFICIAL, region, null, null);
        }
        if (roles.contains(Role.HOST) && streamer != null) {
            return new Scope(Role.HOST, null, streamer, null);
        }
        if (roles.contains(Role.PLATFORM) && platform != null) {
            return new Scope(Role.PLATFORM, null, null, platform);
        }
        return NONE;
    }

    /** The authenticated identity of an HTTP request or WebSocket upgrade, or null (anonymous, or none yet). */
    public static SecurityIdentity identity(RoutingContext ctx) {
        SecurityIdentity identity = ctx.user() instanceof QuarkusHttpUser user ? user.getSecurityIdentity() : null;
        return identity == null || identity.isAnonymous() ? null : identity;
    }

    /**
     * The caller's scope as the token's verification derived it ({@link ScopeAugmentor}), or null for a request
     * without an authenticated identity: the one look-up of the exports, the shared subscriptions and the limiter.
     */
    public static Scope of(RoutingContext ctx) {
        SecurityIdentity identity = identity(ctx);
        if (identity == null) {
            return null;
        }
        Scope scope = identity.getAttribute(ATTRIBUTE);
        return scope != null ? scope : of(identity);
    }

    public boolean admin() {
        return role == Role.ADMIN;
    }

    public boolean official() {
        return role == Role.OFFICIAL;
    }

    public boolean host() {
        return role == Role.HOST;
    }

    /** Scope claims may be strings or numbers (a streamer id minted as a JSON number). */
    private static String claim(JsonWebToken token, String name) {
        Object value = token == null ? null : token.getClaim(name);
        if (value instanceof JsonString text) {
            return text.getString();
        }
        if (value instanceof JsonNumber number) {
            return number.toString();
        }
        return value == null ? null : value.toString();
    }
}
