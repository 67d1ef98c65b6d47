package io.lpmsedge.bridge.scoring;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.plugin.gpiod.provider.gpio.digital.GpioDDigitalOutputProvider;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The verdict on one GPIO line through Pi4J 2: active while any scored sensor is in FAILURE. On the Pi the line is
 * driven through the kernel's GPIO character device (Pi4J's gpiod provider); tests hand in a context with Pi4J's
 * mock provider, so they run this same code.
 */
public final class Pi4jVerdictIndicator implements VerdictIndicator {
    /** The Pi4J id of the line, as it appears in Pi4J's registry. */
    public static final String IO_ID = "lpms-edge-verdict";

    private static final Logger LOG = LoggerFactory.getLogger(Pi4jVerdictIndicator.class);

    private final Context context;
    private final DigitalOutput output;
    private final DigitalState active;
    private final DigitalState inactive;

    /**
     * @param context    a Pi4J context that has {@code providerId}; closed with this indicator
     * @param providerId the digital output provider, e.g. {@link GpioDDigitalOutputProvider#ID}
     */
    public Pi4jVerdictIndicator(Context context, String providerId, GpioConfig config) {
        this.context = context;
        this.active = config.activeHigh() ? DigitalState.HIGH : DigitalState.LOW;
        this.inactive = config.activeHigh() ? DigitalState.LOW : DigitalState.HIGH;
        this.output = context.create(DigitalOutput.newConfigBuilder(context)
                .id(IO_ID)
                .name("lpms-edge verdict (on = FAILURE)")
                .address(config.pin())
                .initial(inactive)
                .shutdown(inactive)
                .provider(providerId));
    }

    /**
     * Opens the configured line on this machine's GPIO chip, or {@link VerdictIndicator#NONE} when {@code [gpio]} is
     * off.
     *
     * @throws IllegalStateException naming what is missing and the fix (e.g. on a machine that is not a Pi)
     */
    public static VerdictIndicator open(GpioConfig config) {
        return open(config, GpioChipAccess.of(Path.of("/dev")));
    }

    static VerdictIndicator open(GpioConfig config, GpioChipAccess access) {
        if (!config.enabled()) {
            return NONE;
        }
        String where = "[gpio] pin = " + config.pin();
        if (access.chips().isEmpty()) {
            throw new IllegalStateException(where + " is configured but this machine has no GPIO character device "
                    + "(/dev/gpiochip*): it is not a Raspberry Pi, or the kernel lacks GPIO support; run the bridge on "
                    + "the Pi, or remove [gpio] (or set LPMS_EDGE_GPIO_ENABLED=false) to run without the output");
        }
        Optional<String> denied = access.problem();
        if (denied.isPresent()) {
            throw new IllegalStateException(where + ": " + denied.get());
        }
        Context context = null;
        try {
            context = Pi4J.newContextBuilder()
                    .noAutoDetect()
                    .add(GpioDDigitalOutputProvider.newInstance())
                    .build();
            VerdictIndicator indicator = new Pi4jVerdictIndicator(context, GpioDDigitalOutputProvider.ID, config);
            LOG.info("verdict output on BCM GPIO {} (active {})", config.pin(), config.activeHigh() ? "high" : "low");
            return indicator;
        } catch (RuntimeException | LinkageError e) {
            if (context != null) {
                try {
                    context.shutdown();
                } catch (RuntimeException ignored) {
                    // the error below is what matters
                }
            }
            throw new IllegalStateException(
                    where + ": cannot drive the line through Pi4J's gpiod provider: " + e
                            + "; check that this is a Raspberry Pi, that the service user may open /dev/gpiochip* (group "
                            + "'gpio': sudo usermod -aG gpio USER), and that no other program holds GPIO "
                            + config.pin(),
                    e);
        }
    }

    static boolean hasGpioChip(Path dev) {
        return !GpioChipAccess.of(dev).chips().isEmpty();
    }

    @Override
    public void show(boolean anyFailure) {
        output.state(anyFailure ? active : inactive);
    }

    @Override
    public void close() {
        try {
            output.state(inactive);
        } finally {
            context.shutdown();
        }
    }
}
