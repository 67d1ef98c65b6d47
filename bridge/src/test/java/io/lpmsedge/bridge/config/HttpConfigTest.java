package io.lpmsedge.bridge.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code [http]}: listen address, bounds, and basic auth with its password kept out of the file. */
class HttpConfigTest {
    @TempDir
    Path dir;

    private static HttpConfig http(String section, Map<String, String> env) throws ConfigException {
        return ConfigLoaderTest.parse(ConfigLoaderTest.MINIMAL + "[http]\n" + section, env)
                .http();
    }

    private static List<String> problems(String section, Map<String, String> env) {
        ConfigException e = assertThrows(ConfigException.class, () -> http(section, env));
        return e.problems().stream().map(ConfigProblem::toString).toList();
    }

    private static int line(String marker) {
        String text = ConfigLoaderTest.MINIMAL + "[http]\n";
        return (int) text.lines().count() + 1 + Integer.parseInt(marker);
    }

    @Test
    void defaultsAreLoopbackWithBoundsAndNoAuth() throws Exception {
        HttpConfig c = http("enabled = true\n", Map.of());
        assertEquals("127.0.0.1", c.host());
        assertFalse(c.authenticated());
        assertEquals(Duration.ofSeconds(5), c.requestTimeout());
        assertEquals(4, c.threads());
        assertEquals(16, c.queue());
        HttpConfig tuned = http("enabled = true\nrequest_timeout_ms = 2000\nthreads = 2\nqueue = 3\n", Map.of());
        assertEquals(
                List.of(Duration.ofSeconds(2), 2, 3), List.of(tuned.requestTimeout(), tuned.threads(), tuned.queue()));
    }

    @Test
    void everyInterfaceWithoutAPasswordIsRefusedUnlessAllowed() throws Exception {
        List<String> p = problems("enabled = true\nlisten = \"0.0.0.0:9464\"\n", Map.of());
        assertEquals(1, p.size(), p.toString());
        assertTrue(p.get(0).startsWith("bridge.toml:" + line("1")), p.get(0));
        assertTrue(p.get(0).contains("without a password; set user and password_file"), p.get(0));
        HttpConfig open = http("enabled = true\nlisten = \"0.0.0.0:9464\"\nallow_unauthenticated = true\n", Map.of());
        assertTrue(open.allowUnauthenticated());
        assertFalse(open.authenticated());
        // Disabled, or on loopback, it is nobody's business.
        http("listen = \"0.0.0.0:9464\"\n", Map.of());
        http("enabled = true\nlisten = \"localhost:9464\"\n", Map.of());
        http("enabled = true\nlisten = \"[::1]:9464\"\n", Map.of());
        http("enabled = true\nlisten = \"127.0.0.2:9464\"\n", Map.of());
        assertEquals(
                1,
                problems("enabled = true\nlisten = \"bridge-7.plant.example:9464\"\n", Map.of())
                        .size(),
                "a name is not looked up: it counts as beyond loopback");
    }

    @Test
    void basicAuthTakesThePasswordFromAFileOrTheEnvironmentOnly() throws Exception {
        Path file = dir.resolve("http-password");
        Files.writeString(file, "s3cret-pass\n");
        HttpConfig c = http(
                "enabled = true\nlisten = \"0.0.0.0:9464\"\nuser = \"ops\"\npassword_file = \"" + file + "\"\n",
                Map.of());
        assertTrue(c.authenticated());
        assertEquals("ops", c.user());
        assertEquals("s3cret-pass", c.password().reveal());
        assertFalse(c.toString().contains("s3cret-pass"), c.toString());
        HttpConfig fromEnv = http("enabled = true\nuser = \"ops\"\n", Map.of("LPMS_EDGE_HTTP_PASSWORD", "env-pass"));
        assertEquals("env-pass", fromEnv.password().reveal());

        List<String> inFile = problems("enabled = true\nuser = \"ops\"\npassword = \"hunter2\"\n", Map.of());
        assertTrue(
                inFile.stream().anyMatch(m -> m.contains("secrets do not belong in the config file")),
                inFile.toString());
        assertTrue(inFile.stream().noneMatch(m -> m.contains("hunter2")), inFile.toString());
        List<String> noPassword = problems("enabled = true\nuser = \"ops\"\n", Map.of());
        assertTrue(
                noPassword.get(0).startsWith("bridge.toml:" + line("1") + ": http.user: basic auth needs a password"),
                noPassword.toString());
        List<String> unreadable =
                problems("enabled = true\nuser = \"ops\"\npassword_file = \"/no/such/file\"\n", Map.of());
        assertTrue(
                unreadable.stream().anyMatch(m -> m.contains("/no/such/file does not exist")), unreadable.toString());
        List<String> colon = problems("enabled = true\nuser = \"o:ps\"\npassword_file = \"" + file + "\"\n", Map.of());
        assertTrue(colon.get(0).contains("contains ':'"), colon.toString());
        List<String> orphan = problems("enabled = true\npassword_file = \"" + file + "\"\n", Map.of());
        assertTrue(orphan.get(0).contains("a password without a user"), orphan.toString());
    }

    @Test
    void aRecordOfAUserWithoutPasswordCannotBeBuilt() {
        assertThrows(
                IllegalArgumentException.class,
                () -> new HttpConfig(true, "127.0.0.1", 0, "ops", null, false, Duration.ofSeconds(1), 1, 1));
        assertNull(HttpConfig.DEFAULTS.user());
    }
}
