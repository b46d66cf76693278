package org.openastro.cql.enrolment;

import java.time.Instant;
import java.util.UUID;

/**
 * A row of {@code enrolment_tokens}.
 *
 * @param tokenHash SHA-256 (hex) of the token; the token itself is never stored
 * @param usedAt when a registration spent it; null while unused
 * @param usedByNode the node it enrolled; null while unused
 */
public record EnrolmentToken(UUID tokenId, String tokenHash, String note, Instant createdAt, String createdBy,
    Instant expiresAt, Instant usedAt, UUID usedByNode) {

  public boolean used() {
    return usedAt != null;
  }
}
