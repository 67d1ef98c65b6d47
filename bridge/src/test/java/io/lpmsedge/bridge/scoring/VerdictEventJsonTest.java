package io.lpmsedge.bridge.scoring;

import io.lpmsedge.scorer.window.Verdict;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The verdict event layout of docs/scoring.md#verdict-events, key by key and in order. */
class VerdictEventJsonTest {
    @Test
    void schemaOneInTheDocumentedOrder() {
        VerdictEvent e = new VerdictEvent("verdict", "arm-1", "line-3", "boot", 2, 5, 1000, 1199, 24.35, 26.34,
                1795435285746364652L, 0.0031, 0.00126, true, Verdict.FAILURE, Verdict.OK, "arm_ae.zip");
        assertTrue(e.changed());
        assertEquals("{\"schema\":1,\"type\":\"verdict\",\"sensor\":\"arm-1\",\"bridge\":\"line-3\",\"bootId\":\"boot\","
                + "\"linkEpoch\":2,\"window\":5,\"firstSeq\":1000,\"lastSeq\":1199,\"startTime\":24.35,\"endTime\":26.34,"
                + "\"recvNs\":1795435285746364652,\"rms\":0.0031,\"threshold\":0.00126,\"exceeds\":true,"
                + "\"verdict\":\"FAILURE\",\"previousVerdict\":\"OK\",\"model\":\"arm_ae.zip\"}",
                new String(new VerdictEventJson().encode(e), StandardCharsets.UTF_8));
    }

    @Test
    void unknownTimesAndANanScoreAreNullNotInvalidJson() {
        VerdictEvent e = new VerdictEvent("window", "a", "b", "c", 1, 0, 0, 199, Double.NaN, Double.NaN, 0,
                Double.NaN, 0.5, false, Verdict.OK, Verdict.OK, "m.zip");
        String json = new String(new VerdictEventJson().encode(e), StandardCharsets.UTF_8);
        assertTrue(json.contains("\"startTime\":null,\"endTime\":null,\"recvNs\":0,\"rms\":null,\"threshold\":0.5,"), json);
    }
}
