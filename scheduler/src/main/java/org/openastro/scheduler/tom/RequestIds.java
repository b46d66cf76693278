package org.openastro.scheduler.tom;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Ids of request groups and requests. A request's id is the id of the mission it becomes, so a TOM's
 * observation id opens the mission API too. Ids are UUIDs, not the portal's integers: the TOM
 * Toolkit stores them as text. A request's id is derived from its group's id and its place in the
 * group, and a group's id from the key's principal and the client's {@code Idempotency-Key} when it
 * sends one, so a retried submission names the same group and missions and is answered as a replay
 * instead of observing twice. Without that header a group's id is random, as a portal's new id is.
 */
final class RequestIds {
  private RequestIds() {}

  /** The group's id: name-based (version 3) from {@code principal} and {@code idempotencyKey}, or random without a key. */
  static UUID group(String principal, String idempotencyKey) {
    return idempotencyKey == null ? UUID.randomUUID()
        : named("openastro:lco:request-group:" + principal + "\n" + idempotencyKey);
  }

  /** The id of the request (and mission) at {@code index} of group {@code groupId}. */
  static UUID request(UUID groupId, int index) {
    return named("openastro:lco:request:" + groupId + ":" + index);
  }

  private static UUID named(String name) {
    return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8));
  }
}
