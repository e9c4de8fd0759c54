package io.livetally.security;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

/**
 * The dev and test profiles' RSA key pair, made once per JVM at start-up: the public half verifies
 * tokens ({@code mp.jwt.verify.publickey}), the private half mints demo and test tokens. It lives in
 * system properties, which every class loader of the JVM (Quarkus' build and run loaders, the
 * tests) shares, and dies with the process: no dev private key is ever written down.
 */
public final class EphemeralKeys {

    static final String PRIVATE_KEY = "livetally.jwt.ephemeral-private-key";
    static final String PUBLIC_KEY = "livetally.jwt.ephemeral-public-key";

    private EphemeralKeys() {
    }

    /** The public key (base64 X.509), generating the pair on first use. */
    public static synchronized String publicKey() {
        if (System.getProperty(PUBLIC_KEY) == null) {
            try {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                KeyPair pair = generator.generateKeyPair();
                System.setProperty(PRIVATE_KEY, Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded()));
                System.setProperty(PUBLIC_KEY, Base64.getEncoder().encodeToString(pair.getPublic().getEncoded()));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("livetally: cannot generate the dev/test JWT key pair", e);
            }
        }
        return System.getProperty(PUBLIC_KEY);
    }

    /** The private key, or null when this JVM made none (prod). */
    public static PrivateKey privateKey() {
        String encoded = System.getProperty(PRIVATE_KEY);
        if (encoded == null) {
            return null;
        }
        try {
            return KeyFactory.getInstance("RSA")
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(encoded)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("livetally: the ephemeral private key is unreadable", e);
        }
    }
}
