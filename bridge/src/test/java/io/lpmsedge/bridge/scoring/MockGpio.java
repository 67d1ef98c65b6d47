package io.lpmsedge.bridge.scoring;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.plugin.mock.platform.MockPlatform;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalOutputProvider;

/** Pi4J's mock platform for tests: the real Pi4J code path, no GPIO hardware. */
public final class MockGpio {
    private MockGpio() {}

    public static Context context() {
        return Pi4J.newContextBuilder()
                .noAutoDetect()
                .add(new MockPlatform())
                .add(MockDigitalOutputProvider.newInstance())
                .build();
    }

    public static Pi4jVerdictIndicator indicator(Context context, GpioConfig config) {
        return new Pi4jVerdictIndicator(context, MockDigitalOutputProvider.ID, config);
    }

    /** The level of the verdict line now. */
    public static DigitalState line(Context context) {
        return context.registry()
                .get(Pi4jVerdictIndicator.IO_ID, DigitalOutput.class)
                .state();
    }
}
