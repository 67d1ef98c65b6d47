package io.lpmsedge.scorer.input;

import io.lpmsedge.protocol.data.FirmwareProfile;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads any {@link InputFormat} into a {@link RecordSink}. */
public final class InputFiles {
    private InputFiles() {}

    /**
     * @param csvColumns for {@link InputFormat#COLUMN_CSV}: the columns to read, in order
     * @return the format read
     */
    public static InputFormat read(Path file, java.util.List<String> csvColumns, RecordSink sink)
            throws InputException {
        InputFormat format = InputFormat.detect(file);
        switch (format) {
            case CAPTURE:
                new CaptureReader(FirmwareProfile.DEFAULT).read(file, sink);
                break;
            case BRIDGE_JSONL:
                new BridgeJsonlReader().read(file, sink);
                break;
            case LPMSCONTROL_CSV:
                new LpmsControlCsvReader().read(file, sink);
                break;
            case COLUMN_CSV:
                new ColumnCsvReader(csvColumns).read(file, sink);
                break;
            default:
                throw new AssertionError(format);
        }
        return format;
    }

    static InputException unreadable(Path file, IOException e) {
        if (e instanceof NoSuchFileException) {
            return new InputException("cannot read '" + file + "': no such file");
        }
        if (e instanceof AccessDeniedException) {
            return new InputException("cannot read '" + file + "': permission denied");
        }
        return new InputException("cannot read '" + file + "': " + e.getMessage(), e);
    }
}
