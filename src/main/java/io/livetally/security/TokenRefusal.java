package io.livetally.security;

import org.jose4j.jwt.consumer.ErrorCodes;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.lang.InvalidAlgorithmException;
import org.jose4j.lang.UnresolvableKeyException;

/**
 * Why a bearer token was refused, in words a client can act on: a stable {@code reason} and a fixed
 * sentence. Built from what smallrye-jwt (jose4j) found, never from its messages, which quote the
 * token's claims: nothing of the token or of the key leaves the server.
 */
public record TokenRefusal(String reason, String message) {

    static final String CODE = "invalid-token";

    static final TokenRefusal EXPIRED = new TokenRefusal("expired",
            "the bearer token has expired: get a new one");
    static final TokenRefusal NOT_YET_VALID = new TokenRefusal("not-yet-valid",
            "the bearer token is not valid yet (nbf or iat lies in the future): check the issuer's clock");
    static final TokenRefusal WRONG_ISSUER = new TokenRefusal("wrong-issuer",
            "the bearer token's issuer (iss) is missing or not the one this service accepts");
    static final TokenRefusal WRONG_AUDIENCE = new TokenRefusal("wrong-audience",
            "the bearer token's audience (aud) is missing or not this service");
    static final TokenRefusal BAD_SIGNATURE = new TokenRefusal("bad-signature",
            "the bearer token's signature does not verify with this service's key (signed by another key, or altered)");
    static final TokenRefusal WRONG_ALGORITHM = new TokenRefusal("wrong-algorithm",
            "the bearer token is not signed with RS256, the only algorithm this service accepts");
    static final TokenRefusal NO_EXPIRY = new TokenRefusal("no-expiry",
            "the bearer token has no expiry (exp), which this service requires");
    static final TokenRefusal MISSING_CLAIMS = new TokenRefusal("missing-claims",
            "the bearer token lacks a required claim (a subject: sub, upn or preferred_username)");
    static final TokenRefusal MALFORMED = new TokenRefusal("malformed",
            "the bearer value is not a well-formed JWT (three base64url parts: header, claims, signature)");
    static final TokenRefusal UNVERIFIABLE = new TokenRefusal("unverifiable",
            "the bearer token could not be verified: no key of this service matches it");
    static final TokenRefusal REFUSED = new TokenRefusal("refused", "the bearer token was refused");

    /** The refusal behind an authentication failure (an AuthenticationFailedException and its causes). */
    public static TokenRefusal of(Throwable failure) {
        InvalidJwtException invalid = cause(failure, InvalidJwtException.class);
        if (invalid != null) {
            return of(invalid);
        }
        if (cause(failure, UnresolvableKeyException.class) != null) {
            return UNVERIFIABLE;
        }
        return REFUSED;
    }

    /** The most useful of what jose4j found; a bad signature is checked first, so nothing else then shows. */
    private static TokenRefusal of(InvalidJwtException invalid) {
        if (invalid.hasErrorCode(ErrorCodes.SIGNATURE_INVALID)) {
            return BAD_SIGNATURE;
        }
        // Another algorithm than RS256, "none" included.
        if (cause(invalid, InvalidAlgorithmException.class) != null) {
            return WRONG_ALGORITHM;
        }
        if (invalid.hasExpired()) {
            return EXPIRED;
        }
        if (invalid.hasErrorCode(ErrorCodes.NOT_YET_VALID)
                || invalid.hasErrorCode(ErrorCodes.ISSUED_AT_INVALID_FUTURE)) {
            return NOT_YET_VALID;
        }
        if (invalid.hasErrorCode(ErrorCodes.ISSUER_INVALID) || invalid.hasErrorCode(ErrorCodes.ISSUER_MISSING)) {
            return WRONG_ISSUER;
        }
        if (invalid.hasErrorCode(ErrorCodes.AUDIENCE_INVALID) || invalid.hasErrorCode(ErrorCodes.AUDIENCE_MISSING)) {
            return WRONG_AUDIENCE;
        }
        if (invalid.hasErrorCode(ErrorCodes.EXPIRATION_MISSING)) {
            return NO_EXPIRY;
        }
        // smallrye-jwt's own claim checks (a subject, required claims) report no jose4j error code.
        if (invalid.getErrorDetails().isEmpty() && invalid.getJwtContext() != null) {
            return MISSING_CLAIMS;
        }
        return MALFORMED;
    }

    /** "invalid-token: expired", for a WebSocket close frame (at most 123 bytes). */
    String closeReason() {
        return CODE + ": " + reason;
    }

    private static <T extends Throwable> T cause(Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
