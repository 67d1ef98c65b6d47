package io.lpmsedge.devstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lpmsedge.cli.BadInputException;
import io.lpmsedge.cli.LpmsEdge;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class DevStackCommandTest {
    static final ObjectMapper JSON = new ObjectMapper();

    /** Collects output and opens a latch when a line containing {@code marker} has been written. */
    static final class Watch extends Writer {
        final StringBuilder text = new StringBuilder();
        final CountDownLatch seen = new CountDownLatch(1);
        final String marker;

        Watch(String marker) {
            this.marker = marker;
        }

        @Override
        public synchronized void write(char[] c, int off, int len) {
            text.append(c, off, len);
            if (text.indexOf(marker) >= 0) {
                seen.countDown();
            }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}

        synchronized String text() {
            return text.toString();
        }
    }

    record Result(int exit, String out, String err) {}

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = LpmsEdge.commandLine()
                .setOut(new PrintWriter(out))
                .setErr(new PrintWriter(err))
                .execute(args);
        return new Result(exit, out.toString(), err.toString());
    }

    static String field(String out, String name) {
        Matcher m = Pattern.compile("(?m)^" + name + "\\s+(\\S+)").matcher(out);
        assertTrue(m.find(), name + " missing in:\n" + out);
        return m.group(1);
    }

    @Test
    void runsTheStackPrintsItsAddressesAndStopsCleanly() throws Exception {
        DevStackCommand cmd = new DevStackCommand();
        Watch out = new Watch("ready; Ctrl-C to stop");
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(cmd).setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true));
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> cl.execute(
                "--kafka-port", "0", "--rest-port", "0", "--topics", "readings,verdicts", "--partitions", "2"));
        assertTrue(out.seen.await(60, TimeUnit.SECONDS), "not ready: " + out.text() + err);
        String text = out.text();
        assertTrue(text.contains("DEVELOPMENT stand-in"), text);
        assertTrue(text.contains("Production uses Confluent's REST Proxy (or Confluent Cloud) and a real Kafka"), text);
        assertTrue(field(text, "kafka bootstrap").matches("127\\.0\\.0\\.1:\\d+"), text);
        String id = field(text, "cluster id");
        String v2 = field(text, "rest v2");
        String v3 = field(text, "rest v3");
        assertTrue(v3.endsWith("/v3/clusters/" + id + "/topics/{topic}/records"), v3);
        assertTrue(text.contains("readings, verdicts (2 partitions each)"), text);

        HttpResponse<String> r = Http.post(
                v2.replace("{topic}", "readings"),
                Http.V2_JSON,
                "{\"records\":[{\"key\":\"sensor-1\",\"value\":{\"seq\":1}}]}");
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(
                JSON.readTree(r.body()).get("offsets").get(0).get("error_code").isNull(), r.body());
        HttpResponse<String> v3r = Http.post(
                v3.replace("{topic}", "verdicts"), "application/json", V3ProduceTest.stringRecord("sensor-1", "{}"));
        assertEquals(
                200, V3ProduceTest.reports(v3r.body()).get(0).get("error_code").asInt(), v3r.body());

        cmd.requestStop();
        assertEquals(0, exit.get(60, TimeUnit.SECONDS));
        assertTrue(out.text().contains("devstack stopped"), out.text());
        assertEquals("", err.toString());
    }

    @Test
    void isASubcommandOfLpmsEdge() {
        Result r = run("--help");
        assertEquals(0, r.exit);
        assertTrue(r.out.contains("devstack"), r.out);
        Result help = run("devstack", "--help");
        assertTrue(help.out.contains("--kafka-port") && help.out.contains("Confluent Cloud"), help.out);
    }

    @Test
    void badOptionsExitWith2AndNameTheOptionAndTheFix() throws Exception {
        Result partitions = run("devstack", "--partitions", "0");
        assertEquals(2, partitions.exit);
        assertEquals(
                "lpms-edge devstack: --partitions 0 is out of range; use 1..1000" + System.lineSeparator(),
                partitions.err,
                "one line, no stack trace");

        Result topic = run("devstack", "--topics", "readings,bad topic!");
        assertEquals(2, topic.exit);
        assertTrue(topic.err.contains("--topics: 'bad topic!' is not a valid Kafka topic name"), topic.err);

        Result port = run("devstack", "--rest-port", "70000");
        assertEquals(2, port.exit);
        assertTrue(port.err.contains("--rest-port 70000 is not a port; use 1..65535, or 0"), port.err);

        Result flavour = run("devstack", "--flavour", "kafka-rest");
        assertEquals(2, flavour.exit);
        assertTrue(flavour.err.contains("'kafka-rest' is not a flavour; use confluent or strimzi"), flavour.err);

        Result notANumber = run("devstack", "--kafka-port", "abc");
        assertEquals(2, notANumber.exit);
        assertTrue(notANumber.err.contains("--kafka-port"), notANumber.err);

        try (ServerSocket busy = new ServerSocket()) {
            busy.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            Result inUse = run("devstack", "--kafka-port", String.valueOf(busy.getLocalPort()));
            assertEquals(2, inUse.exit);
            assertTrue(
                    inUse.err.contains("--kafka-port " + busy.getLocalPort() + " is in use on 127.0.0.1"), inUse.err);
            assertTrue(inUse.err.contains("--kafka-port 0 for any free port"), inUse.err);
        }
    }

    /** The command hands bad input to the launcher's handler instead of printing it itself; nothing is started. */
    @Test
    void badInputLeavesTheCommandAsBadInputException() {
        CommandLine cl = new CommandLine(new DevStackCommand());
        cl.parseArgs("--kafka-port", "0", "--rest-port", "0", "--topics", "bad topic!");
        BadInputException e = assertThrows(BadInputException.class, () -> ((DevStackCommand) cl.getCommand()).call());
        assertTrue(e.getMessage().startsWith("--topics: 'bad topic!' is not a valid Kafka topic name"), e.getMessage());
        Result r = run("devstack", "--kafka-port", "0", "--rest-port", "0", "--topics", "bad topic!");
        assertEquals(2, r.exit);
        assertEquals("lpms-edge devstack: " + e.getMessage(), r.err.strip());
        assertFalse(r.err.contains("\tat ") || r.err.contains("Exception"), "no stack trace: " + r.err);
        assertEquals("", r.out, "nothing started");
    }
}
