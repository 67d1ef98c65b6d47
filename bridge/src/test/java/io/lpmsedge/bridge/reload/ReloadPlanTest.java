package io.lpmsedge.bridge.reload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lpmsedge.bridge.config.BridgeConfig;
import io.lpmsedge.bridge.config.ConfigLoader;
import io.lpmsedge.bridge.scoring.TestModel;
import io.lpmsedge.bridge.session.SensorConfig;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The reload rule: sensors and models are applied, bridge-wide keys need a restart, turning scoring off is refused. */
class ReloadPlanTest {
    private static final String SENSORS = """
            [[sensor]]
            name = "arm-1"
            link = "tcp://127.0.0.1:7001"
            [[sensor]]
            name = "arm-2"
            link = "tcp://127.0.0.1:7002"
            """;

    private static String scoring(String extra, String sensors) {
        return """
                [scoring]
                %s
                [[scoring.model]]
                name = "arm"
                model = "%s"
                sensors = [%s]
                """.formatted(extra, TestModel.model(), sensors);
    }

    private static BridgeConfig parse(String toml) throws Exception {
        return new ConfigLoader(Map.of()).parse("[bridge]\nname = \"b\"\n" + toml, "bridge.toml");
    }

    @Test
    void sensorsAddedRemovedAndChangedAreAppliedWithTheRunningBridgeWideSettings() throws Exception {
        BridgeConfig running = parse(SENSORS + "[link]\nbackoff_max_ms = 500\n" + scoring("", "\"arm-*\""));
        String sensors = SENSORS.replace(
                        "link = \"tcp://127.0.0.1:7001\"", "link = \"tcp://127.0.0.1:7001\"\nrate_hz = 50")
                .replace("name = \"arm-2\"", "name = \"arm-3\"");
        String next = sensors
                + "[link]\nbackoff_max_ms = 900\n[[sink]]\nname = \"f\"\ntype = \"jsonl\"\npath = \"/tmp/x.jsonl\"\n"
                + scoring("window_events = true", "\"arm-3\"");
        ReloadPlan plan = ReloadPlan.of(running, parse(next), "bridge.toml");
        assertEquals(
                List.of("arm-3"), plan.added().stream().map(SensorConfig::name).toList());
        assertEquals(List.of("arm-2"), plan.removed());
        assertEquals(
                List.of("arm-1"),
                plan.restarted().stream().map(SensorConfig::name).toList());
        assertEquals(50, plan.restarted().get(0).rateHz());
        assertEquals(List.of("[link]", "[[sink]]", "[scoring] window_events"), plan.needRestart());
        assertEquals(
                "sensor(s) [arm-3] added, [arm-2] removed, [arm-1] restarted (settings changed)",
                plan.describeSensors());
        // What runs: the file's sensors and models, every bridge-wide key as it runs now.
        BridgeConfig applied = plan.next();
        assertEquals(
                List.of("arm-1", "arm-3"),
                applied.sensors().stream().map(SensorConfig::name).toList());
        assertEquals(List.of("arm-3"), applied.scoring().models().get(0).sensors());
        assertEquals(running.link(), applied.link());
        assertEquals(running.delivery(), applied.delivery());
        assertFalse(applied.scoring().windowEvents());
    }

    @Test
    void anUnchangedFileChangesNothing() throws Exception {
        BridgeConfig running = parse(SENSORS + scoring("", "\"arm-*\""));
        ReloadPlan plan = ReloadPlan.of(running, parse(SENSORS + scoring("", "\"arm-*\"")), "bridge.toml");
        assertFalse(plan.changesSensors(), plan.toString());
        assertEquals(List.of(), plan.needRestart());
    }

    @Test
    void turningScoringOnNeedsARestartAndTurningItOffIsRefused() throws Exception {
        BridgeConfig without = parse(SENSORS);
        BridgeConfig with = parse(SENSORS + scoring("", "\"arm-*\""));
        ReloadPlan on = ReloadPlan.of(without, with, "bridge.toml");
        assertEquals(List.of("[scoring] (turned on)"), on.needRestart());
        assertFalse(on.next().scoring().enabled(), "the bridge scores nothing until restarted");
        IllegalArgumentException off =
                assertThrows(IllegalArgumentException.class, () -> ReloadPlan.of(with, without, "bridge.toml"));
        assertTrue(
                off.getMessage().startsWith("bridge.toml: [scoring] is now off; turning scoring off needs a restart"),
                off.getMessage());
    }
}
