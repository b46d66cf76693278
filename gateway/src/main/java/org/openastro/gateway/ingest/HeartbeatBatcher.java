package org.openastro.gateway.ingest;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.openastro.cql.ingest.HeartbeatHistoryWriter.Insert;
import org.openastro.cql.ingest.HeartbeatHistoryWriter;
import org.openastro.cql.ingest.HeartbeatRow;

/**
 * Writes heartbeat history rows in small unlogged batches. Cassandra spends most of a one-row
 * insert on the request around it (frame, dispatch, response), so ten rows in one request cost it
 * far less than ten requests, and the gateway sends and completes one request instead of ten.
 *
 * <p>No row waits for company: the rows recorded on one event loop during one turn (the messages
 * Netty read in one go) are written when that turn's tasks run, or as soon as a batch is full.
 * Batches are kept per event-loop thread, not per context: Vert.x gives every HTTP request its own
 * (duplicated) context, and all contexts of one event loop run on its one thread. Rows recorded
 * off an event loop (worker or no context) are written alone.
 * Rows share a batch only when their partitions live on the same replicas, so the coordinator
 * writes all of them locally. A row's future completes when its batch is durable; a failed batch
 * fails all its rows, none of which is then acknowledged.
 */
final class HeartbeatBatcher {
  private final HeartbeatHistoryWriter history;
  private final IngestMetrics metrics;
  private final int maxRows;
  private final int maxBytes;
  private final Map<Thread, EventLoopBatches> byEventLoop = new ConcurrentHashMap<>();

  /** {@code maxRows} 1 writes every row alone; {@code maxBytes} bounds a batch's estimated size. */
  HeartbeatBatcher(HeartbeatHistoryWriter history, IngestMetrics metrics, int maxRows, int maxBytes) {
    this.history = history;
    this.metrics = metrics;
    this.maxRows = maxRows;
    this.maxBytes = maxBytes;
  }

  /** Records the row; the future completes (on the caller's context) when it is durable. */
  Future<Void> record(HeartbeatRow row) {
    Insert insert = history.insertOf(row);
    Context context = Vertx.currentContext();
    if (context == null || !context.isEventLoopContext() || maxRows == 1) {
      return write(List.of(insert));
    }
    return byEventLoop.computeIfAbsent(Thread.currentThread(), t -> new EventLoopBatches()).add(insert, context);
  }

  private Future<Void> write(List<Insert> inserts) {
    long started = System.nanoTime();
    return history.write(inserts)
        .andThen(done -> metrics.heartbeatBatch(inserts.size(), System.nanoTime() - started));
  }

  /** The open batches of one event loop: touched only on its thread, so no locking. */
  private final class EventLoopBatches {
    private final Map<Object, Batch> open = new HashMap<>();
    private boolean flushScheduled;

    /** {@code context}: the caller's, on this event loop; the flush runs after its current turn. */
    Future<Void> add(Insert insert, Context context) {
      Batch batch = open.get(insert.replicas());
      if (batch != null && batch.bytes + insert.bytes() > maxBytes) {
        open.remove(insert.replicas());
        batch.send();
        batch = null;
      }
      if (batch == null) {
        batch = new Batch();
        open.put(insert.replicas(), batch);
      }
      batch.inserts.add(insert);
      batch.bytes += insert.bytes();
      Future<Void> written = batch.written.future();
      if (batch.inserts.size() >= maxRows) {
        open.remove(insert.replicas());
        batch.send();
      } else if (!flushScheduled) {
        flushScheduled = true;
        // Runs after the messages already read in this turn have been handled: they join the batch.
        context.runOnContext(v -> flush());
      }
      return written;
    }

    private void flush() {
      flushScheduled = false;
      List<Batch> batches = new ArrayList<>(open.values());
      open.clear();
      batches.forEach(Batch::send);
    }
  }

  private final class Batch {
    final List<Insert> inserts = new ArrayList<>(maxRows);
    final Promise<Void> written = Promise.promise();
    int bytes;

    void send() {
      write(inserts).onComplete(written);
    }
  }
}
