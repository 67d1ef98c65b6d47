package io.lpmsedge.devstack;

/**
 * Where a request goes: its endpoint and the path parameters.
 *
 * @param endpoint  the endpoint
 * @param topic     topic from the path (produce endpoints)
 * @param partition partition from {@code /topics/{t}/partitions/{p}}, else null
 * @param clusterId cluster id from the v3 path, else null
 */
record Route(Endpoint endpoint, String topic, Integer partition, String clusterId) {

    /** The route for a method and decoded path; null for an unknown path. */
    static Route of(String method, String path) {
        String[] s = path.split("/", -1);
        // "/topics/t" -> ["", "topics", "t"]
        if (s.length == 3 && s[1].equals("topics") && !s[2].isEmpty()) {
            return new Route("GET".equals(method) ? Endpoint.V2_TOPIC : Endpoint.V2_PRODUCE, s[2], null, null);
        }
        // "/v3/clusters/id/topics/t" -> ["", "v3", "clusters", id, "topics", t]
        if (s.length == 6
                && s[1].equals("v3")
                && s[2].equals("clusters")
                && !s[3].isEmpty()
                && s[4].equals("topics")
                && !s[5].isEmpty()) {
            return new Route(Endpoint.V3_TOPIC, s[5], null, s[3]);
        }
        if (s.length == 5 && s[1].equals("topics") && !s[2].isEmpty() && s[3].equals("partitions")) {
            try {
                return new Route(Endpoint.V2_PRODUCE, s[2], Integer.parseInt(s[4]), null);
            } catch (NumberFormatException e) {
                return null;
            }
        }
        if ((s.length == 3 && s[1].equals("v3") && s[2].equals("clusters"))
                || (s.length == 4 && s[1].equals("v3") && s[2].equals("clusters") && s[3].isEmpty())) {
            return new Route(Endpoint.V3_CLUSTERS, null, null, null);
        }
        // "/v3/clusters/id/topics/t/records" -> ["", "v3", "clusters", id, "topics", t, "records"]
        if (s.length == 7
                && s[1].equals("v3")
                && s[2].equals("clusters")
                && !s[3].isEmpty()
                && s[4].equals("topics")
                && !s[5].isEmpty()
                && s[6].equals("records")) {
            return new Route(Endpoint.V3_PRODUCE, s[5], null, s[3]);
        }
        return null;
    }

    String method() {
        return endpoint == Endpoint.V3_CLUSTERS || endpoint == Endpoint.V2_TOPIC || endpoint == Endpoint.V3_TOPIC
                ? "GET"
                : "POST";
    }
}
