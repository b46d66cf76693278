package org.openastro.cql;

/**
 * The result of an idempotent create: the stored value, and whether this call created it
 * ({@code false}: an identical earlier create is replayed, e.g. a client retry).
 */
public record Created<T>(T value, boolean created) {}
