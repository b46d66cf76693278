package org.openastro.alerts;

import java.time.Instant;

/**
 * A notice withdrawing its event (GCN {@code alert_type: retraction}, LVK {@code RETRACTION}, a
 * VOEvent citing an earlier one with {@code cite="retraction"}): the event's mission is cancelled,
 * and a later notice of the event makes none.
 */
public record Retraction(AlertFormat format, String source, String eventId, Instant issuedAt, String noticeType,
    boolean test) implements Notice {}
