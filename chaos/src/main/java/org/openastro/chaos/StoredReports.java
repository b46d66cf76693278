package org.openastro.chaos;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Acknowledged reports looked up row by row in Cassandra, read at ALL so that every replica is
 * asked: each acknowledged heartbeat's sequence number in the node's history, and each task's
 * stored cumulative exposure at least what was acknowledged for it.
 */
final class StoredReports {
  /** Stored exposure may be rounded by a millisecond's worth. */
  private static final double EXPOSURE_EPSILON_S = 0.01;

  record Missing(long heartbeats, List<String> heartbeatExamples, long progress, List<String> progressExamples) {}

  private StoredReports() {}

  static Missing check(CqlSession session, String keyspace, AckLedgerFile ledger, Instant from, Instant to) {
    PreparedStatement history = session.prepare("SELECT telemetry FROM " + keyspace
        + ".node_heartbeats WHERE node_id = ? AND day = ?");
    PreparedStatement task = session.prepare("SELECT exposure_delivered_s FROM " + keyspace
        + ".tasks WHERE task_id = ?");
    List<LocalDate> days = new ArrayList<>();
    for (LocalDate d = LocalDate.ofInstant(from, ZoneOffset.UTC); !d.isAfter(LocalDate.ofInstant(to, ZoneOffset.UTC));
        d = d.plusDays(1)) {
      days.add(d);
    }
    long missingBeats = 0;
    List<String> beatExamples = new ArrayList<>();
    for (Map.Entry<UUID, Set<Long>> node : ledger.heartbeats().entrySet()) {
      Set<Long> stored = new HashSet<>();
      for (LocalDate day : days) {
        for (Row row : session.execute(history.bind(node.getKey(), day).setConsistencyLevel(ConsistencyLevel.ALL))) {
          String telemetry = row.getString(0);
          if (telemetry != null) {
            Long seq = new JsonObject(telemetry).getLong("seq");
            if (seq != null) {
              stored.add(seq);
            }
          }
        }
      }
      for (long seq : node.getValue()) {
        if (!stored.contains(seq)) {
          missingBeats++;
          if (beatExamples.size() < 10) {
            beatExamples.add(node.getKey() + "#" + seq);
          }
        }
      }
    }
    long missingProgress = 0;
    List<String> progressExamples = new ArrayList<>();
    for (Map.Entry<UUID, Double> acked : ledger.progressByTask().entrySet()) {
      Row row = session.execute(task.bind(acked.getKey()).setConsistencyLevel(ConsistencyLevel.ALL)).one();
      double stored = row == null || row.isNull(0) ? -1 : row.getDouble(0);
      if (stored + EXPOSURE_EPSILON_S < acked.getValue()) {
        missingProgress++;
        if (progressExamples.size() < 10) {
          progressExamples.add(acked.getKey() + " acked " + acked.getValue() + " s, stored " + stored + " s");
        }
      }
    }
    return new Missing(missingBeats, beatExamples, missingProgress, progressExamples);
  }
}
