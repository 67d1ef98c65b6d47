package io.lpmsedge.simulator.link;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A sensor listening on its own TCP port, standing in for an RFCOMM channel: one host at a time; a host that
 * connects while another is connected is closed at once (counted as refused), the way a B2 accepts one SPP
 * link. Each accepted connection is a new session.
 */
public final class TcpSensorPort implements SensorPort {
    private final ServerSocket server;
    private final SynchronousQueue<Socket> handOff = new SynchronousQueue<>();
    private final AtomicBoolean busy = new AtomicBoolean();
    private final AtomicLong refused = new AtomicLong();
    private final Thread acceptor;
    private volatile boolean closed;

    /** Binds {@code address:port} (port 0: any free port; see {@link #port()}). */
    public TcpSensorPort(InetAddress address, int port, String threadName) throws IOException {
        server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(address, port), 4);
        acceptor = new Thread(this::acceptLoop, threadName);
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public int port() {
        return server.getLocalPort();
    }

    /** Connections closed because another host was connected. */
    public long refused() {
        return refused.get();
    }

    private void acceptLoop() {
        while (!closed) {
            Socket s;
            try {
                s = server.accept();
            } catch (IOException e) {
                if (closed) {
                    return;
                }
                continue;
            }
            if (!busy.compareAndSet(false, true)) {
                refused.incrementAndGet();
                closeQuietly(s);
                continue;
            }
            try {
                // Wait until the sensor picks it up; it polls at least every few milliseconds.
                while (!handOff.offer(s, 100, TimeUnit.MILLISECONDS)) {
                    if (closed) {
                        closeQuietly(s);
                        return;
                    }
                }
            } catch (InterruptedException e) {
                closeQuietly(s);
                return;
            }
        }
    }

    @Override
    public ByteLink next(int timeoutMillis) throws IOException, InterruptedException {
        Socket s = timeoutMillis <= 0 ? handOff.poll() : handOff.poll(timeoutMillis, TimeUnit.MILLISECONDS);
        if (s == null) {
            return null;
        }
        s.setTcpNoDelay(true);
        return new TcpLink(s);
    }

    @Override
    public boolean reconnectable() {
        return true;
    }

    @Override
    public void sessionEnded() {
        busy.set(false);
    }

    @Override
    public String describe() {
        return "tcp " + server.getInetAddress().getHostAddress() + ":" + port();
    }

    @Override
    public void close() throws IOException {
        closed = true;
        server.close();
        acceptor.interrupt();
        Socket pending = handOff.poll();
        if (pending != null) {
            closeQuietly(pending);
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // nothing to do: the connection is gone either way
        }
    }

    private static final class TcpLink implements ByteLink {
        private final Socket socket;
        private final InputStream in;
        private final OutputStream out;

        TcpLink(Socket socket) throws IOException {
            this.socket = socket;
            this.in = socket.getInputStream();
            this.out = new BufferedOutputStream(socket.getOutputStream(), 1 << 16);
        }

        @Override
        public int readAvailable(byte[] buf, int off, int len) throws IOException {
            int available = in.available();
            if (available <= 0) {
                return 0;
            }
            return Math.max(0, in.read(buf, off, Math.min(len, available)));
        }

        @Override
        public int readWithin(byte[] buf, int off, int len, int timeoutMillis) throws IOException {
            socket.setSoTimeout(Math.max(1, timeoutMillis));
            try {
                return in.read(buf, off, len);
            } catch (SocketTimeoutException e) {
                return 0;
            } catch (SocketException e) {
                return -1;
            }
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }

        @Override
        public boolean bidirectional() {
            return true;
        }

        @Override
        public String describe() {
            return "tcp " + socket.getRemoteSocketAddress();
        }

        @Override
        public void close() throws IOException {
            try {
                out.flush();
            } catch (IOException ignored) {
                // the host may already be gone; closing is all that is left
            }
            socket.close();
        }
    }
}
