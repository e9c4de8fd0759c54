package io.livetally.security;

import java.util.Locale;
import java.util.Optional;

/** The roles a token's {@code groups} claim can grant. */
public enum Role {
    ADMIN, OFFICIAL, HOST, PLATFORM;

    /** The name used in the {@code groups} claim. */
    public String claim() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Optional<Role> fromClaim(String group) {
        for (Role role : values()) {
            if (role.claim().equals(group)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }
}
