package org.openastro.alerts;

import io.vertx.core.Future;
import java.time.Instant;
import java.util.Optional;
import org.openastro.alerts.NoticeOutcome.Kind;
import org.openastro.api.intake.MissionIntake;
import org.openastro.api.intake.Relocation;
import org.openastro.config.Config;
import org.openastro.cql.Store;
import org.openastro.cql.mission.Mission;
import org.openastro.domain.MissionStatus;

/**
 * What a notice does to its event's mission, the same for {@code POST /api/v1/alerts} and the GCN
 * Kafka consumer, through the one {@link MissionIntake}:
 * <ul>
 *   <li>a test or practice notice: nothing, unless {@code ALERT_ACCEPT_TEST_NOTICES};
 *   <li>a {@link Retraction}: recorded by event first, then the event's mission (if any) cancelled
 *       with the reason {@value #RETRACTED}; without a mission it is only recorded;
 *   <li>an {@link Alert} of a retracted event: no mission (one made meanwhile is cancelled);
 *   <li>an {@link Alert}: the first notice makes the mission; a later one moves it when it is newer
 *       by its own time ({@link MissionIntake#relocate}); an older or repeated one changes nothing;
 *   <li>an {@link Unlocalized} notice: refused with its reason (nothing to point at).
 * </ul>
 * Idempotent: a notice handled twice (a Kafka redelivery, a repost) changes nothing more. A
 * retraction and its event's first notice handled at once by two processes still end with the
 * mission cancelled: each writes before it reads what the other writes (the retraction is recorded
 * before the mission is looked up; a new mission looks for a retraction after it is created).
 */
public final class AlertLifecycle {
  /** The reason a retracted event's open tasks are cancelled with (DESIGN.md "On the wire"). */
  public static final String RETRACTED = "retracted";

  private final MissionIntake intake;
  private final AlertRules rules;
  private final RetractionLog retractions;
  private final boolean acceptTests;

  public AlertLifecycle(MissionIntake intake, AlertRules rules, RetractionLog retractions, boolean acceptTests) {
    this.intake = intake;
    this.rules = rules;
    this.retractions = retractions;
    this.acceptTests = acceptTests;
  }

  /**
   * The lifecycle of {@code config} ({@code ALERT_RULES}, {@code ALERT_ACCEPT_TEST_NOTICES}) over
   * {@code store}'s {@code alert_retractions}. Prepares statements: build at start-up, off the event loop.
   */
  public static AlertLifecycle of(MissionIntake intake, Config config, Store store) {
    return new AlertLifecycle(intake, config.get(AlertSettings.ALERT_RULES),
        store.shared(CqlRetractionLog.class, CqlRetractionLog::new), config.get(AlertSettings.ACCEPT_TEST_NOTICES));
  }

  /**
   * Handles {@code notice}, received for {@code owner} (the API key's principal, or the Kafka
   * consumer's) at {@code now}. Fails with {@link AlertParseException} for a notice that can make
   * no mission (no position), and with the storage's failure otherwise.
   */
  public Future<NoticeOutcome> accept(Notice notice, String owner, Instant now) {
    if (notice.test() && !acceptTests) {
      return Future.succeededFuture(NoticeOutcome.of(notice, Kind.IGNORED_TEST, null));
    }
    if (notice instanceof Retraction r) {
      return retract(r, owner, now);
    }
    if (notice instanceof Alert a) {
      return localize(a, owner, now);
    }
    return Future.failedFuture(((Unlocalized) notice).why());
  }

  private Future<NoticeOutcome> retract(Retraction r, String owner, Instant now) {
    return retractions.record(r, null, owner, now)
        .compose(x -> intake.find(r.missionId()))
        .compose(found -> {
          if (found.isEmpty()) {
            return Future.succeededFuture(NoticeOutcome.of(r, Kind.RETRACTION_RECORDED, null));
          }
          Mission before = found.get();
          return intake.cancel(before, RETRACTED, now)
              .compose(after -> retractions.record(r, after.missionId(), owner, now).map(after))
              .map(after -> NoticeOutcome.of(r, cancelledNow(before, after) ? Kind.CANCELLED : Kind.UNCHANGED, after));
        });
  }

  private Future<NoticeOutcome> localize(Alert a, String owner, Instant now) {
    return retractions.isRetracted(a.alertSourceId()).compose(retracted -> retracted
        ? intake.find(a.missionId()).compose(found -> retractedEvent(a, found, now))
        : intake.submitOrGet(rules.missionFor(a, owner, now)).compose(stored -> {
          if (stored.created()) {
            // A retraction recorded while this was created: its lookup may have missed the mission.
            return retractions.isRetracted(a.alertSourceId()).compose(late -> late
                ? retractedEvent(a, Optional.of(stored.value()), now)
                : Future.succeededFuture(NoticeOutcome.of(a, Kind.CREATED, stored.value())));
          }
          return intake.relocate(stored.value(), AlertRules.localizationOf(a), now).map(r -> outcome(a, r));
        }));
  }

  /** A notice of a retracted event: no mission; one that exists and is still open is cancelled. */
  private Future<NoticeOutcome> retractedEvent(Alert a, Optional<Mission> found, Instant now) {
    if (found.isEmpty()) {
      return Future.succeededFuture(NoticeOutcome.of(a, Kind.RETRACTED_EVENT, null));
    }
    Mission m = found.get();
    Future<Mission> closed = m.status() == MissionStatus.PENDING || m.status() == MissionStatus.IN_PROGRESS
        ? intake.cancel(m, RETRACTED, now) : Future.succeededFuture(m);
    return closed.map(after -> NoticeOutcome.of(a, Kind.RETRACTED_EVENT, after));
  }

  static NoticeOutcome outcome(Alert a, Relocation r) {
    Kind kind = switch (r.verdict()) {
      case MOVED -> Kind.UPDATED;
      case STALE -> Kind.STALE;
      case UNCHANGED, CLOSED -> Kind.UNCHANGED;
    };
    return new NoticeOutcome(a, kind, r.mission(), r.changed(), r.resent(), r.replanned());
  }

  private static boolean cancelledNow(Mission before, Mission after) {
    return before.status() != MissionStatus.CANCELLED && after.status() == MissionStatus.CANCELLED;
  }
}
