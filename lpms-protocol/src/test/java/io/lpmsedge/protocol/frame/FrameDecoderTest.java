package io.lpmsedge.protocol.frame;

import static io.lpmsedge.protocol.Hex.bytes;
import static io.lpmsedge.protocol.Hex.concat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lpmsedge.protocol.Hex;
import org.junit.jupiter.api.Test;

class FrameDecoderTest {
    static final byte[] ACK = bytes("3A 01 00 00 00 00 00 01 00 0D 0A");
    static final byte[] GOTO_COMMAND = bytes("3A 01 00 06 00 00 00 07 00 0D 0A");
    static final byte[] SET_FREQ_100 = bytes("3A 01 00 0B 00 04 00 64 00 00 00 74 00 0D 0A");

    private final FrameDecoder decoder = new FrameDecoder();
    private final CollectingListener seen = new CollectingListener();

    private void feed(byte[] b) {
        decoder.feed(b, 0, b.length, seen);
    }

    private DecoderCounters.Snapshot counters() {
        return decoder.counters().snapshot();
    }

    @Test
    void decodesTheWorkedFramesOfSection29() {
        byte[] stream = concat(ACK, GOTO_COMMAND, SET_FREQ_100, bytes("3A 01 00 0A 00 04 00 00 18 00 00 27 00 0D 0A"));
        feed(stream);
        assertEquals(4, seen.frames.size());
        assertEquals(new CollectingListener.Seen(0, 1, 0, Hex.of(ACK)), seen.frames.get(0));
        assertEquals(new CollectingListener.Seen(11, 1, 6, Hex.of(GOTO_COMMAND)), seen.frames.get(1));
        assertEquals(22, seen.frames.get(2).offset());
        assertEquals(11, seen.frames.get(2).function());
        assertEquals(10, seen.frames.get(3).function());
        assertEquals(4, counters().goodFrames());
        assertEquals(0, counters().badFrames());
        assertEquals(0, counters().bytesSkipped());
        assertEquals(stream.length, counters().bytesFed());
    }

    @Test
    void startAndEndBytesInsidePayloadAreData() {
        // payload 3A 0D 0A 3A: LRC = 1 + 9 + 4 + 0x3A + 0x0D + 0x0A + 0x3A = 0x99
        byte[] frame = bytes("3A 01 00 09 00 04 00 3A 0D 0A 3A 99 00 0D 0A");
        feed(concat(frame, ACK));
        assertEquals(2, seen.frames.size());
        assertEquals(Hex.of(frame), seen.frames.get(0).hex());
        assertEquals(0, counters().badFrames());
    }

    @Test
    void aFakeHeaderInsideAnAcceptedPayloadIsNotRescanned() {
        // The payload of this frame is itself a complete ACK frame; it must come out as one frame, not two.
        byte[] payload = ACK;
        byte[] frame = FrameEncoder.encode(1, 200, payload);
        feed(frame);
        assertEquals(1, seen.frames.size());
        assertEquals(200, seen.frames.get(0).function());
    }

    @Test
    void badLrcIsCountedAndTheNextFrameSurvives() {
        byte[] bad = ACK.clone();
        bad[7] = 0x02;
        feed(concat(bad, GOTO_COMMAND));
        assertEquals(1, seen.frames.size());
        assertEquals(6, seen.frames.get(0).function());
        assertEquals(11, seen.frames.get(0).offset());
        assertEquals(1, counters().lrcMismatch());
        assertEquals(1, counters().badFrames());
        assertEquals(11, counters().bytesSkipped());
    }

    @Test
    void wrongEndBytesAreABadFrame() {
        byte[] bad = ACK.clone();
        bad[10] = 0x0B;
        feed(concat(bad, ACK));
        assertEquals(1, seen.frames.size());
        assertEquals(1, counters().badEndBytes());
        assertEquals(0, counters().lrcMismatch());
    }

    @Test
    void lengthAboveTheBoundIsRejectedWithoutWaiting() {
        // Claims 1025 bytes of payload: rejected as soon as the header is in, and the ACK right after is found.
        feed(concat(bytes("3A 01 00 09 00 01 04"), ACK));
        assertEquals(1, seen.frames.size());
        assertEquals(7, seen.frames.get(0).offset());
        assertEquals(1, counters().lengthOutOfRange());
        assertEquals(0, decoder.bufferedBytes());
    }

    @Test
    void aSixteenBitLengthAbove255IsAccepted() {
        byte[] payload = new byte[300];
        for (int i = 0; i < payload.length; i++) {
            payload[i] = (byte) (i * 7);
        }
        byte[] frame = FrameEncoder.encode(0x0102, 0x0304, payload);
        assertEquals(0x2C, frame[5]);
        assertEquals(0x01, frame[6]);
        feed(frame);
        assertEquals(1, seen.frames.size());
        assertEquals(0x0102, seen.frames.get(0).sensorId());
        assertEquals(0x0304, seen.frames.get(0).function());
    }

    @Test
    void garbageIsSkippedAndCounted() {
        byte[] garbage = bytes("00 FF 13 0D 0A 55");
        feed(concat(garbage, ACK, garbage, ACK));
        assertEquals(2, seen.frames.size());
        assertEquals(6, seen.frames.get(0).offset());
        assertEquals(23, seen.frames.get(1).offset());
        assertEquals(0, counters().badFrames());
        assertEquals(12, counters().bytesSkipped());
    }

    @Test
    void aGoodFrameRightBehindATruncatedOneIsRecovered() {
        // A data frame cut after 9 of its 15 bytes (link dropped bytes), then good frames. The truncated
        // candidate swallows bytes of the next frame, fails its LRC, and the scan resumes one byte after its start.
        byte[] data = bytes("3A 01 00 09 00 04 00 3A 0D 0A 3A 99 00 0D 0A");
        byte[] truncated = java.util.Arrays.copyOf(data, 9);
        feed(concat(truncated, SET_FREQ_100, ACK));
        assertEquals(2, seen.frames.size(), seen.frames.toString());
        assertEquals(9, seen.frames.get(0).offset());
        assertEquals(11, seen.frames.get(0).function());
        // Two rejected candidates: the truncated frame, then the 3A inside its payload (length 0x0B).
        assertEquals(2, counters().lrcMismatch());
        assertEquals(2, counters().badFrames());
    }

    @Test
    void aCaptureEndingMidFrameIsIncompleteNotBad() {
        byte[] cut = java.util.Arrays.copyOf(SET_FREQ_100, 10);
        feed(concat(ACK, cut));
        assertEquals(1, seen.frames.size());
        assertEquals(10, decoder.bufferedBytes());
        decoder.endOfStream(seen);
        assertTrue(decoder.endedWithIncompleteFrame());
        assertEquals(0, counters().badFrames());
        assertEquals(1, seen.frames.size());
        assertEquals(0, decoder.bufferedBytes());
    }

    @Test
    void endOfStreamDeliversCompleteFramesBehindAnIncompleteCandidate() {
        // A header that claims 200 bytes, then an ACK, then the stream ends: the ACK must not be lost.
        feed(concat(bytes("3A 01 00 09 00 C8 00"), ACK));
        assertEquals(0, seen.frames.size());
        decoder.endOfStream(seen);
        assertEquals(1, seen.frames.size());
        assertEquals(7, seen.frames.get(0).offset());
        assertTrue(decoder.endedWithIncompleteFrame());
    }

    @Test
    void aCleanEndIsNotIncomplete() {
        feed(ACK);
        decoder.endOfStream(seen);
        assertFalse(decoder.endedWithIncompleteFrame());
    }

    @Test
    void byteAtATimeGivesTheSameFramesAndOffsets() {
        byte[] stream = concat(bytes("00 3A 3A"), ACK, SET_FREQ_100, bytes("3A 01"), GOTO_COMMAND);
        feed(stream);
        var whole = new java.util.ArrayList<>(seen.frames);
        FrameDecoder d2 = new FrameDecoder();
        CollectingListener s2 = new CollectingListener();
        for (byte b : stream) {
            d2.feed(new byte[] {b}, 0, 1, s2);
        }
        assertEquals(whole, s2.frames);
        assertEquals(decoder.counters().snapshot(), d2.counters().snapshot());
    }

    @Test
    void aChunkLargerThanTheBufferIsDecodedInSteps() {
        int n = 20_000;
        byte[] stream = new byte[n * ACK.length];
        for (int i = 0; i < n; i++) {
            System.arraycopy(ACK, 0, stream, i * ACK.length, ACK.length);
        }
        feed(stream);
        assertEquals(n, seen.frames.size());
        assertEquals((long) (n - 1) * ACK.length, seen.frames.get(n - 1).offset());
    }

    @Test
    void receiveTimeIsStampedOnFramesTheChunkCompletes() {
        long[] times = new long[2];
        int[] i = {0};
        FrameListener l = f -> times[i[0]++] = f.receivedAtNanos();
        decoder.feed(ACK, 0, 5, 111L, l);
        decoder.feed(ACK, 5, 6, 222L, l);
        decoder.feed(ACK, 0, 11, 333L, l);
        assertEquals(222L, times[0]);
        assertEquals(333L, times[1]);
    }

    @Test
    void resetDropsAPartialCandidate() {
        feed(java.util.Arrays.copyOf(ACK, 5));
        decoder.reset();
        feed(ACK);
        assertEquals(1, seen.frames.size());
        assertEquals(5, seen.frames.get(0).offset());
        assertEquals(5, counters().bytesSkipped());
    }
}
