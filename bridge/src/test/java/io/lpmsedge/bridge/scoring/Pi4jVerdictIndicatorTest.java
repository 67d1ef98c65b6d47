package io.lpmsedge.bridge.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalState;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The Pi4J code path on Pi4J's mock provider: the line's level follows the verdict, in both polarities. */
class Pi4jVerdictIndicatorTest {
    @Test
    void activeHighDrivesTheLineHighOnFailure() {
        Context context = MockGpio.context();
        Pi4jVerdictIndicator indicator = MockGpio.indicator(context, new GpioConfig(true, 17, true));
        assertEquals(DigitalState.LOW, MockGpio.line(context), "inactive from the start");
        indicator.show(true);
        assertEquals(DigitalState.HIGH, MockGpio.line(context));
        indicator.show(false);
        assertEquals(DigitalState.LOW, MockGpio.line(context));
        indicator.show(true);
        indicator.close();
        assertTrue(context.isShutdown(), "the context is released with the indicator");
    }

    @Test
    void activeLowDrivesTheLineLowOnFailure() {
        Context context = MockGpio.context();
        Pi4jVerdictIndicator indicator = MockGpio.indicator(context, new GpioConfig(true, 22, false));
        assertEquals(DigitalState.HIGH, MockGpio.line(context), "inactive = high for an active-low relay board");
        indicator.show(true);
        assertEquals(DigitalState.LOW, MockGpio.line(context));
        indicator.show(false);
        assertEquals(DigitalState.HIGH, MockGpio.line(context));
        indicator.close();
    }

    @Test
    void withoutGpioConfiguredThereIsNoOutput() {
        assertSame(VerdictIndicator.NONE, Pi4jVerdictIndicator.open(GpioConfig.DISABLED));
    }

    @Test
    void onAMachineWithoutGpioTheErrorNamesTheProblemAndTheFix() {
        assumeFalse(Pi4jVerdictIndicator.hasGpioChip(Path.of("/dev")), "this machine has a GPIO chip");
        IllegalStateException e = assertThrows(
                IllegalStateException.class, () -> Pi4jVerdictIndicator.open(new GpioConfig(true, 17, true)));
        assertTrue(
                e.getMessage()
                        .startsWith("[gpio] pin = 17 is configured but this machine has no GPIO character "
                                + "device (/dev/gpiochip*)"),
                e.getMessage());
        assertTrue(e.getMessage().contains("remove [gpio] (or set LPMS_EDGE_GPIO_ENABLED=false)"), e.getMessage());
    }
}
