package org.openastro.gateway.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openastro.api.http.HttpApiVerticle;
import org.openastro.config.Config;
import org.openastro.events.EventAddresses;

/**
 * {@code GET /api/v1/events} over a real listener (the HTTP platform with its contract validation,
 * and the event bus): ids that a reconnect resumes from, a reset for an id the ring no longer (or
 * never) held, keep-alive comments, the client limit, and a client that stops reading dropped and
 * counted while a reading one goes on. Events are what the bus publishes.
 */
class EventStreamIT {
  static final HttpClient HTTP = HttpClient.newHttpClient();

  Vertx vertx;
  SimpleMeterRegistry registry = new SimpleMeterRegistry();
  int port;
  final List<Stream<String>> open = new ArrayList<>();

  void start(Map<String, String> settings) throws Exception {
    vertx = Vertx.vertx();
    Map<String, String> env = new HashMap<>(settings);
    HttpApiVerticle http = new HttpApiVerticle("127.0.0.1", 0, 65536, Console.routes(Config.from(env), registry),
        registry);
    vertx.deployVerticle(http).await(30, TimeUnit.SECONDS);
    port = http.actualPort();
  }

  @AfterEach
  void stop() throws Exception {
    open.forEach(Stream::close);
    if (vertx != null) {
      vertx.close().await(30, TimeUnit.SECONDS);
    }
  }

  /** The stream's lines, read as they come. */
  Iterator<String> connect(String lastEventId) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/events"));
    if (lastEventId != null) {
      request.header("Last-Event-ID", lastEventId);
    }
    HttpResponse<Stream<String>> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofLines());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/event-stream"));
    open.add(response.body());
    Iterator<String> lines = response.body().iterator();
    assertThat(lines.next()).as("the opening comment").startsWith(": ");
    return lines;
  }

  /** The next event: {id, event, data}, comments skipped. */
  static Map<String, String> nextEvent(Iterator<String> lines) {
    Map<String, String> event = new HashMap<>();
    while (true) {
      String line = lines.next();
      if (line.isEmpty()) {
        if (event.containsKey("event")) {
          return event;
        }
        continue;
      }
      if (line.startsWith(":")) {
        continue;
      }
      int colon = line.indexOf(':');
      event.put(line.substring(0, colon), line.substring(colon + 1).trim());
    }
  }

  void publishStatus(int n) {
    vertx.eventBus().publish(EventAddresses.NODE_STATUS, new JsonObject().put("node_id", "n" + n).put("status", "FAULTED"));
  }

  @Test
  void eventsCarryIdsAndAReconnectResumesAfterTheLastOneSeen() throws Exception {
    start(Map.of("EVENTS_REPLAY_SIZE", "4"));
    Iterator<String> first = connect(null);
    for (int i = 1; i <= 3; i++) {
      publishStatus(i);
    }
    List<String> ids = new ArrayList<>();
    for (int i = 1; i <= 3; i++) {
      Map<String, String> e = nextEvent(first);
      assertThat(e.get("event")).isEqualTo("node.status");
      assertThat(new JsonObject(e.get("data")).getString("node_id")).isEqualTo("n" + i);
      ids.add(e.get("id"));
    }
    String stream = ids.get(0).substring(0, ids.get(0).lastIndexOf('-'));
    assertThat(ids).containsExactly(stream + "-1", stream + "-2", stream + "-3");

    // Missed while away: 4 and 5. Resuming after 2 replays 3, 4, 5 in order, then live events follow.
    publishStatus(4);
    publishStatus(5);
    Iterator<String> resumed = connect(ids.get(1));
    for (int i = 3; i <= 5; i++) {
      Map<String, String> e = nextEvent(resumed);
      assertThat(e.get("id")).isEqualTo(stream + "-" + i);
      assertThat(new JsonObject(e.get("data")).getString("node_id")).isEqualTo("n" + i);
    }
    publishStatus(6);
    assertThat(nextEvent(resumed).get("id")).isEqualTo(stream + "-6");

    // The ring holds 3..6 now: after 1 it cannot say what was missed, nor for another stream's id.
    int last = 6;
    for (String gone : List.of(stream + "-1", "elsewhere-5")) {
      Iterator<String> reset = connect(gone);
      Map<String, String> e = nextEvent(reset);
      assertThat(e.get("event")).isEqualTo("reset");
      assertThat(e.get("id")).as("a reset carries the newest id, so resuming from it is exact").isEqualTo(stream + "-" + last);
      publishStatus(++last);
      assertThat(nextEvent(reset).get("id")).isEqualTo(stream + "-" + last);
    }
    assertThat(registry.get("openastro.console.events.resumes").tag("outcome", "replayed").counter().count()).isEqualTo(1);
    assertThat(registry.get("openastro.console.events.resumes").tag("outcome", "reset").counter().count()).isEqualTo(2);
  }

  @Test
  void anIdleStreamGetsKeepAliveComments() throws Exception {
    start(Map.of("EVENTS_KEEPALIVE", "200ms"));
    Iterator<String> lines = connect(null);
    // nothing is published: the next line can only be the keep-alive (a timeout fails the test)
    await().atMost(Duration.ofSeconds(10)).until(lines::next, line -> line.equals(": keep-alive"));
  }

  @Test
  void clientsBeyondTheLimitAreRefused503() throws Exception {
    start(Map.of("EVENTS_MAX_CLIENTS", "1"));
    connect(null);
    HttpResponse<String> refused = HTTP.send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + port + "/api/v1/events")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(refused.statusCode()).isEqualTo(503);
    assertThat(new JsonObject(refused.body()).getString("error")).isEqualTo("unavailable");
    assertThat(registry.get("openastro.console.events.clients.refused").counter().count()).isEqualTo(1);
  }

  @Test
  void aClientThatStopsReadingIsDroppedAsLaggedWhenTheRingOvertakesIt() throws Exception {
    // a long keep-alive: only the ring (16 events) can catch it
    start(Map.of("EVENTS_CLIENT_BUFFER_BYTES", "4096", "EVENTS_REPLAY_SIZE", "16", "EVENTS_KEEPALIVE", "60s"));
    stalledClientIsDroppedWhileAReadingOneGoesOn("lagged");
  }

  @Test
  void aClientThatStopsReadingIsDroppedAsStalledWhenItsBufferStaysFull() throws Exception {
    // a ring far longer than what is published meanwhile: only the full buffer across keep-alives can catch it
    start(Map.of("EVENTS_CLIENT_BUFFER_BYTES", "4096", "EVENTS_REPLAY_SIZE", "100000", "EVENTS_KEEPALIVE", "200ms"));
    stalledClientIsDroppedWhileAReadingOneGoesOn("stalled");
  }

  /** A raw client that never reads its stream, beside one that does; events are published until the first is dropped. */
  void stalledClientIsDroppedWhileAReadingOneGoesOn(String reason) throws Exception {
    Iterator<String> reader = connect(null);
    try (Socket stalled = new Socket()) {
      stalled.setReceiveBufferSize(4096); // what the kernel reads for it: small, so the server's queue fills
      stalled.connect(new InetSocketAddress("127.0.0.1", port));
      OutputStream out = stalled.getOutputStream();
      out.write("GET /api/v1/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      await().atMost(Duration.ofSeconds(10)).until(() -> registry.get("openastro.console.events.clients").gauge().value() == 2);

      String padding = "x".repeat(16 * 1024);
      int[] published = {0};
      // Publish until the stalled client is dropped: the kernel's buffers fill, then its write queue,
      // then the ring overtakes it. The reading client reads along.
      await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20)).until(() -> {
        vertx.eventBus().publish(EventAddresses.NODE_PROGRESS, new JsonObject().put("n", ++published[0]).put("pad", padding));
        Map<String, String> seen = nextEvent(reader);
        assertThat(new JsonObject(seen.get("data")).getInteger("n")).isEqualTo(published[0]);
        Counter dropped = registry.find("openastro.console.events.clients.dropped").tag("reason", reason).counter();
        return dropped != null && dropped.count() == 1;
      });
      assertThat(registry.find("openastro.console.events.clients.dropped").counters())
          .as("dropped once, for " + reason).singleElement().satisfies(c -> assertThat(c.count()).isEqualTo(1));
      assertThat(registry.get("openastro.console.events.clients").gauge().value()).isEqualTo(1);
      // and its connection is closed, so nothing it held stays queued: what the kernel buffered, then the end
      stalled.setSoTimeout(10_000); // a timeout here fails the test: the connection was left open
      InputStream in = stalled.getInputStream();
      byte[] chunk = new byte[64 * 1024];
      try {
        while (in.read(chunk) >= 0) {
          // drain
        }
      } catch (SocketException reset) {
        // a reset ends it too
      }
      // the reader was never dropped: it still gets the next event
      vertx.eventBus().publish(EventAddresses.NODE_PROGRESS, new JsonObject().put("n", -1));
      assertThat(new JsonObject(nextEvent(reader).get("data")).getInteger("n")).isEqualTo(-1);
    }
  }
}
