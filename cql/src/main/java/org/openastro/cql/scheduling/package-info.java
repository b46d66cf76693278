/**
 * The scheduler's writes: state transitions of tasks, nodes and missions that two scheduler
 * instances (or a scheduler and a gateway) can race on, each an LWT on the row that owns the
 * state, followed by the index rows. Index rows are hints that every reader checks against the
 * owning row, and every transition re-writes them, so a crash between the two writes heals on
 * the next pass.
 */
package org.openastro.cql.scheduling;
