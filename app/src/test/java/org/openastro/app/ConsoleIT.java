package org.openastro.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.json.JsonObject;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openastro.alerts.Samples;
import org.openastro.testsupport.CassandraExtension;
import org.openastro.testsupport.CassandraTestNode;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The operator console in a real browser (Debian's headless Chromium through chromedriver, as
 * {@code .ci/run} installs them) against the whole system on a real Cassandra node: telescopes that
 * register and heartbeat over MQTT after the page opened appear on its map and in its node table;
 * one that falls silent turns FAULTED on the page within the fault time and a few seconds, without
 * a reload; a mission's progress bar moves as its node reports progress. Saves
 * {@code target/console.png} (the README's picture is one of these).
 */
@ExtendWith(CassandraExtension.class)
class ConsoleIT {
  static final String CHROMIUM = System.getProperty("openastro.chromium", "/usr/bin/chromium");
  static final String CHROMEDRIVER = System.getProperty("openastro.chromedriver", "/usr/bin/chromedriver");
  /** SystemUnderTest's 1 s heartbeat interval, three missed. */
  static final Duration FAULT_TIME = Duration.ofSeconds(3);
  /** The page may take this much beyond the fault time: the scheduler's tick, the stream, one render. */
  static final Duration PAGE_SLACK = Duration.ofSeconds(5);
  /** The page renders on a 500 ms timer (console.js): a render must fit inside it. */
  static final double RENDER_PERIOD_MS = 500;
  static final List<double[]> SITES = List.of(new double[] {60, 10}, new double[] {45, -100},
      new double[] {35, 139}, new double[] {-31, -70.7});

  SystemUnderTest system;
  WebDriver browser;

  @AfterEach
  void stop() {
    if (browser != null) {
      browser.quit();
    }
    if (system != null) {
      system.close();
    }
  }

  @Test
  void theFleetAndAMissionAreLiveOnThePage(CassandraTestNode cassandra) throws Exception {
    system = SystemUnderTest.start(cassandra, "console", Map.of("PROGRESS_MAX_EXPOSURE_RATE", "0"));
    browser = chromium();
    browser.get("http://127.0.0.1:" + system.system.httpPort() + "/");
    WebDriverWait page = new WebDriverWait(browser, Duration.ofSeconds(30));
    page.until(b -> "live".equals(b.findElement(By.id("stream-state")).getText()));
    js("window.__notReloaded = true;");

    // Telescopes that come after the page opened: known to it only from the event stream.
    List<MqttTelescope> telescopes = new ArrayList<>();
    for (double[] site : SITES) {
      MqttTelescope t = system.telescope(system.post("/api/v1/nodes", """
          {"location": {"lat": %s, "lon": %s, "elevation_m": 100}, "aperture_mm": 300, "fov_deg": 1.0,
           "filters": ["V", "R"], "mount_type": "EQ", "control_protocol": "INDI"}""".formatted(site[0], site[1])));
      t.connectAndHeartbeat();
      telescopes.add(t);
    }
    for (MqttTelescope t : telescopes) {
      page.until(b -> "ONLINE".equals(rowStatus(t.id)) && "ONLINE".equals(drawnOnMap(t.id)));
    }
    assertThat(text("#nodes tr[data-node-id='" + telescopes.get(0).id + "']"))
        .contains("300 mm").contains("R V").contains("s ago");

    // A mission: its bar starts empty and moves as the assigned node reports exposure.
    JsonObject mission = system.post("/api/v1/missions", """
        {"target_ra": 37.95, "target_dec": 89.0, "science_case": "DEEP_STACK",
         "total_exposure_required_s": 600, "priority": 80, "night_only": false, "min_altitude_deg": 30,
         "time_constraint_start": "%s", "time_constraint_end": "%s"}"""
        .formatted(Instant.now().minusSeconds(60), Instant.now().plus(Duration.ofDays(1))));
    String missionId = mission.getString("mission_id");
    page.until(b -> "0".equals(barOf(missionId, "completed")));
    MqttTelescope observer = await().atMost(Duration.ofSeconds(60))
        .until(() -> telescopes.stream().filter(t -> !t.downlink.isEmpty()).findFirst().orElse(null), t -> t != null);
    String taskId = observer.downlink.peek().getJsonObject("task").getString("task_id");
    observer.progress(taskId, 200, "EXECUTING");
    page.until(b -> "200".equals(barOf(missionId, "completed")));
    observer.progress(taskId, 450, "EXECUTING");
    page.until(b -> "450".equals(barOf(missionId, "completed")));
    page.until(b -> String.valueOf(text("#nodes tr[data-node-id='" + observer.id + "'] td.task"))
        .startsWith(taskId.substring(0, 8)));
    assertThat((String) js("return document.querySelector(arguments[0]).style.width;",
        ".mission[data-mission-id='" + missionId + "'] .fill")).isEqualTo("75%");

    // One telescope falls silent: FAULTED on the page (table, map, fault timeline) within the fault time and a few seconds.
    MqttTelescope silent = telescopes.stream().filter(t -> t != observer).findFirst().orElseThrow();
    Instant silentAt = Instant.now();
    silent.goSilent();
    new WebDriverWait(browser, FAULT_TIME.plus(PAGE_SLACK)).until(b -> "FAULTED".equals(rowStatus(silent.id))
        && "FAULTED".equals(drawnOnMap(silent.id))
        && !b.findElements(By.cssSelector("#faults li[data-node-id='" + silent.id + "'][data-status='FAULTED']")).isEmpty());
    assertThat(Duration.between(silentAt, Instant.now())).isLessThan(FAULT_TIME.plus(PAGE_SLACK));
    assertThat(js("return window.__notReloaded === true;")).as("the page was never reloaded").isEqualTo(true);
    for (MqttTelescope t : telescopes) {
      if (t != silent) {
        assertThat(rowStatus(t.id)).isIn("ONLINE", "BUSY");
      }
    }

    // An alert (a Swift/BAT notice as GCN sends it): its mission shows in the alert feed as it is made.
    JsonObject alert = new JsonObject(system.send(system.request("/api/v1/alerts")
        .header("content-type", "application/json").header("authorization", "Bearer " + SystemUnderTest.ADMIN_KEY)
        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(Samples.text("swift-bat-guano.json")))).body());
    assertThat(alert.getString("outcome")).as(alert.encode()).isEqualTo("created");
    String alertMission = alert.getString("mission_id");
    page.until(b -> String.valueOf(text("#alerts li[data-mission-id='" + alertMission + "']")).contains("GCN:swift"));
    page.until(b -> alertMission.equals(js("return document.querySelector('#missions .mission').dataset.missionId;")));

    // The mission's tasks, one click away.
    browser.findElement(By.cssSelector(".mission[data-mission-id='" + missionId + "'] .expand")).click();
    page.until(b -> !b.findElements(By.cssSelector(".mission[data-mission-id='" + missionId + "'] tr[data-task-id='"
        + taskId + "']")).isEmpty());
    screenshot();

    // An action: the key goes into this tab's sessionStorage only, and the cancel it allows is seen live.
    browser.findElement(By.id("api-key")).sendKeys(SystemUnderTest.ADMIN_KEY);
    browser.findElement(By.id("key-save")).click();
    page.until(b -> "key set".equals(text("#key-state")));
    assertThat(js("return sessionStorage.getItem('openastro.apiKey');")).isEqualTo(SystemUnderTest.ADMIN_KEY);
    assertThat(js("return localStorage.length;")).isEqualTo(0L);
    browser.findElement(By.cssSelector(".mission[data-mission-id='" + missionId + "'] .cancel")).click();
    page.until(org.openqa.selenium.support.ui.ExpectedConditions.alertIsPresent()).accept(); // "Cancel mission ...?"
    page.until(b -> "CANCELLED".equals(text(".mission[data-mission-id='" + missionId + "'] .mstatus")));
    assertThat(system.get("/api/v1/missions/" + missionId).getString("status")).isEqualTo("CANCELLED");

    // 10,000 nodes more (in the page only: a fleet that size is the simulator's job, not this test's):
    // one render of the table and the map stays well inside the page's render period.
    double ms = ((Number) js("""
        const c = window.openastroConsole, statuses = ['ONLINE', 'BUSY', 'PARKED', 'FAULTED'];
        for (let i = 0; i < 10000; i++) {
          c.nodes.set('synthetic-' + i, {node_id: 'synthetic-' + i, status: statuses[i % 4],
            last_heartbeat: new Date(Date.now() - (i % 120) * 1000).toISOString(),
            location: {lat: (i % 170) - 85, lon: (i * 7) % 360 - 180}, aperture_mm: 200, filters: ['V'],
            reliability_score: 0.5});
        }
        c.renderTimed(); // the first run compiles; the second is what every render costs
        return c.renderTimed();""")).doubleValue();
    System.out.printf("ConsoleIT: one render (node table page and map) of 10,004 nodes took %.1f ms%n", ms);
    assertThat(ms).as("one render of 10,004 nodes, ms").isLessThan(RENDER_PERIOD_MS);
    assertThat(js("return document.querySelectorAll('#nodes tbody tr').length;")).isEqualTo(50L);
    assertThat(js("return document.getElementById('map').dataset.drawn;")).isEqualTo("10004");

    // A fresh page learns of the earlier fault from the lists, not the stream: table, map and timeline.
    browser.navigate().refresh();
    page.until(b -> "FAULTED".equals(rowStatus(silent.id)) && "FAULTED".equals(drawnOnMap(silent.id))
        && !b.findElements(By.cssSelector("#faults li[data-node-id='" + silent.id + "'][data-status='FAULTED']")).isEmpty());
    assertThat(js("return window.__notReloaded === undefined;")).as("this time it was reloaded").isEqualTo(true);
  }

  private WebDriver chromium() {
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM);
    // --no-sandbox: CI runs as root, where Chromium's sandbox cannot start
    options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1500,1150");
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER))
        .usingAnyFreePort().build();
    return new ChromeDriver(service, options);
  }

  private Object js(String script, Object... args) {
    return ((JavascriptExecutor) browser).executeScript(script, args);
  }

  /**
   * The text of the first element {@code css} selects, or null: read in one script, since the page
   * re-renders its table twice a second and an element found a moment earlier may be gone.
   */
  private String text(String css) {
    return (String) js("var e = document.querySelector(arguments[0]); return e ? e.textContent : null;", css);
  }

  /** The status the node table shows for a node, or null while it shows none. */
  private String rowStatus(String nodeId) {
    return text("#nodes tr[data-node-id='" + nodeId + "'] td.status");
  }

  /** What the map's last frame drew for a node (its colour key), or null. */
  private String drawnOnMap(String nodeId) {
    return (String) js("var c = window.openastroConsole; return c ? (c.map.drawn.get(arguments[0]) || null) : null;", nodeId);
  }

  private String barOf(String missionId, String what) {
    return (String) js("var e = document.querySelector(arguments[0]); return e ? e.getAttribute(arguments[1]) : null;",
        ".mission[data-mission-id='" + missionId + "'] .bar", "data-" + what);
  }

  private void screenshot() throws Exception {
    File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
    Path target = Path.of("target", "console.png");
    Files.createDirectories(target.getParent());
    Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
  }
}
