package io.lpmsedge.bridge.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lpmsedge.bridge.session.LinkState;
import io.lpmsedge.bridge.status.BridgeStatus;
import io.lpmsedge.bridge.status.ScoringStatus;
import io.lpmsedge.bridge.status.SensorStatus;
import java.io.ByteArrayOutputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/** /api/status names the model of each scored sensor and the last reload's outcome. */
class StatusJsonModelTest {
    @Test
    void eachScoredSensorNamesItsModelAndTheReloads() throws Exception {
        ScoringStatus.Reloads reloads = new ScoringStatus.Reloads(2, 1, "model reload (SIGHUP) refused, …", false);
        SensorStatus s = new SensorStatus(
                "arm-1",
                "tcp://x",
                LinkState.STREAMING,
                10,
                400,
                1,
                1,
                0,
                0,
                0,
                0,
                10,
                0,
                0,
                0,
                0,
                0,
                0,
                null,
                new ScoringStatus("OK", 0.001, 0.002, 5, 0, 0, List.of(), "arm", 1_795_000_000_000L, reloads));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new StatusJson().writeStatus(new BridgeStatus("b", "boot", 0, 0, 0, 0, List.of(s), null, List.of()), out);
        JsonNode sc = new ObjectMapper()
                .readTree(out.toByteArray())
                .get("sensors")
                .get(0)
                .get("scoring");
        assertEquals("arm", sc.get("model").asText());
        assertEquals(1_795_000_000_000L, sc.get("modelLoadedAtMs").asLong());
        assertEquals(2, sc.get("reloads").get("installed").asLong());
        assertEquals(1, sc.get("reloads").get("refused").asLong());
        assertEquals(
                "model reload (SIGHUP) refused, …",
                sc.get("reloads").get("last").asText());
        assertFalse(sc.get("reloads").get("lastInstalled").asBoolean());
    }
}
