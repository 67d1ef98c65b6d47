package io.lpmsedge.bridge.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lpmsedge.bridge.session.LinkState;
import io.lpmsedge.bridge.status.BridgeStatus;
import io.lpmsedge.bridge.status.ReloadStatus;
import io.lpmsedge.bridge.status.ScoringStatus;
import io.lpmsedge.bridge.status.SensorStatus;
import java.io.ByteArrayOutputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/** /api/status names the model of each scored sensor, and the bridge's reloads once, at the top. */
class StatusJsonModelTest {
    @Test
    void eachScoredSensorNamesItsModelAndTheReloads() throws Exception {
        ReloadStatus reloads = new ReloadStatus(2, 1, "config reload (SIGHUP) refused, …", false, 1_795_000_200_000L);
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
                new ScoringStatus("OK", 0.001, 0.002, 5, 0, 0, List.of(), "arm", 1_795_000_000_000L));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new StatusJson()
                .writeStatus(new BridgeStatus("b", "boot", 0, 0, 0, 0, List.of(s, s), null, List.of(), reloads), out);
        JsonNode root = new ObjectMapper().readTree(out.toByteArray());
        JsonNode sc = root.get("sensors").get(0).get("scoring");
        assertEquals("arm", sc.get("model").asText());
        assertEquals(1_795_000_000_000L, sc.get("modelLoadedAtMs").asLong());
        assertFalse(sc.has("reloads"), "reloads are the bridge's, not repeated per sensor: " + sc);
        assertFalse(root.get("sensors").get(1).get("scoring").has("reloads"));
        JsonNode r = root.get("reloads");
        assertEquals(2, r.get("installed").asLong());
        assertEquals(1, r.get("refused").asLong());
        assertEquals("config reload (SIGHUP) refused, …", r.get("last").asText());
        assertFalse(r.get("lastInstalled").asBoolean());
        assertEquals(1_795_000_200_000L, r.get("lastAtMs").asLong());
    }
}
