package io.lpmsedge.benchmarks;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A loopback TCP relay in front of a server that counts the bytes the client sent (HTTP headers and bodies: what
 * a Wi-Fi link would carry) and keeps the first {@code sampleLimit} of them, so a bench can also say what gzip
 * would make of them.
 */
final class ByteCountingRelay implements AutoCloseable {
    private final ServerSocket server;
    private final InetSocketAddress target;
    private final AtomicLong upstreamBytes = new AtomicLong();
    private final ByteArrayOutputStream sample = new ByteArrayOutputStream();
    private final int sampleLimit;

    ByteCountingRelay(InetSocketAddress target, int sampleLimit) throws IOException {
        this.target = target;
        this.sampleLimit = sampleLimit;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread t = new Thread(this::accept, "relay-accept");
        t.setDaemon(true);
        t.start();
    }

    int port() {
        return server.getLocalPort();
    }

    long upstreamBytes() {
        return upstreamBytes.get();
    }

    synchronized byte[] sample() {
        return sample.toByteArray();
    }

    /** Starts a new sample (the byte count goes on). */
    synchronized void resetSample() {
        sample.reset();
    }

    private void accept() {
        try {
            while (true) {
                Socket client = server.accept();
                Socket upstream = new Socket(target.getAddress(), target.getPort());
                pump(client.getInputStream(), upstream.getOutputStream(), true, client, upstream);
                pump(upstream.getInputStream(), client.getOutputStream(), false, client, upstream);
            }
        } catch (IOException e) {
            // closed
        }
    }

    private void pump(InputStream in, OutputStream out, boolean count, Socket a, Socket b) {
        Thread t = new Thread(
                () -> {
                    byte[] buf = new byte[1 << 16];
                    try {
                        int n;
                        while ((n = in.read(buf)) > 0) {
                            if (count) {
                                upstreamBytes.addAndGet(n);
                                synchronized (this) {
                                    if (sample.size() < sampleLimit) {
                                        sample.write(buf, 0, Math.min(n, sampleLimit - sample.size()));
                                    }
                                }
                            }
                            out.write(buf, 0, n);
                        }
                    } catch (IOException e) {
                        // one side closed
                    } finally {
                        try {
                            a.close();
                            b.close();
                        } catch (IOException ignored) {
                            // already closed
                        }
                    }
                },
                "relay-pump");
        t.setDaemon(true);
        t.start();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
