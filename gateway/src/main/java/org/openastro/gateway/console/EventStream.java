package org.openastro.gateway.console;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.IntStream;
import org.openastro.cql.Buckets;
import org.openastro.events.EventAddresses;

/**
 * The fleet's events as server-sent events, for every console client of this gateway. Every
 * address below is published on the bus (never sent), so in clustered mode each gateway's consumer
 * gets the whole fleet's events, whichever process they come from.
 *
 * <p>Each event is encoded once into the {@link EventRing}; a client is a cursor into it, pumped
 * while its response's write queue ({@code EVENTS_CLIENT_BUFFER_BYTES}) has room and resumed by the
 * queue's drain. So a slow browser holds at most its write queue: it is dropped when the ring
 * overtakes its cursor ({@code lagged}) or when its queue stays full for a keep-alive interval
 * ({@code stalled}); its EventSource then reconnects and resumes with Last-Event-ID.
 *
 * <p>Ids are {@code <stream>-<seq>}: the stream part is drawn when the gateway starts, so an id
 * from another gateway or an earlier run is recognised as such and answered with {@code reset}
 * (reload the lists) instead of a wrong replay.
 *
 * <p>Confined to one event loop: it starts listening, lazily, on the context of the first client
 * (the HTTP server's), and every client and timer runs there.
 */
final class EventStream {
  /**
   * The addresses streamed; an event's type is its address without the {@code openastro.} prefix.
   * Heartbeats come on one address per shard ({@link #HEARTBEAT_ADDRESSES}), all of type {@code node.heartbeat}.
   */
  static final List<String> ADDRESSES = List.of(EventAddresses.NODE_STATUS,
      EventAddresses.NODE_CONNECTION, EventAddresses.NODE_PROGRESS, EventAddresses.NODE_DOWNLINK,
      EventAddresses.MISSION_CREATED, EventAddresses.MISSION_RELOCATED, EventAddresses.MISSION_COMPLETED);

  static final List<String> HEARTBEAT_ADDRESSES = IntStream.range(0, Buckets.COUNT)
      .mapToObj(EventAddresses::nodeHeartbeat).toList();

  private final EventStreamLimits limits;
  private final EventStreamMetrics metrics;
  private final String streamId = Long.toString(ThreadLocalRandom.current().nextLong() >>> 16, 36);
  private final EventRing ring;
  private final Set<Client> clients = new LinkedHashSet<>();
  private Vertx vertx;
  private long ticks;

  EventStream(EventStreamLimits limits, EventStreamMetrics metrics) {
    this.limits = limits;
    this.metrics = metrics;
    this.ring = new EventRing(limits.replaySize());
    metrics.clients(clients::size);
  }

  /** A console's stream: one client more, or false when {@code EVENTS_MAX_CLIENTS} are held already. */
  boolean open(Vertx vertx, HttpServerResponse response, String lastEventId) {
    start(vertx);
    if (clients.size() >= limits.maxClients()) {
      metrics.refused();
      return false;
    }
    Client client = new Client(response);
    response.setChunked(true).setWriteQueueMaxSize(limits.clientBufferBytes())
        .putHeader("content-type", "text/event-stream; charset=utf-8")
        .putHeader("cache-control", "no-cache")
        .putHeader("x-accel-buffering", "no"); // a proxy in front must not hold the stream back
    response.closeHandler(v -> clients.remove(client));
    clients.add(client);
    // the head and a first comment at once, so the browser's EventSource opens now, not at the first event
    response.write(": " + streamId + "\nretry: 2000\n\n");
    client.next = resumeFrom(client, lastEventId);
    pump(client);
    return true;
  }

  /** Where a client resumes: after its last event when the ring still holds what followed; else live, told to reload. */
  private long resumeFrom(Client client, String lastEventId) {
    long live = ring.last() + 1;
    if (lastEventId == null || lastEventId.isBlank()) {
      return live;
    }
    long seq = sequenceOf(lastEventId);
    if (seq >= 0 && seq <= ring.last() && seq + 1 >= ring.first()) {
      metrics.resumed("replayed");
      return seq + 1;
    }
    metrics.resumed("reset");
    // A synthetic event with the newest id, so the next resume from here is a replayable one.
    client.reset = frame(ring.last(), "reset", new JsonObject().put("reason",
        seq < 0 ? "the stream restarted or is another gateway's" : "not in the replay ring"));
    return live;
  }

  /** The sequence number of an id of this stream, or -1 when it is another stream's (or garbage). */
  private long sequenceOf(String id) {
    int dash = id.lastIndexOf('-');
    if (dash < 0 || !id.substring(0, dash).equals(streamId)) {
      return -1;
    }
    try {
      return Long.parseLong(id.substring(dash + 1));
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private void start(Vertx v) {
    if (vertx != null) {
      return;
    }
    vertx = v;
    for (String address : ADDRESSES) {
      String type = address.substring("openastro.".length());
      v.eventBus().<JsonObject>consumer(address, m -> publish(type, m.body()));
    }
    String heartbeat = EventAddresses.NODE_HEARTBEAT.substring("openastro.".length());
    for (String address : HEARTBEAT_ADDRESSES) {
      v.eventBus().<JsonObject>consumer(address, m -> publish(heartbeat, m.body()));
    }
    v.setPeriodic(limits.keepAlive().toMillis(), t -> keepAlive());
  }

  /** Appends an event to the ring and moves every client on. */
  void publish(String type, JsonObject data) {
    ring.add(frame(ring.last() + 1, type, data));
    for (Client client : List.copyOf(clients)) {
      try {
        if (client.next < ring.first()) {
          drop(client, "lagged");
        } else if (!client.awaitingDrain) {
          pump(client);
        }
      } catch (RuntimeException closedMeanwhile) {
        clients.remove(client); // one client's broken response must not cost the others their event
      }
    }
  }

  private byte[] frame(long seq, String type, JsonObject data) {
    // JSON as Vert.x encodes it has no raw newline, so one data line holds it
    return ("id: " + streamId + "-" + seq + "\nevent: " + type + "\ndata: " + data.encode() + "\n\n")
        .getBytes(StandardCharsets.UTF_8);
  }

  private void pump(Client client) {
    HttpServerResponse response = client.response;
    if (client.reset != null) {
      response.write(Buffer.buffer(client.reset));
      client.reset = null;
    }
    while (client.next <= ring.last()) {
      if (client.next < ring.first()) {
        drop(client, "lagged");
        return;
      }
      if (response.writeQueueFull()) {
        client.awaitingDrain = true;
        client.fullSinceTick = ticks;
        response.drainHandler(v -> {
          client.awaitingDrain = false;
          if (clients.contains(client)) {
            pump(client);
          }
        });
        return;
      }
      response.write(Buffer.buffer(ring.get(client.next++)));
    }
  }

  private void keepAlive() {
    ticks++;
    for (Client client : List.copyOf(clients)) {
      try {
        if (client.awaitingDrain) {
          if (ticks - client.fullSinceTick >= 2) { // full since before the previous tick: a whole interval
            drop(client, "stalled");
          }
        } else {
          client.response.write(": keep-alive\n\n");
        }
      } catch (RuntimeException closedMeanwhile) {
        clients.remove(client);
      }
    }
  }

  private void drop(Client client, String reason) {
    clients.remove(client);
    metrics.dropped(reason);
    client.response.reset(); // closes the connection (HTTP/1.1), freeing what its queue held
  }

  /** The clients held now (tests). */
  int clientCount() {
    return clients.size();
  }

  private final class Client {
    final HttpServerResponse response;
    long next;
    boolean awaitingDrain;
    long fullSinceTick;
    byte[] reset;

    Client(HttpServerResponse response) {
      this.response = response;
    }
  }

  /** The limits it keeps, from {@link ConsoleSettings}. */
  record EventStreamLimits(int clientBufferBytes, Duration keepAlive, int replaySize, int maxClients) {}
}
