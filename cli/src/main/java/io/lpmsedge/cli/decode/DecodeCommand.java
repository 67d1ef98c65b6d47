package io.lpmsedge.cli.decode;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.lpmsedge.cli.BadInputException;
import io.lpmsedge.cli.LpmsEdgeSubcommand;
import io.lpmsedge.protocol.data.ConfigWord;
import io.lpmsedge.protocol.data.FirmwareProfile;
import io.lpmsedge.protocol.data.Output;
import io.lpmsedge.protocol.frame.BadFrameReason;
import io.lpmsedge.protocol.frame.DecoderCounters;
import io.lpmsedge.protocol.stream.LpBusStreamDecoder;
import io.lpmsedge.protocol.stream.UndecodableReason;
import java.io.BufferedWriter;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code lpms-edge decode}: a raw LP-BUS capture in, JSON Lines out, a summary on stderr. */
@Command(
        name = "decode",
        mixinStandardHelpOptions = true,
        description = {
            "Decode a raw LP-BUS capture into JSON Lines and a summary.",
            "One object per good frame on stdout, in stream order (captures from a sensor, the simulator or a",
            "serial sniffer); then one summary object on stderr."
        },
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {
            "0:decoded (bad frames are counted, not fatal)",
            "2:unreadable input, bad option, or data frames without a config word"
        })
public final class DecodeCommand implements Callable<Integer>, LpmsEdgeSubcommand {
    @Parameters(
            index = "0",
            arity = "0..1",
            defaultValue = "-",
            paramLabel = "FILE|-",
            description = "Capture file, or - for standard input (default).")
    private String input;

    @Option(
            names = "--config-word",
            paramLabel = "HEX",
            description = "Config word to decode data frames with until a GET_CONFIG reply appears in the stream "
                    + "(e.g. 0x00003E00). Needed when the capture does not start with one.")
    private String configWord;

    @Option(
            names = "--profile",
            defaultValue = "b2-fw2",
            paramLabel = "NAME",
            description = "Firmware profile: b2-fw2 (default), legacy or gen1.")
    private String profile;

    @Option(
            names = "--divisor",
            paramLabel = "FIELD=N",
            description = "Override one 16-bit divisor of the profile, e.g. --divisor quat=1000 (repeatable).")
    private Map<String, Double> divisors = new LinkedHashMap<>();

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException, BadInputException {
        FirmwareProfile p;
        ConfigWord word;
        try {
            p = FirmwareProfile.byName(profile);
            for (Map.Entry<String, Double> d : divisors.entrySet()) {
                p = p.withDivisor(Output.byKey(d.getKey()), d.getValue());
            }
            word = configWord == null ? null : ConfigWord.parse(configWord);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        PrintWriter err = spec.commandLine().getErr();
        InputStream in;
        try {
            in = "-".equals(input) ? System.in : Files.newInputStream(Path.of(input));
        } catch (NoSuchFileException | FileNotFoundException e) {
            throw new BadInputException("cannot read '" + input + "': no such file", e);
        } catch (AccessDeniedException e) {
            throw new BadInputException("cannot read '" + input + "': permission denied", e);
        } catch (IOException e) {
            throw new BadInputException("cannot read '" + input + "': " + e.getMessage(), e);
        }
        Writer out = new BufferedWriter(spec.commandLine().getOut(), 1 << 16);
        try (in;
                FrameJsonWriter writer = new FrameJsonWriter(out, true)) {
            LpBusStreamDecoder decoder = new LpBusStreamDecoder(p, word, writer);
            byte[] chunk = new byte[1 << 16];
            int n;
            try {
                while (writer.fatal() == null && (n = in.read(chunk)) >= 0) {
                    decoder.feed(chunk, 0, n);
                }
            } catch (IOException e) {
                // what was decoded before the failure stays on stdout
                writer.flush();
                throw new BadInputException("cannot read '" + input + "': " + e.getMessage(), e);
            }
            if (writer.fatal() == UndecodableReason.NO_CONFIG_WORD) {
                writer.flush();
                throw new BadInputException("'" + input + "' has data frames but no GET_CONFIG reply before them, "
                        + "so their layout is unknown; pass the sensor's config word, e.g. --config-word 0x00003E00 "
                        + "(gyro+acc+mag+pressure+temperature, 32-bit)");
            }
            decoder.endOfStream();
            writer.flush();
            writeSummary(decoder, err);
        } catch (UncheckedIOException e) {
            // stdout went away (a closed pipe, a full disk): not the input's fault, so not exit 2
            err.println("lpms-edge decode: cannot write output: " + e.getCause().getMessage());
            return 1;
        }
        return 0;
    }

    private static void writeSummary(LpBusStreamDecoder decoder, PrintWriter err) throws IOException {
        DecoderCounters.Snapshot c = decoder.frameCounters();
        try (JsonGenerator json =
                new JsonFactory().createGenerator(err).disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)) {
            json.writeStartObject();
            json.writeNumberField("goodFrames", c.goodFrames());
            json.writeNumberField("goodDataFrames", decoder.dataFrames());
            json.writeNumberField("badFrames", c.badFrames());
            json.writeObjectFieldStart("badReasons");
            for (BadFrameReason r : BadFrameReason.values()) {
                json.writeNumberField(r.label(), c.bad(r));
            }
            json.writeEndObject();
            json.writeObjectFieldStart("undecodable");
            for (UndecodableReason r : UndecodableReason.values()) {
                json.writeNumberField(r.label(), decoder.undecodable(r));
            }
            json.writeEndObject();
            json.writeBooleanField("trailingIncomplete", decoder.frameDecoder().endedWithIncompleteFrame());
            json.writeNumberField("bytesSkipped", c.bytesSkipped());
            json.writeNumberField("bytes", c.bytesFed());
            json.writeEndObject();
            json.writeRaw('\n');
        }
        err.flush();
    }
}
