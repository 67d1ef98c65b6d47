package io.lpmsedge.record.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatusEventJsonTest {
    private final StatusEventJson json = new StatusEventJson();

    static StatusEvent sample() {
        return new StatusEvent(
                "press-line-3",
                "6f1c-boot",
                "0.1.0",
                7,
                1_795_430_712_345L,
                61_000,
                10_000,
                "change",
                List.of(
                        new StatusEvent.Sensor("arm-1", "STREAMING", 99.8, 12, 6100, 3, "FAILURE", "arm_ae.zip"),
                        new StatusEvent.Sensor("arm-2", "BACKOFF", 0, -1, 0, 0, null, null)),
                new StatusEvent.Spool(1_048_576, 8_000_000_000L, 5120, 42_000),
                List.of(new StatusEvent.Sink("cluster", 5120, 42_000, "http_503", 7)));
    }

    @Test
    void whatTheBridgeWritesTheFleetReadsBack() throws Exception {
        StatusEvent e = sample();
        assertEquals(e, json.decode(json.encode(e)));
        String text = new String(json.encode(e), StandardCharsets.UTF_8);
        assertTrue(text.startsWith("{\"schema\":1,\"type\":\"status\",\"bridge\":\"press-line-3\""), text);
        // an unscored sensor has no verdict keys at all, not "verdict":null
        assertTrue(
                text.contains("{\"name\":\"arm-2\",\"state\":\"BACKOFF\",\"rate\":0.0,\"lastReadingAgeMs\":-1,"
                        + "\"readings\":0,\"badFrames\":0}"),
                text);
    }

    @Test
    void withoutASpoolAndWithUnknownKeysFromALaterMinorVersion() throws Exception {
        String text = "{\"schema\":1,\"type\":\"status\",\"bridge\":\"b\",\"bootId\":\"x\",\"version\":\"9\",\"seq\":0,"
                + "\"time\":5,\"uptimeMs\":1,\"intervalMs\":10000,\"reason\":\"start\",\"sensors\":[],\"sinks\":[],"
                + "\"newThing\":{\"deep\":[1,2,{\"a\":null}]}}";
        StatusEvent e = json.decode(text.getBytes(StandardCharsets.UTF_8));
        assertNull(e.spool());
        assertEquals("b", e.bridge());
        assertEquals(10_000, e.intervalMillis());
    }

    @Test
    void anotherSchemaIsRefusedAsUnknownSchemaNotAsGarbage() {
        String text = new String(json.encode(sample()), StandardCharsets.UTF_8).replace("\"schema\":1", "\"schema\":2");
        StatusFormatException e =
                assertThrows(StatusFormatException.class, () -> json.decode(text.getBytes(StandardCharsets.UTF_8)));
        assertEquals(StatusFormatException.Kind.UNKNOWN_SCHEMA, e.kind());
        assertTrue(e.getMessage().contains("schema 2"), e.getMessage());
    }

    @Test
    void garbageTombstonesAndMissingFieldsAreNamed() {
        StatusFormatException garbage = assertThrows(
                StatusFormatException.class,
                () -> json.decode(new byte[] {(byte) 0xD9, (byte) 0xD9, (byte) 0xF7, 1, 2}));
        assertEquals(StatusFormatException.Kind.NOT_JSON, garbage.kind());
        assertEquals(
                StatusFormatException.Kind.NOT_JSON,
                assertThrows(StatusFormatException.class, () -> json.decode(new byte[0]))
                        .kind());
        assertEquals(
                StatusFormatException.Kind.NOT_JSON,
                assertThrows(StatusFormatException.class, () -> json.decode("[1,2]".getBytes(StandardCharsets.UTF_8)))
                        .kind());
        String noBoot = new String(json.encode(sample()), StandardCharsets.UTF_8).replace("\"bootId\"", "\"bootid\"");
        StatusFormatException missing =
                assertThrows(StatusFormatException.class, () -> json.decode(noBoot.getBytes(StandardCharsets.UTF_8)));
        assertEquals(StatusFormatException.Kind.INVALID, missing.kind());
        assertEquals("bootId is missing, expected a string", missing.getMessage());
        String badSensor = new String(json.encode(sample()), StandardCharsets.UTF_8)
                .replace("\"readings\":6100", "\"readings\":\"many\"");
        assertEquals(
                "sensors[0].readings is 'many', expected a whole number",
                assertThrows(StatusFormatException.class, () -> json.decode(badSensor.getBytes(StandardCharsets.UTF_8)))
                        .getMessage());
    }

    @Test
    void aHoldingSinkCarriesTheFarSidesWordsCappedAndAbsentOtherwise() throws Exception {
        String page = "400 Bad Request: " + "x".repeat(1000);
        StatusEvent e = new StatusEvent(
                "b",
                "boot",
                "0.1.0",
                1,
                5,
                1,
                10_000,
                "change",
                List.of(),
                null,
                List.of(
                        new StatusEvent.Sink("cluster", 30, -1, "refused", 1, page),
                        new StatusEvent.Sink("file", 0, 10, null, 0)));
        StatusEvent back = json.decode(json.encode(e));
        String problem = back.sinks().get(0).problem();
        assertEquals(StatusEvent.Sink.PROBLEM_MAX_CHARS, problem.length());
        assertTrue(problem.startsWith("400 Bad Request: xxx") && problem.endsWith("…"), problem);
        assertNull(back.sinks().get(1).problem());
        assertTrue(!new String(json.encode(e), StandardCharsets.UTF_8).contains("\"problem\":null"));
    }
}
