package io.livetally.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.Key;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.function.Consumer;

import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.keys.HmacKey;
import org.jose4j.lang.JoseException;
import org.junit.jupiter.api.Test;

import io.quarkus.security.AuthenticationFailedException;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.ParseException;

/** Each way smallrye-jwt refuses a token gets its reason, as Quarkus hands the failure over. */
class TokenRefusalTest {

    private static final KeyPair SERVICE = keyPair();
    private static final DefaultJWTParser PARSER = new DefaultJWTParser(
            new JWTAuthContextInfo(SERVICE.getPublic(), Tokens.ISSUER));

    @Test
    void aValidTokenParses() throws ParseException {
        assertThat(PARSER.parse(token(claims -> { })).getSubject()).isEqualTo("someone");
    }

    @Test
    void anExpiredTokenIsExpired() {
        assertThat(refusal(token(claims -> claims.setExpirationTimeMinutesInTheFuture(-60)))).isEqualTo("expired");
    }

    @Test
    void aTokenValidOnlyInTenMinutesIsNotYetValid() {
        assertThat(refusal(token(claims -> claims.setNotBeforeMinutesInThePast(-10)))).isEqualTo("not-yet-valid");
    }

    @Test
    void aTokenOfAnotherIssuerIsWrongIssuer() {
        assertThat(refusal(token(claims -> claims.setIssuer("someone-else")))).isEqualTo("wrong-issuer");
        assertThat(refusal(token(claims -> claims.unsetClaim("iss")))).isEqualTo("wrong-issuer");
    }

    @Test
    void aTokenSignedByAnotherKeyOrAlteredHasABadSignature() {
        assertThat(refusal(sign(keyPair().getPrivate(), AlgorithmIdentifiers.RSA_USING_SHA256, claims(c -> { }))))
                .isEqualTo("bad-signature");
        String[] parts = token(claims -> { }).split("\\.");
        String altered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(
                claims(c -> c.setSubject("admin")).toJson().getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        assertThat(refusal(altered)).isEqualTo("bad-signature");
    }

    @Test
    void aTokenSignedWithASharedSecretIsTheWrongAlgorithm() {
        assertThat(refusal(sign(new HmacKey(new byte[32]), AlgorithmIdentifiers.HMAC_SHA256, claims(c -> { }))))
                .isEqualTo("wrong-algorithm");
    }

    @Test
    void anUnsignedTokenIsTheWrongAlgorithm() {
        String[] parts = token(claims -> { }).split("\\.");
        String none = Base64.getUrlEncoder().withoutPadding().encodeToString(
                "{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(refusal(none + "." + parts[1] + ".")).isEqualTo("wrong-algorithm");
    }

    @Test
    void aTokenWithoutExpiryHasNoExpiry() {
        assertThat(refusal(token(claims -> claims.unsetClaim("exp")))).isEqualTo("no-expiry");
    }

    @Test
    void aTokenNamingNoSubjectLacksAClaim() {
        assertThat(refusal(token(claims -> claims.unsetClaim("sub")))).isEqualTo("missing-claims");
    }

    @Test
    void anythingThatIsNoJwtIsMalformed() {
        for (String garbage : List.of("not.a.jwt", "abc", "a.b", "....", "eyJ.eyJ.eyJ", "{}")) {
            assertThat(refusal(garbage)).as(garbage).isEqualTo("malformed");
        }
    }

    @Test
    void aFailureWithoutAJwtCauseIsRefusedPlainly() {
        assertThat(TokenRefusal.of(new AuthenticationFailedException())).isEqualTo(TokenRefusal.REFUSED);
    }

    @Test
    void noReasonOrMessageQuotesTheTokenOrItsClaims() {
        String token = token(claims -> claims.setExpirationTimeMinutesInTheFuture(-60));
        TokenRefusal refusal = TokenRefusal.of(failure(token));
        assertThat(refusal.message()).doesNotContain("someone").doesNotContain(token.split("\\.")[1]);
        assertThat(refusal.closeReason()).isEqualTo("invalid-token: expired");
    }

    private static String refusal(String token) {
        return TokenRefusal.of(failure(token)).reason();
    }

    /** The failure as Quarkus' MpJwtValidator raises it. */
    private static AuthenticationFailedException failure(String token) {
        try {
            PARSER.parse(token);
        } catch (ParseException e) {
            return new AuthenticationFailedException(e);
        }
        throw new AssertionError("the token was accepted: " + token);
    }

    private static String token(Consumer<JwtClaims> change) {
        return sign(SERVICE.getPrivate(), AlgorithmIdentifiers.RSA_USING_SHA256, claims(change));
    }

    private static JwtClaims claims(Consumer<JwtClaims> change) {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(Tokens.ISSUER);
        claims.setSubject("someone");
        claims.setStringListClaim("groups", "admin");
        claims.setIssuedAt(NumericDate.now());
        claims.setExpirationTimeMinutesInTheFuture(60);
        change.accept(claims);
        return claims;
    }

    private static String sign(Key key, String algorithm, JwtClaims claims) {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(key);
        jws.setAlgorithmHeaderValue(algorithm);
        jws.setDoKeyValidation(false);
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair keyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
