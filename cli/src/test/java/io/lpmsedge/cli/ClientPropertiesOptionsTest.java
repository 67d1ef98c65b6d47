package io.lpmsedge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ClientPropertiesOptionsTest {
    @CommandLine.Command(name = "t")
    static final class Host {
        @CommandLine.Mixin
        ClientPropertiesOptions kafka;
    }

    private static Properties parse(String... args) {
        Host host = new Host();
        new CommandLine(host).parseArgs(args);
        return host.kafka.load();
    }

    @Test
    void optionsOverrideTheFileAndValuesKeepTheirEqualsSigns(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("client.properties");
        Files.writeString(file, "security.protocol=SSL\nsasl.mechanism=PLAIN\n");

        Properties p = parse(
                "--properties-file",
                file.toString(),
                "--property",
                "security.protocol=SASL_SSL",
                "--property",
                " ssl.truststore.password =a=b");

        assertEquals("SASL_SSL", p.getProperty("security.protocol"));
        assertEquals("PLAIN", p.getProperty("sasl.mechanism"));
        assertEquals("a=b", p.getProperty("ssl.truststore.password"));
    }

    @Test
    void badInputNamesTheOptionAndTheFix(@TempDir Path dir) {
        String notKv = assertThrows(IllegalArgumentException.class, () -> parse("--property", "acks"))
                .getMessage();
        assertEquals("--property 'acks' is not KEY=VALUE; write e.g. --property security.protocol=SASL_SSL", notKv);
        String missing = assertThrows(
                        IllegalArgumentException.class,
                        () -> parse("--properties-file", dir.resolve("nope").toString()))
                .getMessage();
        assertTrue(missing.startsWith("cannot read --properties-file '"), missing);
    }
}
