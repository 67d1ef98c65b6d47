package io.lpmsedge.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lpmsedge.protocol.command.SensorReplies;
import io.lpmsedge.protocol.data.ConfigWord;
import io.lpmsedge.protocol.data.FirmwareProfile;
import io.lpmsedge.protocol.data.Output;
import io.lpmsedge.protocol.data.Reading;
import io.lpmsedge.protocol.data.Sample;
import io.lpmsedge.protocol.frame.CollectingListener;
import io.lpmsedge.protocol.frame.DecoderCounters;
import io.lpmsedge.protocol.frame.FrameDecoder;
import io.lpmsedge.protocol.frame.LpBus;
import io.lpmsedge.protocol.stream.LpBusStreamDecoder;
import io.lpmsedge.protocol.stream.RecordingStreamListener;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Properties of the decoder and codec over random streams, splits, readings, masks and modes. */
class CodecPropertiesTest {
    private static final Output[] LPBUS = {
        Output.GYRO,
        Output.ACC,
        Output.MAG,
        Output.ANG_VEL,
        Output.QUAT,
        Output.EULER,
        Output.LIN_ACC,
        Output.PRESSURE,
        Output.ALTITUDE,
        Output.TEMPERATURE,
        Output.HEAVE
    };
    private static final FirmwareProfile[] PROFILES = {
        FirmwareProfile.B2_FW2, FirmwareProfile.LEGACY, FirmwareProfile.GEN1
    };

    /** A random stream: good frames of random functions and sizes mixed with garbage, bit flips and cuts. */
    @Provide
    Arbitrary<byte[]> noisyStreams() {
        return Arbitraries.longs().map(seed -> {
            Random rnd = new Random(seed);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int pieces = 1 + rnd.nextInt(40);
            for (int i = 0; i < pieces; i++) {
                byte[] payload = new byte[rnd.nextInt(4) == 0 ? rnd.nextInt(1100) % 1025 : rnd.nextInt(110)];
                rnd.nextBytes(payload);
                byte[] frame =
                        io.lpmsedge.protocol.frame.FrameEncoder.encode(rnd.nextInt(3), rnd.nextInt(120), payload);
                switch (rnd.nextInt(6)) {
                    case 0 -> frame[1 + rnd.nextInt(frame.length - 1)] ^= (byte) (1 << rnd.nextInt(8));
                    case 1 -> frame = java.util.Arrays.copyOf(frame, rnd.nextInt(frame.length));
                    case 2 -> {
                        byte[] garbage = new byte[rnd.nextInt(30)];
                        rnd.nextBytes(garbage);
                        out.writeBytes(garbage);
                    }
                    default -> {}
                }
                out.writeBytes(frame);
            }
            return out.toByteArray();
        });
    }

    @Provide
    Arbitrary<List<Integer>> splits() {
        return Arbitraries.integers().between(1, 700).list().ofMinSize(1).ofMaxSize(50);
    }

    @Property(tries = 300)
    void decodingIsIdenticalHoweverTheStreamIsSplit(
            @ForAll("noisyStreams") byte[] stream, @ForAll("splits") List<Integer> splits) {
        FrameDecoder whole = new FrameDecoder();
        CollectingListener a = new CollectingListener();
        whole.feed(stream, 0, stream.length, a);
        whole.endOfStream(a);

        FrameDecoder chunked = new FrameDecoder(2 * LpBus.MAX_FRAME, LpBus.MAX_PAYLOAD);
        CollectingListener b = new CollectingListener();
        int pos = 0;
        int i = 0;
        while (pos < stream.length) {
            int n = Math.min(splits.get(i++ % splits.size()), stream.length - pos);
            chunked.feed(stream, pos, n, b);
            pos += n;
        }
        chunked.endOfStream(b);

        assertEquals(a.frames, b.frames);
        assertEquals(whole.counters().snapshot(), chunked.counters().snapshot());
        assertEquals(whole.endedWithIncompleteFrame(), chunked.endedWithIncompleteFrame());
    }

    @Property(tries = 300)
    void everyByteIsAccountedFor(@ForAll("noisyStreams") byte[] stream) {
        FrameDecoder d = new FrameDecoder();
        long[] goodBytes = {0};
        d.feed(stream, 0, stream.length, f -> goodBytes[0] += f.frameLength());
        d.endOfStream(f -> goodBytes[0] += f.frameLength());
        DecoderCounters.Snapshot c = d.counters().snapshot();
        assertEquals(stream.length, c.bytesFed());
        assertEquals(stream.length, goodBytes[0] + c.bytesSkipped());
    }

    @Property(tries = 200)
    void randomBytesNeverThrowAndNeverGrowMemory(
            @ForAll @Size(max = 20_000) byte[] random, @ForAll @IntRange(min = 1, max = 4096) int chunk) {
        FrameDecoder d = new FrameDecoder();
        int[] frames = {0};
        for (int pos = 0; pos < random.length; pos += chunk) {
            d.feed(random, pos, Math.min(chunk, random.length - pos), f -> frames[0]++);
            assertTrue(d.bufferedBytes() < LpBus.MAX_FRAME, "holds at most one incomplete candidate");
        }
        d.endOfStream(f -> frames[0]++);
        assertEquals(0, d.bufferedBytes());
        assertEquals(frames[0], d.counters().snapshot().goodFrames());
    }

    record Case(int mask, boolean sixteen, int profile, int rateHz, long tick, double[] raw) {}

    @Provide
    Arbitrary<Case> readings() {
        Arbitrary<Integer> mask = Arbitraries.integers()
                .between(0, (1 << LPBUS.length) - 1)
                .map(bits -> {
                    int m = 0;
                    for (int i = 0; i < LPBUS.length; i++) {
                        if ((bits & (1 << i)) != 0) {
                            m |= LPBUS[i].maskBit();
                        }
                    }
                    return m;
                });
        return Combinators.combine(
                        mask,
                        Arbitraries.of(true, false),
                        Arbitraries.integers().between(0, 2),
                        Arbitraries.of(5, 10, 25, 50, 100, 200, 400),
                        Arbitraries.longs().between(0, 0xFFFFFFFFL),
                        Arbitraries.doubles()
                                .between(-1, 1)
                                .array(double[].class)
                                .ofSize(Output.SLOTS))
                .as(Case::new);
    }

    /**
     * Encode → decode is the identity for values a sensor can send: float32 values in 32-bit mode and
     * multiples of 1/divisor within int16 range in 16-bit mode.
     */
    @Property(tries = 500)
    void encodeThenDecodeIsTheIdentity(@ForAll("readings") Case c) {
        FirmwareProfile profile = PROFILES[c.profile];
        ConfigWord word =
                new ConfigWord(ConfigWord.rateCode(c.rateHz) | c.mask | (c.sixteen ? ConfigWord.SIXTEEN_BIT : 0));
        Sample in = new Sample();
        for (Output o : LPBUS) {
            if (word.has(o, profile)) {
                for (int i = 0; i < o.components(); i++) {
                    double r = c.raw[o.slot() + i];
                    double v = c.sixteen ? Math.round(r * 32767) / profile.divisor(o) : (double) (float) (r * 300);
                    in.set(o, i, v);
                }
            }
        }
        // GEN1 timestamps are float seconds: only ticks a float can carry exactly round-trip.
        long tick = profile == FirmwareProfile.GEN1 ? c.tick & 0xFFFF : c.tick;
        byte[] frame = SensorReplies.data(3, tick, in, word, profile);
        RecordingStreamListener l = new RecordingStreamListener();
        new LpBusStreamDecoder(profile, word, l).feed(frame, 0, frame.length);
        Reading r = l.readings.get(0);
        assertEquals(tick, r.tick());
        assertEquals(in.values(), r.values());
    }
}
