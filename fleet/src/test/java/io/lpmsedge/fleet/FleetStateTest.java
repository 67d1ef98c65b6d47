package io.lpmsedge.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lpmsedge.record.status.StatusEvent;
import io.lpmsedge.record.status.StatusEventJson;
import io.lpmsedge.record.verdict.VerdictEvent;
import io.lpmsedge.record.verdict.VerdictEventJson;
import io.lpmsedge.testsupport.ManualClock;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The fleet's state model with a hand-moved clock: OFFLINE, restarts, clashes, bad input, verdicts. */
class FleetStateTest {
    private static final long T0 = 1_795_000_000_000L;
    private final ManualClock clock = new ManualClock(T0);
    private final FleetState fleet = new FleetState(clock);
    private final StatusEventJson json = new StatusEventJson();
    private long seq;

    private byte[] status(String bridge, String boot, String reason, StatusEvent.Sensor... sensors) {
        return json.encode(new StatusEvent(
                bridge,
                boot,
                "0.1.0",
                seq++,
                clock.millis(),
                60_000,
                10_000,
                reason,
                List.of(sensors),
                new StatusEvent.Spool(2 << 20, 8 << 20, 300, 4_000),
                List.of()));
    }

    private static StatusEvent.Sensor sensor(String name, String state, String verdict) {
        return new StatusEvent.Sensor(name, state, 100, 20, 5000, 0, verdict, verdict == null ? null : "arm_ae.zip");
    }

    private void arrive(byte[] value) {
        fleet.status(value, clock.millis(), "status/0@" + seq);
    }

    private FleetView.Bridge bridge(String name) {
        return fleet.view().bridges().stream()
                .filter(b -> b.name().equals(name))
                .findFirst()
                .orElseThrow();
    }

    private FleetView.Machine machine(String bridge, String name) {
        return bridge(bridge).machines().stream()
                .filter(m -> m.name().equals(name))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void offlineIsAPureFunctionOfArrivalIntervalStopAndNow() {
        assertEquals(
                Liveness.State.ONLINE,
                Liveness.judge(1000, 10_000, false, 31_000).state());
        assertEquals(new Liveness(Liveness.State.OFFLINE, "silent"), Liveness.judge(1000, 10_000, false, 31_001));
        assertEquals(new Liveness(Liveness.State.OFFLINE, "silent"), Liveness.judge(1000, 1_000, false, 4_001));
        assertEquals(new Liveness(Liveness.State.OFFLINE, "stopped"), Liveness.judge(1000, 10_000, true, 1000));
        assertEquals(
                Liveness.State.UNKNOWN, Liveness.judge(-1, 10_000, false, 0).state());
    }

    @Test
    void aSilentBridgeGoesOfflineAfterThreeIntervalsAndItsMachinesShowNoData() {
        arrive(status("press-3", "boot-a", "start", sensor("arm-1", "STREAMING", "OK")));
        assertEquals("OK", machine("press-3", "arm-1").display());
        clock.advance(30_000);
        assertEquals(Liveness.State.ONLINE, bridge("press-3").liveness().state());
        assertEquals(30_020, machine("press-3", "arm-1").dataAgeMillis(), "its age in the event + time since");
        clock.advance(1);
        FleetView.Bridge b = bridge("press-3");
        assertEquals(new Liveness(Liveness.State.OFFLINE, "silent"), b.liveness());
        assertEquals(30_001, b.lastSeenAgeMillis());
        assertEquals("NO DATA", b.machines().get(0).display());
        assertEquals("bridge offline (silent)", b.machines().get(0).why());
        arrive(status("press-3", "boot-a", "periodic", sensor("arm-1", "STREAMING", "OK")));
        assertEquals(Liveness.State.ONLINE, bridge("press-3").liveness().state());
        assertEquals(0, bridge("press-3").restarts());
    }

    @Test
    void aCleanStopIsOfflineAtOnceAndANewBootIsARestartNotAClash() {
        arrive(status("press-3", "boot-a", "start", sensor("arm-1", "STREAMING", "OK")));
        arrive(status("press-3", "boot-a", "stop", sensor("arm-1", "STOPPED", "OK")));
        assertEquals(
                new Liveness(Liveness.State.OFFLINE, "stopped"),
                bridge("press-3").liveness());
        clock.advance(5_000);
        arrive(status("press-3", "boot-b", "start", sensor("arm-1", "CONNECTING", "UNKNOWN")));
        FleetView.Bridge b = bridge("press-3");
        assertEquals(Liveness.State.ONLINE, b.liveness().state());
        assertEquals(1, b.restarts());
        assertEquals("boot-b", b.bootId());
        assertEquals(List.of(), b.clashBootIds());
        assertEquals("sensor link CONNECTING", b.machines().get(0).why());
        assertEquals(0, fleet.view().problems().total());
    }

    @Test
    void twoBootsAlternatingUnderOneNameAreAClashShownWhileItLasts() {
        arrive(status("press-3", "boot-a", "start", sensor("arm-1", "STREAMING", "OK")));
        arrive(status("press-3", "boot-b", "start", sensor("arm-9", "STREAMING", "OK")));
        assertEquals(List.of(), bridge("press-3").clashBootIds(), "one switch is a restart");
        clock.advance(1_000);
        arrive(status("press-3", "boot-a", "periodic", sensor("arm-1", "STREAMING", "OK")));
        assertEquals(List.of("boot-a", "boot-b"), bridge("press-3").clashBootIds());
        assertEquals(1, fleet.problems("status/name-clash"));
        FleetView.Problem p = fleet.view().problems().recent().get(0);
        assertTrue(p.message().contains("give each bridge its own [bridge] name"), p.message());
        clock.advance(31_000); // the other one went away: no longer a clash now, still counted
        arrive(status("press-3", "boot-a", "periodic", sensor("arm-1", "STREAMING", "OK")));
        assertEquals(List.of(), bridge("press-3").clashBootIds());
        assertEquals(1, fleet.problems("status/name-clash"));
    }

    @Test
    void garbageUnknownSchemasAndMissingFieldsAreCountedWithWhereAndNothingElseChanges() {
        arrive(status("press-3", "boot-a", "start", sensor("arm-1", "STREAMING", "OK")));
        fleet.status("not json at all".getBytes(StandardCharsets.UTF_8), clock.millis(), "status/1@17");
        fleet.status(new byte[0], clock.millis(), "status/1@18");
        String v2 = new String(status("press-3", "boot-a", "periodic"), StandardCharsets.UTF_8)
                .replace("\"schema\":1", "\"schema\":2");
        fleet.status(v2.getBytes(StandardCharsets.UTF_8), clock.millis(), "status/0@19");
        fleet.status(
                "{\"schema\":1,\"type\":\"status\"}".getBytes(StandardCharsets.UTF_8), clock.millis(), "status/0@20");
        fleet.verdict(true, new byte[] {1, 2, 3}, clock.millis(), "cluster-verdicts/3@5");
        assertEquals(2, fleet.problems("status/not-json"));
        assertEquals(1, fleet.problems("status/unknown-schema"));
        assertEquals(1, fleet.problems("status/invalid"));
        assertEquals(1, fleet.problems("cluster-verdicts/not-json"));
        FleetView v = fleet.view();
        assertEquals(5, v.problems().total());
        FleetView.Problem v2Problem = v.problems().recent().get(2); // newest first
        assertEquals("status/0@19", v2Problem.where());
        assertTrue(v2Problem.message().contains("schema 2"), v2Problem.message());
        assertEquals(1, v.bridges().size());
        assertEquals("OK", machine("press-3", "arm-1").display());
    }

    @Test
    void anEventFromTheFutureIsCountedAndCannotKeepABridgeOnline() {
        clock.advance(3_600_000);
        byte[] future = status("press-3", "boot-a", "start", sensor("arm-1", "STREAMING", "OK"));
        clock.advance(-3_600_000);
        arrive(future);
        FleetView.Bridge b = bridge("press-3");
        assertEquals(3_600_000, b.clockAheadMillis());
        assertEquals(1, fleet.problems("status/from-future"));
        assertEquals(Liveness.State.ONLINE, b.liveness().state());
        clock.advance(30_001);
        assertEquals(Liveness.State.OFFLINE, bridge("press-3").liveness().state());
        // a record timestamp from the future (a producer on the Pi's clock) is capped at now as well
        fleet.status(
                status("press-3", "boot-a", "periodic", sensor("arm-1", "STREAMING", "OK")),
                clock.millis() + 7_200_000,
                "status/0@9");
        assertEquals(0, bridge("press-3").lastSeenAgeMillis());
        assertEquals(2, fleet.problems("status/from-future"));
        List<FleetView.Problem> listed = fleet.view().problems().recent().stream()
                .filter(p -> p.kind().equals("status/from-future"))
                .toList();
        assertEquals(1, listed.size(), "counted twice, listed once for the bridge: " + listed);
        assertEquals("bridge press-3", listed.get(0).where());
    }

    @Test
    void aLateCopyOfAnOlderEventIsNotApplied() {
        byte[] first = status("press-3", "boot-a", "start", sensor("arm-1", "STREAMING", "OK"));
        byte[] second = status("press-3", "boot-a", "change", sensor("arm-1", "STREAMING", "FAILURE"));
        arrive(first);
        arrive(second);
        arrive(first);
        assertEquals("FAILURE", machine("press-3", "arm-1").display());
        assertEquals(0, fleet.view().problems().total());
    }

    /** Byte for byte what the bridge wrote before schema 2 (a fleet upgraded first still reads it). */
    private static byte[] bridgeSchemaOne(long recvMillis) {
        return ("{\"schema\":1,\"type\":\"verdict\",\"sensor\":\"arm-1\",\"bridge\":\"press-3\",\"bootId\":\"boot-a\","
                        + "\"linkEpoch\":1,\"window\":5,\"firstSeq\":1000,\"lastSeq\":1199,\"startTime\":24.35,\"endTime\":26.34,"
                        + "\"recvNs\":" + recvMillis * 1_000_000
                        + ",\"rms\":0.0031,\"threshold\":0.00126,\"exceeds\":true,"
                        + "\"verdict\":\"FAILURE\",\"previousVerdict\":\"OK\",\"model\":\"arm_ae.zip\"}")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** Byte for byte what the score-service wrote before schema 2: an unchanged window still said "verdict". */
    private static byte[] clusterSchemaOne() {
        return ("{\"schema\":1,\"type\":\"verdict\",\"source\":\"score-service\",\"sensor\":\"conveyor\","
                        + "\"bridge\":\"press-3\",\"bootId\":\"boot-a\",\"linkEpoch\":1,\"firstSeq\":0,\"lastSeq\":99,"
                        + "\"rows\":100,\"startTime\":0.0,\"endTime\":0.99,\"rms\":0.001,\"threshold\":0.01,\"exceeds\":false,"
                        + "\"verdict\":\"OK\",\"previousVerdict\":\"OK\",\"changed\":false,\"model\":\"belt.zip\"}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] bridgeSchemaTwo(long recvMillis) {
        return new VerdictEventJson()
                .encode(new VerdictEvent(
                        "bridge",
                        "arm-1",
                        "press-3",
                        "boot-a",
                        1,
                        5,
                        1000,
                        1199,
                        24.35,
                        26.34,
                        recvMillis * 1_000_000,
                        0.0031,
                        0.00126,
                        true,
                        "FAILURE",
                        "OK",
                        "arm_ae.zip"));
    }

    private static byte[] clusterSchemaTwo() {
        return new VerdictEventJson()
                .encode(new VerdictEvent(
                        "score-service",
                        "conveyor",
                        "press-3",
                        "boot-a",
                        1,
                        VerdictEvent.NO_WINDOW,
                        0,
                        99,
                        0.0,
                        0.99,
                        0,
                        0.001,
                        0.01,
                        false,
                        "OK",
                        "OK",
                        "belt.zip"));
    }

    @Test
    void verdictEventsOfSchemaOneGiveTheChangeAndItsTimeAndTheClusterScoresWhatTheEdgeDoesNot() {
        verdictEventsGiveTheChangeAndItsTime(FleetStateTest::bridgeSchemaOne, clusterSchemaOne());
    }

    @Test
    void verdictEventsOfSchemaTwoDoTheSame() {
        verdictEventsGiveTheChangeAndItsTime(FleetStateTest::bridgeSchemaTwo, clusterSchemaTwo());
    }

    private void verdictEventsGiveTheChangeAndItsTime(
            java.util.function.LongFunction<byte[]> edgeChangeAt, byte[] clusterOk) {
        arrive(status(
                "press-3",
                "boot-a",
                "start",
                sensor("arm-1", "STREAMING", "OK"),
                sensor("conveyor", "STREAMING", null)));
        clock.advance(2_000);
        long changedAt = clock.millis() - 500;
        fleet.verdict(false, edgeChangeAt.apply(changedAt), clock.millis(), "verdicts/0@1");
        assertEquals(0, fleet.view().problems().total(), fleet.view().problems().toString());
        FleetView.Machine arm = machine("press-3", "arm-1");
        assertEquals("FAILURE", arm.display(), "the verdict event is newer than the last status event");
        assertEquals(new FleetView.Change("FAILURE", "OK", changedAt, "edge"), arm.lastChange());
        // the next status event agrees; the exact change time stays
        clock.advance(1_000);
        arrive(status(
                "press-3",
                "boot-a",
                "change",
                sensor("arm-1", "STREAMING", "FAILURE"),
                sensor("conveyor", "STREAMING", null)));
        assertEquals(changedAt, machine("press-3", "arm-1").lastChange().atMillis());
        FleetView.Machine conveyor = machine("press-3", "conveyor");
        assertEquals("NO DATA", conveyor.display());
        assertEquals("not scored", conveyor.why());
        fleet.verdict(true, clusterOk, clock.millis(), "cluster-verdicts/0@1");
        assertEquals(0, fleet.view().problems().total(), fleet.view().problems().toString());
        conveyor = machine("press-3", "conveyor");
        assertEquals("OK", conveyor.display());
        assertEquals("scored by the cluster", conveyor.why());
        assertNull(conveyor.lastChange(), "an unchanged window is no change, whichever schema");
    }

    @Test
    void aVerdictSchemaThisFleetDoesNotKnowIsCountedAndNamed() {
        byte[] three = new String(bridgeSchemaTwo(T0), StandardCharsets.UTF_8)
                .replace("\"schema\":2", "\"schema\":3")
                .getBytes(StandardCharsets.UTF_8);
        fleet.verdict(false, three, clock.millis(), "verdicts/0@7");
        byte[] noSensor = new String(clusterSchemaOne(), StandardCharsets.UTF_8)
                .replace("\"sensor\":\"conveyor\",", "")
                .getBytes(StandardCharsets.UTF_8);
        fleet.verdict(true, noSensor, clock.millis(), "cluster-verdicts/0@8");
        assertEquals(1, fleet.problems("verdicts/unknown-schema"));
        assertEquals(1, fleet.problems("cluster-verdicts/invalid"));
        assertTrue(
                fleet.view().problems().recent().stream()
                        .anyMatch(p ->
                                p.message().contains("schema 3") && p.where().equals("verdicts/0@7")),
                fleet.view().problems().toString());
    }

    @Test
    void aChangeSeenOnlyInStatusEventsIsStillShownWithTheStatusTime() {
        arrive(status("press-3", "boot-a", "start", sensor("arm-1", "STREAMING", "OK")));
        clock.advance(4_000);
        arrive(status("press-3", "boot-a", "change", sensor("arm-1", "STREAMING", "FAILURE")));
        assertEquals(
                new FleetView.Change("FAILURE", "OK", clock.millis(), "edge"),
                machine("press-3", "arm-1").lastChange());
    }

    @Test
    void garbageNamesCannotGrowTheStateBeyondItsBoundsAndAreShown() {
        FleetState small = new FleetState(clock, 3);
        for (int i = 0; i < 50; i++) {
            small.status(
                    status("pi-" + i, "boot", "start", sensor("arm", "STREAMING", "OK")), clock.millis(), "s@" + i);
        }
        assertEquals(
                List.of("pi-0", "pi-1", "pi-2"),
                small.view().bridges().stream().map(FleetView.Bridge::name).toList());
        assertEquals(47, small.problems("status/too-many-bridges"));
        assertTrue(
                small.view().problems().recent().get(0).message().contains("raise --max-bridges"),
                small.view().problems().recent().toString());
        // a known bridge keeps being tracked at the bound
        small.status(status("pi-1", "boot", "periodic", sensor("arm", "STREAMING", "FAILURE")), clock.millis(), "s@x");
        assertEquals("FAILURE", small.view().bridges().get(1).machines().get(0).display());

        StatusEvent.Sensor[] many = new StatusEvent.Sensor[FleetState.MAX_MACHINES_PER_BRIDGE + 10];
        for (int i = 0; i < many.length; i++) {
            many[i] = sensor("m" + i, "STREAMING", "OK");
        }
        arrive(status("wide", "boot", "start", many));
        assertEquals(10, fleet.problems("status/too-many-machines"));
        for (int i = 0; i < 5; i++) {
            byte[] verdict = new VerdictEventJson()
                    .encode(new VerdictEvent(
                            "bridge",
                            "v" + i,
                            "wide",
                            "boot",
                            1,
                            0,
                            0,
                            99,
                            0.0,
                            0.99,
                            0,
                            0.001,
                            0.01,
                            false,
                            "OK",
                            "OK",
                            "arm_ae.zip"));
            fleet.verdict(false, verdict, clock.millis(), "verdicts/0@" + i);
        }
        assertEquals(5, fleet.problems("verdicts/too-many-machines"));
        assertTrue(bridge("wide").machines().size() <= FleetState.MAX_MACHINES_PER_BRIDGE);
    }

    @Test
    void aTombstoneRetiresTheBridgeAndANewEventBringsItBack() {
        arrive(status("old-pi", "boot-a", "start", sensor("arm-1", "STREAMING", "OK")));
        arrive(status("press-3", "boot-b", "start", sensor("arm-2", "STREAMING", "OK")));
        fleet.status("old-pi", null, clock.millis(), "status/0@9");
        assertEquals(
                List.of("press-3"),
                fleet.view().bridges().stream().map(FleetView.Bridge::name).toList());
        assertEquals(0, fleet.problems("status/not-json"), "a keyed tombstone is an operator's act, not garbage");
        fleet.status(null, null, clock.millis(), "status/0@10");
        assertEquals(1, fleet.problems("status/not-json"), "a tombstone without a key says nothing");
        arrive(status("old-pi", "boot-c", "start", sensor("arm-1", "STREAMING", "OK")));
        assertEquals(2, fleet.view().bridges().size());
    }
}
