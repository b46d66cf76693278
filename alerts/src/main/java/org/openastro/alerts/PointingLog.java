package org.openastro.alerts;

import io.vertx.core.Future;
import java.util.List;
import java.util.UUID;

/**
 * The pointing missions of tiled alerts by event (schema V015, {@code alert_pointings}): written
 * before the missions are made, so a retraction finds every mission its event may have.
 */
public interface PointingLog {
  /** One pointing of an event: its rank and mission. */
  record Entry(int rank, UUID missionId) {}

  /** Records {@code entries} of {@code alertSourceId} (an upsert: again changes nothing). */
  Future<Void> record(String alertSourceId, List<Entry> entries);

  /** Every pointing recorded for {@code alertSourceId}, by rank. */
  Future<List<Entry>> list(String alertSourceId);
}
