package io.lpmsedge.benchmarks;

import io.lpmsedge.protocol.data.Lineage;
import io.lpmsedge.protocol.data.Sample;
import io.lpmsedge.record.ReadingRecordDecoder;
import io.lpmsedge.record.RecordDecoder;
import io.lpmsedge.record.RecordFormat;
import io.lpmsedge.record.UnknownFormatException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
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
 * The score-service's decode step alone, record value → reused {@link Sample} + lineage, on the values
 * {@code ScoreServiceScaleBench} produces (500 sensors, acc + gyro as random doubles of up to 17 digits; a
 * 32-bit-mode bridge's floats widened to double print with 16–17 digits too, 16-bit-mode values are short
 * decimals):
 *
 * <ul>
 *   <li>{@code jackson}: {@link RecordDecoder#decode(byte[], Sample)}, the path every value took before;</li>
 *   <li>{@code service}: {@link ReadingRecordDecoder#decode}, what the score-service calls now (JSON in the
 *   bridge's layout by the hand-written reader, CBOR and everything else by Jackson).</li>
 * </ul>
 *
 * Run: {@code java -jar benchmarks/target/benchmarks.jar RecordDecodeBenchmark -prof gc}. On a machine other
 * processes load, JMH's wall-clock times say more about the scheduler than the code; {@link #main} measures the
 * same two paths in this thread's CPU time instead (interleaved rounds, median):
 * {@code java -cp benchmarks/target/benchmarks.jar io.lpmsedge.benchmarks.RecordDecodeBenchmark}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
        value = 1,
        jvmArgsAppend = {"-XX:+UseSerialGC", "-Xmx512m"})
@State(Scope.Thread)
public class RecordDecodeBenchmark {
    static final int VALUES = 4096;

    @Param({"json", "cbor"})
    public String format;

    private byte[][] values;
    private final RecordDecoder jackson = new RecordDecoder();
    private final ReadingRecordDecoder service = new ReadingRecordDecoder();
    private final Sample sample = new Sample();

    @Setup
    public void setUp() {
        SensorFeed feed = new SensorFeed(500, RecordFormat.byName(format));
        values = new byte[VALUES][];
        for (int i = 0; i < VALUES; i++) {
            values[i] = feed.value(i % feed.sensors(), i / feed.sensors());
        }
    }

    @Benchmark
    @OperationsPerInvocation(VALUES)
    public void jackson(Blackhole bh) {
        for (byte[] v : values) {
            Lineage l = jackson.decode(v, sample);
            bh.consume(l);
            bh.consume(sample.tick());
        }
    }

    @Benchmark
    @OperationsPerInvocation(VALUES)
    public void service(Blackhole bh) throws UnknownFormatException {
        for (byte[] v : values) {
            Lineage l = service.decode(v, sample);
            bh.consume(l);
            bh.consume(sample.tick());
        }
    }

    /** CPU nanoseconds per value of both paths and both formats, median of interleaved rounds. */
    public static void main(String[] args) throws Exception {
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        int rounds = Integer.getInteger("rounds", 30);
        for (String f : new String[] {"json", "cbor"}) {
            RecordDecodeBenchmark b = new RecordDecodeBenchmark();
            b.format = f;
            b.setUp();
            long[][] ns = new long[2][rounds];
            for (int r = -rounds; r < rounds; r++) { // the first half warms up
                for (int path = 0; path < 2; path++) {
                    long t0 = mx.getCurrentThreadCpuTime();
                    for (int rep = 0; rep < 50; rep++) {
                        for (byte[] v : b.values) {
                            Lineage l = path == 0 ? b.jackson.decode(v, b.sample) : b.service.decode(v, b.sample);
                            if (l.seq() < 0) {
                                throw new AssertionError();
                            }
                        }
                    }
                    if (r >= 0) {
                        ns[path][r] = (mx.getCurrentThreadCpuTime() - t0) / (50L * VALUES);
                    }
                }
            }
            java.util.Arrays.sort(ns[0]);
            java.util.Arrays.sort(ns[1]);
            System.out.printf(
                    java.util.Locale.ROOT,
                    "%s: jackson %d ns, service %d ns per value (thread CPU, median of %d rounds)%n",
                    f,
                    ns[0][rounds / 2],
                    ns[1][rounds / 2],
                    rounds);
        }
    }
}
