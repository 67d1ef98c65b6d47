package io.lpmsedge.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lpmsedge.bridge.config.BridgeConfig;
import io.lpmsedge.bridge.http.OpsServer;
import io.lpmsedge.bridge.link.SensorLinks;
import io.lpmsedge.bridge.reload.ConfigReloader;
import io.lpmsedge.bridge.scoring.TestModel;
import io.lpmsedge.bridge.session.LinkState;
import io.lpmsedge.bridge.status.StatusReporter;
import io.lpmsedge.simulator.device.SensorMode;
import io.lpmsedge.simulator.link.LinkFaultConfig;
import io.lpmsedge.simulator.scenario.Scenario;
import io.lpmsedge.testsupport.HeadlessChromium;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The live status page in a real headless Chromium (Debian's chromium + chromium-driver, installed by .ci/run)
 * against a running bridge reading simulated sensors. Screenshots land in target/screenshots/.
 */
class StatusPageBrowserTest {
    @TempDir
    Path dir;

    private SimulatedSensors sim;
    private Bridge bridge;
    private OpsServer server;
    private ChromeDriver browser;

    /** A desktop-sized window: the status page is read on a laptop beside the machine. */
    static ChromeDriver chromium(Path profileDir) {
        return HeadlessChromium.start(profileDir, 900, 1000);
    }

    static void screenshot(ChromeDriver browser, String name) throws Exception {
        HeadlessChromium.screenshot(browser, name);
    }

    private void startUnscoredBridge() throws Exception {
        sim = SimulatedSensors.tcp(2, SensorMode.STREAM, LinkFaultConfig.NONE, 1, Double.POSITIVE_INFINITY);
        BridgeConfig config = BridgeAgainstSimulatorTest.config("""
                [[sensor]]
                name = "spindle-1"
                link = "%s"
                [[sensor]]
                name = "conveyor-2"
                link = "%s"
                """.formatted(sim.link(0), sim.link(1)), "");
        bridge = new Bridge(config, new SensorLinks(config.link(), null), null, List.of(), Clock.systemUTC());
        bridge.start();
        server = OpsServer.start(new InetSocketAddress("127.0.0.1", 0), StatusReporter.of(bridge, s -> null), "test");
        browser = chromium(dir.resolve("chromium-profile"));
    }

    @AfterEach
    void stop() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        if (server != null) {
            server.close();
        }
        if (bridge != null) {
            bridge.stop(Duration.ofSeconds(5));
        }
        if (sim != null) {
            sim.close();
        }
    }

    @Test
    void showsEverySensorLiveAndALostLink() throws Exception {
        startUnscoredBridge();
        browser.get("http://127.0.0.1:" + server.port() + "/");
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
        wait.until(d -> d.findElements(By.cssSelector("section.card")).size() == 2);
        assertEquals("lpms-edge · test-bridge", browser.getTitle());
        WebElement spindle = browser.findElement(By.cssSelector("section[data-sensor='spindle-1']"));
        wait.until(d -> field(spindle, "state").equals("STREAMING"));
        // the rate settles near the configured 100 Hz once two polls are a second apart
        wait.until(d -> {
            String rate = field(spindle, "rate");
            double hz = Double.parseDouble(rate.replace(" Hz", ""));
            return hz > 80 && hz < 120;
        });
        assertEquals("NOT SCORED", spindle.findElement(By.className("verdict")).getText());
        screenshot(browser, "status-page-streaming");

        sim.fleet.runners().get(1).stop();
        BridgeAgainstSimulatorTest.await(
                () -> bridge.sessions().get(1).counters().state() != LinkState.STREAMING, "conveyor-2 lost");
        WebElement conveyor = browser.findElement(By.cssSelector("section[data-sensor='conveyor-2']"));
        wait.until(d -> !field(conveyor, "state").equals("STREAMING"));
        screenshot(browser, "status-page-link-lost");
    }

    @Test
    void aSensorRemovedByAReloadLosesItsCardAndTheFooterCountsTheReload() throws Exception {
        startUnscoredBridge();
        browser.get("http://127.0.0.1:" + server.port() + "/");
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
        wait.until(d -> d.findElements(By.cssSelector("section.card")).size() == 2);
        BridgeConfig running = bridge.config();
        BridgeConfig without = new BridgeConfig(
                running.bridgeName(),
                running.sensors().subList(0, 1),
                running.link(),
                running.pipeline(),
                running.delivery(),
                running.scoring(),
                running.http(),
                running.status());
        try (ConfigReloader reloader = new ConfigReloader(
                () -> without, "test.toml", running, bridge::reconfigure, bridge.reloads(), Clock.systemUTC())) {
            reloader.request("test").get(30, TimeUnit.SECONDS);
        }
        wait.until(d -> d.findElements(By.cssSelector("section.card")).size() == 1);
        assertEquals(
                List.of("spindle-1"),
                browser.findElements(By.cssSelector("section.card")).stream()
                        .map(e -> e.getAttribute("data-sensor"))
                        .toList());
        wait.until(d -> d.findElement(By.id("sinks")).getText().contains("config reloads: 1 installed, 0 refused"));
        screenshot(browser, "status-page-sensor-removed");
    }

    @Test
    void aCardTurnsToFailureWhenTheSimulatedMachineFails() throws Exception {
        // this bridge scores, with the simulator-trained test model (bridge/src/test/resources/models)
        // The browser first: Chromium's start-up under load took longer than the healthy phase, and the page then
        // never saw OK. 60 s of sensor time healthy (6 s real), then a badly worn gearbox; 10x real time
        browser = chromium(dir.resolve("chromium-profile"));
        sim = SimulatedSensors.tcp(
                1,
                SensorMode.STREAM,
                LinkFaultConfig.NONE,
                10,
                Double.POSITIVE_INFINITY,
                Scenario.parse("ok:60s,backlash:10m@1.0"));
        BridgeConfig config =
                BridgeAgainstSimulatorTest.config("""
                [[sensor]]
                name = "gearbox-7"
                link = "%s"
                outputs = ["acc", "gyro"]
                rate_hz = 100
                """.formatted(sim.link(0)), """
                [scoring]
                model = "%s"
                """.formatted(TestModel.model()));
        bridge = new Bridge(config, new SensorLinks(config.link(), null), null, List.of(), Clock.systemUTC());
        bridge.start();
        server = OpsServer.start(new InetSocketAddress("127.0.0.1", 0), StatusReporter.of(bridge), "test");
        browser.get("http://127.0.0.1:" + server.port() + "/");
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        WebElement card = wait.until(d -> d.findElement(By.cssSelector("section[data-sensor='gearbox-7']")));
        WebElement verdict = card.findElement(By.className("verdict"));
        wait.until(d -> verdict.getAttribute("data-verdict").equals("OK"));
        assertTrue(card.getAttribute("class").contains("ok"), card.getAttribute("class"));
        screenshot(browser, "status-page-ok");
        wait.until(d -> verdict.getAttribute("data-verdict").equals("FAILURE"));
        assertEquals("FAILURE", verdict.getText());
        assertTrue(card.getAttribute("class").contains("failure"), card.getAttribute("class"));
        // the sparkline has points and the score is shown against the threshold
        assertTrue(
                !card.findElement(By.tagName("polyline")).getAttribute("points").isBlank());
        assertTrue(field(card, "score").matches("[0-9.e+-]+ / [0-9.e+-]+"), field(card, "score"));
        screenshot(browser, "status-page-failure");
    }

    static String field(WebElement card, String name) {
        return card.findElement(By.cssSelector("dd[data-field='" + name + "']")).getText();
    }
}
