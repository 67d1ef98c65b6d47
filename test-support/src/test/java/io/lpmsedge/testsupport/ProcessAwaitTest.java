package io.lpmsedge.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Against real child processes (sh), as the dist tests use it with the launched bridge. */
class ProcessAwaitTest {
    @TempDir
    Path tmp;

    private Process sh(String script, Path log) throws Exception {
        return new ProcessBuilder("sh", "-c", script)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
    }

    @Test
    void returnsOnceWhatTheProcessWritesMakesTheConditionTrue() throws Exception {
        Path log = tmp.resolve("a.log");
        Path out = tmp.resolve("out");
        Process p = sh("sleep 0.2; echo done > " + out + "; exec sleep 30", log);
        try {
            ProcessAwait.until(p, log, () -> Files.exists(out), Duration.ofSeconds(30), "the out file");
            assertTrue(p.isAlive());
        } finally {
            p.destroyForcibly().waitFor();
        }
    }

    @Test
    void aProcessThatEndedFailsAtOnceWithItsExitAndLog() throws Exception {
        Path log = tmp.resolve("b.log");
        Process p = sh("echo 'cannot open the spool: disk full'; exit 3", log);
        long start = System.nanoTime();
        AssertionError e = assertThrows(
                AssertionError.class,
                () -> ProcessAwait.until(p, log, () -> false, Duration.ofSeconds(60), "200 readings"));
        assertEquals(
                "the process ended (exit 3) before 200 readings; its log:\ncannot open the spool: disk full\n",
                e.getMessage());
        assertTrue(System.nanoTime() - start < Duration.ofSeconds(30).toNanos(), "not the 60 s deadline");
    }

    @Test
    void whatAProcessWroteJustBeforeItEndedStillCounts() throws Exception {
        Path log = tmp.resolve("c.log");
        Process p = sh("echo stopped cleanly", log);
        p.waitFor();
        ProcessAwait.until(
                p, log, () -> Files.readString(log).contains("stopped cleanly"), Duration.ofSeconds(30), "the stop");
    }

    @Test
    void aLiveProcessTimesOutNamingWhatWasAwaitedWithItsLog() throws Exception {
        Path log = tmp.resolve("d.log");
        Process p = sh("echo waiting; exec sleep 30", log);
        try {
            AssertionError e = assertThrows(
                    AssertionError.class,
                    () -> ProcessAwait.until(p, log, () -> false, Duration.ofMillis(300), "a verdict event"));
            assertTrue(
                    e.getMessage().startsWith("timed out after PT0.3S waiting for a verdict event; its log:\n"),
                    e.getMessage());
        } finally {
            p.destroyForcibly().waitFor();
        }
        assertTrue(ProcessAwait.log(tmp.resolve("missing.log")).startsWith("(the log "));
    }
}
