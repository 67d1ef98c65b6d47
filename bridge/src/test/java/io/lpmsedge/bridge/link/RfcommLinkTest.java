package io.lpmsedge.bridge.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lpmsedge.bridge.Bridge;
import io.lpmsedge.bridge.CollectingSink;
import io.lpmsedge.bridge.config.BridgeConfig;
import io.lpmsedge.bridge.config.ConfigLoader;
import io.lpmsedge.protocol.data.ConfigWord;
import io.lpmsedge.protocol.data.FirmwareProfile;
import io.lpmsedge.protocol.data.Output;
import io.lpmsedge.protocol.data.Reading;
import io.lpmsedge.simulator.device.DeviceSettings;
import io.lpmsedge.simulator.device.SensorMode;
import io.lpmsedge.simulator.device.StreamModePolicy;
import io.lpmsedge.simulator.fleet.Fleet;
import io.lpmsedge.simulator.fleet.FleetLayout;
import io.lpmsedge.simulator.link.LinkFaultConfig;
import io.lpmsedge.simulator.link.TcpSensorPort;
import io.lpmsedge.simulator.scenario.Scenario;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The RFCOMM link with only the radio replaced: the "Bluetooth stack" hands out the byte streams of a TCP
 * connection to a simulated sensor, so everything above the radio (the link's pump, the session, the decoder)
 * runs for real.
 */
class RfcommLinkTest {
    /** A radio that connects every RFCOMM address to one loopback port. */
    static final class LoopbackRadio implements BluetoothStack {
        final int port;
        final AtomicReference<LinkAddress.Rfcomm> asked = new AtomicReference<>();

        LoopbackRadio(int port) {
            this.port = port;
        }

        @Override
        public StreamPair connect(LinkAddress.Rfcomm address) throws IOException {
            asked.set(address);
            Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
            return new StreamPair() {
                @Override
                public InputStream in() {
                    try {
                        return socket.getInputStream();
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }

                @Override
                public OutputStream out() {
                    try {
                        return socket.getOutputStream();
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }

                @Override
                public void close() throws IOException {
                    socket.close();
                }
            };
        }

        @Override
        public List<Device> discover() {
            return List.of(new Device("00043E112233", "LPMSB2-112233"), new Device("A0B1C2D3E4F5", "Phone"));
        }
    }

    @Test
    void aSensorOverRfcommIsConfiguredAndRead() throws Exception {
        DeviceSettings device = new DeviceSettings(
                ConfigWord.of(100, false, Output.ACC),
                SensorMode.STREAM,
                StreamModePolicy.IGNORE,
                FirmwareProfile.B2_FW2,
                0);
        TcpSensorPort port = new TcpSensorPort(InetAddress.getLoopbackAddress(), 0, "rfcomm-sim");
        try (Fleet fleet = Fleet.start(
                FleetLayout.specs(1, 1, 3, Scenario.ok(), device, LinkFaultConfig.NONE, Double.POSITIVE_INFINITY),
                List.of(port),
                4,
                null)) {
            LoopbackRadio radio = new LoopbackRadio(port.port());
            BridgeConfig config = new ConfigLoader(Map.of()).parse("""
                    [bridge]
                    name = "b"
                    [[sensor]]
                    name = "arm"
                    link = "btspp://00:04:3E:11:22:33:1"
                    outputs = ["gyro", "mag"]
                    """, "t.toml");
            CollectingSink sink = new CollectingSink();
            Bridge bridge =
                    new Bridge(config, new SensorLinks(config.link(), radio), null, List.of(sink), Clock.systemUTC());
            bridge.start();
            List<Reading> got = sink.await(r -> r.size() >= 50, 20_000, "50 readings over RFCOMM");
            bridge.stop(Duration.ofSeconds(5));
            assertEquals(new LinkAddress.Rfcomm("00043E112233", 1), radio.asked.get());
            assertTrue(got.stream().allMatch(r -> r.has(Output.GYRO) && r.has(Output.MAG) && !r.has(Output.ACC)));
            assertEquals(0, bridge.sessions().get(0).frameCounters().badFrames());
        }
    }

    @Test
    void withoutBlueCovesNativeStackTheErrorPointsAtRfcommBind() {
        IOException e = assertThrows(
                IOException.class, () -> new BlueCoveStack().connect(new LinkAddress.Rfcomm("00043E112233", 1)));
        assertTrue(
                e.getMessage().startsWith("BlueCove's native Bluetooth stack is not available on this system"),
                e.getMessage());
        assertTrue(e.getMessage().contains("sudo rfcomm bind /dev/rfcomm0 <MAC> 1"), e.getMessage());
        assertTrue(e.getMessage().contains("link = \"serial:///dev/rfcomm0\""), e.getMessage());
        assertEquals(1, e.getMessage().lines().count(), "one line");
    }
}
