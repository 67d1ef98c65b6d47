package io.lpmsedge.record.verdict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The verdict event layout of docs/scoring.md#verdict-events, key by key and in order, and what the fleet reads. */
class VerdictEventJsonTest {
    private final VerdictEventJson json = new VerdictEventJson();

    static VerdictEvent bridgeChange() {
        return new VerdictEvent(
                "bridge",
                "arm-1",
                "press-line-3",
                "ab51",
                1,
                5,
                1000,
                1199,
                24.35,
                26.34,
                1795435285746364652L,
                0.00309,
                0.00126,
                true,
                "FAILURE",
                "OK",
                "arm_ae.zip");
    }

    private String text(VerdictEvent e) {
        return new String(json.encode(e), StandardCharsets.UTF_8);
    }

    private VerdictEvent read(String text) throws VerdictFormatException {
        return json.decode(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void schemaTwoAsTheBridgeWritesIt() throws Exception {
        VerdictEvent e = bridgeChange();
        String text = text(e);
        assertEquals(
                "{\"schema\":2,\"type\":\"verdict\",\"source\":\"bridge\",\"sensor\":\"arm-1\","
                        + "\"bridge\":\"press-line-3\",\"bootId\":\"ab51\",\"linkEpoch\":1,\"window\":5,\"firstSeq\":1000,"
                        + "\"lastSeq\":1199,\"rows\":200,\"startTime\":24.35,\"endTime\":26.34,\"recvNs\":1795435285746364652,"
                        + "\"rms\":0.00309,\"threshold\":0.00126,\"exceeds\":true,\"verdict\":\"FAILURE\","
                        + "\"previousVerdict\":\"OK\",\"model\":\"arm_ae.zip\"}",
                text);
        assertEquals(e, read(text));
    }

    @Test
    void schemaTwoAsTheScoreServiceWritesItAWindowSummaryWithoutAWindowIndex() throws Exception {
        VerdictEvent e = new VerdictEvent(
                "score-service",
                "arm-1",
                "press-line-3",
                "ab51",
                1,
                VerdictEvent.NO_WINDOW,
                1200,
                1399,
                Double.NaN,
                Double.NaN,
                0,
                Double.NaN,
                0.5,
                false,
                "OK",
                "OK",
                "arm_ae.zip");
        String text = text(e);
        assertEquals(
                "{\"schema\":2,\"type\":\"window\",\"source\":\"score-service\",\"sensor\":\"arm-1\","
                        + "\"bridge\":\"press-line-3\",\"bootId\":\"ab51\",\"linkEpoch\":1,\"firstSeq\":1200,\"lastSeq\":1399,"
                        + "\"rows\":200,\"startTime\":null,\"endTime\":null,\"recvNs\":null,\"rms\":null,\"threshold\":0.5,"
                        + "\"exceeds\":false,\"verdict\":\"OK\",\"previousVerdict\":\"OK\",\"model\":\"arm_ae.zip\"}",
                text,
                "no window key at all (not null), unknown numbers null (JSON has no NaN)");
        VerdictEvent back = read(text);
        assertFalse(back.hasWindow());
        assertTrue(Double.isNaN(back.rms()));
        assertEquals(e.toString(), back.toString());
    }

    @Test
    void theBridgesSchemaOneIsStillRead() throws Exception {
        // byte for byte what the bridge wrote before schema 2
        VerdictEvent e = read("{\"schema\":1,\"type\":\"verdict\",\"sensor\":\"arm-1\",\"bridge\":\"line-3\","
                + "\"bootId\":\"boot\",\"linkEpoch\":2,\"window\":5,\"firstSeq\":1000,\"lastSeq\":1199,\"startTime\":24.35,"
                + "\"endTime\":26.34,\"recvNs\":1795435285746364652,\"rms\":0.0031,\"threshold\":0.00126,"
                + "\"exceeds\":true,\"verdict\":\"FAILURE\",\"previousVerdict\":\"OK\",\"model\":\"arm_ae.zip\"}");
        assertEquals(
                new VerdictEvent(
                        "bridge",
                        "arm-1",
                        "line-3",
                        "boot",
                        2,
                        5,
                        1000,
                        1199,
                        24.35,
                        26.34,
                        1795435285746364652L,
                        0.0031,
                        0.00126,
                        true,
                        "FAILURE",
                        "OK",
                        "arm_ae.zip"),
                e);
    }

    @Test
    void theScoreServicesSchemaOneIsStillReadItsUnchangedWindowsTooThoughTheySaidVerdict() throws Exception {
        VerdictEvent e =
                read("{\"schema\":1,\"type\":\"verdict\",\"source\":\"score-service\",\"sensor\":\"robot-arm-1\","
                        + "\"bridge\":\"press-line-3\",\"bootId\":\"6f1c\",\"linkEpoch\":2,\"firstSeq\":1100,\"lastSeq\":1299,"
                        + "\"rows\":200,\"startTime\":300.41,\"endTime\":302.40,\"rms\":0.0053,\"threshold\":0.0102,"
                        + "\"exceeds\":false,\"verdict\":\"OK\",\"previousVerdict\":\"OK\",\"changed\":false,"
                        + "\"model\":\"spindle_ae.zip\"}");
        assertEquals(
                new VerdictEvent(
                        "score-service",
                        "robot-arm-1",
                        "press-line-3",
                        "6f1c",
                        2,
                        VerdictEvent.NO_WINDOW,
                        1100,
                        1299,
                        300.41,
                        302.40,
                        0,
                        0.0053,
                        0.0102,
                        false,
                        "OK",
                        "OK",
                        "spindle_ae.zip"),
                e);
        assertEquals("window", e.type());
    }

    @Test
    void unknownKeysOfALaterMinorVersionAreSkipped() throws Exception {
        String text =
                text(bridgeChange()).replace("\"model\"", "\"extra\":{\"a\":[1,{\"b\":2}]},\"note\":\"x\",\"model\"");
        assertEquals(bridgeChange(), read(text));
    }

    @Test
    void anotherSchemaIsUnknownNotInvalid() {
        String text = text(bridgeChange()).replace("\"schema\":2", "\"schema\":3");
        VerdictFormatException e = assertThrows(VerdictFormatException.class, () -> read(text));
        assertEquals(VerdictFormatException.Kind.UNKNOWN_SCHEMA, e.kind());
        assertTrue(
                e.getMessage().contains("schema 3") && e.getMessage().contains("upgrade lpms-edge fleet"),
                e.getMessage());
    }

    @Test
    void garbageIsNotJson() {
        for (String garbage : new String[] {"", "[1,2]", "{\"schema\":2", "\u00a1\u0001cbor"}) {
            VerdictFormatException e = assertThrows(VerdictFormatException.class, () -> read(garbage), garbage);
            assertEquals(VerdictFormatException.Kind.NOT_JSON, e.kind(), garbage + ": " + e.getMessage());
        }
    }

    @Test
    void aMissingMistypedOrContradictoryFieldIsNamed() {
        String good = text(bridgeChange());
        assertInvalid(good.replace("\"sensor\":\"arm-1\",", ""), "sensor is missing, expected a string");
        assertInvalid(
                good.replace("\"sensor\":\"arm-1\"", "\"sensor\":\"\""), "sensor is '', expected a non-empty string");
        assertInvalid(
                good.replace("\"lastSeq\":1199", "\"lastSeq\":\"1199\""), "lastSeq is '1199', expected a whole number");
        assertInvalid(good.replace("\"exceeds\":true", "\"exceeds\":1"), "exceeds is '1', expected true or false");
        assertInvalid(
                good.replace("\"verdict\":\"FAILURE\"", "\"verdict\":\"BAD\""),
                "verdict is 'BAD', expected OK or FAILURE");
        assertInvalid(
                good.replace("\"rows\":200", "\"rows\":199"),
                "rows is 199 but firstSeq 1000 .. lastSeq 1199 is 200 readings");
        assertInvalid(
                good.replace("\"type\":\"verdict\"", "\"type\":\"window\""),
                "type is 'window' but verdict FAILURE after previousVerdict OK makes it 'verdict'");
        assertInvalid(good.replace("\"type\":\"verdict\"", "\"type\":\"status\""), "type is 'status'");
        assertInvalid(good.replace("\"source\":\"bridge\",", ""), "source is missing");
    }

    private void assertInvalid(String text, String message) {
        VerdictFormatException e = assertThrows(VerdictFormatException.class, () -> read(text), text);
        assertEquals(VerdictFormatException.Kind.INVALID, e.kind(), e.getMessage());
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }
}
