package io.lpmsedge.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lpmsedge.devstack.DevStack;
import io.lpmsedge.fleet.cli.FleetService;
import io.lpmsedge.simulator.scenario.Scenario;
import io.lpmsedge.testsupport.HeadlessChromium;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The fleet page in a real headless Chromium (Debian's chromium + chromium-driver) over a simulated plant: two
 * Pis with real bridges reading simulated machines and scoring them with the demo's model, delivering through
 * the REST Proxy stand-in into the embedded broker. One machine develops a gearbox fault and turns FAILURE; one
 * Pi's bridge is stopped (OFFLINE) and started again (back, one restart). Screenshots in target/screenshots/.
 */
class FleetPageBrowserTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final java.util.Set<String> SCORED = java.util.Set.of("OK", "FAILURE");

    @TempDir
    Path dir;

    private ChromeDriver browser;

    /** A phone-sized window: the page is meant for the shop floor. */
    static ChromeDriver chromium(Path profileDir) {
        return HeadlessChromium.start(profileDir, 412, 915);
    }

    static void screenshot(ChromeDriver browser, String name) throws Exception {
        HeadlessChromium.screenshot(browser, name);
    }

    @AfterEach
    void quit() throws Exception {
        if (browser != null) {
            screenshot(browser, "fleet-page-last");
            browser.quit();
        }
    }

    /** Waits, and on a timeout says what the page showed instead. */
    private void until(WebDriverWait wait, java.util.function.Function<WebDriver, Boolean> condition, String what) {
        try {
            wait.until(condition);
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError(
                    "timed out waiting for " + what + "; the page showed:\n"
                            + browser.findElement(By.tagName("body")).getText(),
                    e);
        }
    }

    private static String verdict(WebDriver d, String bridge, String machine) {
        return read(
                d,
                "section.bridge[data-bridge='" + bridge + "'] .tile[data-machine='" + machine + "'] .verdict",
                e -> e.getAttribute("data-verdict"));
    }

    private static String state(WebDriver d, String bridge) {
        return read(d, "section.bridge[data-bridge='" + bridge + "'] .badge", e -> e.getAttribute("data-state"));
    }

    private static String text(WebDriver d, String css) {
        return read(d, css, WebElement::getText);
    }

    /** Found afresh, and again if the page redrew in between (it does every poll); "" when absent. */
    private static String read(WebDriver d, String css, java.util.function.Function<WebElement, String> what) {
        for (int attempt = 0; ; attempt++) {
            try {
                List<WebElement> e = d.findElements(By.cssSelector(css));
                return e.isEmpty() ? "" : what.apply(e.get(0));
            } catch (StaleElementReferenceException stale) {
                if (attempt == 5) {
                    throw stale;
                }
            }
        }
    }

    @Test
    void aMachineTurnsFailureAPiGoesOfflineAndComesBack() throws Exception {
        SimulatedPi.FleetTopicsForTest topics = TestTopics.fresh();
        String rest = DevStack.shared().restProxy().baseUrl();
        // 100 s of sensor time healthy (25 s at 4x real time: the page shows it OK first), then a badly worn
        // gearbox
        try (SimulatedPi press = new SimulatedPi(
                        "press-line",
                        List.of("spindle-1", "spindle-2"),
                        List.of(Scenario.parse("ok:100s,backlash:10m@1.0"), Scenario.ok()),
                        4,
                        true,
                        rest,
                        topics,
                        dir);
                SimulatedPi paint = new SimulatedPi(
                        "paint-shop", List.of("robot-7"), List.of(Scenario.ok()), 4, true, rest, topics, dir);
                FleetService fleet = FleetService.start(
                        FleetEndToEndTest.kafka(),
                        FleetEndToEndTest.fleetTopics(topics),
                        new InetSocketAddress("127.0.0.1", 0),
                        Clock.systemUTC())) {
            press.startBridge();
            paint.startBridge();
            browser = chromium(dir.resolve("chromium-profile"));
            browser.get("http://127.0.0.1:" + fleet.port() + "/");
            WebDriverWait wait = new WebDriverWait(browser, WAIT);
            wait.ignoring(StaleElementReferenceException.class); // the page redraws every poll
            assertEquals("lpms-edge fleet", browser.getTitle());
            until(
                    wait,
                    d -> state(d, "press-line").equals("ONLINE")
                            && state(d, "paint-shop").equals("ONLINE"),
                    "both Pis ONLINE");
            // the machine that will fail is OK first; the healthy ones are judged (the demo's small model calls
            // a healthy window FAILURE now and then, which is its business, not the page's)
            until(
                    wait,
                    d -> verdict(d, "press-line", "spindle-1").equals("OK")
                            && SCORED.contains(verdict(d, "press-line", "spindle-2"))
                            && SCORED.contains(verdict(d, "paint-shop", "robot-7")),
                    "spindle-1 OK, the others judged");
            assertTrue(
                    text(browser, "section.bridge[data-bridge='press-line'] [data-field='backlog']")
                            .startsWith("spool backlog"),
                    "a backlog bar per bridge");
            screenshot(browser, "fleet-page-ok");

            // the verdict may flip back for a window now and then (the arm rests): check one drawing of the page
            until(
                    wait,
                    d -> verdict(d, "press-line", "spindle-1").equals("FAILURE")
                            && text(
                                            d,
                                            "section.bridge[data-bridge='press-line'] .tile[data-machine='spindle-1'] "
                                                    + "[data-field='change']")
                                    .matches("OK → FAILURE at \\d\\d:\\d\\d:\\d\\d \\(edge\\)")
                            && text(d, "#counts").matches("[1-9]\\d* FAILURE · .*"),
                    "spindle-1 FAILURE with its change");
            screenshot(browser, "fleet-page-failure");

            // search by name: only the paint shop's tile stays
            browser.findElement(By.id("filter")).sendKeys("robot");
            until(
                    wait,
                    d -> !d.findElement(By.cssSelector("section.bridge[data-bridge='press-line']"))
                                    .isDisplayed()
                            && d.findElement(By.cssSelector(".tile[data-machine='robot-7']"))
                                    .isDisplayed(),
                    "the filter");
            browser.findElement(By.id("filter")).clear();
            browser.executeScript("document.getElementById('filter').dispatchEvent(new Event('input'))");

            paint.stopBridge();
            until(
                    wait,
                    d -> state(d, "paint-shop").equals("OFFLINE")
                            && verdict(d, "paint-shop", "robot-7").equals("NO DATA"),
                    "paint-shop OFFLINE");
            assertTrue(
                    text(browser, "section.bridge[data-bridge='paint-shop'] [data-field='seen']")
                            .startsWith("stopped cleanly"),
                    text(browser, "section.bridge[data-bridge='paint-shop'] [data-field='seen']"));
            assertEquals("ONLINE", state(browser, "press-line"), "the other Pi is unaffected");
            screenshot(browser, "fleet-page-offline");

            paint.startBridge();
            until(
                    wait,
                    d -> state(d, "paint-shop").equals("ONLINE")
                            && SCORED.contains(verdict(d, "paint-shop", "robot-7"))
                            && text(d, "section.bridge[data-bridge='paint-shop'] [data-field='seen']")
                                    .contains("1 restart(s)"),
                    "paint-shop back");
            screenshot(browser, "fleet-page-back");
        }
    }
}
