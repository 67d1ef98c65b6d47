package io.lpmsedge.bridge.link;

import com.fazecast.jSerialComm.SerialPort;
import com.fazecast.jSerialComm.SerialPortInvalidPortException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A tty through jSerialComm: {@code /dev/rfcomm0} (an LPMS-B2 bound with {@code rfcomm bind}: the RFCOMM
 * connection is made when the tty is opened), a USB-serial adapter, or one end of a socat pty pair in tests.
 * 115200 8N1 without flow control; an RFCOMM tty ignores the baud rate (docs/lpms-protocol.md#bluetooth-link).
 */
public final class SerialLink implements SensorLink {
    private final LinkAddress.Serial address;
    private final int baud;

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
        return new Connection(port);
    }

    private static final class Connection implements LinkConnection {
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
        }
    }
}
