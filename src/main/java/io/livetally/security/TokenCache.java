package io.livetally.security;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.ParseException;

/**
 * The bearer tokens this instance verified a moment ago, keyed by the raw token string (docs/SECURITY.md,
 * "Authentication"): a caller repeats its token on every request, and verifying it (an RS256 signature, the
 * claims) is the largest fixed cost of a request, a refused one included. Quarkus' JWT validator asks this parser;
 * a token seen before, still unexpired, is answered from memory, anything else is verified as always (a refused
 * token is never kept, so its refusal and reason are unchanged). An entry lives until the token's {@code exp}, at
 * most {@link #KEEP_MILLIS}; at most {@link #MAX_TOKENS} are kept (then the cache starts again empty).
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class TokenCache extends DefaultJWTParser {

    /** How long a verified token is trusted without verifying it again (a new public key applies after it). */
    static final long KEEP_MILLIS = 300_000;
    static final int MAX_TOKENS = 10_000;

    private record Verified(JsonWebToken token, long untilMillis) {
    }

    private final Map<String, Verified> verified = new ConcurrentHashMap<>();
    private final AtomicLong hits = new AtomicLong();

    @Override
    public JsonWebToken parse(String token) throws ParseException {
        long now = System.currentTimeMillis();
        Verified known = verified.get(token);
        if (known != null) {
            if (now < known.untilMillis()) {
                hits.incrementAndGet();
                return known.token();
            }
            verified.remove(token, known);
        }
        JsonWebToken parsed = super.parse(token);
        long expires = parsed.getExpirationTime() * 1000;
        if (expires > now) {
            if (verified.size() >= MAX_TOKENS) {
                verified.clear();
            }
            verified.put(token, new Verified(parsed, Math.min(expires, now + KEEP_MILLIS)));
        }
        return parsed;
    }

    /** Tokens answered from memory since start-up. */
    public long hits() {
        return hits.get();
    }
}
