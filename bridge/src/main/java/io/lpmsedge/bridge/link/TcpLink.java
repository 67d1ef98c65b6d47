package io.lpmsedge.bridge.link;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;

/** TCP: the simulator, or a serial-over-IP adapter. */
public final class TcpLink implements SensorLink {
    private final LinkAddress.Tcp address;
    private final Duration connectTimeout;

    public TcpLink(LinkAddress.Tcp address, Duration connectTimeout) {
        this.address = address;
        this.connectTimeout = connectTimeout;
    }

    @Override
    public LinkAddress address() {
        return address;
    }

    @Override
    public LinkConnection open() throws IOException {
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(address.host(), address.port()), (int) connectTimeout.toMillis());
            socket.setSoTimeout(POLL_MILLIS);
        } catch (ConnectException e) {
            socket.close();
            throw new IOException(
                    address.url() + ": nothing is listening (" + e.getMessage()
                            + "); is the sensor adapter or simulator running?",
                    e);
        } catch (SocketTimeoutException e) {
            socket.close();
            throw new IOException(address.url() + ": no answer within " + connectTimeout.toMillis() + " ms", e);
        } catch (IOException e) {
            socket.close();
            throw new IOException(address.url() + ": " + e.getMessage(), e);
        }
        return new Connection(socket);
    }

    private static final class Connection implements LinkConnection {
        private final Socket socket;
        private final InputStream in;
        private final OutputStream out;

        Connection(Socket socket) throws IOException {
            this.socket = socket;
            this.in = socket.getInputStream();
            this.out = socket.getOutputStream();
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            try {
                return in.read(buffer, offset, length);
            } catch (SocketTimeoutException e) {
                return 0;
            }
        }

        @Override
        public void write(byte[] bytes) throws IOException {
            out.write(bytes);
            out.flush();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
