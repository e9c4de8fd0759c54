package io.livetally.security;

import java.security.PrivateKey;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;

/** Mints RS256 bearer tokens of a role with its scope claims (dev demo tokens, tests). */
public final class Tokens {

    public static final String ISSUER = "livetally";

    private Tokens() {
    }

    /** A token of the role for the subject, with scope claims such as {@code region_code}. */
    public static String mint(PrivateKey key, String issuer, String subject, Set<String> groups,
            Map<String, Object> claims, Duration lifetime) {
        JwtClaimsBuilder builder = Jwt.issuer(issuer).subject(subject).upn(subject).groups(groups)
                .expiresIn(lifetime);
        claims.forEach(builder::claim);
        return builder.jws().algorithm(io.smallrye.jwt.algorithm.SignatureAlgorithm.RS256).sign(key);
    }

    public static String mint(PrivateKey key, Role role, Map<String, Object> claims, Duration lifetime) {
        return mint(key, ISSUER, role.claim(), Set.of(role.claim()), claims, lifetime);
    }
}
