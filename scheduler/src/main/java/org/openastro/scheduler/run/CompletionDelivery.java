package org.openastro.scheduler.run;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.openastro.cql.scheduling.CompletionOutbox;
import org.openastro.events.EventAddresses;
import org.openastro.scheduler.mission.Backoff;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the completion trigger of each COMPLETE mission from the outbox: the event on
 * {@link EventAddresses#MISSION_COMPLETED}, then an HTTP POST of the same JSON to the configured
 * webhook, retried with doubling back-off until it answers 2xx; then the outbox row goes. At
 * least once: a restart (or a second instance) may repeat a delivery, so consumers dedupe on
 * {@code mission_id}.
 */
final class CompletionDelivery implements PendingDeliveries {
  private static final Logger LOG = LoggerFactory.getLogger(CompletionDelivery.class);

  private final Vertx vertx;
  private final Outbox outbox;
  private final URI webhook;
  private final String token;
  private final Backoff backoff;
  private final HttpClient http;
  private final Set<UUID> inFlight = new HashSet<>();
  private boolean stopped;

  CompletionDelivery(Vertx vertx, Outbox outbox, URI webhook, String token, Backoff backoff) {
    this.vertx = vertx;
    this.outbox = outbox;
    this.webhook = webhook;
    this.token = token;
    this.backoff = backoff;
    this.http = vertx.createHttpClient();
  }

  /** Starts delivering every outbox entry not already on its way. */
  @Override
  public Future<Void> deliverPending() {
    return outbox.all().map(entries -> {
      entries.forEach(this::deliver);
      return null;
    });
  }

  void stop() {
    stopped = true;
  }

  private void deliver(CompletionOutbox.Entry entry) {
    if (!inFlight.add(entry.missionId())) {
      return;
    }
    Future<Void> published = entry.eventPublished() ? Future.succeededFuture() : publish(entry);
    published.onSuccess(x -> {
      if (webhook == null) {
        finish(entry.missionId());
      } else {
        post(entry, 1);
      }
    }).onFailure(t -> inFlight.remove(entry.missionId()));
  }

  private Future<Void> publish(CompletionOutbox.Entry entry) {
    vertx.eventBus().publish(EventAddresses.MISSION_COMPLETED, new JsonObject(entry.payload()));
    return outbox.markPublished(entry.missionId());
  }

  private void post(CompletionOutbox.Entry entry, int attempt) {
    if (stopped) {
      return;
    }
    RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(webhook.toString())
        .putHeader("content-type", "application/json").setTimeout(10_000);
    if (token != null) {
      options.putHeader("authorization", "Bearer " + token);
    }
    http.request(options)
        .compose(req -> req.send(entry.payload()))
        .onComplete(result -> {
          int status = result.succeeded() ? result.result().statusCode() : -1;
          if (status >= 200 && status < 300) {
            LOG.info("Completion of mission {} delivered to the webhook", entry.missionId());
            finish(entry.missionId());
          } else {
            long delay = backoff.delayBefore(attempt).toMillis();
            LOG.warn("Completion webhook for mission {} not accepted ({}); attempt {} in {} ms", entry.missionId(),
                result.succeeded() ? "HTTP " + status : result.cause().toString(), attempt + 1, delay);
            vertx.setTimer(delay, id -> post(entry, attempt + 1));
          }
        });
  }

  private void finish(UUID missionId) {
    outbox.remove(missionId).onComplete(x -> inFlight.remove(missionId));
  }

  List<UUID> inFlight() {
    return List.copyOf(inFlight);
  }
}
