package org.openastro.bench.archive;

import ch.qos.logback.classic.Level;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.openastro.app.OpenAstroSystem;
import org.openastro.archive.store.S3ContentStore;
import org.openastro.archive.store.S3ProxyServer;
import org.openastro.config.Config;
import org.slf4j.LoggerFactory;

/**
 * Upload and download MB/s of a large product through the gateway's artifact API to an S3 store,
 * against copying the same file with the raw AWS SDK v2 to the same S3 server in the same run.
 *
 * <p>The S3 server is the archive tests' s3proxy (filesystem backend, a child JVM: {@link
 * S3ProxyServer}); the whole system runs in this JVM ({@link OpenAstroSystem#start}) on a local
 * Cassandra node with {@code ARTIFACT_STORE=s3} pointed at a bucket of it. Each run registers a new
 * artifact with the file's SHA-256, PUTs its content from disk and GETs it back (hashed and
 * discarded), then does the same with the SDK's putObject/getObject; odd runs go SDK first, so
 * neither path always finds the page cache the other left. Figures are MB (10^6 bytes) per second.
 *
 * <pre>
 * java -Xmx1g -cp bench/target/benchmarks.jar org.openastro.bench.archive.ArtifactTransferBenchmark [key=value ...]
 *   size=1GiB (bytes, or KiB/MiB/GiB) runs=3 dir=(a new temp directory) s3proxyJar=(beside benchmarks.jar)
 *   sys.SETTING=value (any system setting, e.g. sys.ARTIFACT_S3_PART_SIZE=16MiB)
 * </pre>
 */
public final class ArtifactTransferBenchmark {
  private static final String ADMIN_KEY = "oak_artifact-transfer-benchmark-admin-0000000000";
  private static final String[] FIGURES = {"gateway upload", "SDK upload", "gateway download", "SDK download"};

  public static void main(String[] args) throws Exception {
    if (LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME) instanceof ch.qos.logback.classic.Logger root) {
      root.setLevel(Level.toLevel(System.getProperty("bench.log", "WARN")));
    }
    Locale.setDefault(Locale.ROOT);
    Map<String, String> opts = new LinkedHashMap<>(Map.of("size", "1GiB", "runs", "3"));
    for (String arg : args) {
      int eq = arg.indexOf('=');
      if (eq < 0) {
        throw new IllegalArgumentException("arguments are key=value, got " + arg);
      }
      opts.put(arg.substring(0, eq), arg.substring(eq + 1));
    }
    int status = 0;
    try {
      run(opts);
    } catch (Exception | Error e) {
      e.printStackTrace();
      status = 1;
    }
    // the finally blocks have stopped the system, Cassandra and s3proxy: exit past any stray thread
    System.exit(status);
  }

  static void say(String format, Object... args) {
    System.out.printf("[%tT] %s%n", System.currentTimeMillis(), String.format(format, args));
    System.out.flush();
  }

  private static void run(Map<String, String> opts) throws Exception {
    say("ArtifactTransferBenchmark %s", opts);
    say("machine: %d cores, max heap %d MB, %s %s, load average %s", Runtime.getRuntime().availableProcessors(),
        Runtime.getRuntime().maxMemory() >> 20, System.getProperty("java.vm.name"), System.getProperty("java.version"),
        Files.readString(Path.of("/proc/loadavg")).trim());
    long size = bytes(opts.get("size"));
    int runs = Integer.parseInt(opts.get("runs"));
    Path dir = opts.containsKey("dir") ? Files.createDirectories(Path.of(opts.get("dir")))
        : Files.createTempDirectory("openastro-transfer-bench-");
    // S3ProxyServer reads its jar from this property, as the archive tests' Maven run sets it
    System.setProperty("openastro.s3proxy.jar", opts.getOrDefault("s3proxyJar", besideThisJar("s3proxy/s3proxy.jar")));
    try (S3ProxyServer s3 = S3ProxyServer.start()) {
      long t0 = System.nanoTime();
      TransferFile file = TransferFile.generate(dir.resolve("product.bin"), size);
      say("%d bytes generated at %s in %.1f s (SHA-256 %s); s3proxy at %s", size, file.path(),
          (System.nanoTime() - t0) / 1e9, file.sha256(), s3.endpoint());
      S3ContentStore.Options bucket = s3.newBucket(5 << 20);
      OpenAstroSystem system = OpenAstroSystem.start(Config.from(settings(opts, dir, bucket)));
      List<double[]> results;
      try (SdkTransfer sdk = new SdkTransfer(bucket)) {
        say("system up: HTTP %d, artifacts in s3 bucket %s", system.httpPort(), bucket.bucket());
        results = runs(file, new GatewayTransfer(system.httpPort(), ADMIN_KEY), sdk, runs);
      } finally {
        system.close();
      }
      report(results);
    } finally {
      deleteTree(dir);
    }
  }

  /** The system's settings: a local Cassandra node under {@code dir}, free ports, the S3 store on {@code bucket}. */
  private static Map<String, String> settings(Map<String, String> opts, Path dir, S3ContentStore.Options bucket)
      throws Exception {
    Map<String, String> s = new HashMap<>(Map.of("HTTP_HOST", "127.0.0.1", "HTTP_PORT", "0",
        "MQTT_HOST", "127.0.0.1", "MQTT_PORT", "0", "ADMIN_API_KEY", ADMIN_KEY, "AUTH_BCRYPT_COST", "4",
        "CASSANDRA_KEYSPACE", "bench_transfer_" + UUID.randomUUID().toString().substring(0, 8)));
    s.put("CASSANDRA_LOCAL_DATA_DIR", dir.resolve("cassandra").toString());
    s.put("CASSANDRA_PORT", String.valueOf(freePort()));
    s.put("CASSANDRA_LOCAL_STORAGE_PORT", String.valueOf(freePort()));
    s.put("ARTIFACT_STORE", "s3");
    s.put("ARTIFACT_S3_ENDPOINT", bucket.endpoint().toString());
    s.put("ARTIFACT_S3_BUCKET", bucket.bucket());
    s.put("ARTIFACT_S3_REGION", bucket.region());
    s.put("ARTIFACT_S3_ACCESS_KEY", bucket.accessKey());
    s.put("ARTIFACT_S3_SECRET_KEY", bucket.secretKey());
    s.put("ARTIFACT_S3_PATH_STYLE", "true");
    opts.forEach((k, v) -> {
      if (k.startsWith("sys.")) {
        s.put(k.substring(4), v);
      }
    });
    return s;
  }

  /** {@code runs} rounds of the four copies; each round's MB/s in {@link #FIGURES} order. */
  private static List<double[]> runs(TransferFile file, GatewayTransfer gateway, SdkTransfer sdk, int runs)
      throws Exception {
    List<double[]> results = new ArrayList<>();
    for (int run = 1; run <= runs; run++) {
      String id = gateway.register(file);
      String key = "sdk/" + UUID.randomUUID();
      double[] mbs = new double[4];
      boolean sdkFirst = run % 2 == 0;
      if (sdkFirst) {
        mbs[1] = file.megabytesPerSecond(sdk.upload(file, key));
        mbs[3] = file.megabytesPerSecond(sdk.download(file, key));
      }
      mbs[0] = file.megabytesPerSecond(gateway.upload(file, id));
      mbs[2] = file.megabytesPerSecond(gateway.download(file, id));
      if (!sdkFirst) {
        mbs[1] = file.megabytesPerSecond(sdk.upload(file, key));
        mbs[3] = file.megabytesPerSecond(sdk.download(file, key));
      }
      // the bucket is a directory on this machine's disk: a 1 GiB object per path per run adds up
      sdk.delete(key);
      sdk.delete("artifacts/" + id);
      say("run %d (%s first): %s", run, sdkFirst ? "SDK" : "gateway", line(mbs));
      results.add(mbs);
    }
    return results;
  }

  private static void report(List<double[]> results) {
    double[] median = new double[4];
    for (int f = 0; f < 4; f++) {
      int figure = f;
      median[f] = median(results.stream().mapToDouble(r -> r[figure]));
    }
    say("results (MB/s, 10^6 bytes per second):");
    for (int i = 0; i < results.size(); i++) {
      System.out.println("  run " + (i + 1) + ": " + line(results.get(i)));
    }
    System.out.println("  median: " + line(median));
    // On a shared machine a neighbour's burst slows both paths of one run alike: the ratio of a
    // run's own pair is steadier than the ratio of the medians above, which mixes runs.
    System.out.printf("  median of the runs' own ratios: gateway/SDK upload %.2f, download %.2f%n",
        median(results.stream().mapToDouble(r -> r[0] / r[1])), median(results.stream().mapToDouble(r -> r[2] / r[3])));
  }

  private static double median(java.util.stream.DoubleStream values) {
    double[] sorted = values.sorted().toArray();
    return sorted.length % 2 == 1 ? sorted[sorted.length / 2]
        : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
  }

  private static String line(double[] mbs) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < 4; i++) {
      b.append(String.format("%s %.1f, ", FIGURES[i], mbs[i]));
    }
    return b.append(String.format("ratio gateway/SDK upload %.2f, download %.2f", mbs[0] / mbs[1], mbs[2] / mbs[3]))
        .toString();
  }

  /** A size as {@code 1073741824}, {@code 512MiB}, {@code 1GiB}. */
  static long bytes(String size) {
    String s = size.trim();
    for (String[] unit : new String[][] {{"GiB", "30"}, {"MiB", "20"}, {"KiB", "10"}}) {
      if (s.endsWith(unit[0])) {
        return Long.parseLong(s.substring(0, s.length() - 3).trim()) << Integer.parseInt(unit[1]);
      }
    }
    return Long.parseLong(s);
  }

  private static String besideThisJar(String relative) throws Exception {
    Path jar = Path.of(ArtifactTransferBenchmark.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    return jar.resolveSibling(relative).toString();
  }

  private static int freePort() throws java.io.IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private static void deleteTree(Path root) throws java.io.IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
