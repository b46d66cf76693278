package org.openastro.alerts;

import io.vertx.core.Future;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.openastro.alerts.NoticeOutcome.Kind;
import org.openastro.alerts.tiling.Pointing;
import org.openastro.alerts.tiling.Tiling;
import org.openastro.api.intake.Localization;
import org.openastro.api.intake.LocalizationRules;
import org.openastro.api.intake.MissionIntake;
import org.openastro.api.intake.Relocation;
import org.openastro.config.Config;
import org.openastro.cql.Created;
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
 * An error region larger than a field ({@link AlertTiling}) is several pointings, each a mission of
 * the event: rank 1 is the event's mission (the one a single-field alert has), rank k a mission of
 * its own id ({@link AlertRules#pointingId}), all recorded by event ({@link PointingLog}) before they
 * are made. Every notice goes over all of them the same way: a retraction cancels every one; a newer
 * notice re-tiles, each rank's mission moving to the new tiling's pointing of that rank (the
 * relocation above, task by task), new ranks made, and open pointings of ranks the new tiling no
 * longer has cancelled (reason {@value LocalizationRules#RELOCATED_REASON}). Rank 1 decides whether
 * a notice is newer: an older or unordered one changes no pointing. A pointing cancelled that way
 * stays cancelled (missions never reopen): a later notice needing that rank again finds it closed.
 * Idempotent: a notice handled twice (a Kafka redelivery, a repost) changes nothing more. A
 * retraction and its event's first notice handled at once by two processes still end with the
 * mission cancelled: each writes before it reads what the other writes (the retraction is recorded
 * before the mission is looked up; a new mission looks for a retraction after it is created).
 */
public final class AlertLifecycle {
  /** The reason a retracted event's open tasks are cancelled with (DESIGN.md "On the wire"). */
  public static final String RETRACTED = "retracted";
  /** Pointing missions placed at once (a bound on one notice's concurrent LWTs, not a tuning knob). */
  static final int PLACE_AT_ONCE = 8;

  private final MissionIntake intake;
  private final AlertRules rules;
  private final RetractionLog retractions;
  private final PointingLog pointings;
  private final AlertTiling tiling;
  private final boolean acceptTests;

  public AlertLifecycle(MissionIntake intake, AlertRules rules, RetractionLog retractions, PointingLog pointings,
      AlertTiling tiling, boolean acceptTests) {
    this.intake = intake;
    this.rules = rules;
    this.retractions = retractions;
    this.pointings = pointings;
    this.tiling = tiling;
    this.acceptTests = acceptTests;
  }

  /**
   * The lifecycle of {@code config} ({@code ALERT_RULES}, {@code ALERT_ACCEPT_TEST_NOTICES}, the
   * tiling settings) over {@code store}'s {@code alert_retractions} and {@code alert_pointings}.
   * Prepares statements: build at start-up, off the event loop.
   */
  public static AlertLifecycle of(MissionIntake intake, Config config, Store store) {
    return new AlertLifecycle(intake, config.get(AlertSettings.ALERT_RULES),
        store.shared(CqlRetractionLog.class, CqlRetractionLog::new),
        store.shared(CqlPointingLog.class, CqlPointingLog::new), AlertTiling.of(config, store),
        config.get(AlertSettings.ACCEPT_TEST_NOTICES));
  }

  /**
   * Handles {@code notice}, received for {@code owner} (the API key's principal, or the Kafka
   * consumer's) at {@code now}. Fails with {@link AlertParseException} for a notice that can make
   * no mission (no position, a sky map that cannot be fetched or read), and with the storage's
   * failure otherwise.
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
        .compose(x -> missionsOf(r))
        .compose(found -> {
          if (found.isEmpty()) {
            return Future.succeededFuture(NoticeOutcome.of(r, Kind.RETRACTION_RECORDED, null));
          }
          return cancelAll(found, RETRACTED, now).compose(after -> retractions.record(r, after.get(0).missionId(),
                  owner, now).map(after))
              .map(after -> new NoticeOutcome(r, anyCancelledNow(found, after) ? Kind.CANCELLED : Kind.UNCHANGED,
                  after.get(0), List.of(), 0, 0, pointingsOf(after), null));
        });
  }

  private Future<NoticeOutcome> localize(Alert notice, String owner, Instant now) {
    return retractions.isRetracted(notice.alertSourceId()).compose(retracted -> retracted
        ? missionsOf(notice).compose(found -> retractedEvent(notice, found, now))
        : tiling.plan(notice).compose(plan -> place(plan, owner, now)
            .map(o -> plan.skymapUnused() == null ? o : o.withSkymapUnused(plan.skymapUnused()))));
  }

  /** One pointing's mission: its template (as a new one would be) and where it goes. */
  private record Target(Mission template, Localization where) {}

  /** What became of one pointing's mission: made now, or the relocation of the stored one. */
  private record Placed(Mission before, Mission after, boolean created, Relocation relocation) {}

  private Future<NoticeOutcome> place(AlertTiling.Plan plan, String owner, Instant now) {
    Alert a = plan.alert();
    List<Target> targets = new ArrayList<>();
    if (plan.tiled()) {
      for (Pointing p : plan.tiling().pointings()) {
        targets.add(new Target(rules.missionFor(a, owner, now, p, plan.tiling().fieldDeg()),
            AlertRules.localizationOf(a, p)));
      }
    } else {
      targets.add(new Target(rules.missionFor(a, owner, now), AlertRules.localizationOf(a)));
    }
    List<PointingLog.Entry> entries = new ArrayList<>();
    for (int i = 0; i < targets.size(); i++) {
      entries.add(new PointingLog.Entry(i + 1, targets.get(i).template().missionId()));
    }
    // Recorded before any is made: a retraction racing this finds every mission that may exist.
    Future<Void> logged = plan.tiled() ? pointings.record(a.alertSourceId(), entries) : Future.succeededFuture();
    return logged.compose(x -> placeOne(targets.get(0), now)).compose(first -> {
      if (!first.created() && !followsOn(first, a)) {
        // An older (or unordered) notice, or an event whose first pointing is over: nothing else changes.
        return Future.succeededFuture(AlertLifecycle.outcome(a, first.relocation()));
      }
      List<Placed> placed = new ArrayList<>();
      placed.add(first);
      return placeInGroups(targets.subList(1, targets.size()), now, placed)
          .compose(x -> dropBeyond(a, targets.size(), now))
          .compose(dropped -> finish(a, plan.tiling(), placed, dropped, now));
    });
  }

  /** Whether a notice goes on to the other pointings: it is not older than rank 1's, which is still open. */
  private static boolean followsOn(Placed first, Alert a) {
    Mission m = first.before();
    boolean open = m.status() == MissionStatus.PENDING || m.status() == MissionStatus.IN_PROGRESS;
    LocalizationRules.Order order = LocalizationRules.order(m.alertLocalization().noticeAt(),
        AlertRules.localizationOf(a).noticeAt());
    return open && (order == LocalizationRules.Order.NEWER || order == LocalizationRules.Order.SAME);
  }

  /**
   * Places {@code targets} {@value #PLACE_AT_ONCE} at a time, in rank order, into {@code out}: each
   * is a read and a lightweight transaction, and a hundred at once from one notice would queue
   * Paxos rounds on the replicas for every other writer (the order keeps the best ranks first).
   */
  private Future<Void> placeInGroups(List<Target> targets, Instant now, List<Placed> out) {
    if (targets.isEmpty()) {
      return Future.succeededFuture();
    }
    List<Future<Placed>> group = targets.subList(0, Math.min(PLACE_AT_ONCE, targets.size())).stream()
        .map(t -> placeOne(t, now)).toList();
    return Future.all(group).compose(done -> {
      group.forEach(f -> out.add(f.result()));
      return placeInGroups(targets.subList(group.size(), targets.size()), now, out);
    });
  }

  private Future<Placed> placeOne(Target t, Instant now) {
    return intake.submitOrGet(t.template()).compose((Created<Mission> stored) -> stored.created()
        ? Future.succeededFuture(new Placed(stored.value(), stored.value(), true, null))
        : intake.relocate(stored.value(), t.where(), now).map(r -> new Placed(stored.value(), r.mission(), false, r)));
  }

  /**
   * Open pointings of ranks beyond {@code keep} (from an earlier, larger tiling) that {@code a} is
   * newer than: cancelled. Answers how many.
   */
  private Future<Integer> dropBeyond(Alert a, int keep, Instant now) {
    return pointings.list(a.alertSourceId()).compose(entries -> {
      List<Future<Boolean>> drops = new ArrayList<>();
      for (PointingLog.Entry e : entries) {
        if (e.rank() > keep) {
          drops.add(intake.find(e.missionId()).compose(found -> {
            if (found.isEmpty() || !isOpen(found.get()) || LocalizationRules.order(
                found.get().alertLocalization().noticeAt(), AlertRules.localizationOf(a).noticeAt())
                != LocalizationRules.Order.NEWER) {
              return Future.succeededFuture(false);
            }
            return intake.cancel(found.get(), LocalizationRules.RELOCATED_REASON, now)
                .map(after -> after.status() == MissionStatus.CANCELLED);
          }));
        }
      }
      return Future.all(drops).map(all -> (int) drops.stream().filter(f -> f.result()).count());
    });
  }

  private Future<NoticeOutcome> finish(Alert a, Tiling t, List<Placed> placed, int dropped, Instant now) {
    boolean anyCreated = placed.stream().anyMatch(Placed::created);
    List<Mission> after = placed.stream().map(Placed::after).toList();
    Future<Boolean> late = anyCreated ? retractions.isRetracted(a.alertSourceId()) : Future.succeededFuture(false);
    return late.compose(retracted -> {
      if (retracted) {
        // A retraction recorded while these were made: its lookup may have missed some of them.
        return cancelAll(after, RETRACTED, now).map(closed -> new NoticeOutcome(a, Kind.RETRACTED_EVENT,
            closed.get(0), List.of(), 0, 0, pointingsOf(t, closed), null));
      }
      Placed first = placed.get(0);
      Set<String> changed = new LinkedHashSet<>();
      int resent = 0;
      int replanned = 0;
      boolean moved = false;
      for (Placed p : placed) {
        if (p.relocation() != null) {
          changed.addAll(p.relocation().changed());
          resent += p.relocation().resent();
          replanned += p.relocation().replanned();
          moved |= p.relocation().verdict() == Relocation.Verdict.MOVED;
        }
      }
      boolean newPointings = placed.stream().skip(1).anyMatch(Placed::created);
      if (!first.created() && (newPointings || dropped > 0)) {
        changed.add(NoticeOutcome.POINTINGS);
      }
      Kind kind = first.created() ? Kind.CREATED
          : moved || newPointings || dropped > 0 ? Kind.UPDATED
          : AlertLifecycle.outcome(a, first.relocation()).kind();
      return Future.succeededFuture(new NoticeOutcome(a, kind, first.after(),
          kind == Kind.CREATED ? List.of() : List.copyOf(changed), resent, replanned, pointingsOf(t, after),
          t == null ? null : t.coverage()));
    });
  }

  /** A notice of a retracted event: no mission; those that exist and are still open are cancelled. */
  private Future<NoticeOutcome> retractedEvent(Alert a, List<Mission> found, Instant now) {
    if (found.isEmpty()) {
      return Future.succeededFuture(NoticeOutcome.of(a, Kind.RETRACTED_EVENT, null));
    }
    return cancelAll(found, RETRACTED, now).map(after -> new NoticeOutcome(a, Kind.RETRACTED_EVENT, after.get(0),
        List.of(), 0, 0, pointingsOf(after), null));
  }

  /** Every mission of the notice's event that exists: rank 1 (the event's own id) first, then the pointings by rank. */
  private Future<List<Mission>> missionsOf(Notice n) {
    return pointings.list(n.alertSourceId()).compose(entries -> {
      List<UUID> ids = new ArrayList<>();
      ids.add(n.missionId());
      entries.stream().sorted((x, y) -> Integer.compare(x.rank(), y.rank())).map(PointingLog.Entry::missionId)
          .filter(id -> !ids.contains(id)).forEach(ids::add);
      List<Future<Optional<Mission>>> reads = ids.stream().map(intake::find).toList();
      return Future.all(reads).map(all -> reads.stream().map(Future::result).filter(Optional::isPresent)
          .map(Optional::get).toList());
    });
  }

  /** Cancels each open one of {@code missions} with {@code reason}; answers them all as after, in order. */
  private Future<List<Mission>> cancelAll(List<Mission> missions, String reason, Instant now) {
    List<Future<Mission>> done = missions.stream().map(m -> isOpen(m) || m.status() == MissionStatus.CANCELLED
        ? intake.cancel(m, reason, now) : Future.succeededFuture(m)).toList();
    return Future.all(done).map(all -> done.stream().map(Future::result).toList());
  }

  static NoticeOutcome outcome(Alert a, Relocation r) {
    Kind kind = switch (r.verdict()) {
      case MOVED -> Kind.UPDATED;
      case STALE -> Kind.STALE;
      case UNCHANGED, CLOSED -> Kind.UNCHANGED;
    };
    return new NoticeOutcome(a, kind, r.mission(), r.changed(), r.resent(), r.replanned());
  }

  /** The pointings of a tiling (none when the alert is one pointing). */
  private static List<Mission> pointingsOf(Tiling t, List<Mission> missions) {
    return t == null ? List.of() : missions;
  }

  private static List<Mission> pointingsOf(List<Mission> missions) {
    return missions.size() > 1 ? missions : List.of();
  }

  private static boolean isOpen(Mission m) {
    return m.status() == MissionStatus.PENDING || m.status() == MissionStatus.IN_PROGRESS;
  }

  private static boolean anyCancelledNow(List<Mission> before, List<Mission> after) {
    for (int i = 0; i < before.size(); i++) {
      if (before.get(i).status() != MissionStatus.CANCELLED && after.get(i).status() == MissionStatus.CANCELLED) {
        return true;
      }
    }
    return false;
  }
}
