package org.openastro.alerts.kafka;

import io.vertx.core.Context;
import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.openastro.alerts.Alert;
import org.openastro.alerts.AlertParseException;
import org.openastro.alerts.AlertReader;
import org.openastro.alerts.AlertRules;
import org.openastro.api.intake.MissionIntake;
import org.openastro.cql.Created;
import org.openastro.cql.mission.Mission;

/**
 * The same path as {@code POST /api/v1/alerts}: {@link AlertReader} (VOEvent XML on the classic
 * VOEvent topics, JSON elsewhere), {@link AlertRules}, then {@link MissionIntake#submitOrGet} on a
 * Vert.x context, waited for on the consumer's thread. The mission id is derived from the event,
 * so a redelivered or repeated notice finds the mission already made.
 */
public final class AlertNoticeHandler implements NoticeHandler {
  /** The owner of missions made from the Kafka stream (the HTTP route uses the API key's principal). */
  public static final String OWNER = "gcn-kafka";
  static final Duration STORE_TIMEOUT = Duration.ofSeconds(30);

  private final AlertReader reader = new AlertReader();
  private final AlertRules rules;
  private final MissionIntake intake;
  private final Context context;

  public AlertNoticeHandler(AlertRules rules, MissionIntake intake, Context context) {
    this.rules = rules;
    this.intake = intake;
    this.context = context;
  }

  @Override
  public Outcome handle(String topic, String body) throws Exception {
    Mission wanted;
    try {
      Alert alert = reader.read(GcnKafkaConfig.contentTypeOf(topic), body);
      wanted = rules.missionFor(alert, OWNER, Instant.now());
    } catch (AlertParseException e) {
      throw new UnreadableNoticeException(e.code(), e.getMessage());
    } catch (RuntimeException e) {
      throw new UnreadableNoticeException("invalid_alert", String.valueOf(e.getMessage()));
    }
    CompletableFuture<Created<Mission>> stored = new CompletableFuture<>();
    context.runOnContext(v -> {
      Future<Created<Mission>> f;
      try {
        f = intake.submitOrGet(wanted);
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
    try {
      return stored.get(STORE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).created() ? Outcome.CREATED : Outcome.DUPLICATE;
    } catch (java.util.concurrent.ExecutionException e) {
      throw e.getCause() instanceof Exception cause ? cause : e;
    }
  }
}
