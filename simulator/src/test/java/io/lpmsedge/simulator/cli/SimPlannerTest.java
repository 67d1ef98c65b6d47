package io.lpmsedge.simulator.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lpmsedge.protocol.data.FirmwareProfile;
import io.lpmsedge.simulator.cli.SimPlan.Endpoint;
import io.lpmsedge.simulator.device.SensorMode;
import io.lpmsedge.simulator.device.StreamModePolicy;
import io.lpmsedge.simulator.fleet.SensorSpec;
import io.lpmsedge.simulator.link.LinkFaultConfig;
import io.lpmsedge.simulator.scenario.Scenario;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/** The options of {@code lpms-edge sim} as the planner reads them: parsed by picocli, planned without any I/O. */
class SimPlannerTest {
    private static SimPlan plan(String... args) {
        SimCommand command = new SimCommand();
        new CommandLine(command).parseArgs(args);
        return SimPlanner.plan(command.transport, command.device, command.machine, command.run, command.linkFaults);
    }

    static Stream<Arguments> badOptions() {
        return Stream.of(
                bad("--sensors 0", "--sensors must be 1…1000, was 0"),
                bad("--sensors 1001", "--sensors must be 1…1000, was 1001"),
                bad("--port 1 --serial /dev/null", "choose one transport: --port, --serial or --out"),
                bad("--serial a --out x.bin", "choose one transport: --port, --serial or --out"),
                bad(
                        "--port 70000",
                        "--port 70000 with 1 sensors does not fit in 1…65535; choose a lower first port "
                                + "(or 0 for any free ports)"),
                bad(
                        "--port -1",
                        "--port -1 with 1 sensors does not fit in 1…65535; choose a lower first port "
                                + "(or 0 for any free ports)"),
                bad(
                        "--port 65535 --sensors 2",
                        "--port 65535 with 2 sensors does not fit in 1…65535; choose a lower "
                                + "first port (or 0 for any free ports)"),
                bad(
                        "--sensors 2 --port 65535",
                        "--port 65535 with 2 sensors does not fit in 1…65535; choose a lower "
                                + "first port (or 0 for any free ports)"),
                bad(
                        "--serial a,b",
                        "--serial lists 2 tty(s) but --sensors is 1; give one tty per sensor, " + "comma-separated"),
                bad(
                        "--sensors 2 --out x.bin",
                        "--out with 2 sensors needs {id} in the file name, e.g. --out " + "capture-{id}.bin"),
                bad("--id 65535 --sensors 2", "--id 65535 with 2 sensors leaves the 16-bit id range 0…65535"),
                bad("--id -1", "--id -1 with 1 sensors leaves the 16-bit id range 0…65535"),
                bad("--profile gen9", "--profile: unknown firmware profile 'gen9'; use one of: b2-fw2, legacy, gen1"),
                bad("--rate 33", "--rate 33 is not an LPMS-B2 stream rate; use 5, 10, 25, 50, 100, 200 or 400"),
                bad("--rate 800", "--rate 800 is not an LPMS-B2 stream rate; use 5, 10, 25, 50, 100, 200 or 400"),
                bad(
                        "--outputs humidity",
                        "--outputs: the LPMS-B2 has no humidity output (docs/lpms-protocol.md); " + "drop humidity"),
                bad(
                        "--outputs gyro,bogus",
                        "--outputs: unknown output 'bogus'; known: gyro, acc, mag, angVel, quat, "
                                + "euler, linAcc, pressure, altitude, temperature, heave, humidity, or all"),
                bad("--outputs ,", "--outputs is empty; list outputs like gyro,acc,mag,pressure,temperature, or all"),
                bad("--start-in sleep", "--start-in must be stream or command, was 'sleep'"),
                bad(
                        "--start-in command --out x.bin --duration 1s",
                        "--start-in command makes no sense with --out " + "(a file sends no commands); drop it"),
                bad("--stream-commands shout", "--stream-commands must be ignore or nack, was 'shout'"),
                bad("--start-tick -1", "--start-tick must be 0…4294967295 (unsigned 32-bit), was -1"),
                bad("--start-tick 4294967296", "--start-tick must be 0…4294967295 (unsigned 32-bit), was 4294967296"),
                bad("--mode broken", "--mode must be ok or failure, was 'broken'"),
                bad(
                        "--mode failure --scenario ok:1m",
                        "--mode failure and --scenario both say what the machine does; " + "use one of them"),
                bad("--scenario bearing:2x", "--scenario: '2x' is not a duration; write e.g. 500ms, 30s, 10m or 1.5h"),
                bad(
                        "--scenario explode:1m",
                        "--scenario: unknown machine state 'explode'; use one of: ok, bearing, "
                                + "backlash, loose-mount, gyro-drift"),
                bad("--scenario ok:1m@0.3", "--scenario: phase 'ok:1m@0.3': ok takes no @severity"),
                bad("--mode failure --failure ok", "--failure ok is not a failure; use --mode ok"),
                bad(
                        "--mode failure --failure wobble",
                        "--failure: unknown machine state 'wobble'; use one of: ok, "
                                + "bearing, backlash, loose-mount, gyro-drift"),
                bad("--mode failure --severity 1.5", "--severity must be in (0, 1], was 1.5"),
                bad("--mode failure --severity 0", "--severity must be in (0, 1], was 0.0"),
                bad(
                        "--out x.bin",
                        "--out needs an end: give --duration (e.g. --duration 10m) or a scenario whose "
                                + "last phase has a duration"),
                bad(
                        "--out x.bin --scenario ok:1m,bearing",
                        "--out needs an end: give --duration (e.g. --duration "
                                + "10m) or a scenario whose last phase has a duration"),
                bad("--duration 0s --out x.bin", "--duration: duration '0s' must be positive"),
                bad("--duration soon", "--duration: 'soon' is not a duration; write e.g. 500ms, 30s, 10m or 1.5h"),
                bad("--speed fast", "--speed must be a positive factor (e.g. 10) or max, was 'fast'"),
                bad("--speed 0", "--speed must be a positive factor (e.g. 10) or max, was '0'"),
                bad("--speed -1", "--speed must be a positive factor (e.g. 10) or max, was '-1'"),
                bad("--speed Infinity", "--speed must be a positive factor (e.g. 10) or max, was 'Infinity'"),
                bad(
                        "--drop-every 5s --out x.bin --duration 1s",
                        "--drop-every needs a connection to drop: use it " + "with --port (TCP)"),
                bad(
                        "--drop-every 5s --serial /dev/null",
                        "--drop-every needs a connection to drop: use it with " + "--port (TCP)"),
                bad("--drop-every 0s", "--drop-every: duration '0s' must be positive"),
                bad("--stall-every 1q", "--stall-every: '1q' is not a duration; write e.g. 500ms, 30s, 10m or 1.5h"),
                bad("--stall-every 5s --stall-for 0s", "--stall-for: duration '0s' must be positive"),
                bad(
                        "--stall-every 1s --stall-for 2s",
                        "link fault options: a stall must last more than 0 and less "
                                + "than its period (1.0 s), was 2.0 s"),
                bad("--corrupt-rate 2", "link fault options: corrupt rate must be a probability in [0, 1], was 2.0"),
                bad(
                        "--garbage-rate -0.1",
                        "link fault options: garbage rate must be a probability in [0, 1], was " + "-0.1"),
                bad("--loss-rate 1.5", "link fault options: loss rate must be a probability in [0, 1], was 1.5"),
                bad("--loss-burst 0 --loss-rate 0.1", "link fault options: a loss burst has at least 1 frame, was 0"),
                bad("--sensors 2 --failing 3", "--failing 3 is not one of the sensor ids 1…2; list ids of this fleet"),
                bad(
                        "--id 7 --sensors 2 --failing 6",
                        "--failing 6 is not one of the sensor ids 7…8; list ids of this " + "fleet"),
                // the first problem of a command line is the one reported, in the planner's order
                bad("--stream-commands shout --rate 33 --sensors 0", "--sensors must be 1…1000, was 0"),
                bad(
                        "--stream-commands shout --start-in command --out x.bin",
                        "--start-in command makes no sense with " + "--out (a file sends no commands); drop it"),
                bad(
                        "--outputs humidity --rate 33",
                        "--rate 33 is not an LPMS-B2 stream rate; use 5, 10, 25, 50, " + "100, 200 or 400"));
    }

    private static Arguments bad(String args, String message) {
        return Arguments.of(args, message);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badOptions")
    void everyBadOptionNamesTheProblemAndTheFix(String args, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> plan(args.split(" ")));
        assertEquals(message, e.getMessage());
    }

    @Test
    void theDefaultsAreOneHealthyB2OnTcp5000AtRealTimeUntilStopped() {
        SimPlan plan = plan();
        assertEquals(List.of(new Endpoint.Tcp(5000)), plan.endpoints());
        assertEquals("127.0.0.1", plan.bind());
        assertEquals(1.0, plan.speed());
        assertEquals("gyro,acc,mag,pressure,temperature", plan.outputKeys());
        assertNull(plan.truthFile());
        SensorSpec s = plan.specs().get(0);
        assertEquals(1, s.imuId());
        assertEquals(1, s.seed());
        assertEquals(Scenario.ok().toString(), s.scenario().toString());
        assertEquals(Double.POSITIVE_INFINITY, s.durationSeconds());
        assertEquals(new LinkFaultConfig(0, 0, 0, 0, 0, 0, 5), s.linkFaults(), "no faults; bursts of 5 if asked");
        assertEquals(false, s.varied());
        assertEquals("0x00003E04", s.device().config().hex());
        assertEquals(FirmwareProfile.byName("b2-fw2"), s.device().profile());
        assertEquals(SensorMode.STREAM, s.device().startMode());
        assertEquals(StreamModePolicy.IGNORE, s.device().policy());
        assertEquals(0, s.device().startTick());
    }

    @Test
    void aTcpFleetGetsConsecutivePortsOrAnyFreeOnes() {
        assertEquals(
                List.of(new Endpoint.Tcp(6000), new Endpoint.Tcp(6001), new Endpoint.Tcp(6002)),
                plan("--sensors", "3", "--port", "6000").endpoints());
        assertEquals(
                List.of(new Endpoint.Tcp(0), new Endpoint.Tcp(0)),
                plan("--sensors", "2", "--port", "0").endpoints());
        assertEquals(
                List.of(new Endpoint.Tcp(65534), new Endpoint.Tcp(65535)),
                plan("--sensors", "2", "--port", "65534").endpoints());
    }

    @Test
    void serialTtysAreTakenInOrder() {
        SimPlan plan = plan("--sensors", "2", "--serial", "/tmp/a,/tmp/b", "--id", "4");
        assertEquals(List.of(new Endpoint.Serial("/tmp/a"), new Endpoint.Serial("/tmp/b")), plan.endpoints());
        assertEquals(List.of(4, 5), plan.specs().stream().map(SensorSpec::imuId).toList());
        assertEquals(Double.POSITIVE_INFINITY, plan.specs().get(0).durationSeconds());
    }

    @Test
    void aCaptureRunsAsFastAsPossibleForTheScenarioLengthIntoOneFilePerId() {
        SimPlan plan = plan(
                "--sensors",
                "2",
                "--id",
                "7",
                "--out",
                "/nowhere/c-{id}.bin",
                "--scenario",
                "ok:2s,bearing:3s@0.4",
                "--truth",
                "t.jsonl");
        assertEquals(
                List.of(new Endpoint.File("/nowhere/c-7.bin"), new Endpoint.File("/nowhere/c-8.bin")),
                plan.endpoints(),
                "the planner opens nothing: a missing directory is the port opener's to report");
        assertEquals(Double.POSITIVE_INFINITY, plan.speed());
        assertEquals(5.0, plan.specs().get(1).durationSeconds());
        assertEquals("t.jsonl", plan.truthFile());
        assertEquals(
                10.0,
                plan("--out", "x.bin", "--duration", "10s", "--speed", "3")
                        .specs()
                        .get(0)
                        .durationSeconds());
        assertEquals(
                3.0, plan("--out", "x.bin", "--duration", "10s", "--speed", "3").speed());
    }

    @Test
    void powerOnSettingsReachEverySensor() {
        SimPlan plan = plan(
                "--sensors",
                "2",
                "--rate",
                "400",
                "--outputs",
                "all",
                "--mode16",
                "--profile",
                "gen1",
                "--start-in",
                "command",
                "--stream-commands",
                "nack",
                "--start-tick",
                "4294967295",
                "--seed",
                "9");
        assertEquals("gyro,acc,mag,angVel,quat,euler,linAcc,pressure,altitude,temperature,heave", plan.outputKeys());
        for (SensorSpec s : plan.specs()) {
            assertEquals(400, s.device().config().rateHz());
            assertTrue(s.device().config().sixteenBit());
            assertEquals(FirmwareProfile.byName("gen1"), s.device().profile());
            assertEquals(SensorMode.COMMAND, s.device().startMode());
            assertEquals(StreamModePolicy.NACK, s.device().policy());
            assertEquals(4294967295L, s.device().startTick());
        }
        assertEquals(9, plan.specs().get(0).seed());
        assertTrue(plan.specs().get(1).seed() != 9, "each sensor has its own seed");
        assertEquals("gyro,acc", plan("--outputs", " gyro , ,acc").outputKeys(), "blanks are skipped");
    }

    @Test
    void onlyTheListedSensorsFollowTheScheduleAndVariedReachesAll() {
        SimPlan plan = plan(
                "--sensors",
                "3",
                "--mode",
                "failure",
                "--failure",
                "backlash",
                "--severity",
                "0.2",
                "--failing",
                "1,3",
                "--varied");
        List<String> scenarios =
                plan.specs().stream().map(s -> s.scenario().toString()).toList();
        assertEquals(List.of("backlash@0.2", "ok", "backlash@0.2"), scenarios);
        assertTrue(plan.specs().stream().allMatch(SensorSpec::varied));
        assertEquals(
                List.of("bearing@0.5", "bearing@0.5"),
                plan("--sensors", "2", "--mode", "failure").specs().stream()
                        .map(s -> s.scenario().toString())
                        .toList(),
                "without --failing all sensors fail, by default a bearing at 0.5");
    }

    @Test
    void linkFaultsAreTheSameOnEverySensorAndAStallLengthNeedsAStall() {
        SimPlan plan = plan(
                "--sensors",
                "2",
                "--drop-every",
                "30s",
                "--stall-every",
                "20s",
                "--stall-for",
                "1s",
                "--corrupt-rate",
                "0.005",
                "--garbage-rate",
                "0.01",
                "--loss-rate",
                "0.002",
                "--loss-burst",
                "8");
        LinkFaultConfig expected = new LinkFaultConfig(30, 20, 1, 0.005, 0.01, 0.002, 8);
        assertEquals(
                List.of(expected, expected),
                plan.specs().stream().map(SensorSpec::linkFaults).toList());
        assertEquals(0, plan("--stall-for", "9s").specs().get(0).linkFaults().stallSeconds());
    }
}
