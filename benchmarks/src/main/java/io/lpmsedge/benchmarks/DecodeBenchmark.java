package io.lpmsedge.benchmarks;

import io.lpmsedge.protocol.command.SensorReplies;
import io.lpmsedge.protocol.data.ConfigWord;
import io.lpmsedge.protocol.data.FirmwareProfile;
import io.lpmsedge.protocol.data.Output;
import io.lpmsedge.protocol.data.Sample;
import io.lpmsedge.protocol.frame.FrameDecoder;
import io.lpmsedge.protocol.frame.FrameView;
import io.lpmsedge.protocol.stream.LpBusStreamDecoder;
import io.lpmsedge.protocol.stream.StreamListener;
import java.io.ByteArrayOutputStream;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Decode throughput per frame, bytes → decoded sample, one thread. The stream is fed in 4 KiB chunks, as a
 * link reader would hand it over. Two streams (issue 3): 32-bit with five outputs (gyro, acc, mag, pressure,
 * temperature: the bridge default) and 16-bit with every output.
 *
 * <ul>
 *   <li>{@code visitor}: the hot path: the listener reads every value from the reused {@link Sample}.</li>
 *   <li>{@code records}: the same plus {@link Sample#toReading()} per frame (an immutable copy).</li>
 * </ul>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xms256m", "-Xmx256m"})
@State(Scope.Thread)
public class DecodeBenchmark {
    static final int FRAMES = 4096;
    static final int CHUNK = 4096;

    @Param({"32bit-5outputs", "16bit-alloutputs"})
    public String stream;

    private byte[] bytes;
    private LpBusStreamDecoder visitorDecoder;
    private final FrameDecoder frameDecoder = new FrameDecoder();
    private LpBusStreamDecoder recordDecoder;
    private final ValueSink values = new ValueSink();
    private final RecordSink records = new RecordSink();
    private final FunctionSink functions = new FunctionSink();

    @Setup(Level.Trial)
    public void setUp() {
        ConfigWord word = stream.startsWith("32")
                ? ConfigWord.of(100, false, Output.GYRO, Output.ACC, Output.MAG, Output.PRESSURE, Output.TEMPERATURE)
                : ConfigWord.of(400, true, Output.values());
        Random rnd = new Random(42);
        Sample s = new Sample();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < FRAMES; i++) {
            s.clear();
            for (Output o : Output.values()) {
                if (o != Output.HUMIDITY) {
                    for (int c = 0; c < o.components(); c++) {
                        s.set(o, c, rnd.nextGaussian());
                    }
                }
            }
            out.writeBytes(SensorReplies.data(1, i * 4L, s, word, FirmwareProfile.B2_FW2));
        }
        bytes = out.toByteArray();
        visitorDecoder = new LpBusStreamDecoder(FirmwareProfile.B2_FW2, word, values);
        recordDecoder = new LpBusStreamDecoder(FirmwareProfile.B2_FW2, word, records);
    }

    @Benchmark
    @OperationsPerInvocation(FRAMES)
    public void visitor(Blackhole bh) {
        values.bh = bh;
        feed(visitorDecoder);
    }

    /** Framing only (hunt, length, LRC, end bytes): the share of the cost that is not data decoding. */
    @Benchmark
    @OperationsPerInvocation(FRAMES)
    public void framesOnly(Blackhole bh) {
        functions.bh = bh;
        for (int off = 0; off < bytes.length; off += CHUNK) {
            frameDecoder.feed(bytes, off, Math.min(CHUNK, bytes.length - off), functions);
        }
    }

    @Benchmark
    @OperationsPerInvocation(FRAMES)
    public void records(Blackhole bh) {
        records.bh = bh;
        feed(recordDecoder);
    }

    private void feed(LpBusStreamDecoder decoder) {
        for (int off = 0; off < bytes.length; off += CHUNK) {
            decoder.feed(bytes, off, Math.min(CHUNK, bytes.length - off));
        }
    }

    /**
     * Reads every present value, as a consumer building a feature row does, and hands their sum to the
     * Blackhole once per frame, so the decode work cannot be optimised away.
     */
    static final class ValueSink implements StreamListener {
        private static final Output[] OUTPUTS = Output.values();
        Blackhole bh;

        @Override
        public void onSample(Sample sample, FrameView frame) {
            double sum = sample.sensorTime();
            for (Output o : OUTPUTS) {
                if (sample.has(o)) {
                    for (int c = 0; c < o.components(); c++) {
                        sum += sample.get(o, c);
                    }
                }
            }
            bh.consume(sum);
        }
    }

    static final class FunctionSink implements io.lpmsedge.protocol.frame.FrameListener {
        Blackhole bh;

        @Override
        public void onFrame(FrameView frame) {
            bh.consume(frame.function());
        }
    }

    static final class RecordSink implements StreamListener {
        Blackhole bh;

        @Override
        public void onSample(Sample sample, FrameView frame) {
            bh.consume(sample.toReading());
        }
    }
}
