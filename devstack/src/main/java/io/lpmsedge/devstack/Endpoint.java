package io.lpmsedge.devstack;

/** The stand-in's endpoints, so a fault can be aimed at some of them only. */
public enum Endpoint {
    /** {@code POST /topics/{topic}} and {@code POST /topics/{topic}/partitions/{p}}. */
    V2_PRODUCE,
    /** {@code POST /v3/clusters/{id}/topics/{topic}/records}. */
    V3_PRODUCE,
    /** {@code GET /v3/clusters}. */
    V3_CLUSTERS,
    /** {@code GET /topics/{topic}}: a topic's metadata (v2), 404 when it does not exist. */
    V2_TOPIC,
    /** {@code GET /v3/clusters/{id}/topics/{topic}}: a topic (v3), 404 when it does not exist. */
    V3_TOPIC
}
