package io.lpmsedge.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import picocli.CommandLine.Option;

/**
 * {@code --property KEY=VALUE} (repeatable) and {@code --properties-file FILE}: the kafka-clients settings of every
 * cluster-side command (security, SASL, TLS), as a picocli mixin so each command reads them alike.
 */
public final class ClientPropertiesOptions {
    @Option(
            names = "--property",
            paramLabel = "KEY=VALUE",
            description = "A kafka-clients property (security.protocol, sasl.*, ssl.*, …); repeatable; applied "
                    + "after --properties-file.")
    private List<String> properties = new ArrayList<>();

    @Option(
            names = "--properties-file",
            paramLabel = "FILE",
            description = "A Java properties file of kafka-clients properties (put sasl.jaas.config here).")
    private Path propertiesFile;

    /**
     * The file's properties, then each {@code --property} over them.
     *
     * @throws IllegalArgumentException the file cannot be read, or a {@code --property} is not KEY=VALUE; the
     *                                  message names the option and the fix
     */
    public Properties load() {
        Properties p = new Properties();
        if (propertiesFile != null) {
            try (Reader r = Files.newBufferedReader(propertiesFile, StandardCharsets.ISO_8859_1)) {
                p.load(r);
            } catch (IOException e) {
                throw new IllegalArgumentException(
                        "cannot read --properties-file '" + propertiesFile + "': " + e.getMessage());
            }
        }
        for (String kv : properties) {
            int eq = kv.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("--property '" + kv + "' is not KEY=VALUE; write e.g. --property "
                        + "security.protocol=SASL_SSL");
            }
            p.setProperty(kv.substring(0, eq).strip(), kv.substring(eq + 1));
        }
        return p;
    }
}
