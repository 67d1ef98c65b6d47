package io.lpmsedge.bridge.command;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lpmsedge.bridge.link.BluetoothStack;
import io.lpmsedge.bridge.link.LinkAddress;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ScanCommandTest {
    static String[] run(BluetoothStack stack) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new ScanCommand(stack));
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int exit = cl.execute();
        return new String[] {String.valueOf(exit), out.toString(), err.toString()};
    }

    @Test
    void listsLpmsB2SensorsFirstWithTheLinkToUse() {
        BluetoothStack radio = new BluetoothStack() {
            @Override
            public StreamPair connect(LinkAddress.Rfcomm address) {
                throw new UnsupportedOperationException();
            }

            @Override
            public List<Device> discover() {
                return List.of(
                        new Device("A0B1C2D3E4F5", "Phone"),
                        new Device("00043E112233", "LPMSB2-112233"),
                        new Device("001122334455", null));
            }
        };
        String[] r = run(radio);
        assertEquals("0", r[0]);
        assertEquals("""
                00043E112233  LPMSB2-112233  link = "btspp://00043E112233:1"  (or: sudo rfcomm bind /dev/rfcomm0 00:04:3E:11:22:33 1)
                A0B1C2D3E4F5  Phone  (not an LPMS-B2)
                001122334455  (no name)  (not an LPMS-B2)
                1 LPMS-B2 sensor(s), 3 device(s) found
                """, r[1]);
    }

    @Test
    void aMissingStackIsOneLineAndExitThree() {
        BluetoothStack none = new BluetoothStack() {
            @Override
            public StreamPair connect(LinkAddress.Rfcomm address) throws IOException {
                throw new IOException("no");
            }

            @Override
            public List<Device> discover() throws IOException {
                throw new IOException("BlueCove's native Bluetooth stack is not available on this system (x)");
            }
        };
        String[] r = run(none);
        assertEquals("3", r[0]);
        assertEquals("lpms-edge scan: BlueCove's native Bluetooth stack is not available on this system (x)\n", r[2]);
    }
}
