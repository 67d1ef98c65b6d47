package io.lpmsedge.simulator.link;

import com.fazecast.jSerialComm.SerialPort;
import com.fazecast.jSerialComm.SerialPortInvalidPortException;
import java.io.IOException;

/**
 * A real tty (a socat pseudo-terminal, a USB-serial adapter), opened with jSerialComm as the bridge opens
 * /dev/rfcomm0: 115200 8N1, no flow control (docs/lpms-protocol.md#bluetooth-link; the rate does not matter on a pty).
 * One session
 * for the life of the simulator.
 */
public final class SerialSensorPort implements SensorPort {
    /** Read timeout used while waiting for commands in command mode. */
    private static final int READ_TIMEOUT_MS = 10;

    private static final String SOCAT_HINT = "; for a virtual one run: socat -d -d pty,raw,echo=0,link=/tmp/lpms-sim "
            + "pty,raw,echo=0,link=/tmp/lpms-host";
    private final String path;
    private SerialPort port;
    private boolean used;

    public SerialSensorPort(String path) {
        this.path = path;
    }

    /** Opens the tty; fails with a message naming the path. */
    public void open() throws IOException {
        SerialPort p;
        try {
            p = SerialPort.getCommPort(path);
        } catch (SerialPortInvalidPortException e) {
            // jSerialComm's unchecked "invalid port descriptor": a tty that does not exist; exit 2 like any bad tty
            throw new IOException("cannot open serial port '" + path + "' (" + e.getMessage() + ")" + SOCAT_HINT, e);
        }
        p.setComPortParameters(115200, 8, SerialPort.ONE_STOP_BIT, SerialPort.NO_PARITY);
        p.setFlowControl(SerialPort.FLOW_CONTROL_DISABLED);
        p.setComPortTimeouts(
                SerialPort.TIMEOUT_READ_SEMI_BLOCKING | SerialPort.TIMEOUT_WRITE_BLOCKING, READ_TIMEOUT_MS, 0);
        if (!p.openPort()) {
            throw new IOException(
                    "cannot open serial port '" + path + "' (error " + p.getLastErrorCode() + ")" + SOCAT_HINT);
        }
        port = p;
    }

    @Override
    public ByteLink next(int timeoutMillis) throws IOException {
        if (used) {
            return null;
        }
        if (port == null) {
            open();
        }
        used = true;
        SerialPort p = port;
        return new ByteLink() {
            private final byte[] out = new byte[1 << 16];
            private int pending;

            @Override
            public int readAvailable(byte[] buf, int off, int len) throws IOException {
                int available = p.bytesAvailable();
                if (available < 0) {
                    throw new IOException("serial port " + path + " closed");
                }
                if (available == 0) {
                    return 0;
                }
                return Math.max(0, p.readBytes(buf, Math.min(len, available), off));
            }

            @Override
            public int readWithin(byte[] buf, int off, int len, int timeoutMillis) {
                int n = p.readBytes(buf, Math.min(len, 4096), off);
                return n < 0 ? -1 : n;
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                if (pending + len > out.length) {
                    flush();
                }
                System.arraycopy(b, off, out, pending, len);
                pending += len;
            }

            @Override
            public void flush() throws IOException {
                int done = 0;
                while (done < pending) {
                    int n = p.writeBytes(out, pending - done, done);
                    if (n < 0) {
                        throw new IOException("cannot write to serial port " + path);
                    }
                    done += n;
                }
                pending = 0;
            }

            @Override
            public boolean bidirectional() {
                return true;
            }

            @Override
            public String describe() {
                return "serial " + path;
            }

            @Override
            public void close() {
                try {
                    flush(); // frames still buffered belong to the host
                } catch (IOException ignored) {
                    // the other end is gone; nothing more to deliver
                }
                p.closePort();
            }
        };
    }

    @Override
    public boolean reconnectable() {
        return false;
    }

    @Override
    public void sessionEnded() {
        // single session
    }

    @Override
    public String describe() {
        return "serial " + path;
    }

    @Override
    public void close() {
        if (port != null && port.isOpen()) {
            port.closePort();
        }
    }
}
