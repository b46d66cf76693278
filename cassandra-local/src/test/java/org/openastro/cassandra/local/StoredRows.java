package org.openastro.cassandra.local;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Test helper: reads back, row by row at LOCAL_QUORUM, the rows {@link AckCountingWriter} wrote.
 * A read that fails (a timeout on a busy machine) is tried again: only a row the node answers is
 * missing for counts as lost.
 */
final class StoredRows {

  private static final int IN_FLIGHT = 32;
  private static final int ATTEMPTS = 5;

  private StoredRows() {
  }

  /** The ids among {@code ids} with no row in {@code table}, in order. */
  static Set<Integer> missing(CqlSession session, String table, Set<Integer> ids) throws InterruptedException {
    PreparedStatement select = session.prepare("SELECT id FROM " + table + " WHERE id = ?");
    Set<Integer> missing = new ConcurrentSkipListSet<>();
    Set<Integer> unreadable = new ConcurrentSkipListSet<>();
    Semaphore permits = new Semaphore(IN_FLIGHT);
    for (int id : ids) {
      permits.acquire();
      read(session, select, id, ATTEMPTS).whenComplete((found, error) -> {
        if (error != null) {
          unreadable.add(id);
        } else if (!found) {
          missing.add(id);
        }
        permits.release();
      });
    }
    if (!permits.tryAcquire(IN_FLIGHT, 120, TimeUnit.SECONDS)) {
      throw new AssertionError("Reads still unanswered after 120 s");
    }
    if (!unreadable.isEmpty()) {
      throw new AssertionError(unreadable.size() + " rows could not be read in " + ATTEMPTS + " attempts, e.g. "
          + unreadable.iterator().next());
    }
    return missing;
  }

  private static CompletionStage<Boolean> read(CqlSession session, PreparedStatement select, int id, int attempts) {
    return session.executeAsync(select.bind(id).setConsistencyLevel(ConsistencyLevel.LOCAL_QUORUM))
        .thenApply(result -> result.one() != null)
        .handle((found, error) -> error == null
            ? CompletableFuture.completedFuture(found)
            : attempts > 1 ? read(session, select, id, attempts - 1) : CompletableFuture.<Boolean>failedFuture(error))
        .thenCompose(stage -> stage);
  }
}
