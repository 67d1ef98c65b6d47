package io.lpmsedge.bridge.scoring;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Whether this process may open the GPIO character devices, checked before Pi4J is asked: when it may not, Pi4J's
 * gpiod provider fails to load and says only "provider … could not be found, include this JAR", while the real
 * cause ({@code Permission denied} on /dev/gpiochip0) goes to its own log. This check names the device and the fix.
 */
final class GpioChipAccess {
    private final Path dev;
    private final Predicate<Path> canOpen;
    private final String user;

    /**
     * @param dev     the device directory ({@code /dev})
     * @param canOpen whether this process may open a device for reading and writing (the real one asks the kernel,
     *                see {@link #of(Path)}; tests inject one, since root may open anything)
     * @param user    the user this process runs as, for the fix
     */
    GpioChipAccess(Path dev, Predicate<Path> canOpen, String user) {
        this.dev = dev;
        this.canOpen = canOpen;
        this.user = user;
    }

    /** Checks with access(2) (what {@link Files#isReadable} asks) as the user this JVM runs as. */
    static GpioChipAccess of(Path dev) {
        return new GpioChipAccess(
                dev,
                p -> Files.isReadable(p) && Files.isWritable(p),
                System.getProperty("user.name", "the service user"));
    }

    /** The GPIO chips present, sorted ({@code gpiochip0} first). */
    List<Path> chips() {
        try (Stream<Path> files = Files.list(dev)) {
            return files.filter(p -> p.getFileName().toString().startsWith("gpiochip"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /**
     * Why the configured line cannot be driven by this user, or empty when at least one chip can be opened (the
     * Pi's own chip is then usually among them: udev gives every chip the same group).
     */
    Optional<String> problem() {
        List<Path> chips = chips();
        if (chips.isEmpty() || chips.stream().anyMatch(canOpen)) {
            return Optional.empty();
        }
        String first = chips.get(0).toString();
        return Optional.of("the service user " + user + " cannot open " + first
                + (chips.size() > 1 ? " (nor the " + "other " + (chips.size() - 1) + " GPIO chip(s))" : "")
                + ": add it to group gpio (sudo usermod -aG "
                + "gpio " + user + ", then restart the service: sudo systemctl restart lpms-edge), or make "
                + first + " readable and writable for it with a udev rule");
    }
}
