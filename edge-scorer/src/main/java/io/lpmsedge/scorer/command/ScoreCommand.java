package io.lpmsedge.scorer.command;

import io.lpmsedge.cli.BadInputException;
import io.lpmsedge.cli.LpmsEdgeSubcommand;
import io.lpmsedge.scorer.input.ColumnCsvReader;
import io.lpmsedge.scorer.input.InputException;
import io.lpmsedge.scorer.input.InputFiles;
import io.lpmsedge.scorer.input.InputFormat;
import io.lpmsedge.scorer.manifest.ManifestFile;
import io.lpmsedge.scorer.manifest.ScorerConfig;
import io.lpmsedge.scorer.offline.FileScoring;
import io.lpmsedge.scorer.offline.GapLog;
import io.lpmsedge.scorer.offline.InputScoring;
import io.lpmsedge.scorer.window.Continuity;
import io.lpmsedge.scorer.window.Verdict;
import io.lpmsedge.scorer.window.WindowListener;
import io.lpmsedge.scorer.window.WindowResult;
import io.lpmsedge.scorer.window.WindowScorer;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code lpms-edge score}: a model over a file of readings, per-row scores, windows and verdicts. */
@Command(
        name = "score",
        mixinStandardHelpOptions = true,
        description = {
            "Score a file of readings with an H2O model (offline, same code as the live scorer).",
            "JSON Lines out: one object per row {\"row\",\"score\"}, one per window {\"window\",\"firstRow\",",
            "\"rows\",\"rms\",\"verdict\"} right after its last row, then {\"summary\"}."
        },
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:scored", "2:unreadable or mismatched model, manifest or input, or a bad option"})
public final class ScoreCommand implements Callable<Integer>, LpmsEdgeSubcommand {
    @Mixin
    private ModelOptions options = new ModelOptions();

    @Option(
            names = "--threshold",
            paramLabel = "X",
            description = "Window value above which a window exceeds (overrides the manifest).")
    private Double threshold;

    @Option(
            names = "--hysteresis",
            paramLabel = "N[:M]",
            description = "FAILURE after N consecutive exceeding windows, OK again after M (default M = N); "
                    + "overrides the manifest's verdict rule.")
    private String hysteresis;

    @Option(
            names = "--labels",
            paramLabel = "FILE",
            description = "Fault intervals (CSV 'start,end,label[,sensor]' in seconds on the input's clock, or "
                    + "'startRow,endRow,label[,sensor]'): the summary then counts false FAILURE outside them and "
                    + "gives ROC AUC. Without it the whole input counts as normal.")
    private Path labels;

    @Option(
            names = "--format",
            defaultValue = "jsonl",
            paramLabel = "jsonl|csv",
            description = "Output format (default jsonl). csv writes one table and the summary to stderr.")
    private String format;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws BadInputException {
        PrintWriter err = spec.commandLine().getErr();
        try {
            return run(err);
        } catch (UncheckedIOException e) {
            err.println("lpms-edge score: cannot write output: " + e.getCause().getMessage());
            return 1;
        }
    }

    private int run(PrintWriter err) throws BadInputException {
        if (!format.equals("jsonl") && !format.equals("csv")) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "--format must be jsonl or csv, got '" + format + "'");
        }
        LabelFile labelFile = labels == null ? null : LabelFile.read(labels);
        ScorerSetup setup = new ScorerSetup(options, false);
        ScorerConfig config = setup.judgingConfig(options, threshold, hysteresis);
        InputFormat inputFormat;
        List<String> extras;
        try {
            inputFormat = InputFormat.detect(options.input);
            extras = inputFormat == InputFormat.COLUMN_CSV
                    ? ColumnCsvReader.extraColumns(options.input, config.columnNames())
                    : List.of();
        } catch (InputException e) {
            throw new BadInputException(e.getMessage());
        }
        Writer out = new BufferedWriter(spec.commandLine().getOut(), 1 << 16);
        Summary summary = new Summary();
        try (ScoreWriter writer = format.equals("csv")
                ? new CsvScoreWriter(out, err, extras)
                : new JsonlScoreWriter(out, extras, inputFormat != InputFormat.COLUMN_CSV)) {
            InputScoring[] scoring = new InputScoring[1];
            GapLog gaps = new GapLog(err);
            LabelledWindows kept =
                    new LabelledWindows(labelFile != null && labelFile.byRow(), () -> scoring[0].currentRow());
            try {
                FileScoring.check(
                        config, options.input, setup.model.file().getFileName().toString());
                scoring[0] = new InputScoring(
                        config,
                        options.input,
                        sensor -> new Listener(sensor, writer, summary, () -> scoring[0].currentExtras(), kept),
                        false,
                        gaps);
                InputFiles.read(options.input, config.columnNames(), scoring[0]);
            } catch (InputException | IllegalArgumentException e) {
                out.flush();
                throw new BadInputException(e.getMessage());
            }
            gaps.printTotals("'" + options.input.getFileName() + "'", scoring[0].timeJumpsBridged());
            Map<String, List<DetectionReport.Phase>> phases = new LinkedHashMap<>();
            if (labelFile != null) {
                LabelledWindows.requireUsable(labelFile, kept.onAxis, labels, options.input);
                kept.bySensor.keySet().forEach(sensor -> phases.put(sensor, labelFile.phases(sensor)));
            }
            Map<String, Object> m = summary.toMap(setup, config, inputFormat, scoring[0]);
            m.putAll(new Evaluation(
                            kept,
                            phases,
                            labels == null ? null : labels.getFileName().toString())
                    .toMap());
            writer.summary(m);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return 0;
    }

    static ManifestFile.VerdictSpec parseHysteresis(String text) throws BadInputException {
        String[] parts = text.split(":", -1);
        try {
            if (parts.length > 2) {
                throw new NumberFormatException();
            }
            int enter = Integer.parseInt(parts[0].strip());
            int exit = parts.length == 2 ? Integer.parseInt(parts[1].strip()) : enter;
            return new ManifestFile.VerdictSpec("hysteresis", enter, exit, null, null);
        } catch (NumberFormatException e) {
            throw new BadInputException("--hysteresis '" + text + "' is not N or N:M; write e.g. --hysteresis 3:5 "
                    + "(3 windows to enter FAILURE, 5 to leave it)");
        }
    }

    /** Writes one sensor's rows and windows and counts them. */
    private static final class Listener implements WindowListener {
        private final String sensor;
        private final ScoreWriter writer;
        private final Summary summary;
        private final java.util.function.Supplier<String[]> extras;
        private final LabelledWindows kept;

        Listener(
                String sensor,
                ScoreWriter writer,
                Summary summary,
                java.util.function.Supplier<String[]> extras,
                LabelledWindows kept) {
            this.sensor = sensor;
            this.writer = writer;
            this.summary = summary;
            this.extras = extras;
            this.kept = kept;
        }

        @Override
        public void onRowScore(long row, double score) {
            try {
                writer.row(sensor, row, score, extras.get());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void onWindow(WindowResult w) {
            summary.windows++;
            summary.exceeding += w.exceeds() ? 1 : 0;
            summary.failureWindows += w.verdict() == Verdict.FAILURE ? 1 : 0;
            summary.changes += w.changed() ? 1 : 0;
            kept.add(sensor, w);
            try {
                writer.window(sensor, w);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void onGap(long row, Continuity reason, int droppedRows) {
            summary.gaps.merge(reason, 1L, Long::sum);
            summary.droppedRows += droppedRows;
        }
    }

    private static final class Summary {
        long windows;
        long exceeding;
        long failureWindows;
        long changes;
        long droppedRows;
        final Map<Continuity, Long> gaps = new EnumMap<>(Continuity.class);

        Map<String, Object> toMap(ScorerSetup setup, ScorerConfig c, InputFormat input, InputScoring scoring) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("model", setup.model.file().getFileName().toString());
            m.put("modelFormat", setup.model.format().name());
            m.put("input", input.name());
            m.put("scoreKind", c.kind().key());
            m.put("layout", c.layout().key());
            m.put("window", c.window().size());
            m.put("stride", c.window().stride());
            m.put("threshold", c.threshold());
            m.put("rule", c.rule().describe());
            // Readings (or CSV rows) scored: a window-vector model scores no single row, but reads them all.
            long rows = 0;
            for (String sensor : scoring.scorers().all().keySet()) {
                rows += scoring.readings(sensor);
            }
            m.put("rows", rows);
            m.put("windows", windows);
            m.put("exceedingWindows", exceeding);
            m.put("failureWindows", failureWindows);
            m.put("verdictChanges", changes);
            Map<String, Long> g = new LinkedHashMap<>();
            gaps.forEach((k, v) -> g.put(k.label(), v));
            m.put("gaps", g);
            m.put("rowsInDroppedWindows", droppedRows);
            Map<String, String> verdicts = new LinkedHashMap<>();
            for (Map.Entry<String, WindowScorer> e : scoring.scorers().all().entrySet()) {
                verdicts.put(e.getKey(), e.getValue().verdict().name());
            }
            m.put("finalVerdicts", verdicts);
            return m;
        }
    }
}
