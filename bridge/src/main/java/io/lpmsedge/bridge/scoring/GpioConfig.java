package io.lpmsedge.bridge.scoring;

/**
 * The verdict output ({@code [gpio]}): one GPIO line that is active while any scored sensor is in FAILURE, for a
 * stack light, a buzzer or a relay. Pi4J's gpiod provider finds the Pi's own GPIO chip (the one labelled
 * {@code pinctrl-…}), so only the line is configured.
 *
 * @param enabled    whether a GPIO line is driven at all
 * @param pin        BCM line number (the {@code GPIOnn} name, not the header pin number)
 * @param activeHigh whether FAILURE drives the line high (a relay board with an active-low input wants false)
 */
public record GpioConfig(boolean enabled, int pin, boolean activeHigh) {
    public static final GpioConfig DISABLED = new GpioConfig(false, 0, true);
}
