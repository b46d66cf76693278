/**
 * How scheduler instances divide the fleet: shards (the 16 buckets of nodes_by_status), leased
 * by LWT with a TTL and fenced on the local monotonic clock. Pure logic, no Vert.x types.
 */
package org.openastro.scheduler.shard;
