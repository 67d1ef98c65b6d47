package io.lpmsedge.simulator;

import io.lpmsedge.protocol.data.ConfigWord;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** A minimal bridge for tests: one TCP connection, a reader thread feeding the project's decoder. */
final class HostClient implements AutoCloseable {
    final Socket socket;
    final Decoded decoded;
    private final OutputStream out;
    private final Thread reader;
    private volatile boolean eof;

    HostClient(int port, ConfigWord word) throws IOException {
        socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setTcpNoDelay(true);
        decoded = new Decoded(word);
        out = socket.getOutputStream();
        InputStream in = socket.getInputStream();
        reader = new Thread(
                () -> {
                    byte[] buf = new byte[8192];
                    try {
                        int n;
                        while ((n = in.read(buf)) >= 0) {
                            synchronized (decoded) {
                                decoded.decoder.feed(buf, 0, n);
                                decoded.notifyAll();
                            }
                        }
                    } catch (IOException closed) {
                        // connection closed by either side
                    } finally {
                        eof = true;
                        synchronized (decoded) {
                            decoded.notifyAll();
                        }
                    }
                },
                "test-host-reader");
        reader.setDaemon(true);
        reader.start();
    }

    boolean eof() {
        return eof;
    }

    /** Waits (on the decoder's monitor, woken by every chunk) until the condition holds. */
    void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        synchronized (decoded) {
            while (!condition.getAsBoolean()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("timed out waiting for " + what);
                }
                decoded.wait(Math.max(1, left / 1_000_000));
            }
        }
    }

    void awaitReadings(int n) throws InterruptedException {
        await(n + " readings", () -> decoded.readings.size() >= n);
    }

    void awaitEof() throws InterruptedException {
        await("end of stream", () -> eof);
        reader.join(5000);
    }

    /** Sends a command and returns the next reply frame (data frames are skipped by the decoder). */
    Object command(byte[] frame) throws IOException, InterruptedException {
        out.write(frame);
        out.flush();
        Object reply = decoded.replies.poll(10, TimeUnit.SECONDS);
        if (reply == null) {
            throw new AssertionError("no reply within 10 s");
        }
        return reply;
    }

    void send(byte[] frame) throws IOException {
        out.write(frame);
        out.flush();
    }

    /** Whether the server closed this connection at once (refused): EOF within the timeout. */
    static boolean refused(int port, int timeoutMillis) throws IOException {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.setSoTimeout(timeoutMillis);
            try {
                return s.getInputStream().read() < 0;
            } catch (SocketTimeoutException e) {
                return false;
            } catch (IOException reset) {
                return true;
            }
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
