package io.lpmsedge.bridge.command;

import io.lpmsedge.bridge.link.BlueCoveStack;
import io.lpmsedge.bridge.link.BluetoothStack;
import io.lpmsedge.cli.LpmsEdgeSubcommand;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code lpms-edge scan}: Bluetooth inquiry through BlueCove, listing LPMS-B2 sensors first. */
@Command(
        name = "scan",
        mixinStandardHelpOptions = true,
        description = {
            "Discover Bluetooth devices nearby (about 10 s) and print the LPMS-B2 sensors with the link to use.",
            "Needs BlueCove's native stack; where it is missing, says how to pair and bind with BlueZ instead."
        },
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {
            "0:scanned",
            "2:a bad option",
            "3:no usable Bluetooth stack (the message says how to pair with BlueZ instead)"
        })
public final class ScanCommand implements Callable<Integer>, LpmsEdgeSubcommand {
    /** Exit status when the Bluetooth stack cannot be used. */
    static final int EXIT_NO_STACK = 3;

    private final BluetoothStack stack;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    public ScanCommand() {
        this(new BlueCoveStack());
    }

    ScanCommand(BluetoothStack stack) {
        this.stack = stack;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<BluetoothStack.Device> devices;
        try {
            devices = stack.discover();
        } catch (IOException e) {
            spec.commandLine().getErr().println("lpms-edge scan: " + e.getMessage());
            spec.commandLine().getErr().flush();
            return EXIT_NO_STACK;
        }
        int sensors = 0;
        for (BluetoothStack.Device d : devices) {
            if (d.looksLikeLpmsB2()) {
                sensors++;
                out.println(d.mac() + "  " + d.name() + "  link = \"btspp://" + d.mac() + ":1\"  (or: sudo rfcomm bind "
                        + "/dev/rfcomm" + (sensors - 1) + " " + colons(d.mac()) + " 1)");
            }
        }
        for (BluetoothStack.Device d : devices) {
            if (!d.looksLikeLpmsB2()) {
                out.println(d.mac() + "  " + (d.name() == null ? "(no name)" : d.name()) + "  (not an LPMS-B2)");
            }
        }
        out.println(sensors + " LPMS-B2 sensor(s), " + devices.size() + " device(s) found");
        out.flush();
        return 0;
    }

    static String colons(String mac) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < mac.length(); i += 2) {
            sb.append(i == 0 ? "" : ":").append(mac, i, Math.min(mac.length(), i + 2));
        }
        return sb.toString();
    }
}
