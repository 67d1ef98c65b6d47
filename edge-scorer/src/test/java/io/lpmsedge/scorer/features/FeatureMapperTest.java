package io.lpmsedge.scorer.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lpmsedge.protocol.data.Output;
import io.lpmsedge.protocol.data.SampleValues;
import java.util.List;
import org.junit.jupiter.api.Test;

class FeatureMapperTest {
    private static final SampleValues READING = SampleValues.builder()
            .set(Output.ACC, 0.5, -0.25, -1.0)
            .set(Output.GYRO, 0.1, 0.2, 0.3)
            .set(Output.QUAT, 1, 0, 0, 0)
            .set(Output.PRESSURE, 101.3)
            .build();

    @Test
    void convertsWireUnitsToTheModelsUnits() {
        FeatureMapper m = new FeatureMapper(List.of(
                new FeatureMapping("accel_x", FieldRef.parse("acc[0]"), 9.80665, 0),
                new FeatureMapping("accel_z", FieldRef.parse("acc[2]"), 9.80665, 0),
                new FeatureMapping("gyro_y_dps", FieldRef.parse("gyro[1]"), 180 / Math.PI, 0),
                new FeatureMapping("pressure_hpa", FieldRef.parse("pressure"), 10, 0),
                new FeatureMapping("quat_w_shifted", FieldRef.parse("quat[0]"), 1, -0.5)));
        double[] out = new double[7];
        m.map(READING, out, 2);
        assertEquals(0.5 * 9.80665, out[2], 1e-15);
        assertEquals(-9.80665, out[3], 1e-15);
        assertEquals(0.2 * 180 / Math.PI, out[4], 1e-12);
        assertEquals(1013.0, out[5], 1e-9);
        assertEquals(0.5, out[6], 0);
        assertEquals(0.0, out[0], "writes only its own slice");
    }

    @Test
    void parsesFieldReferences() {
        assertEquals(new FieldRef(Output.LIN_ACC, 2), FieldRef.parse("linAcc[2]"));
        assertEquals(new FieldRef(Output.TEMPERATURE, 0), FieldRef.parse("temperature"));
        assertEquals("acc[1]", FieldRef.parse(" acc[ 1 ] ").toString());
    }

    @Test
    void rejectsBadFieldReferencesWithTheFix() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> FieldRef.parse("accel[0]"))
                .getMessage()
                .contains("unknown reading field 'accel[0]'; use one of"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> FieldRef.parse("acc[3]"))
                .getMessage()
                .contains("'acc' has components 0..2"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> FieldRef.parse("acc"))
                .getMessage()
                .contains("has 3 components; name one, e.g. acc[0]"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> FieldRef.parse("acc[x]"))
                .getMessage()
                .contains("non-numeric index"));
    }

    @Test
    void missingOutputsNameBothSides() {
        FeatureMapper m = new FeatureMapper(List.of(
                new FeatureMapping("mag_x", FieldRef.parse("mag[0]"), 1, 0),
                new FeatureMapping("acc_x", FieldRef.parse("acc[0]"), 1, 0)));
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> m.requireOutputs(READING, "capture.bin sensor 1"));
        assertEquals(
                "the manifest maps [mag_x <- mag[0]] but capture.bin sensor 1 sends only [gyro, acc, quat, "
                        + "pressure]; enable those outputs on the sensor or fix the manifest's features",
                e.getMessage());
    }
}
