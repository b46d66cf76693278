package org.openastro.archive.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CreateBucketRequest;

/**
 * A real S3 API server for tests: s3proxy (from Maven Central, its self-contained jar copied by the
 * build, see {@code openastro.s3proxy.jar}) with its filesystem backend, in a child JVM so none of
 * its Jetty, Jackson or SDK versions meet ours. One per test JVM, started by the first test that
 * asks for it (a parameter of this type) and stopped, its directory deleted, at the end of the run.
 */
public final class S3ProxyServer implements ParameterResolver, AutoCloseable {
  static final String ACCESS_KEY = "openastro-test-access";
  static final String SECRET_KEY = "openastro-test-secret-0123456789";
  static final String REGION = "us-east-1";
  private static final String STORE_KEY = S3ProxyServer.class.getName();

  private final Process process;
  private final Path dir;
  private final URI endpoint;
  private boolean closed;

  /** For JUnit's {@code @ExtendWith}: the instance tests get is the started one. */
  public S3ProxyServer() {
    this.process = null;
    this.dir = null;
    this.endpoint = null;
  }

  private S3ProxyServer(Process process, Path dir, URI endpoint) {
    this.process = process;
    this.dir = dir;
    this.endpoint = endpoint;
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == S3ProxyServer.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
        .getOrComputeIfAbsent(STORE_KEY, key -> start(), S3ProxyServer.class);
  }

  /** Public for bench's ArtifactTransferBenchmark, which needs the same server outside JUnit. */
  public static S3ProxyServer start() {
    try {
      String jar = System.getProperty("openastro.s3proxy.jar");
      if (jar == null || !Files.isRegularFile(Path.of(jar))) {
        throw new IllegalStateException("no s3proxy jar at openastro.s3proxy.jar=" + jar + " (run the tests with Maven)");
      }
      Path dir = Files.createTempDirectory("openastro-test-s3proxy-");
      Path data = Files.createDirectories(dir.resolve("data"));
      int port;
      try (ServerSocket probe = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
        port = probe.getLocalPort();
      }
      URI endpoint = URI.create("http://127.0.0.1:" + port);
      Path properties = dir.resolve("s3proxy.properties");
      Files.writeString(properties, String.join("\n",
          "s3proxy.endpoint=" + endpoint,
          "s3proxy.authorization=aws-v2-or-v4",
          "s3proxy.identity=" + ACCESS_KEY,
          "s3proxy.credential=" + SECRET_KEY,
          "jclouds.provider=filesystem-nio2",
          "jclouds.filesystem.basedir=" + data,
          ""));
      Path java = Path.of(System.getProperty("java.home"), "bin", "java");
      Process process = new ProcessBuilder(List.of(java.toString(), "-Xmx256m", "-jar", jar,
          "--properties", properties.toString()))
          .redirectErrorStream(true).redirectOutput(dir.resolve("s3proxy.log").toFile()).start();
      S3ProxyServer server = new S3ProxyServer(process, dir, endpoint);
      Runtime.getRuntime().addShutdownHook(new Thread(server::close, "s3proxy-stop"));
      long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
      while (!answers(port)) {
        if (!process.isAlive() || System.nanoTime() > deadline) {
          String log = Files.readString(dir.resolve("s3proxy.log"));
          server.close();
          throw new IllegalStateException("s3proxy did not start: " + log);
        }
        Thread.sleep(100);
      }
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static boolean answers(int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  public URI endpoint() {
    return endpoint;
  }

  /** Options of a store on a new, empty bucket of this server. */
  public S3ContentStore.Options newBucket(int partBytes) {
    String bucket = "openastro-" + UUID.randomUUID().toString().substring(0, 8);
    S3ContentStore.Options options = new S3ContentStore.Options(endpoint, REGION, bucket, ACCESS_KEY, SECRET_KEY,
        true, partBytes, 4);
    try (S3Client client = S3ContentStore.client(options)) {
      client.createBucket(CreateBucketRequest.builder().bucket(bucket).build());
    }
    return options;
  }

  /** Stops the process (and waits for it) and deletes its files; called once at the end of the run. */
  @Override
  public synchronized void close() {
    if (closed || process == null) {
      return;
    }
    closed = true;
    process.destroy();
    try {
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // a temp directory: best effort
    }
  }
}
