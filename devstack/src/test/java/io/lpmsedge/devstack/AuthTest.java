package io.lpmsedge.devstack;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AuthTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final DevStack STACK = DevStack.shared();
    static RestProxyStandIn secured;
    String topic;

    @BeforeAll
    static void start() {
        // Its own stand-in over the shared broker: auth is a start-up option, and the shared one has none.
        secured = RestProxyStandIn.start(
                STACK.kafka(),
                StandInOptions.defaults().withBasicAuth("api-key", "s3cret").withBearerToken("tok-123"));
    }

    @BeforeEach
    void freshTopicAndLog() {
        secured.reset();
        topic = STACK.newTopic("auth", 1);
    }

    @AfterAll
    static void stop() {
        secured.close();
    }

    static String basic(String user, String secret) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }

    HttpResponse<String> produce(String... headers) throws Exception {
        return Http.post(
                secured.baseUrl() + "/topics/" + topic, Http.V2_JSON, "{\"records\":[{\"value\":1}]}", headers);
    }

    @Test
    void missingOrWrongCredentialsGet401WithAConfluentStyleBodyAndNothingIsWritten() throws Exception {
        for (HttpResponse<String> r : new HttpResponse[] {
            produce(),
            produce("Authorization", basic("api-key", "no")),
            produce("Authorization", "Bearer wrong"),
            produce("Authorization", basic("other", "s3cret"))
        }) {
            assertEquals(401, r.statusCode());
            assertEquals(401, JSON.readTree(r.body()).get("error_code").asInt());
            assertEquals(
                    "Basic realm=\"lpms-edge-devstack\"",
                    r.headers().firstValue("WWW-Authenticate").orElse(""));
        }
        assertEquals(401, Http.get(secured.v3BaseUrl() + "/clusters").statusCode());
        assertEquals(5, secured.requests().size());
        HttpResponse<String> ok = produce("Authorization", basic("api-key", "s3cret"));
        assertEquals(
                0,
                JSON.readTree(ok.body()).get("offsets").get(0).get("offset").asLong(),
                "no refused request may have been written");
    }

    @Test
    void basicOrBearerIsAccepted() throws Exception {
        HttpResponse<String> basic = produce("Authorization", basic("api-key", "s3cret"));
        assertEquals(200, basic.statusCode(), basic.body());
        HttpResponse<String> bearer = produce("Authorization", "Bearer tok-123");
        assertEquals(200, bearer.statusCode(), bearer.body());
        long first =
                JSON.readTree(basic.body()).get("offsets").get(0).get("offset").asLong();
        long second =
                JSON.readTree(bearer.body()).get("offsets").get(0).get("offset").asLong();
        assertEquals(first + 1, second);
        assertEquals(
                200,
                Http.get(secured.v3BaseUrl() + "/clusters", "Authorization", "Bearer tok-123")
                        .statusCode());
    }
}
