package org.openastro.alerts.kafka;

import io.vertx.core.Context;
import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.openastro.alerts.AlertLifecycle;
import org.openastro.alerts.AlertParseException;
import org.openastro.alerts.AlertReader;
import org.openastro.alerts.Notice;
import org.openastro.alerts.NoticeOutcome;
import org.openastro.alerts.NoticeOutcome.Kind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The same path as {@code POST /api/v1/alerts}: {@link AlertReader} (VOEvent XML on the classic
 * VOEvent topics, JSON elsewhere), then the {@link AlertLifecycle} (a first notice makes the
 * mission, a later one moves it, a retraction cancels it, a test notice is ignored) on a Vert.x
 * context, waited for on the consumer's thread. Every step is idempotent, so a redelivered notice
 * changes nothing more. A notice that can make no mission (unreadable, no position) is
 * {@link UnreadableNoticeException}: a dead letter.
 */
public final class AlertNoticeHandler implements NoticeHandler {
  private static final Logger LOG = LoggerFactory.getLogger(AlertNoticeHandler.class);
  /** The owner of missions made from the Kafka stream (the HTTP route uses the API key's principal). */
  public static final String OWNER = "gcn-kafka";
  static final Duration STORE_TIMEOUT = Duration.ofSeconds(30);

  private final AlertReader reader = new AlertReader();
  private final AlertLifecycle lifecycle;
  private final Context context;

  public AlertNoticeHandler(AlertLifecycle lifecycle, Context context) {
    this.lifecycle = lifecycle;
    this.context = context;
  }

  @Override
  public Kind handle(String topic, String body) throws Exception {
    Notice notice;
    try {
      notice = reader.read(GcnKafkaConfig.contentTypeOf(topic), body);
    } catch (AlertParseException e) {
      throw new UnreadableNoticeException(e.code(), e.getMessage());
    } catch (RuntimeException e) {
      throw new UnreadableNoticeException("invalid_alert", String.valueOf(e.getMessage()));
    }
    CompletableFuture<NoticeOutcome> stored = new CompletableFuture<>();
    context.runOnContext(v -> {
      Future<NoticeOutcome> f;
      try {
        f = lifecycle.accept(notice, OWNER, Instant.now());
      } catch (RuntimeException e) {
        f = Future.failedFuture(e);
      }
      f.onComplete(ar -> {
        if (ar.succeeded()) {
          stored.complete(ar.result());
        } else {
          stored.completeExceptionally(ar.cause());
        }
      });
    });
    NoticeOutcome outcome;
    try {
      outcome = stored.get(STORE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      if (e.getCause() instanceof AlertParseException refused) {
        throw new UnreadableNoticeException(refused.code(), refused.getMessage());
      }
      throw e.getCause() instanceof Exception cause ? cause : e;
    }
    if (outcome.kind() != Kind.CREATED && outcome.kind() != Kind.UNCHANGED) {
      LOG.info("GCN notice of {} on {}: {}{}", notice.alertSourceId(), topic, outcome.kind().wireName(),
          outcome.changed().isEmpty() ? "" : " " + outcome.changed());
    }
    return outcome.kind();
  }
}
