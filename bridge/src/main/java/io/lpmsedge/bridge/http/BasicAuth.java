package io.lpmsedge.bridge.http;

import io.lpmsedge.bridge.secret.Secret;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * HTTP basic authentication (RFC 7617) against one user and password. The comparison takes the same time
 * whatever the guess: both sides are hashed to a fixed length and compared with {@link MessageDigest#isEqual},
 * so neither the length nor a matching prefix of the password shows in the answer time.
 */
final class BasicAuth {
    /** The challenge of a 401 answer. */
    static final String CHALLENGE = "Basic realm=\"lpms-edge\", charset=\"UTF-8\"";

    private final byte[] expected;

    BasicAuth(String user, Secret password) {
        this.expected = sha256((user + ":" + password.reveal()).getBytes(StandardCharsets.UTF_8));
    }

    /** Whether an {@code Authorization} header value (may be null) carries this user and password. */
    boolean accepts(String authorization) {
        byte[] given = new byte[0];
        if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                given = Base64.getDecoder().decode(authorization.substring(6).trim());
            } catch (IllegalArgumentException e) {
                given = new byte[0];
            }
        }
        return MessageDigest.isEqual(expected, sha256(given));
    }

    private static byte[] sha256(byte[] in) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(in);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
