package org.openastro.bench.gateway;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The peer's bridge ({@link PeerBridge}) in a child JVM on this JVM's classpath, driven over its
 * stdin/stdout. It ends with this JVM: on end of its standard input it disconnects and exits.
 */
final class BridgeProcess implements AutoCloseable {
  /** What the bridge has done since it started. */
  record Count(long written, long failed, long rejected, int mostInFlight, String firstError) {
    /** Heartbeats it is done with, stored or not. */
    long settled() {
      return written + failed + rejected;
    }
  }

  /** What the bridge is told: where the broker and Cassandra are, and its limits. */
  record Settings(int brokerPort, InetSocketAddress cql, String datacenter, String keyspace, int clients,
      int inFlight, Duration historyTtl, int maxPayloadBytes, int heapMb) {}

  private final Process process;
  private final BufferedReader fromChild;
  private final PrintWriter toChild;
  final int clients;
  final int inFlight;

  private BridgeProcess(Process process, BufferedReader fromChild, PrintWriter toChild, String[] ready) {
    this.process = process;
    this.fromChild = fromChild;
    this.toChild = toChild;
    this.clients = Integer.parseInt(ready[1]);
    this.inFlight = Integer.parseInt(ready[2]);
  }

  static BridgeProcess start(Settings s) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child = new ProcessBuilder(List.of(java, "-Xmx" + s.heapMb() + "m",
        "-cp", System.getProperty("java.class.path"), PeerBridge.class.getName(),
        "broker=127.0.0.1:" + s.brokerPort(), "user=" + Mosquitto.BRIDGE_USER,
        "cql=" + s.cql().getHostString() + ":" + s.cql().getPort(), "dc=" + s.datacenter(),
        "keyspace=" + s.keyspace(), "clients=" + s.clients(), "inFlight=" + s.inFlight(),
        "ttlSeconds=" + s.historyTtl().toSeconds(), "maxPayloadBytes=" + s.maxPayloadBytes(),
        "group=" + Mosquitto.BRIDGE_USER))
        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
    PrintWriter out = new PrintWriter(child.getOutputStream(), true, StandardCharsets.UTF_8);
    try {
      // No timeout needed here: the bridge gives up by itself (its connects time out) and then ends,
      // which ends this wait.
      return new BridgeProcess(child, in, out, expect(in, "READY"));
    } catch (IOException | RuntimeException e) {
      child.destroyForcibly();
      throw e;
    }
  }

  long pid() {
    return process.pid();
  }

  /** What the bridge has done so far (one round trip to the child). */
  synchronized Count count() throws IOException {
    toChild.println("count");
    return parse(expect(fromChild, "COUNT"));
  }

  /** Disconnects the bridge and ends its JVM; returns its last count. */
  synchronized Count stop() throws IOException, InterruptedException {
    toChild.println("close");
    Count last = parse(expect(fromChild, "COUNT"));
    expect(fromChild, "CLOSED");
    process.waitFor(30, TimeUnit.SECONDS);
    return last;
  }

  @Override
  public void close() {
    toChild.close(); // end of stdin: the bridge exits (if stop() has not ended it already)
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  private static Count parse(String[] f) {
    return new Count(Long.parseLong(f[1]), Long.parseLong(f[2]), Long.parseLong(f[3]), Integer.parseInt(f[4]),
        f.length > 5 ? f[5] : null);
  }

  private static String[] expect(BufferedReader in, String word) throws IOException {
    String line;
    while ((line = in.readLine()) != null) {
      if (line.startsWith(word + " ") || line.equals(word)) {
        return line.split(" ", 6);
      }
      System.out.println("bridge: " + line);
    }
    throw new IllegalStateException("the bridge JVM ended before answering " + word);
  }
}
