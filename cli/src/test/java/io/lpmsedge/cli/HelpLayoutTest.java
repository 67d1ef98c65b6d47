package io.lpmsedge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Model.UsageMessageSpec;

class HelpLayoutTest {
    @Test
    void sourceLinesBecomeParagraphsEndingWithAFullStop() {
        assertEquals(
                List.of(
                        "Run a stack on loopback: a broker (KRaft, embedded) and a stand-in.",
                        "For development only: production uses a real cluster."),
                HelpLayout.paragraphs(new String[] {
                    "Run a stack on loopback: a broker (KRaft,",
                    "embedded) and a stand-in.",
                    "For development only: production uses a real",
                    "cluster."
                }));
        assertEquals(
                List.of("No full stop at the end"), HelpLayout.paragraphs(new String[] {"No full stop", "at the end"}));
    }

    @Test
    void theSummaryIsTheHeaderOrTheFirstSentenceShortenedAtItsColonWhenLong() {
        assertEquals(
                "Decode a capture.",
                HelpLayout.summary(new UsageMessageSpec().description("Decode a", "capture. Then more.")));
        assertEquals(
                "Display help.",
                HelpLayout.summary(
                        new UsageMessageSpec().header("Display help.").description("%nWhen no COMMAND.")));
        String longFirst = "Run the whole system on this machine for about a minute: embedded Kafka + REST Proxy "
                + "stand-in, simulated sensors (OK, a failure mode, OK), then an audit.";
        assertEquals(
                "Run the whole system on this machine for about a minute.",
                HelpLayout.summary(new UsageMessageSpec().description(longFirst)));
        assertEquals(
                "Run the bridge: connect.",
                HelpLayout.summary(new UsageMessageSpec().description("Run the bridge: connect.")));
        assertEquals("Split 75 % of it.", HelpLayout.summary(new UsageMessageSpec().description("Split 75 %% of it.")));
    }
}
