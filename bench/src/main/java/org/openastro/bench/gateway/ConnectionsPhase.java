package org.openastro.bench.gateway;

import static org.openastro.bench.gateway.BenchReport.loadAverage;
import static org.openastro.bench.gateway.BenchReport.say;

import io.netty.util.internal.PlatformDependent;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openastro.bench.gateway.MqttNodes.Credentials;
import org.springframework.security.crypto.bcrypt.BCrypt;

/**
 * 10,000 authenticated MQTT connections held by a child JVM ({@link ConnectionHolder}); the
 * gateway's heap per connected node from this JVM's used heap after forced GCs, before and after,
 * then again after a reconnect storm with a warm credential cache; also its off-heap buffers and
 * resident memory per node (the native transports keep per-connection buffers off the heap).
 */
final class ConnectionsPhase {
  private ConnectionsPhase() {}

  static void run(GatewayUnderTest gw, BenchOptions opts, BenchReport report) throws Exception {
    int n = opts.integer("connections");
    long t0 = System.nanoTime();
    List<Credentials> nodes = gw.register(n);
    say("connections: registered %,d more nodes over HTTP in %.1f s", n, (System.nanoTime() - t0) / 1e9);
    Path file = Files.createTempFile("openastro-bench-nodes-", ".txt");
    try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(file))) {
      nodes.forEach(c -> out.println(c.nodeId() + " " + c.secret()));
    }
    nodes = null; // the secrets list is not the gateway's: drop it before measuring
    long before = usedHeapAfterGc();
    long offHeapBefore = offHeapBytes();
    long rssBefore = residentBytes();
    say("connections: gateway JVM used heap after GC, before: %,d KB (%d connected); off-heap buffers %,d KB;"
        + " resident %,d KB", before >> 10, gw.mqtt.connectedNodes(), offHeapBefore >> 10, rssBefore >> 10);
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child = new ProcessBuilder(java, "-Xmx" + opts.text("clientHeapMb") + "m", "-XX:+UseParallelGC",
        "-cp", System.getProperty("java.class.path"), ConnectionHolder.class.getName(),
        "127.0.0.1", String.valueOf(gw.mqttPort()), file.toString(), opts.text("connectConcurrency"))
        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    BufferedReader fromChild = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
    PrintWriter toChild = new PrintWriter(child.getOutputStream(), true, StandardCharsets.UTF_8);
    try {
      String[] connected = expect(fromChild, "CONNECTED");
      int ok = Integer.parseInt(connected[1]);
      say("connections: child JVM (pid %d) connected %,d of %,d in %.1f s (%s failed%s)", child.pid(), ok, n,
          Long.parseLong(connected[3]) / 1e3, connected[2], connected.length > 4 ? ", " + connected[4] : "");
      Thread.sleep(3000); // let the CONNECT heartbeats be written
      int held = gw.mqtt.connectedNodes();
      long after = usedHeapAfterGc();
      double perNode = (after - before) / (double) held;
      say("connections: gateway holds %,d sessions; used heap after GC %,d KB; %+,d KB = %.1f KB per connected node;"
          + " load %s", held, after >> 10, (after - before) >> 10, perNode / 1024, loadAverage());
      report.result("connections held by gateway", "%,d (child JVM connected %,d, %s failed)", held, ok, connected[2]);
      report.result("connect time, cold credential cache (bcrypt cost " + opts.text("bcryptCost") + ")",
          "%.1f s for %,d = %,.0f connects/s", Long.parseLong(connected[3]) / 1e3, ok,
          ok / (Long.parseLong(connected[3]) / 1e3));
      report.result("gateway heap per connected node", "%.1f KB (%,d KB before, %,d KB after, %,d sessions)",
          perNode / 1024, before >> 10, after >> 10, held);
      long offHeap = offHeapBytes() - offHeapBefore;
      long resident = residentBytes() - rssBefore;
      say("connections: off-heap buffers %+,d KB = %.1f KB per node; process resident memory %+,d KB = %.1f KB per"
          + " node", offHeap >> 10, offHeap / 1024.0 / held, resident >> 10, resident / 1024.0 / held);
      report.result("gateway off-heap buffers per connected node (Netty + JDK direct)", "%.1f KB",
          offHeap / 1024.0 / held);
      report.result("gateway resident memory per connected node (RSS growth, heap included)", "%.1f KB",
          resident / 1024.0 / held);

      toChild.println("reconnect");
      String[] again = expect(fromChild, "RECONNECTED");
      Thread.sleep(3000);
      int heldAgain = gw.mqtt.connectedNodes();
      long afterAgain = usedHeapAfterGc();
      say("connections: reconnect storm (warm credential cache): %s of %,d in %.1f s (%s failed); gateway holds %,d;"
              + " heap per node now %.1f KB", again[1], n, Long.parseLong(again[3]) / 1e3, again[2], heldAgain,
          (afterAgain - before) / (double) heldAgain / 1024);
      report.result("reconnect time, warm credential cache", "%.1f s for %s = %,.0f connects/s",
          Long.parseLong(again[3]) / 1e3, again[1], Integer.parseInt(again[1]) / (Long.parseLong(again[3]) / 1e3));
      report.result("gateway heap per connected node after reconnect storm", "%.1f KB",
          (afterAgain - before) / (double) heldAgain / 1024);
    } finally {
      toChild.println("close");
      if (!child.waitFor(120, TimeUnit.SECONDS)) {
        child.destroy();
      }
      Files.deleteIfExists(file);
    }
    bcryptCost10(n, report);
  }

  /** What cold connects would cost at the production bcrypt cost (10), measured here. */
  private static void bcryptCost10(int connections, BenchReport report) {
    String hash10 = BCrypt.hashpw("x".repeat(64), BCrypt.gensalt(10));
    long[] samples = new long[5];
    for (int i = 0; i < samples.length; i++) {
      long s = System.nanoTime();
      BCrypt.checkpw("x".repeat(64), hash10);
      samples[i] = System.nanoTime() - s;
    }
    Arrays.sort(samples);
    double bcrypt10 = samples[2] / 1e6;
    report.result("bcrypt cost 10 verify, one thread (ms)", "%.0f => a cold %,d-node connect storm needs >= %.0f s"
        + " on 2 AUTH_WORKER_THREADS", bcrypt10, connections, connections * bcrypt10 / 2 / 1e3);
  }

  private static String[] expect(BufferedReader in, String word) throws IOException {
    String line;
    while ((line = in.readLine()) != null) {
      if (line.startsWith(word + " ")) {
        return line.split(" ", 5);
      }
      System.out.println("child: " + line);
    }
    throw new IllegalStateException("the client JVM ended before answering " + word);
  }

  /**
   * Direct memory held by buffers: Netty's own counter (its cleaner-less direct buffers) plus the
   * JDK's direct buffer pool. The native transports keep per-connection state there, not on the heap.
   */
  static long offHeapBytes() {
    long netty = Math.max(0, PlatformDependent.usedDirectMemory());
    long jdk = ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
        .filter(pool -> pool.getName().equals("direct")).mapToLong(BufferPoolMXBean::getMemoryUsed).sum();
    return netty + jdk;
  }

  /** This process's resident set (VmRSS), in bytes; 0 where /proc does not tell. */
  static long residentBytes() {
    try {
      return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("VmRSS:"))
          .mapToLong(l -> Long.parseLong(l.replaceAll("[^0-9]", "")) * 1024).findFirst().orElse(0);
    } catch (IOException e) {
      return 0;
    }
  }

  /** Used heap after forced full GCs: the lowest of a few readings. */
  static long usedHeapAfterGc() throws InterruptedException {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    long lowest = Long.MAX_VALUE;
    for (int i = 0; i < 4; i++) {
      System.gc();
      Thread.sleep(500);
      lowest = Math.min(lowest, memory.getHeapMemoryUsage().getUsed());
    }
    return lowest;
  }
}
