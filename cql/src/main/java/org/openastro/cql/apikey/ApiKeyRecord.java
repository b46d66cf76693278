package org.openastro.cql.apikey;

import java.time.Instant;
import java.util.UUID;

/**
 * A stored API key: who it was issued to ({@code name}, the principal that owns what the key
 * creates), its role, and the bcrypt hash of its secret part (never the key itself).
 */
public record ApiKeyRecord(UUID keyId, String name, String role, String secretHash, Instant createdAt,
                           String createdBy) {}
