package io.lpmsedge.simulator.cli;

import io.lpmsedge.cli.BadInputException;
import io.lpmsedge.cli.LpmsEdgeSubcommand;
import io.lpmsedge.simulator.fleet.Fleet;
import io.lpmsedge.simulator.fleet.TruthLog;
import io.lpmsedge.simulator.link.OutputFiles;
import io.lpmsedge.simulator.link.SensorPort;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code lpms-edge sim}: virtual LPMS-B2 sensors over TCP, a tty or into a capture file (docs/simulator.md).
 * Plans from the options ({@link SimPlanner}), opens the ports ({@link SimPorts}), runs the {@link Fleet} and
 * reports ({@link SimReport}).
 */
@Command(
        name = "sim",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Simulate LPMS-B2 sensors on a pick-and-place robot arm, speaking LP-BUS both ways.",
            "One status line per sensor at start and a summary at exit go to stdout."
        },
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {
            "0:ran to the end (or stopped with Ctrl-C)",
            "1:a sensor failed (I/O error)",
            "2:bad option, port in use, unopenable tty or output file"
        })
public final class SimCommand implements Callable<Integer>, LpmsEdgeSubcommand {
    // The mixins in this order keep --help listing the options as docs/simulator.md does (sortOptions = false).
    @Mixin
    TransportOptions transport = new TransportOptions();

    @Mixin
    DeviceOptions device = new DeviceOptions();

    @Mixin
    MachineOptions machine = new MachineOptions();

    @Mixin
    RunOptions run = new RunOptions();

    @Mixin
    LinkFaultOptions linkFaults = new LinkFaultOptions();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        SimPlan plan = plan();
        InetAddress bindAddress = bindAddress(plan);
        List<SensorPort> ports = new ArrayList<>();
        TruthLog truthLog = null;
        try {
            ports.addAll(SimPorts.open(plan, bindAddress));
            if (plan.truthFile() != null) {
                truthLog = new TruthLog(OutputFiles.create(Path.of(plan.truthFile()), "ground truth"));
            }
        } catch (IOException e) {
            SimPorts.closeQuietly(ports, e);
            throw new BadInputException(e.getMessage(), e);
        }
        SimReport report = new SimReport(spec.commandLine().getOut());
        Fleet fleet = Fleet.start(plan.specs(), ports, plan.speed(), truthLog);
        report.started(fleet.runners(), plan);
        Thread summaryOnExit = new Thread(() -> finish(fleet, report), "sim-shutdown");
        Runtime.getRuntime().addShutdownHook(summaryOnExit);
        fleet.awaitForever();
        try {
            Runtime.getRuntime().removeShutdownHook(summaryOnExit);
        } catch (IllegalStateException shuttingDown) {
            return 0; // the hook prints the summary
        }
        int status = finish(fleet, report);
        if (truthLog != null) {
            truthLog.close();
        }
        return status;
    }

    /** The plan of these options; a bad option is a usage error (exit 2) with the planner's message. */
    SimPlan plan() {
        try {
            return SimPlanner.plan(transport, device, machine, run, linkFaults);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    /** The TCP listen address, null for other transports; resolving may ask DNS, so it is not the planner's. */
    private InetAddress bindAddress(SimPlan plan) {
        if (plan.endpoints().stream().noneMatch(e -> e instanceof SimPlan.Endpoint.Tcp)) {
            return null;
        }
        try {
            return InetAddress.getByName(plan.bind());
        } catch (UnknownHostException e) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(),
                    "--bind '" + plan.bind() + "' is not an address of this machine; use e.g. 127.0.0.1 or 0.0.0.0");
        }
    }

    private static int finish(Fleet fleet, SimReport report) {
        try {
            fleet.close();
        } catch (IOException e) {
            // closing ports at exit: nothing useful to add
        }
        return report.finished(
                fleet.runners().stream().map(SimReport.Outcome::of).toList());
    }
}
