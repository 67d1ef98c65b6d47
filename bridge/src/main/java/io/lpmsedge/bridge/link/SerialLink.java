package io.lpmsedge.bridge.link;

import com.fazecast.jSerialComm.SerialPort;
import com.fazecast.jSerialComm.SerialPortInvalidPortException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A tty through jSerialComm: {@code /dev/rfcomm0} (an LPMS-B2 bound with {@code rfcomm bind}: the RFCOMM
 * connection is made when the tty is opened), a USB-serial adapter, or one end of a socat pty pair in tests.
 * 115200 8N1 without flow control; an RFCOMM tty ignores the baud rate (docs/lpms-protocol.md#bluetooth-link).
 *
 * <p>At JVM shutdown (systemctl stop) jSerialComm's own shutdown hook marks the library as shutting down, after
 * which every read of an open port returns -1 — the same as a vanished device. That hook runs concurrently with
 * the bridge's stop, so the session could see "closed by the far end" before it learnt of the stop and log a
 * normal stop as a lost link. jSerialComm runs the hooks registered with {@link SerialPort#addShutdownHook}
 * before it marks itself shutting down: this link registers one that waits (at most {@link #CLOSE_WAIT_MILLIS})
 * until its connection has been closed by its owner, so the port keeps working until the session has stopped.
 */
public final class SerialLink implements SensorLink {
    /** How long JVM shutdown waits for an open connection to be closed by the session (a poll or two). */
    static final long CLOSE_WAIT_MILLIS = 3000;

    private final LinkAddress.Serial address;
    private final int baud;
    private final AtomicBoolean shutdownHookAdded = new AtomicBoolean();
    /** Connections opened and not yet closed; guarded by itself, notified on close. */
    private final Set<Connection> open = new HashSet<>();

    public SerialLink(LinkAddress.Serial address, int baud) {
        this.address = address;
        this.baud = baud;
    }

    @Override
    public LinkAddress address() {
        return address;
    }

    @Override
    public LinkConnection open() throws IOException {
        Path device = Path.of(address.device());
        if (!Files.exists(device)) {
            throw new IOException(address.device() + " does not exist; bind the paired sensor first: "
                    + "sudo rfcomm bind " + device.getFileName() + " <sensor MAC> 1 (docs/install-and-operate.md)");
        }
        if (!Files.isReadable(device) || !Files.isWritable(device)) {
            throw new IOException(address.device() + ": permission denied; add the service user to the 'dialout' "
                    + "group (sudo usermod -aG dialout $USER, then log in again)");
        }
        SerialPort port;
        try {
            port = SerialPort.getCommPort(address.device());
        } catch (SerialPortInvalidPortException e) {
            throw new IOException(address.device() + ": not a serial port (" + e.getMessage() + ")", e);
        }
        port.setComPortParameters(baud, 8, SerialPort.ONE_STOP_BIT, SerialPort.NO_PARITY);
        port.setFlowControl(SerialPort.FLOW_CONTROL_DISABLED);
        port.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING, POLL_MILLIS, 0);
        if (!port.openPort()) {
            throw new IOException(address.device() + ": cannot open (error " + port.getLastErrorCode()
                    + " at " + port.getLastErrorLocation() + "); is the sensor switched on and in range, "
                    + "and no other program using the port?");
        }
        if (shutdownHookAdded.compareAndSet(false, true)) {
            SerialPort.addShutdownHook(new Thread(this::awaitClosed, "serial-close-wait " + address.device()));
        }
        Connection connection = new Connection(port);
        synchronized (open) {
            open.add(connection);
        }
        return connection;
    }

    /** Run by jSerialComm at shutdown before it stops serving reads: waits for the session to close the port. */
    private void awaitClosed() {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CLOSE_WAIT_MILLIS);
        synchronized (open) {
            long left;
            while (!open.isEmpty() && (left = deadline - System.nanoTime()) > 0) {
                try {
                    TimeUnit.NANOSECONDS.timedWait(open, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private final class Connection implements LinkConnection {
        private final SerialPort port;

        Connection(SerialPort port) {
            this.port = port;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = port.readBytes(buffer, length, offset);
            if (n < 0) {
                // jSerialComm reports a vanished device (RFCOMM link lost, pty closed) as -1.
                return -1;
            }
            return n;
        }

        @Override
        public void write(byte[] bytes) throws IOException {
            int n = port.writeBytes(bytes, bytes.length);
            if (n != bytes.length) {
                throw new IOException(port.getSystemPortPath() + ": write failed (" + n + " of " + bytes.length
                        + " bytes, error " + port.getLastErrorCode() + ")");
            }
        }

        @Override
        public void close() {
            port.closePort();
            synchronized (open) {
                open.remove(this);
                open.notifyAll();
            }
        }
    }
}
