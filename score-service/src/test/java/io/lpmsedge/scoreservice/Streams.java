package io.lpmsedge.scoreservice;

import com.fasterxml.jackson.databind.JsonNode;
import io.lpmsedge.protocol.data.Lineage;
import io.lpmsedge.protocol.data.Output;
import io.lpmsedge.protocol.data.Sample;
import io.lpmsedge.scorer.manifest.ManifestIO;
import io.lpmsedge.scorer.manifest.ManifestValidator;
import io.lpmsedge.scorer.manifest.ScorerConfig;
import io.lpmsedge.scorer.model.ModelLoader;
import io.lpmsedge.scorer.window.Verdict;
import io.lpmsedge.scorer.window.WindowResult;
import io.lpmsedge.scorer.window.WindowScorer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Test readings and the committed test model: {@code ae} (per-reading autoencoder on acc+gyro, windows of 100,
 * hysteresis 2:2) from edge-scorer's test resources, its normal data, and a fault that model flags (a strong
 * 23 Hz wobble on gyro x/y). Each sensor's stream has its own fault segment so a mix-up between sensors shows.
 */
final class Streams {
    static final Path MODELS = Path.of("..", "edge-scorer", "src", "test", "resources", "models");
    static final Path MODEL = MODELS.resolve("ae.zip");
    static final int ROWS = 3000;

    private Streams() {}

    static ScorerConfig config() {
        try {
            return ManifestValidator.validate(
                    new ManifestIO().read(MODELS.resolve("ae.manifest.json")),
                    ModelLoader.usingTempDir().load(MODEL));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The test model for every sensor, named as {@code --model ae.zip} names it. */
    static ModelSet single(ScorerConfig config) {
        return ModelSet.single("ae.zip", config, MODEL, MODELS.resolve("ae.manifest.json"));
    }

    static double[][] normal() {
        try {
            List<String> lines = Files.readAllLines(MODELS.resolve("normal.csv"));
            double[][] rows = new double[lines.size() - 1][];
            for (int i = 1; i < lines.size(); i++) {
                String[] c = lines.get(i).split(",");
                rows[i - 1] = new double[6];
                for (int k = 0; k < 6; k++) {
                    rows[i - 1][k] = Double.parseDouble(c[k + 1]);
                }
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sensor {@code i}'s rows: normal, with the fault over rows [1000 + 200 i, 1600 + 200 i). */
    static double[][] sensorRows(int i) {
        double[][] n = normal();
        double[][] out = new double[ROWS][];
        for (int r = 0; r < ROWS; r++) {
            out[r] = n[r].clone();
            if (r >= faultStart(i) && r < faultStart(i) + 600) {
                double w = Math.sin(2 * Math.PI * 23 * r / 100.0);
                out[r][3] += 0.4 * w;
                out[r][4] -= 0.3 * w;
            }
        }
        return out;
    }

    static int faultStart(int sensor) {
        return 1000 + 200 * sensor;
    }

    static String name(int sensor) {
        return "arm-" + sensor;
    }

    /** Record schema 1 as the bridge writes it (docs/delivery.md); doubles in round-trip form. */
    static String json(int sensor, long seq, double[] r) {
        return json(name(sensor), sensor, seq, r);
    }

    /** As {@link #json(int, long, double[])} under another sensor name. */
    static String json(String name, int sensor, long seq, double[] r) {
        long ticks = 1000 + 4 * seq;
        return String.format(
                Locale.ROOT,
                "{\"schema\":1,\"sensor\":\"%s\",\"bridge\":\"line-3\",\"bootId\":\"boot-%d\","
                        + "\"seq\":%d,\"linkEpoch\":1,\"sensorId\":%d,\"ticks\":%d,\"t\":%s,\"recvNs\":1,"
                        + "\"gyro\":[%s,%s,%s],\"acc\":[%s,%s,%s]}",
                name,
                sensor,
                seq,
                sensor + 1,
                ticks,
                ticks * 0.0025,
                r[3],
                r[4],
                r[5],
                r[0],
                r[1],
                r[2]);
    }

    /** Row {@code r} (acc x/y/z, gyro x/y/z) of a sensor as {@link #json} writes it: the same header and values. */
    static Sample sample(Sample into, int sensor, long seq, double[] r) {
        long ticks = 1000 + 4L * seq;
        return into.clear()
                .set(Output.ACC, r[0], r[1], r[2])
                .set(Output.GYRO, r[3], r[4], r[5])
                .header(sensor + 1, ticks, ticks * 0.0025, 1);
    }

    /** The lineage {@link #json} writes. */
    static Lineage lineage(int sensor, long seq) {
        return new Lineage("line-3", name(sensor), "boot-" + sensor, seq, 1);
    }

    /** What the service must produce for one sensor's stream, from the same scorer fed directly (every window). */
    static List<String> expectedWindows(int sensor, ScorerConfig config) {
        List<String> out = new ArrayList<>();
        List<WindowResult> windows = new ArrayList<>();
        WindowScorer s = config.newWindowScorer(config.newRowScorer(), windows::add);
        double[][] rows = sensorRows(sensor);
        Sample sample = new Sample();
        for (int seq = 0; seq < rows.length; seq++) {
            sample(sample, sensor, seq, rows[seq]);
            s.accept(sample, sample.sensorTime(), lineage(sensor, seq), seq);
        }
        for (WindowResult w : windows) {
            Verdict prev = w.changed() ? (w.verdict() == Verdict.OK ? Verdict.FAILURE : Verdict.OK) : w.verdict();
            out.add(key(
                    name(sensor),
                    w.firstRow(),
                    w.firstRow() + w.rows() - 1,
                    w.verdict().name(),
                    prev.name(),
                    w.rms()));
        }
        return out;
    }

    /** The events' {@link #key}s, sorted: two runs scored alike when these are equal. */
    static List<String> eventKeys(List<JsonNode> events) {
        return events.stream()
                .map(e -> key(
                        e.get("sensor").asText(),
                        e.get("firstSeq").asLong(),
                        e.get("lastSeq").asLong(),
                        e.get("verdict").asText(),
                        e.get("previousVerdict").asText(),
                        e.get("rms").asDouble()))
                .sorted()
                .toList();
    }

    /** The fields of an event that must match, as one comparable string. */
    static String key(String sensor, long firstSeq, long lastSeq, String verdict, String previous, double rms) {
        return sensor + " " + firstSeq + "-" + lastSeq + " " + previous + "->" + verdict + " rms=" + rms;
    }
}
