package io.lpmsedge.bridge.link;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import javax.bluetooth.DeviceClass;
import javax.bluetooth.DiscoveryAgent;
import javax.bluetooth.DiscoveryListener;
import javax.bluetooth.LocalDevice;
import javax.bluetooth.RemoteDevice;
import javax.bluetooth.ServiceRecord;
import javax.microedition.io.Connector;
import javax.microedition.io.StreamConnection;

/**
 * {@link BluetoothStack} on BlueCove (JSR-82). BlueCove needs its native library and BlueZ; when either is
 * missing, every call fails with {@link #unavailable} naming the platform and the serial alternative.
 */
public final class BlueCoveStack implements BluetoothStack {
    static final String ADVICE = "BlueCove's native Bluetooth stack is not available on this system ("
            + System.getProperty("os.name") + "/" + System.getProperty("os.arch") + "); pair the sensor with "
            + "bluetoothctl, bind it with 'sudo rfcomm bind /dev/rfcomm0 <MAC> 1' and use "
            + "link = \"serial:///dev/rfcomm0\" instead (docs/install-and-operate.md)";

    @Override
    public StreamPair connect(LinkAddress.Rfcomm address) throws IOException {
        StreamConnection connection;
        try {
            ensureStack();
            connection = (StreamConnection) Connector.open("btspp://" + address.mac() + ":" + address.channel()
                    + ";authenticate=false;encrypt=false;master=false");
        } catch (LinkageError | RuntimeException e) {
            throw unavailable(e);
        }
        InputStream in = connection.openInputStream();
        OutputStream out = connection.openOutputStream();
        return new StreamPair() {
            @Override
            public InputStream in() {
                return in;
            }

            @Override
            public OutputStream out() {
                return out;
            }

            @Override
            public void close() throws IOException {
                try {
                    in.close();
                    out.close();
                } finally {
                    connection.close();
                }
            }
        };
    }

    @Override
    public List<Device> discover() throws IOException {
        DiscoveryAgent agent;
        try {
            ensureStack();
            agent = LocalDevice.getLocalDevice().getDiscoveryAgent();
        } catch (LinkageError | RuntimeException e) {
            throw unavailable(e);
        }
        List<Device> found = new ArrayList<>();
        CountDownLatch done = new CountDownLatch(1);
        agent.startInquiry(DiscoveryAgent.GIAC, new DiscoveryListener() {
            @Override
            public void deviceDiscovered(RemoteDevice device, DeviceClass cod) {
                String name;
                try {
                    name = device.getFriendlyName(false);
                } catch (IOException e) {
                    name = null;
                }
                synchronized (found) {
                    found.add(new Device(device.getBluetoothAddress(), name));
                }
            }

            @Override
            public void inquiryCompleted(int discType) {
                done.countDown();
            }

            @Override
            public void servicesDiscovered(int transID, ServiceRecord[] records) {}

            @Override
            public void serviceSearchCompleted(int transID, int respCode) {}
        });
        try {
            done.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            agent.cancelInquiry(null);
        }
        synchronized (found) {
            return List.copyOf(found);
        }
    }

    /**
     * Loads the native stack; BlueCove throws BluetoothStateException (an IOException) or a LinkageError. The
     * cheap checks come first, because BlueCove prints its own complaint to the console when its library fails
     * to load, and the user should see one line, ours.
     */
    private static void ensureStack() throws IOException {
        String missing = missingNativePart();
        if (missing != null) {
            throw unavailable(new IllegalStateException(missing));
        }
        try {
            LocalDevice.getLocalDevice();
        } catch (javax.bluetooth.BluetoothStateException e) {
            throw unavailable(e);
        }
    }

    /** Why BlueCove cannot work here, or null if it may: it ships Linux libraries for x86 and x86-64 only. */
    static String missingNativePart() {
        String os = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT);
        String arch = System.getProperty("os.arch", "");
        if (!os.contains("linux")) {
            return null; // Windows and macOS stacks are BlueCove's own business
        }
        String libDir = switch (arch) {
            case "amd64", "x86_64" -> "x86_64-linux-gnu";
            case "x86", "i386", "i686" -> "i386-linux-gnu";
            default -> null;
        };
        if (libDir == null) {
            return "BlueCove has no native library for linux/" + arch;
        }
        for (String dir : new String[] {"/usr/lib/" + libDir, "/lib/" + libDir, "/usr/lib", "/lib"}) {
            if (java.nio.file.Files.exists(java.nio.file.Path.of(dir, "libbluetooth.so.3"))) {
                return null;
            }
        }
        return "BlueZ's libbluetooth.so.3 is not installed (apt install libbluetooth3)";
    }

    static IOException unavailable(Throwable cause) {
        return new IOException(
                ADVICE + " [" + cause.getClass().getSimpleName()
                        + (cause.getMessage() == null ? "" : ": " + cause.getMessage()) + "]",
                cause);
    }
}
