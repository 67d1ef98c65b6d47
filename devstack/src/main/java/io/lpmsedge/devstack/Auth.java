package io.lpmsedge.devstack;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

/** The stand-in's optional HTTP Basic / Bearer check (Confluent Cloud uses Basic with an API key and secret). */
final class Auth {
    private final byte[] basicHeader;
    private final byte[] bearerHeader;

    Auth(StandInOptions o) {
        this.basicHeader = o.basicUser() == null
                ? null
                : ("Basic "
                                + Base64.getEncoder()
                                        .encodeToString((o.basicUser() + ":" + o.basicSecret())
                                                .getBytes(StandardCharsets.UTF_8)))
                        .getBytes(StandardCharsets.UTF_8);
        this.bearerHeader =
                o.bearerToken() == null ? null : ("Bearer " + o.bearerToken()).getBytes(StandardCharsets.UTF_8);
    }

    boolean required() {
        return basicHeader != null || bearerHeader != null;
    }

    /** Whether the Authorization header value is acceptable; compared in constant time like a real server. */
    boolean accepts(String authorization) {
        if (!required()) {
            return true;
        }
        if (authorization == null) {
            return false;
        }
        byte[] given = authorization.trim().getBytes(StandardCharsets.UTF_8);
        return (basicHeader != null && MessageDigest.isEqual(basicHeader, given))
                | (bearerHeader != null && MessageDigest.isEqual(bearerHeader, given));
    }

    String challenge() {
        return basicHeader != null ? "Basic realm=\"lpms-edge-devstack\"" : "Bearer";
    }
}
