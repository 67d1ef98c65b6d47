package io.lpmsedge.bridge.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * GPIO permission denied is named before Pi4J hides it behind "provider … could not be found". The device
 * directory is a temporary one with files named like the chips; who may open them is injected (root may open
 * anything), and checked for real with a file without permissions where the test does not run as root.
 */
class GpioChipAccessTest {
    @TempDir
    Path dev;

    private static final GpioConfig PIN_17 = new GpioConfig(true, 17, true);

    @Test
    void aChipTheUserCannotOpenIsNamedWithTheGroupToJoin() throws Exception {
        Files.createFile(dev.resolve("gpiochip0"));
        GpioChipAccess access = new GpioChipAccess(dev, p -> false, "lpms-edge");
        IllegalStateException e =
                assertThrows(IllegalStateException.class, () -> Pi4jVerdictIndicator.open(PIN_17, access));
        assertEquals(
                "[gpio] pin = 17: the service user lpms-edge cannot open " + dev.resolve("gpiochip0")
                        + ": add it to group gpio (sudo usermod -aG gpio lpms-edge, then restart the service: sudo "
                        + "systemctl restart lpms-edge), or make " + dev.resolve("gpiochip0")
                        + " readable and writable for "
                        + "it with a udev rule",
                e.getMessage());
    }

    @Test
    void withSeveralChipsTheFirstIsNamedAndTheOthersCounted() throws Exception {
        Files.createFile(dev.resolve("gpiochip1"));
        Files.createFile(dev.resolve("gpiochip0"));
        String problem = new GpioChipAccess(dev, p -> false, "u").problem().orElseThrow();
        assertTrue(
                problem.startsWith("the service user u cannot open " + dev.resolve("gpiochip0")
                        + " (nor the other 1 GPIO chip(s)): add it to group gpio"),
                problem);
    }

    @Test
    void oneChipThatOpensIsEnoughToHandOverToPi4j() throws Exception {
        Files.createFile(dev.resolve("gpiochip0"));
        Files.createFile(dev.resolve("gpiochip1"));
        Path open = dev.resolve("gpiochip0");
        assertTrue(new GpioChipAccess(dev, open::equals, "u").problem().isEmpty());
    }

    @Test
    void noChipAtAllIsTheNotAPiError() {
        IllegalStateException e = assertThrows(
                IllegalStateException.class,
                () -> Pi4jVerdictIndicator.open(PIN_17, new GpioChipAccess(dev, p -> true, "u")));
        assertTrue(e.getMessage().contains("has no GPIO character device"), e.getMessage());
    }

    @Test
    void theRealCheckSeesAFileWithoutPermissions() throws Exception {
        assumeFalse("root".equals(System.getProperty("user.name")), "root may open any file: the check needs a user");
        Path chip = Files.createFile(dev.resolve("gpiochip0"));
        Files.setPosixFilePermissions(chip, PosixFilePermissions.fromString("---------"));
        assertTrue(GpioChipAccess.of(dev).problem().orElseThrow().contains("cannot open " + chip));
        Files.setPosixFilePermissions(chip, PosixFilePermissions.fromString("rw-------"));
        assertTrue(GpioChipAccess.of(dev).problem().isEmpty());
    }
}
