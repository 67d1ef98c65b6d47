package io.lpmsedge.bridge.link;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Direct RFCOMM through BlueCove ({@code btspp://001122334455:1}), where BlueCove's native stack loads (BlueZ
 * with the 32-bit or x86-64 library). On 64-bit Raspberry Pi OS it does not: then {@link #open()} fails with one
 * line telling the user to bind the sensor with {@code rfcomm bind} and use the serial link instead.
 */
public final class RfcommLink implements SensorLink {
    private final LinkAddress.Rfcomm address;
    private final BluetoothStack stack;

    public RfcommLink(LinkAddress.Rfcomm address, BluetoothStack stack) {
        this.address = address;
        this.stack = stack;
    }

    @Override
    public LinkAddress address() {
        return address;
    }

    @Override
    public LinkConnection open() throws IOException {
        BluetoothStack.StreamPair streams = stack.connect(address);
        return new Connection(streams);
    }

    /**
     * Blocking streams made pollable: a pump thread reads the RFCOMM stream into a small queue, because
     * BlueCove's streams have no read timeout and the session must keep checking its deadlines.
     */
    private static final class Connection implements LinkConnection {
        private static final byte[] EOF = new byte[0];
        private final BluetoothStack.StreamPair streams;
        private final BlockingQueue<byte[]> chunks = new ArrayBlockingQueue<>(64);
        private final Thread pump;
        private volatile IOException failure;
        private byte[] current;
        private int currentOffset;

        Connection(BluetoothStack.StreamPair streams) {
            this.streams = streams;
            this.pump = new Thread(this::pump, "rfcomm-pump");
            pump.setDaemon(true);
            pump.start();
        }

        private void pump() {
            InputStream in = streams.in();
            byte[] buf = new byte[4096];
            try {
                int n;
                while ((n = in.read(buf)) >= 0) {
                    chunks.put(java.util.Arrays.copyOf(buf, n));
                }
            } catch (IOException e) {
                failure = e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            chunks.offer(EOF);
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (current == null || currentOffset == current.length) {
                try {
                    current = chunks.poll(SensorLink.POLL_MILLIS, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted", e);
                }
                currentOffset = 0;
                if (current == null) {
                    return 0;
                }
                if (current == EOF) {
                    if (failure != null) {
                        throw failure;
                    }
                    return -1;
                }
            }
            int n = Math.min(length, current.length - currentOffset);
            System.arraycopy(current, currentOffset, buffer, offset, n);
            currentOffset += n;
            return n;
        }

        @Override
        public void write(byte[] bytes) throws IOException {
            OutputStream out = streams.out();
            out.write(bytes);
            out.flush();
        }

        @Override
        public void close() throws IOException {
            streams.close();
            pump.interrupt();
        }
    }
}
