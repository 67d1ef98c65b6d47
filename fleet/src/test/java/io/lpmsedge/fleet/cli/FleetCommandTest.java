package io.lpmsedge.fleet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lpmsedge.cli.LpmsEdge;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

/** Bad options and an address that cannot be bound end {@code lpms-edge fleet} with exit 2 and one line. */
class FleetCommandTest {
    private static String[] run(String... args) {
        StringWriter err = new StringWriter();
        int exit = LpmsEdge.commandLine().setErr(new PrintWriter(err)).execute(args);
        return new String[] {String.valueOf(exit), err.toString().strip()};
    }

    @Test
    void aBadOptionIsExitTwoWithTheProblemNamed() {
        String[] r = run("fleet", "--bootstrap", "127.0.0.1:1", "--history", "soon");
        assertEquals("2", r[0], r[1]);
        assertEquals(1, r[1].lines().count(), r[1]);
        assertTrue(r[1].startsWith("lpms-edge fleet: --history"), r[1]);
        r = run("fleet", "--bootstrap", "127.0.0.1:1", "--listen", "nowhere");
        assertEquals("2", r[0], r[1]);
        assertEquals("lpms-edge fleet: --listen 'nowhere' is not HOST:PORT; e.g. 127.0.0.1:9470", r[1]);
    }

    @Test
    void anAddressInUseIsExitTwoWithTheSystemsWords() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            String[] r = run("fleet", "--bootstrap", "127.0.0.1:1", "--listen", "127.0.0.1:" + taken.getLocalPort());
            assertEquals("2", r[0], r[1]);
            assertTrue(r[1].startsWith("lpms-edge fleet: ") && r[1].contains("in use"), r[1]);
        }
    }
}
