package org.openastro.testsupport.kafka;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Apache Kafka broker for tests: one KRaft node (broker and controller in one process) in a
 * child JVM whose classpath is the kafka-dist module's jar set (Scala, Jackson and log4j of Kafka's
 * own choosing, none of them on the test JVM's classpath), on free ports of 127.0.0.1, with its
 * data in a temporary directory deleted at {@link #close()}. The child exits when the test JVM
 * dies however it died (see {@link KafkaChildMain}); a shutdown hook stops it on a normal exit.
 * Plain text, no authentication.
 */
public final class KafkaTestBroker implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(KafkaTestBroker.class);
  static final String CLASSPATH_RESOURCE = "org/openastro/kafka/dist/kafka-broker.classpath";
  static final Duration START_TIMEOUT = Duration.ofSeconds(120);
  static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);

  private final Path root;
  private final int port;
  private final Process process;
  private final Thread shutdownHook;
  private volatile Duration startedIn;
  private boolean closed;

  private KafkaTestBroker(Path root, int port, Process process, Thread shutdownHook) {
    this.root = root;
    this.port = port;
    this.process = process;
    this.shutdownHook = shutdownHook;
  }

  /** Formats a fresh data directory, starts the broker and waits until it answers an admin request. */
  public static KafkaTestBroker start() {
    long t0 = System.nanoTime();
    List<Path> jars = brokerJars();
    Path root;
    try {
      root = Files.createTempDirectory("openastro-kafka-");
      Path launcher = root.resolve("launcher");
      installLauncherClass(launcher);
      int[] ports = freePorts(2);
      Path properties = root.resolve("server.properties");
      Files.writeString(properties, serverProperties(root.resolve("data"), ports[0], ports[1]));
      Files.writeString(root.resolve("log4j2.properties"), LOG4J2);
      String classpath = Stream.concat(Stream.of(launcher), jars.stream()).map(Path::toString)
          .collect(Collectors.joining(java.io.File.pathSeparator));
      Path log = root.resolve("broker.log");
      // Formatting is its own short-lived JVM: StorageTool ends with System.exit.
      Process format = launch(root, classpath, log, "kafka.tools.StorageTool",
          "format", "-t", clusterId(), "-c", properties.toString());
      if (!format.waitFor(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS) || format.exitValue() != 0) {
        format.destroyForcibly();
        throw new IllegalStateException("formatting the Kafka data directory failed; see " + log + ":\n" + tail(log));
      }
      Process process = launch(root, classpath, log, "kafka.Kafka", properties.toString());
      Thread hook = new Thread(() -> stopProcess(process), "openastro-kafka-stop-" + process.pid());
      Runtime.getRuntime().addShutdownHook(hook);
      KafkaTestBroker broker = new KafkaTestBroker(root, ports[0], process, hook);
      try {
        broker.awaitReady(log);
      } catch (RuntimeException | Error e) {
        broker.close();
        throw e;
      }
      broker.startedIn = Duration.ofNanos(System.nanoTime() - t0);
      LOG.info("Kafka test broker (pid {}) serves on {} after {} ms", process.pid(), broker.bootstrapServers(),
          broker.startedIn.toMillis());
      return broker;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare the Kafka test broker", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while starting the Kafka test broker", e);
    }
  }

  /** {@code host:port} for {@code bootstrap.servers}. */
  public String bootstrapServers() {
    return "127.0.0.1:" + port;
  }

  /** From the launch to the first answered admin request. */
  public Duration startedIn() {
    return startedIn;
  }

  public long pid() {
    return process.pid();
  }

  /** Creates the topics (or leaves existing ones) with {@code partitions} partitions each. */
  public void createTopics(int partitions, String... topics) {
    try (Admin admin = admin()) {
      List<NewTopic> wanted = Arrays.stream(topics).map(t -> new NewTopic(t, partitions, (short) 1)).toList();
      admin.createTopics(wanted).values().forEach((topic, future) -> {
        try {
          future.get(30, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
          if (!(e.getCause() instanceof TopicExistsException)) {
            throw new IllegalStateException("cannot create topic " + topic, e.getCause());
          }
        } catch (Exception e) {
          throw new IllegalStateException("cannot create topic " + topic, e);
        }
      });
    }
  }

  /** An admin client on this broker; the caller closes it. */
  public Admin admin() {
    return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
        AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 20_000));
  }

  /** Stops the broker (SIGTERM, then SIGKILL after {@link #STOP_TIMEOUT}) and deletes its data. Idempotent. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException shuttingDown) {
      // the hook runs anyway
    }
    stopProcess(process);
    deleteTree(root);
  }

  private void awaitReady(Path log) throws InterruptedException {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    Exception last = null;
    try (Admin admin = admin()) {
      while (System.nanoTime() < deadline) {
        if (!process.isAlive()) {
          throw new IllegalStateException("the Kafka test broker exited with status " + process.exitValue()
              + " while starting; see " + log + ":\n" + tail(log));
        }
        try {
          admin.describeCluster().nodes().get(5, TimeUnit.SECONDS);
          return;
        } catch (Exception e) {
          last = e;
          Thread.sleep(100);
        }
      }
    }
    throw new IllegalStateException("the Kafka test broker did not answer within " + START_TIMEOUT + "; see "
        + log + ":\n" + tail(log), last);
  }

  static String serverProperties(Path data, int brokerPort, int controllerPort) {
    return String.join("\n",
        "process.roles=broker,controller",
        "node.id=1",
        "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
        "listeners=PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort,
        "advertised.listeners=PLAINTEXT://127.0.0.1:" + brokerPort,
        "controller.listener.names=CONTROLLER",
        "inter.broker.listener.name=PLAINTEXT",
        "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
        "log.dirs=" + data,
        "num.partitions=1",
        "auto.create.topics.enable=true",
        // one node: every internal topic has one replica; few partitions start fast
        "offsets.topic.replication.factor=1",
        "offsets.topic.num.partitions=4",
        "transaction.state.log.replication.factor=1",
        "transaction.state.log.min.isr=1",
        "transaction.state.log.num.partitions=4",
        "share.coordinator.state.topic.replication.factor=1",
        "share.coordinator.state.topic.min.isr=1",
        // a joining consumer is assigned at once instead of after 3 s
        "group.initial.rebalance.delay.ms=0",
        "log.flush.interval.messages=1000000",
        "") ;
  }

  private static final String LOG4J2 = String.join("\n",
      "status = warn",
      "appender.console.type = Console",
      "appender.console.name = STDOUT",
      "appender.console.layout.type = PatternLayout",
      "appender.console.layout.pattern = [%d] %p %m (%c)%n",
      "rootLogger.level = WARN",
      "rootLogger.appenderRef.stdout.ref = STDOUT",
      "logger.server.name = kafka.server.KafkaRaftServer",
      "logger.server.level = INFO",
      "");

  private static Process launch(Path root, String classpath, Path log, String mainClass, String... args)
      throws IOException {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xms256m", "-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto",
        "-XX:+ExitOnOutOfMemoryError", "-Djava.net.preferIPv4Stack=true", "-Djava.awt.headless=true",
        "-Dlog4j2.configurationFile=" + root.resolve("log4j2.properties"),
        "-Djava.io.tmpdir=" + root,
        "-cp", classpath, KafkaChildMain.class.getName(), mainClass));
    command.addAll(List.of(args));
    return new ProcessBuilder(command)
        .directory(root.toFile())
        .redirectInput(Redirect.PIPE)
        .redirectErrorStream(true)
        .redirectOutput(Redirect.appendTo(log.toFile()))
        .start();
  }

  private static void stopProcess(Process process) {
    try {
      if (process.isAlive()) {
        LOG.info("Stopping the Kafka test broker (pid {})", process.pid());
        process.destroy();
        if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
          LOG.warn("Kafka test broker (pid {}) did not stop within {} s of SIGTERM, killing it", process.pid(),
              STOP_TIMEOUT.toSeconds());
          process.destroyForcibly();
          process.waitFor(10, TimeUnit.SECONDS);
        }
        LOG.info("Kafka test broker (pid {}) stopped, exit status {}", process.pid(), process.exitValue());
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    } finally {
      try {
        process.getOutputStream().close();
      } catch (IOException ignored) {
        // gone
      }
    }
  }

  static List<Path> brokerJars() {
    String recorded;
    try (InputStream in = KafkaTestBroker.class.getClassLoader().getResourceAsStream(CLASSPATH_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("The classpath resource " + CLASSPATH_RESOURCE + " is missing: add"
            + " openastro-kafka-dist (test scope, all transitive dependencies excluded) to the module's pom.");
      }
      recorded = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<Path> jars = Arrays.stream(recorded.trim().split(java.io.File.pathSeparator))
        .filter(s -> !s.isBlank()).map(Path::of).toList();
    List<Path> missing = jars.stream().filter(j -> !Files.isRegularFile(j)).toList();
    if (jars.isEmpty() || !missing.isEmpty()) {
      throw new IllegalStateException(missing.size() + " of the " + jars.size() + " Kafka jars recorded in "
          + CLASSPATH_RESOURCE + " are missing, e.g. " + (missing.isEmpty() ? "all" : missing.get(0))
          + "; rebuild kafka-dist here (mvn -pl alerts -am test-compile)");
    }
    return jars;
  }

  private static void installLauncherClass(Path dir) throws IOException {
    String resource = KafkaChildMain.class.getName().replace('.', '/') + ".class";
    Path target = dir.resolve(resource);
    Files.createDirectories(target.getParent());
    try (InputStream bytes = KafkaChildMain.class.getClassLoader().getResourceAsStream(resource)) {
      if (bytes == null) {
        throw new IllegalStateException("cannot read the class file " + resource);
      }
      Files.copy(bytes, target);
    }
  }

  /** A Kafka cluster id: 16 random bytes, URL-safe Base64 without padding (what Kafka's Uuid prints). */
  static String clusterId() {
    UUID uuid = UUID.randomUUID();
    ByteBuffer bytes = ByteBuffer.allocate(16).putLong(uuid.getMostSignificantBits())
        .putLong(uuid.getLeastSignificantBits());
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.array());
  }

  private static int[] freePorts(int count) throws IOException {
    List<ServerSocket> sockets = new ArrayList<>();
    try {
      for (int i = 0; i < count; i++) {
        sockets.add(new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1")));
      }
      return sockets.stream().mapToInt(ServerSocket::getLocalPort).toArray();
    } finally {
      for (ServerSocket s : sockets) {
        s.close();
      }
    }
  }

  private static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException e) {
      return "(log unreadable: " + e.getMessage() + ")";
    }
  }

  private static void deleteTree(Path root) {
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      LOG.warn("could not delete {}", root, e);
    }
  }
}
