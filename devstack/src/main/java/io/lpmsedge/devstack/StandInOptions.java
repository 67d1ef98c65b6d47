package io.lpmsedge.devstack;

import java.time.Duration;

/**
 * How a {@link RestProxyStandIn} is set up.
 *
 * @param port            loopback port; 0 picks a free one (kept across {@link RestProxyStandIn#stop()}/start)
 * @param basicUser       with {@code basicSecret}: require HTTP Basic, as Confluent Cloud does with an API key
 * @param basicSecret     the Basic password; null together with {@code basicUser} for none
 * @param bearerToken     require {@code Authorization: Bearer <token>}; null for none. When both Basic and Bearer
 *                        are set, either one is accepted
 * @param maxBlock        the producer's {@code max.block.ms}: how long a produce to an unknown topic waits for
 *                        metadata before the per-record error. The real proxy's default is 60 s; tests want ~1 s
 * @param strictClusterId answer 404 to a v3 produce whose cluster id is not the broker's, as Confluent Cloud does
 *                        (a self-managed proxy ignores the id); on by default so a wrong id fails here, not in Cloud
 * @param flavour         which proxy to imitate: Confluent's (v2 and v3) or Strimzi's HTTP Bridge (v2 only, its
 *                        error bodies and per-record codes)
 */
public record StandInOptions(
        int port,
        String basicUser,
        String basicSecret,
        String bearerToken,
        Duration maxBlock,
        boolean strictClusterId,
        Flavour flavour) {
    public StandInOptions {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535, got " + port);
        }
        if ((basicUser == null) != (basicSecret == null)) {
            throw new IllegalArgumentException("Basic auth needs both a user and a secret");
        }
        if (maxBlock == null || maxBlock.isNegative()) {
            throw new IllegalArgumentException("maxBlock must be >= 0");
        }
        if (flavour == null) {
            throw new IllegalArgumentException("flavour is required");
        }
    }

    /** Confluent's flavour; the form before {@link Flavour} existed. */
    public StandInOptions(
            int port,
            String basicUser,
            String basicSecret,
            String bearerToken,
            Duration maxBlock,
            boolean strictClusterId) {
        this(port, basicUser, basicSecret, bearerToken, maxBlock, strictClusterId, Flavour.CONFLUENT);
    }

    /** Any free port, no auth, {@code max.block.ms} = 1 s, strict cluster id. */
    public static StandInOptions defaults() {
        return new StandInOptions(0, null, null, null, Duration.ofSeconds(1), true, Flavour.CONFLUENT);
    }

    public StandInOptions withPort(int p) {
        return new StandInOptions(p, basicUser, basicSecret, bearerToken, maxBlock, strictClusterId, flavour);
    }

    public StandInOptions withBasicAuth(String user, String secret) {
        return new StandInOptions(port, user, secret, bearerToken, maxBlock, strictClusterId, flavour);
    }

    public StandInOptions withBearerToken(String token) {
        return new StandInOptions(port, basicUser, basicSecret, token, maxBlock, strictClusterId, flavour);
    }

    public StandInOptions withMaxBlock(Duration d) {
        return new StandInOptions(port, basicUser, basicSecret, bearerToken, d, strictClusterId, flavour);
    }

    public StandInOptions withStrictClusterId(boolean strict) {
        return new StandInOptions(port, basicUser, basicSecret, bearerToken, maxBlock, strict, flavour);
    }

    /** Imitates {@code f}: {@link Flavour#STRIMZI} for Strimzi's HTTP Bridge. */
    public StandInOptions withFlavour(Flavour f) {
        return new StandInOptions(port, basicUser, basicSecret, bearerToken, maxBlock, strictClusterId, f);
    }

    boolean requiresAuth() {
        return basicUser != null || bearerToken != null;
    }
}
