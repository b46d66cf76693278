package org.openastro.cql.mission;

import java.time.Instant;

/**
 * What an alert mission stores of its event's localization beside its target (schema V013): the
 * error radius, when the notice that gave the current target was issued (later notices are ordered
 * against it), and when a later notice last moved it. All null on missions no alert made, and on alert
 * missions stored before V013.
 *
 * @param errorRadiusDeg radius of the localization error, degrees; null when the notice gave none
 * @param noticeAt the issue time of the notice whose localization is stored; null when unknown
 * @param relocatedAt when a later notice last changed the target or the radius; null = never
 * @param pointingRank the pointing's rank among a tiled alert's (1 = the most probable; V015); null
 *     when the alert fits one field
 * @param pointingProbability the share of the localization's probability the pointing encloses; null
 *     when not tiled
 */
public record AlertLocalization(Double errorRadiusDeg, Instant noticeAt, Instant relocatedAt, Integer pointingRank,
    Double pointingProbability) {
  public static final AlertLocalization NONE = new AlertLocalization(null, null, null);

  /** The localization of an alert that fits one field (no pointing rank). */
  public AlertLocalization(Double errorRadiusDeg, Instant noticeAt, Instant relocatedAt) {
    this(errorRadiusDeg, noticeAt, relocatedAt, null, null);
  }

  /** True for one of a tiled alert's pointings. */
  public boolean isPointing() {
    return pointingRank != null;
  }
}
