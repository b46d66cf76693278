package org.openastro.alerts;

import io.vertx.core.Future;
import java.time.Instant;
import java.util.UUID;

/**
 * Where retractions are recorded by event (schema V013, {@code alert_retractions}): whether or not
 * the event has a mission, so that a notice of a retracted event arriving later makes none.
 */
public interface RetractionLog {
  /** Records {@code r}, received by {@code by} at {@code at}; {@code cancelled}: the mission it cancelled, or null. */
  Future<Void> record(Retraction r, UUID cancelled, String by, Instant at);

  /** True when a retraction of the event {@code alertSourceId} was recorded. */
  Future<Boolean> isRetracted(String alertSourceId);
}
