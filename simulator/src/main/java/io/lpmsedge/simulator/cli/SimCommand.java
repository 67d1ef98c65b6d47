package io.lpmsedge.simulator.cli;

import io.lpmsedge.cli.LpmsEdge;
import io.lpmsedge.cli.LpmsEdgeSubcommand;
import io.lpmsedge.protocol.data.ConfigWord;
import io.lpmsedge.protocol.data.FirmwareProfile;
import io.lpmsedge.protocol.data.Output;
import io.lpmsedge.protocol.data.StreamRates;
import io.lpmsedge.simulator.device.DeviceSettings;
import io.lpmsedge.simulator.device.SensorMode;
import io.lpmsedge.simulator.device.StreamModePolicy;
import io.lpmsedge.simulator.fault.FailureKind;
import io.lpmsedge.simulator.fleet.Fleet;
import io.lpmsedge.simulator.fleet.FleetLayout;
import io.lpmsedge.simulator.fleet.RunnerStats;
import io.lpmsedge.simulator.fleet.SensorRunner;
import io.lpmsedge.simulator.fleet.SensorSpec;
import io.lpmsedge.simulator.fleet.TruthLog;
import io.lpmsedge.simulator.link.FileSensorPort;
import io.lpmsedge.simulator.link.LinkFaultConfig;
import io.lpmsedge.simulator.link.LinkFaultStats;
import io.lpmsedge.simulator.link.SensorPort;
import io.lpmsedge.simulator.link.SerialSensorPort;
import io.lpmsedge.simulator.link.TcpSensorPort;
import io.lpmsedge.simulator.scenario.Durations;
import io.lpmsedge.simulator.scenario.Scenario;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.BindException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;

/** {@code lpms-edge sim}: virtual LPMS-B2 sensors over TCP, a tty or into a capture file. */
@Command(name = "sim", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Simulate LPMS-B2 sensors on a pick-and-place robot arm, speaking LP-BUS both ways.",
                "One status line per sensor at start and a summary at exit go to stdout."},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:ran to the end (or stopped with Ctrl-C)", "1:a sensor failed (I/O error)",
                "2:bad option, port in use, unopenable tty or output file"})
public final class SimCommand implements Callable<Integer>, LpmsEdgeSubcommand {
    static final String DEFAULT_OUTPUTS = "gyro,acc,mag,pressure,temperature";

    @Option(names = "--sensors", defaultValue = "1", paramLabel = "N",
            description = "Number of sensors (distinct ids, seeds, ports and cycle phase). Default 1.")
    int sensors;

    @Option(names = "--port", paramLabel = "P",
            description = "TCP: first sensor listens on P, the next on P+1, … (0: any free port). Default 5000.")
    Integer port;

    @Option(names = "--bind", defaultValue = "127.0.0.1", paramLabel = "ADDR",
            description = "Address to listen on for TCP. Default 127.0.0.1 (0.0.0.0 for other machines).")
    String bind;

    @Option(names = "--serial", split = ",", paramLabel = "TTY",
            description = "Serial: one tty per sensor, comma-separated (e.g. a socat pty end).")
    List<String> serial;

    @Option(names = "--out", paramLabel = "FILE",
            description = "Write the byte stream to FILE (starts with the GET_CONFIG reply). With several "
                    + "sensors FILE must contain {id}.")
    String out;

    @Option(names = "--rate", defaultValue = "100", paramLabel = "HZ",
            description = "Power-on stream rate: " + StreamRates.SUPPORTED_TEXT + ". Default 100.")
    int rate;

    @Option(names = "--outputs", defaultValue = DEFAULT_OUTPUTS, paramLabel = "LIST",
            description = "Power-on outputs, comma-separated, or 'all'. Default " + DEFAULT_OUTPUTS + ".")
    String outputs;

    @Option(names = "--mode16", description = "Power on in 16-bit data mode (default 32-bit float).")
    boolean mode16;

    @Option(names = "--profile", defaultValue = "b2-fw2", paramLabel = "NAME",
            description = "Firmware profile: b2-fw2 (default), legacy or gen1.")
    String profile;

    @Option(names = "--start-in", defaultValue = "stream", paramLabel = "MODE",
            description = "Mode at the start of each session: stream (default, like a B2) or command.")
    String startIn;

    @Option(names = "--stream-commands", defaultValue = "ignore", paramLabel = "POLICY",
            description = "Configuration commands received in stream mode: ignore (default, first-gen "
                    + "firmware) or nack.")
    String streamCommands;

    @Option(names = "--scenario", paramLabel = "S",
            description = "Machine schedule, e.g. ok:10m,bearing:2m@0.3,ok:5m. States: ok, bearing, backlash, "
                    + "loose-mount, gyro-drift; @severity in (0,1] (default 0.5).")
    String scenario;

    @Option(names = "--mode", defaultValue = "ok", paramLabel = "ok|failure",
            description = "Shortcut without --scenario: healthy, or failing from the start (see --failure).")
    String mode;

    @Option(names = "--failure", defaultValue = "bearing", paramLabel = "KIND",
            description = "Failure for --mode failure: bearing (default), backlash, loose-mount, gyro-drift.")
    String failure;

    @Option(names = "--severity", defaultValue = "0.5", paramLabel = "X",
            description = "Severity for --mode failure, in (0, 1]. Default 0.5.")
    double severity;

    @Option(names = "--failing", split = ",", paramLabel = "ID",
            description = "Only these sensor ids follow --scenario / --mode failure; the others stay ok. "
                    + "Default: all.")
    List<Integer> failing;

    @Option(names = "--varied", description = "Healthy but varied running: every 3-8 min another cycle speed "
            + "(0.8-1.25x, sometimes a 0.5x override) and payload (0-2 kg, the wrist sags while carrying), a +-2 C "
            + "hall temperature swing, and one gyro recalibration (bias step) 10-50 min in.")
    boolean varied;

    @Option(names = "--truth", paramLabel = "FILE", description = "Write ground truth (JSON Lines) to FILE.")
    String truth;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "S", description = "Seed. Default 1.")
    long seed;

    @Option(names = "--speed", paramLabel = "N|max",
            description = "Real-time factor, or max. Default 1 (max with --out).")
    String speed;

    @Option(names = "--duration", paramLabel = "D",
            description = "Sensor time to run, e.g. 30s, 10m, 2h. Default: until Ctrl-C (with --out: the "
                    + "scenario's length).")
    String duration;

    @Option(names = "--start-tick", defaultValue = "0", paramLabel = "T",
            description = "Timestamp counter at start, 0…4294967295 (e.g. 4294966296 wraps after 2.5 s).")
    long startTick;

    @Option(names = "--id", defaultValue = "1", paramLabel = "ID", description = "Id of the first sensor. Default 1.")
    int firstId;

    @Option(names = "--drop-every", paramLabel = "D",
            description = "Link fault (TCP): close each connection after D of sensor time.")
    String dropEvery;

    @Option(names = "--stall-every", paramLabel = "D",
            description = "Link fault: every D, send nothing for --stall-for (connection stays open).")
    String stallEvery;

    @Option(names = "--stall-for", defaultValue = "2s", paramLabel = "D", description = "Stall length. Default 2s.")
    String stallFor;

    @Option(names = "--corrupt-rate", defaultValue = "0", paramLabel = "P",
            description = "Link fault: probability that a data frame is damaged (one bad frame each).")
    double corruptRate;

    @Option(names = "--garbage-rate", defaultValue = "0", paramLabel = "P",
            description = "Link fault: probability that noise bytes precede a data frame.")
    double garbageRate;

    @Option(names = "--loss-rate", defaultValue = "0", paramLabel = "P",
            description = "Link fault: probability that a burst of --loss-burst frames is lost.")
    double lossRate;

    @Option(names = "--loss-burst", defaultValue = "5", paramLabel = "N", description = "Frames per loss burst. Default 5.")
    int lossBurst;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        SimPlan plan = plan();
        PrintWriter out = spec.commandLine().getOut();
        List<SensorPort> ports = new ArrayList<>();
        TruthLog truthLog = null;
        try {
            openPorts(plan, ports);
            if (truth != null) {
                truthLog = new TruthLog(new BufferedOutputStream(Files.newOutputStream(Path.of(truth))));
            }
        } catch (IOException e) {
            for (SensorPort p : ports) {
                p.close();
            }
            spec.commandLine().getErr().println("lpms-edge sim: " + e.getMessage());
            spec.commandLine().getErr().flush();
            return LpmsEdge.EXIT_BAD_INPUT;
        }
        Fleet fleet = Fleet.start(plan.specs(), ports, plan.speed(), truthLog);
        for (SensorRunner r : fleet.runners()) {
            out.println(statusLine(r.spec(), r.port(), plan));
        }
        out.flush();
        Thread summaryOnExit = new Thread(() -> finish(fleet, out), "sim-shutdown");
        Runtime.getRuntime().addShutdownHook(summaryOnExit);
        fleet.awaitForever();
        try {
            Runtime.getRuntime().removeShutdownHook(summaryOnExit);
        } catch (IllegalStateException shuttingDown) {
            return 0; // the hook prints the summary
        }
        int status = finish(fleet, out);
        if (truthLog != null) {
            truthLog.close();
        }
        return status;
    }

    private int finish(Fleet fleet, PrintWriter out) {
        try {
            fleet.close();
        } catch (IOException e) {
            // closing ports at exit: nothing useful to add
        }
        int status = 0;
        LinkFaultStats total = null;
        long frames = 0;
        for (SensorRunner r : fleet.runners()) {
            RunnerStats s = r.stats();
            out.println(summaryLine(s));
            total = total == null ? s.link() : total.plus(s.link());
            frames += s.dataFrames();
            if (r.error() != null) {
                out.println("sim: sensor " + s.imuId() + " failed: " + r.error());
                status = 1;
            }
        }
        if (fleet.runners().size() > 1 && total != null) {
            out.printf(Locale.ROOT, "sim: total frames=%d sent=%d expectedBadFrames=%d%n", frames, total.framesSent(),
                    total.expectedBadFrames());
        }
        out.flush();
        return status;
    }

    static String summaryLine(RunnerStats s) {
        LinkFaultStats l = s.link();
        return String.format(Locale.ROOT, "sim: summary sensor=%d sensorTime=%.1fs frames=%d sent=%d polled=%d "
                        + "bytes=%d sessions=%d commands=%d nacks=%d ignored=%d corrupted=%d falseStarts=%d "
                        + "garbageBytes=%d lost=%d lossBursts=%d stalled=%d stalls=%d drops=%d expectedBadFrames=%d",
                s.imuId(), s.sensorSeconds(), s.dataFrames(), l.framesSent(), s.polledFrames(), s.bytes(),
                s.sessions(), s.commands(), s.nacks(), s.ignored(), l.framesCorrupted(), l.falseStarts(),
                l.garbageBytes(), l.framesLost(), l.lossBursts(), l.framesStalled(), l.stalls(), l.drops(),
                l.expectedBadFrames());
    }

    private static String statusLine(SensorSpec s, SensorPort port, SimPlan plan) {
        ConfigWord w = s.device().config();
        return String.format(Locale.ROOT, "sim: sensor id=%d seed=%d %s rate=%dHz outputs=%s %s config=%s profile=%s "
                        + "start=%s scenario=%s speed=%s duration=%s faults=%s",
                s.imuId(), s.seed(), port.describe(), w.rateHz(), plan.outputKeys(), w.sixteenBit() ? "16-bit" : "32-bit",
                w.hex(), s.device().profile().name(), s.device().startMode().name().toLowerCase(Locale.ROOT),
                s.scenario(), Double.isInfinite(plan.speed()) ? "max" : plan.speed(),
                Durations.format(s.durationSeconds()), describe(s.linkFaults()));
    }

    private static String describe(LinkFaultConfig f) {
        if (!f.any()) {
            return "none";
        }
        List<String> parts = new ArrayList<>();
        if (f.dropEverySeconds() > 0) {
            parts.add("drop-every=" + Durations.format(f.dropEverySeconds()));
        }
        if (f.stallEverySeconds() > 0) {
            parts.add("stall-every=" + Durations.format(f.stallEverySeconds()) + "/" + Durations.format(f.stallSeconds()));
        }
        if (f.corruptRate() > 0) {
            parts.add("corrupt=" + f.corruptRate());
        }
        if (f.garbageRate() > 0) {
            parts.add("garbage=" + f.garbageRate());
        }
        if (f.lossRate() > 0) {
            parts.add("loss=" + f.lossRate() + "x" + f.lossBurst());
        }
        return String.join(",", parts);
    }

    private void openPorts(SimPlan plan, List<SensorPort> ports) throws IOException {
        List<SensorSpec> specs = plan.specs();
        for (int i = 0; i < specs.size(); i++) {
            int id = specs.get(i).imuId();
            switch (plan.transport()) {
                case TCP -> {
                    int p = plan.port() == 0 ? 0 : plan.port() + i;
                    try {
                        ports.add(new TcpSensorPort(plan.bindAddress(), p, "sim-accept-" + id));
                    } catch (BindException e) {
                        throw new IOException("cannot listen on " + bind + ":" + p + " (" + e.getMessage()
                                + "); choose another first port with --port");
                    }
                }
                case SERIAL -> {
                    SerialSensorPort sp = new SerialSensorPort(serial.get(i));
                    sp.open();
                    ports.add(sp);
                }
                case FILE -> {
                    Path path = Path.of(out.replace("{id}", Integer.toString(id)));
                    Path parent = path.toAbsolutePath().getParent();
                    if (parent != null && !Files.isDirectory(parent)) {
                        throw new IOException("cannot write '" + path + "': directory " + parent + " does not exist");
                    }
                    ports.add(new FileSensorPort(path));
                }
            }
        }
    }

    /** Validates the options into a plan; every problem is a usage error naming the option and the fix. */
    SimPlan plan() {
        if (sensors < 1 || sensors > 1000) {
            throw usage("--sensors must be 1…1000, was " + sensors);
        }
        int transports = (port != null ? 1 : 0) + (serial != null ? 1 : 0) + (out != null ? 1 : 0);
        if (transports > 1) {
            throw usage("choose one transport: --port, --serial or --out");
        }
        Transport transport = out != null ? Transport.FILE : serial != null ? Transport.SERIAL : Transport.TCP;
        int firstPort = port == null ? 5000 : port;
        if (transport == Transport.TCP && (firstPort < 0 || firstPort > 65535
                || (firstPort > 0 && firstPort + sensors - 1 > 65535))) {
            throw usage("--port " + firstPort + " with " + sensors + " sensors does not fit in 1…65535; "
                    + "choose a lower first port (or 0 for any free ports)");
        }
        if (transport == Transport.SERIAL && serial.size() != sensors) {
            throw usage("--serial lists " + serial.size() + " tty(s) but --sensors is " + sensors
                    + "; give one tty per sensor, comma-separated");
        }
        if (transport == Transport.FILE && sensors > 1 && !out.contains("{id}")) {
            throw usage("--out with " + sensors + " sensors needs {id} in the file name, e.g. --out capture-{id}.bin");
        }
        if (firstId < 0 || firstId + sensors - 1 > 0xFFFF) {
            throw usage("--id " + firstId + " with " + sensors + " sensors leaves the 16-bit id range 0…65535");
        }
        FirmwareProfile fw;
        try {
            fw = FirmwareProfile.byName(profile);
        } catch (IllegalArgumentException e) {
            throw usage("--profile: " + e.getMessage());
        }
        if (!StreamRates.supported(rate)) {
            throw usage("--rate " + rate + " is not an LPMS-B2 stream rate; use " + StreamRates.SUPPORTED_TEXT);
        }
        Set<Output> outs = parseOutputs();
        ConfigWord word = ConfigWord.of(rate, mode16, outs.toArray(new Output[0]));
        SensorMode start;
        switch (startIn.toLowerCase(Locale.ROOT)) {
            case "stream" -> start = SensorMode.STREAM;
            case "command" -> start = SensorMode.COMMAND;
            default -> throw usage("--start-in must be stream or command, was '" + startIn + "'");
        }
        if (start == SensorMode.COMMAND && transport == Transport.FILE) {
            throw usage("--start-in command makes no sense with --out (a file sends no commands); drop it");
        }
        StreamModePolicy policy;
        switch (streamCommands.toLowerCase(Locale.ROOT)) {
            case "ignore" -> policy = StreamModePolicy.IGNORE;
            case "nack" -> policy = StreamModePolicy.NACK;
            default -> throw usage("--stream-commands must be ignore or nack, was '" + streamCommands + "'");
        }
        if (startTick < 0 || startTick > 0xFFFFFFFFL) {
            throw usage("--start-tick must be 0…4294967295 (unsigned 32-bit), was " + startTick);
        }
        Scenario sc = scenario();
        double durationSeconds = Double.POSITIVE_INFINITY;
        if (duration != null) {
            durationSeconds = seconds("--duration", duration);
        } else if (transport == Transport.FILE) {
            durationSeconds = sc.totalSeconds();
            if (Double.isInfinite(durationSeconds)) {
                throw usage("--out needs an end: give --duration (e.g. --duration 10m) or a scenario whose last "
                        + "phase has a duration");
            }
        }
        double speedFactor = speed(transport);
        LinkFaultConfig faults = faults(transport);
        DeviceSettings device = new DeviceSettings(word, start, policy, fw, startTick);
        List<SensorSpec> specs = FleetLayout.specs(sensors, firstId, seed, sc, device, faults, durationSeconds);
        if (varied) {
            specs = specs.stream().map(s -> s.withVaried(true)).toList();
        }
        if (failing != null) {
            for (int id : failing) {
                if (id < firstId || id >= firstId + sensors) {
                    throw usage("--failing " + id + " is not one of the sensor ids " + firstId + "…"
                            + (firstId + sensors - 1) + "; list ids of this fleet");
                }
            }
            List<SensorSpec> mixed = new ArrayList<>();
            for (SensorSpec s : specs) {
                mixed.add(failing.contains(s.imuId()) ? s : s.withScenario(Scenario.ok()));
            }
            specs = mixed;
        }
        InetAddress address = null;
        if (transport == Transport.TCP) {
            try {
                address = InetAddress.getByName(bind);
            } catch (UnknownHostException e) {
                throw usage("--bind '" + bind + "' is not an address of this machine; use e.g. 127.0.0.1 or 0.0.0.0");
            }
        }
        List<String> keys = new ArrayList<>();
        for (Output o : outs) {
            keys.add(o.key());
        }
        return new SimPlan(specs, transport, firstPort, address, speedFactor, String.join(",", keys));
    }

    private Set<Output> parseOutputs() {
        Set<Output> outs = new LinkedHashSet<>();
        if (outputs.trim().equalsIgnoreCase("all")) {
            for (Output o : Output.values()) {
                if (o != Output.HUMIDITY) {
                    outs.add(o);
                }
            }
            return outs;
        }
        for (String k : outputs.split(",")) {
            if (k.isBlank()) {
                continue;
            }
            Output o;
            try {
                o = Output.byKey(k.trim());
            } catch (IllegalArgumentException e) {
                throw usage("--outputs: " + e.getMessage() + ", or all");
            }
            if (o == Output.HUMIDITY) {
                throw usage("--outputs: the LPMS-B2 has no humidity output (docs/lpms-protocol.md); drop humidity");
            }
            outs.add(o);
        }
        if (outs.isEmpty()) {
            throw usage("--outputs is empty; list outputs like " + DEFAULT_OUTPUTS + ", or all");
        }
        return outs;
    }

    private Scenario scenario() {
        String m = mode.toLowerCase(Locale.ROOT);
        if (!m.equals("ok") && !m.equals("failure")) {
            throw usage("--mode must be ok or failure, was '" + mode + "'");
        }
        if (scenario != null) {
            if (m.equals("failure")) {
                throw usage("--mode failure and --scenario both say what the machine does; use one of them");
            }
            try {
                return Scenario.parse(scenario);
            } catch (IllegalArgumentException e) {
                throw usage("--scenario: " + e.getMessage());
            }
        }
        if (m.equals("ok")) {
            return Scenario.ok();
        }
        FailureKind kind;
        try {
            kind = FailureKind.byKey(failure);
        } catch (IllegalArgumentException e) {
            throw usage("--failure: " + e.getMessage());
        }
        if (kind == FailureKind.OK) {
            throw usage("--failure ok is not a failure; use --mode ok");
        }
        if (!(severity > 0 && severity <= 1)) {
            throw usage("--severity must be in (0, 1], was " + severity);
        }
        return Scenario.failure(kind, severity);
    }

    private double speed(Transport transport) {
        if (speed == null) {
            return transport == Transport.FILE ? Double.POSITIVE_INFINITY : 1;
        }
        if (speed.equalsIgnoreCase("max")) {
            return Double.POSITIVE_INFINITY;
        }
        try {
            double v = Double.parseDouble(speed);
            if (v > 0 && !Double.isInfinite(v)) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw usage("--speed must be a positive factor (e.g. 10) or max, was '" + speed + "'");
    }

    private LinkFaultConfig faults(Transport transport) {
        double drop = dropEvery == null ? 0 : seconds("--drop-every", dropEvery);
        if (drop > 0 && transport != Transport.TCP) {
            throw usage("--drop-every needs a connection to drop: use it with --port (TCP)");
        }
        double stallEvery = this.stallEvery == null ? 0 : seconds("--stall-every", this.stallEvery);
        double stall = seconds("--stall-for", stallFor);
        try {
            return new LinkFaultConfig(drop, stallEvery, stallEvery > 0 ? stall : 0, corruptRate, garbageRate,
                    lossRate, lossBurst);
        } catch (IllegalArgumentException e) {
            throw usage("link fault options: " + e.getMessage());
        }
    }

    private double seconds(String option, String text) {
        try {
            return Durations.parseSeconds(text);
        } catch (IllegalArgumentException e) {
            throw usage(option + ": " + e.getMessage());
        }
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }

    enum Transport { TCP, SERIAL, FILE }

    record SimPlan(List<SensorSpec> specs, Transport transport, int port, InetAddress bindAddress, double speed,
                   String outputKeys) {
    }
}
