package io.lpmsedge.scorer.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lpmsedge.protocol.data.Lineage;
import io.lpmsedge.protocol.data.Output;
import io.lpmsedge.protocol.data.SampleFields;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InputReadersTest {
    @TempDir
    Path dir;

    /** Records what a reader delivers, as text. */
    static final class Log implements RecordSink {
        final List<String> records = new ArrayList<>();
        final List<Lineage> lineages = new ArrayList<>();
        final List<double[]> values = new ArrayList<>();

        @Override
        public void reading(long row, String sensor, SampleFields v, double sensorTime, Lineage lineage) {
            records.add(row + "/" + sensor + "/" + sensorTime);
            lineages.add(lineage);
            double[] x = new double[Output.SLOTS];
            int i = 0;
            for (Output o : Output.values()) {
                for (int c = 0; c < o.components(); c++) {
                    x[i++] = v.get(o, c);
                }
            }
            values.add(x);
        }

        @Override
        public void columns(long row, double[] features, String[] extras) {
            records.add(row + ":" + java.util.Arrays.toString(features) + String.join("|", extras));
        }
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    @Test
    void formatsAreToldApartByNameAndFirstLine() throws Exception {
        assertEquals(InputFormat.COLUMN_CSV, InputFormat.detect(write("a.csv", "acc_x,acc_y\n")));
        assertEquals(
                InputFormat.LPMSCONTROL_CSV,
                InputFormat.detect(write("b.csv", "SensorId, TimeStamp (s), FrameNumber, AccX (g)\n")));
        assertEquals(InputFormat.BRIDGE_JSONL, InputFormat.detect(write("c.jsonl", "{}\n")));
        assertEquals(InputFormat.BRIDGE_JSONL, InputFormat.detect(write("c.log", "{\"ticks\":1}\n")));
        assertEquals(InputFormat.CAPTURE, InputFormat.detect(Files.write(dir.resolve("d.bin"), new byte[] {0x3A, 1})));
        assertTrue(assertThrows(InputException.class, () -> InputFormat.detect(dir.resolve("none.bin")))
                .getMessage()
                .endsWith("no such file"));
    }

    @Test
    void columnCsvReadsNamedColumnsInTheAskedOrderAndPassesTheRestThrough() throws Exception {
        Path f = write("x.csv", "label,b,a\n\"ok, fine\",2,1\n\"say \"\"hi\"\"\",,3\n");
        Log log = new Log();
        new ColumnCsvReader(List.of("a", "b")).read(f, log);
        assertEquals(List.of("0:[1.0, 2.0]ok, fine", "1:[3.0, NaN]say \"hi\""), log.records);
        assertEquals(List.of("label"), ColumnCsvReader.extraColumns(f, List.of("a", "b")));
        Path bad = write("bad.csv", "a,b\n1,x\n");
        assertEquals(
                "CSV '" + bad + "' line 2, column 'b': 'x' is not a number",
                assertThrows(InputException.class, () -> new ColumnCsvReader(List.of("a", "b")).read(bad, new Log()))
                        .getMessage());
    }

    @Test
    void bridgeJsonlCarriesLineageAndDecodeOutputHasNone() throws Exception {
        Path f = write(
                "r.jsonl",
                "{\"name\":\"GET_CONFIG\",\"value\":\"0x1\"}\n"
                        + "{\"sensor\":\"spindle\",\"bridge\":\"pi-7\",\"bootId\":\"b1\",\"seq\":41,\"linkEpoch\":2,\"ticks\":400,"
                        + "\"t\":1.0,\"acc\":[0.1,0.2,0.3],\"pressure\":101.3}\n"
                        + "\n{\"sensorId\":3,\"ticks\":404,\"t\":1.01,\"gyro\":[1,2,3]}\n");
        Log log = new Log();
        new BridgeJsonlReader().read(f, log);
        assertEquals(List.of("0/spindle/1.0", "1/3/1.01"), log.records);
        assertEquals(new Lineage("pi-7", "spindle", "b1", 41, 2), log.lineages.get(0));
        assertNull(log.lineages.get(1));
        assertEquals(0.2, log.values.get(0)[Output.ACC.slot() + 1]);
        assertEquals(101.3, log.values.get(0)[Output.PRESSURE.slot()]);
        assertTrue(Double.isNaN(log.values.get(0)[Output.GYRO.slot()]), "absent outputs stay absent");
        Path bad = write("bad.jsonl", "{\"ticks\":1,\"acc\":[1,2]}\n");
        assertEquals(
                "'" + bad + "' line 1: 'acc' should be an array of 3 numbers",
                assertThrows(InputException.class, () -> new BridgeJsonlReader().read(bad, new Log()))
                        .getMessage());
        Path notJson = write("nj.jsonl", "{\"ticks\":1}\nticks=2\n");
        assertTrue(assertThrows(InputException.class, () -> new BridgeJsonlReader().read(notJson, new Log()))
                .getMessage()
                .startsWith("'" + notJson + "' line 2 is not JSON"));
    }

    @Test
    void lpmsControlUnitsBecomeWireUnits() throws Exception {
        Path f = write(
                "e.csv",
                "SensorId, TimeStamp (s), FrameNumber, AccX (m/s^2), GyroZ (deg/s), EulerY (deg), "
                        + "QuatW, QuatZ, Pressure (hPa), HeaveMotion (m), Comment\n7, 0.5, 12, 9.80665, 180, 90, 0.5, -0.5, "
                        + "1013, 0.25, hello\n");
        Log log = new Log();
        new LpmsControlCsvReader().read(f, log);
        assertEquals(List.of("0/7/0.5"), log.records);
        double[] v = log.values.get(0);
        assertEquals(1.0, v[Output.ACC.slot()], 1e-15);
        assertEquals(Math.PI, v[Output.GYRO.slot() + 2], 1e-15);
        assertEquals(Math.PI / 2, v[Output.EULER.slot() + 1], 1e-15);
        assertEquals(0.5, v[Output.QUAT.slot()]);
        assertEquals(-0.5, v[Output.QUAT.slot() + 3]);
        assertEquals(101.3, v[Output.PRESSURE.slot()], 1e-12);
        assertEquals(0.25, v[Output.HEAVE.slot()]);
        Path bad = write("u.csv", "SensorId, TimeStamp (s), GyroX (rpm)\n1, 0, 3\n");
        assertEquals(
                "LpmsControl CSV '" + bad + "': column 'GyroX (rpm)' is in 'rpm', which cannot be converted to "
                        + "gyro's unit rad/s",
                assertThrows(InputException.class, () -> new LpmsControlCsvReader().read(bad, new Log()))
                        .getMessage());
    }

    @Test
    void aCaptureWithoutConfigReplySaysHowToRecordOrDecodeIt() throws Exception {
        byte[] frame = io.lpmsedge.protocol.command.SensorReplies.data(
                1,
                4,
                io.lpmsedge.protocol.data.SampleValues.builder()
                        .set(Output.ACC, 0, 0, 1)
                        .build(),
                io.lpmsedge.protocol.data.ConfigWord.of(100, false, Output.ACC),
                io.lpmsedge.protocol.data.FirmwareProfile.DEFAULT);
        Path f = Files.write(dir.resolve("headless.bin"), frame);
        String msg = assertThrows(
                        InputException.class,
                        () -> new CaptureReader(io.lpmsedge.protocol.data.FirmwareProfile.DEFAULT).read(f, new Log()))
                .getMessage();
        assertTrue(msg.startsWith("capture '" + f + "' has data frames before any GET_CONFIG reply"), msg);
    }
}
