package io.livetally.common;

import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

import io.livetally.security.EphemeralKeys;
import io.livetally.security.Role;
import io.livetally.security.Tokens;

/**
 * Bearer tokens for tests, signed with the test profile's ephemeral key; and the bad ones: signed
 * by another key, expired, from another issuer.
 */
public final class TestTokens {

    private static final Duration HOURS = Duration.ofHours(12);
    private static String admin;

    private TestTokens() {
    }

    public static synchronized String admin() {
        if (admin == null) {
            admin = Tokens.mint(key(), Role.ADMIN, Map.of(), HOURS);
        }
        return admin;
    }

    public static String official(String regionCode) {
        return Tokens.mint(key(), Role.OFFICIAL, Map.of("region_code", regionCode), HOURS);
    }

    public static String host(String streamerId) {
        return Tokens.mint(key(), Role.HOST, Map.of("streamer_id", streamerId), HOURS);
    }

    public static String platform(String platform) {
        return Tokens.mint(key(), Role.PLATFORM, Map.of("platform", platform), HOURS);
    }

    /** A token of any groups and claims (a role without its scope claim, several roles). */
    public static String of(Set<String> groups, Map<String, Object> claims) {
        return Tokens.mint(key(), Tokens.ISSUER, "someone", groups, claims, HOURS);
    }

    /** A token of one role for a subject of its own (rate limits are kept per subject). */
    public static String withSubject(String subject, String role, Map<String, Object> claims) {
        return Tokens.mint(key(), Tokens.ISSUER, subject, Set.of(role), claims, HOURS);
    }

    /** An admin token signed by a key the server does not know. */
    public static String signedByAnotherKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return Tokens.mint(generator.generateKeyPair().getPrivate(), Role.ADMIN, Map.of(), HOURS);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An admin token that expired an hour ago (beyond any clock-skew allowance). */
    public static String expired() {
        return Tokens.mint(key(), Role.ADMIN, Map.of(), Duration.ofHours(-1));
    }

    public static String wrongIssuer() {
        return Tokens.mint(key(), "someone-else", "admin", Set.of("admin"), Map.of(), HOURS);
    }

    private static PrivateKey key() {
        PrivateKey key = EphemeralKeys.privateKey();
        if (key == null) {
            throw new IllegalStateException("no ephemeral key: tokens can be minted only once Quarkus has started");
        }
        return key;
    }
}
