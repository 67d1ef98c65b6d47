package io.lpmsedge.protocol.frame;

/**
 * Streaming LP-BUS frame decoder over a cumulative buffer, in the manner of Netty's ByteToMessageDecoder.
 *
 * <p>Feed it chunks of any size, split anywhere; it calls the listener once per good frame, in stream order,
 * and never throws on bad input. Rules (docs/lpms-protocol.md#receive-algorithm): hunt for {@code 0x3A}; a length above
 * {@link LpBus#MAX_PAYLOAD} is a bad frame at once; otherwise wait for the whole candidate, then check the LRC
 * and the {@code 0D 0A} end bytes. After any rejected candidate only its start byte is dropped and the scan
 * resumes one byte later, so a good frame behind a truncated one is never lost. An accepted frame is consumed
 * whole: no re-synchronisation inside it, since payloads contain {@code 3A}/{@code 0D 0A} freely.
 *
 * <p>Memory is bounded: the buffer is allocated once; between calls it holds at most one incomplete
 * candidate (≤ {@link LpBus#MAX_FRAME} bytes). Input is copied through it in buffer-sized steps, so a
 * megabyte chunk costs no extra memory. The decode loop allocates nothing.
 *
 * <p>Not thread-safe: one decoder per byte stream, fed from one thread. The listener must not feed the same
 * decoder again.
 */
public final class FrameDecoder {
    /** Default buffer: large enough to decode hundreds of frames per copy step, small enough for a Pi. */
    public static final int DEFAULT_BUFFER_SIZE = 16 * 1024;

    private final byte[] buf;
    private final int maxPayload;
    private final DecoderCounters counters = new DecoderCounters();
    private final FrameView view = new FrameView();
    /** Unread bytes are buf[start, end). */
    private int start;

    private int end;
    /** Stream offset of buf[0]. */
    private long bufferBase;

    private long receivedAtNanos;
    private boolean trailingIncomplete;

    public FrameDecoder() {
        this(DEFAULT_BUFFER_SIZE, LpBus.MAX_PAYLOAD);
    }

    /**
     * @param bufferSize bytes of working buffer (at least twice the largest frame)
     * @param maxPayload largest accepted payload length, 0–{@value LpBus#MAX_PAYLOAD}
     */
    public FrameDecoder(int bufferSize, int maxPayload) {
        if (maxPayload < 0 || maxPayload > LpBus.MAX_PAYLOAD) {
            throw new IllegalArgumentException("maxPayload must be 0.." + LpBus.MAX_PAYLOAD + ", was " + maxPayload);
        }
        this.maxPayload = maxPayload;
        this.buf = new byte[Math.max(bufferSize, 2 * (maxPayload + LpBus.OVERHEAD))];
    }

    public DecoderCounters counters() {
        return counters;
    }

    /** Decodes {@code src[off, off+len)}; frames completed by these bytes go to the listener. */
    public void feed(byte[] src, int off, int len, FrameListener listener) {
        feed(src, off, len, 0L, listener);
    }

    /**
     * As {@link #feed(byte[], int, int, FrameListener)}, stamping every frame completed by this chunk with the
     * host receive time (e.g. wall-clock nanoseconds when the bytes were read).
     */
    public void feed(byte[] src, int off, int len, long receivedAtNanos, FrameListener listener) {
        if (off < 0 || len < 0 || off > src.length - len) {
            throw new IndexOutOfBoundsException("off=" + off + " len=" + len + " length=" + src.length);
        }
        this.receivedAtNanos = receivedAtNanos;
        counters.fed(len);
        while (len > 0) {
            makeRoom();
            int n = Math.min(len, buf.length - end);
            System.arraycopy(src, off, buf, end, n);
            end += n;
            off += n;
            len -= n;
            decode(listener, false);
        }
    }

    /**
     * The stream has ended (file end, link closed). Complete frames still buffered behind an incomplete
     * candidate are delivered; incomplete candidates are neither good nor bad: they are dropped and reported
     * by {@link #endedWithIncompleteFrame()}. The decoder is then empty and may be fed a new stream, whose
     * offsets continue from this one's.
     */
    public void endOfStream(FrameListener listener) {
        trailingIncomplete = false;
        decode(listener, true);
    }

    /** Whether the last {@link #endOfStream} found bytes of a frame that never completed. */
    public boolean endedWithIncompleteFrame() {
        return trailingIncomplete;
    }

    /** Bytes held waiting for the rest of a candidate frame. */
    public int bufferedBytes() {
        return end - start;
    }

    /** Drops buffered bytes (counted as skipped), e.g. when a link reconnects and old bytes are meaningless. */
    public void reset() {
        counters.skipped(end - start);
        bufferBase += end;
        start = 0;
        end = 0;
    }

    private void makeRoom() {
        if (end < buf.length) {
            return;
        }
        // decode() leaves less than one maximal frame buffered, so shifting always frees most of the buffer.
        int remaining = end - start;
        System.arraycopy(buf, start, buf, 0, remaining);
        bufferBase += start;
        start = 0;
        end = remaining;
    }

    private void decode(FrameListener listener, boolean endOfStream) {
        final byte[] b = buf;
        while (true) {
            int p = start;
            while (p < end && b[p] != LpBus.START) {
                p++;
            }
            if (p > start) {
                counters.skipped(p - start);
                start = p;
            }
            int available = end - start;
            if (available == 0) {
                return;
            }
            if (available < LpBus.HEADER_LENGTH) {
                if (!endOfStream) {
                    return;
                }
                dropIncompleteCandidate();
                continue;
            }
            int length = LittleEndian.u16(b, start + 5);
            if (length > maxPayload) {
                reject(BadFrameReason.LENGTH_OUT_OF_RANGE);
                continue;
            }
            if (available < length + LpBus.OVERHEAD) {
                if (!endOfStream) {
                    return;
                }
                dropIncompleteCandidate();
                continue;
            }
            int id = LittleEndian.u16(b, start + 1);
            int function = LittleEndian.u16(b, start + 3);
            int payloadOffset = start + LpBus.HEADER_LENGTH;
            int lrcAt = payloadOffset + length;
            if (LpBus.lrc(id, function, b, payloadOffset, length) != LittleEndian.u16(b, lrcAt)) {
                reject(BadFrameReason.LRC_MISMATCH);
                continue;
            }
            if (b[lrcAt + 2] != LpBus.END_1 || b[lrcAt + 3] != LpBus.END_2) {
                reject(BadFrameReason.BAD_END_BYTES);
                continue;
            }
            counters.good();
            view.set(b, start, id, function, length, bufferBase + start, receivedAtNanos);
            start += length + LpBus.OVERHEAD;
            listener.onFrame(view);
        }
    }

    private void reject(BadFrameReason reason) {
        counters.bad(reason);
        counters.skipped(1);
        start++;
    }

    private void dropIncompleteCandidate() {
        trailingIncomplete = true;
        counters.skipped(1);
        start++;
    }
}
