package org.openastro.bench.gateway;

import static org.openastro.bench.gateway.BenchReport.say;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.ResultSet;
import com.datastax.oss.driver.api.core.cql.Row;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.openastro.bench.gateway.MqttNodes.Credentials;

/** Every acknowledged heartbeat must be a history row: counts the rows reported ONLINE per node against its PUBACKs. */
final class AckVerifier {
  private AckVerifier() {}

  /** {@code phase}: whose acks these are (gateway: after the write; peer: the broker's, before it). */
  static void verify(String phase, CqlSession session, List<Credentials> nodes, AtomicIntegerArray acksPerNode,
      LocalDate from, LocalDate to, BenchReport report) throws Exception {
    long t0 = System.nanoTime();
    PreparedStatement rows = session.prepare("SELECT status FROM node_heartbeats WHERE node_id = ? AND day = ?");
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Future<long[]>> counts = new ArrayList<>();
    for (Credentials node : nodes) {
      UUID id = UUID.fromString(node.nodeId());
      counts.add(pool.submit(() -> {
        long online = 0;
        long other = 0;
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
          ResultSet rs = session.execute(rows.bind(id, d).setPageSize(5000));
          for (Row row : rs) {
            if ("ONLINE".equals(row.getString(0))) {
              online++;
            } else {
              other++;
            }
          }
        }
        return new long[] {online, other};
      }));
    }
    long acked = 0;
    long onlineRows = 0;
    long otherRows = 0;
    int missing = 0;
    int extra = 0;
    String firstMissing = null;
    for (int i = 0; i < nodes.size(); i++) {
      long[] c = counts.get(i).get();
      int a = acksPerNode.get(i);
      acked += a;
      onlineRows += c[0];
      otherRows += c[1];
      if (c[0] < a) {
        missing++;
        if (firstMissing == null) {
          firstMissing = nodes.get(i).nodeId() + " acked " + a + " rows " + c[0];
        }
      } else if (c[0] > a) {
        extra++;
      }
    }
    pool.shutdown();
    boolean ok = missing == 0;
    say("%s verify: %s — %,d heartbeats acknowledged (whole run, warm-up included), %,d history rows with status"
            + " ONLINE; nodes with fewer rows than acks: %d%s; nodes with more rows than acks (written, ack lost): %d;"
            + " other rows (CONNECT/ping heartbeats, status null): %,d; checked in %.1f s",
        phase, ok ? "OK" : "FAILED", acked, onlineRows, missing, firstMissing == null ? "" : " (e.g. " + firstMissing + ")",
        extra, otherRows, (System.nanoTime() - t0) / 1e9);
    report.result(phase + " verify acked heartbeats in node_heartbeats", "%s: %,d acked, %,d rows, %d nodes short,"
        + " %d nodes with extra", ok ? "OK" : "FAILED", acked, onlineRows, missing, extra);
  }
}
