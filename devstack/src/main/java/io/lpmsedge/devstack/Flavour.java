package io.lpmsedge.devstack;

/**
 * Which REST proxy the stand-in imitates. Both produce over a real broker; they differ in the APIs offered and in
 * how they word errors, which is what a client must cope with.
 */
public enum Flavour {
    /**
     * Confluent's REST Proxy: v2 and v3, five-digit error codes ({@code 40401}, {@code 50003}), v2 per-record
     * errors as {@code {"partition":null,"offset":null,"error_code":50003,"error":"…"}}.
     */
    CONFLUENT,
    /**
     * Strimzi's Kafka HTTP Bridge: v2 only (every {@code /v3/…} path answers {@code 404
     * {"error_code":404,"message":"Not Found"}}), HTTP-style codes everywhere, per-record errors as
     * {@code {"error_code":404|500,"message":"…"}}: 404 when the producer found no metadata for the topic (after
     * {@code max.block.ms}, 60 s by default), 500 for any other Kafka exception.
     */
    STRIMZI;

    /** The code this flavour puts in a body for a Confluent-style code: Strimzi only has HTTP statuses. */
    int code(int confluentCode) {
        return this == STRIMZI && confluentCode >= 10000 ? confluentCode / 100 : confluentCode;
    }
}
