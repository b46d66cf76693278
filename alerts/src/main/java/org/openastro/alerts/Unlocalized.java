package org.openastro.alerts;

import java.time.Instant;

/**
 * A notice of an event that gives no position to point at (a sky map only, as LVK's and some GCN
 * notices do): it makes no mission. {@code why} is the refusal answered for it (HTTP 400, a dead
 * letter over Kafka), unless it is a test notice, which is ignored like any other.
 */
public record Unlocalized(AlertFormat format, String source, String eventId, Instant issuedAt, String noticeType,
    boolean test, AlertParseException why) implements Notice {}
