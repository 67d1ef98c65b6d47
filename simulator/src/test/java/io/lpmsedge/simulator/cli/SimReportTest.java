package io.lpmsedge.simulator.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lpmsedge.simulator.fleet.RunnerStats;
import io.lpmsedge.simulator.link.LinkFaultConfig;
import io.lpmsedge.simulator.link.LinkFaultStats;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The lines {@code lpms-edge sim} prints, key by key: scripts and tests parse them. */
class SimReportTest {
    private final StringWriter text = new StringWriter();
    private final SimReport report = new SimReport(new PrintWriter(text));

    private static SimPlan plan(String... args) {
        SimCommand command = new SimCommand();
        new CommandLine(command).parseArgs(args);
        return SimPlanner.plan(command.transport, command.device, command.machine, command.run, command.linkFaults);
    }

    /** Stats whose every field differs, so a swapped column shows. */
    private static RunnerStats stats(int id, long base) {
        LinkFaultStats link = new LinkFaultStats(
                base + 1, base + 2, base + 3, base + 4, base + 5, base + 6, base + 7, base + 8, base + 9, base + 10,
                base + 11, base + 12);
        return new RunnerStats(
                id, base + 20, base + 21, base + 22, base + 23, base + 24, base + 25, base + 26, 12.34, link);
    }

    @Test
    void theStatusLineSaysEverythingTheSensorWasToldAtStart() {
        SimPlan plan = plan(
                "--out",
                "x.bin",
                "--duration",
                "2s",
                "--seed",
                "3",
                "--rate",
                "200",
                "--outputs",
                "all",
                "--scenario",
                "ok:1s,bearing:1s@0.3",
                "--stall-every",
                "1s",
                "--stall-for",
                "100ms",
                "--corrupt-rate",
                "0.01",
                "--garbage-rate",
                "0.02",
                "--loss-rate",
                "0.01",
                "--loss-burst",
                "3",
                "--mode16",
                "--profile",
                "legacy",
                "--start-tick",
                "4294967000",
                "--id",
                "9");
        assertEquals(
                "sim: sensor id=9 seed=3 file /tmp/x.bin rate=200Hz outputs=gyro,acc,mag,angVel,quat,euler,"
                        + "linAcc,pressure,altitude,temperature,heave 16-bit config=0x006F7E05 profile=legacy "
                        + "start=stream scenario=ok:1s,bearing:1s@0.3 speed=max duration=2s "
                        + "faults=stall-every=1s/0.1s,corrupt=0.01,garbage=0.02,loss=0.01x3",
                SimReport.statusLine(plan.specs().get(0), "file /tmp/x.bin", plan));

        SimPlan tcp = plan("--start-in", "command", "--speed", "2.5", "--duration", "90s", "--mode", "failure");
        assertEquals(
                "sim: sensor id=1 seed=1 tcp 127.0.0.1:5000 rate=100Hz outputs=gyro,acc,mag,pressure,"
                        + "temperature 32-bit config=0x00003E04 profile=b2-fw2 start=command scenario=bearing@0.5 "
                        + "speed=2.5 duration=90s faults=none",
                SimReport.statusLine(tcp.specs().get(0), "tcp 127.0.0.1:5000", tcp));
    }

    @Test
    void faultsAreListedInAFixedOrderWithTheirParameters() {
        assertEquals("none", SimReport.faults(LinkFaultConfig.NONE));
        assertEquals(
                "drop-every=30s,stall-every=20s/1s,corrupt=0.005,garbage=0.01,loss=0.002x8",
                SimReport.faults(new LinkFaultConfig(30, 20, 1, 0.005, 0.01, 0.002, 8)));
        assertEquals("drop-every=0.5s", SimReport.faults(new LinkFaultConfig(0.5, 0, 0, 0, 0, 0, 5)));
    }

    @Test
    void theSummaryLineHasEveryCountUnderItsOwnKey() {
        assertEquals(
                "sim: summary sensor=4 sensorTime=12.3s frames=120 sent=101 polled=121 bytes=122 sessions=123 "
                        + "commands=124 nacks=125 ignored=126 corrupted=102 falseStarts=108 garbageBytes=107 lost=104 "
                        + "lossBursts=105 stalled=109 stalls=111 drops=112 expectedBadFrames=210",
                SimReport.summaryLine(stats(4, 100)));
    }

    @Test
    void aFleetGetsATotalAndAFailedSensorMakesTheExitStatusOne() {
        int status = report.finished(List.of(
                new SimReport.Outcome(stats(1, 0), null),
                new SimReport.Outcome(stats(2, 1000), new IOException("Broken pipe"))));
        List<String> lines = text.toString().lines().toList();
        assertEquals(4, lines.size(), text.toString());
        assertEquals(SimReport.summaryLine(stats(1, 0)), lines.get(0));
        assertEquals(SimReport.summaryLine(stats(2, 1000)), lines.get(1));
        assertEquals("sim: sensor 2 failed: java.io.IOException: Broken pipe", lines.get(2));
        assertEquals("sim: total frames=1040 sent=1002 expectedBadFrames=2020", lines.get(3));
        assertEquals(1, status);
    }

    @Test
    void oneSensorGetsNoTotalAndEndsWithStatusZero() {
        int status = report.finished(List.of(new SimReport.Outcome(stats(1, 0), null)));
        assertEquals(
                List.of(SimReport.summaryLine(stats(1, 0))),
                text.toString().lines().toList());
        assertEquals(0, status);
    }
}
