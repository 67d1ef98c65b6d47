package io.lpmsedge.protocol.frame;

/**
 * What a {@link FrameDecoder} has seen so far. Plain longs written by the decoding thread only; a reader on
 * another thread takes a {@link #snapshot()}, which may be a few frames stale but is never torn per counter.
 */
public final class DecoderCounters {
    private volatile long goodFrames;
    private volatile long lrcMismatch;
    private volatile long badEndBytes;
    private volatile long lengthOutOfRange;
    private volatile long bytesSkipped;
    private volatile long bytesFed;

    void good() {
        goodFrames++;
    }

    void bad(BadFrameReason reason) {
        switch (reason) {
            case LRC_MISMATCH -> lrcMismatch++;
            case BAD_END_BYTES -> badEndBytes++;
            case LENGTH_OUT_OF_RANGE -> lengthOutOfRange++;
        }
    }

    void skipped(long n) {
        bytesSkipped += n;
    }

    void fed(long n) {
        bytesFed += n;
    }

    public Snapshot snapshot() {
        return new Snapshot(goodFrames, lrcMismatch, badEndBytes, lengthOutOfRange, bytesSkipped, bytesFed);
    }

    /**
     * Counters at one moment.
     *
     * @param bytesSkipped bytes that were not part of a good frame and were dropped while re-synchronising
     *                     (garbage and the start bytes of rejected candidates)
     * @param bytesFed     every byte handed to the decoder
     */
    public record Snapshot(
            long goodFrames,
            long lrcMismatch,
            long badEndBytes,
            long lengthOutOfRange,
            long bytesSkipped,
            long bytesFed) {
        public long badFrames() {
            return lrcMismatch + badEndBytes + lengthOutOfRange;
        }

        public long bad(BadFrameReason reason) {
            return switch (reason) {
                case LRC_MISMATCH -> lrcMismatch;
                case BAD_END_BYTES -> badEndBytes;
                case LENGTH_OUT_OF_RANGE -> lengthOutOfRange;
            };
        }
    }
}
