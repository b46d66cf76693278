package org.openastro.simulator;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.Callable;
import org.openastro.config.Parsers;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;

/** The command line. Exit code 0 when the run's end condition held (or no missions were asked for), 1 otherwise. */
@Command(name = "openastro-simulator", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Plays N telescope nodes against a running OpenAstro gateway (MQTT and HTTP) and reports "
        + "throughput, acknowledgement latencies, tasks, faults and missions.")
final class SimulatorCommand implements Callable<Integer> {
  /** How long SIGTERM waits for the run to stop its nodes and write its summary and ledger. */
  static final Duration STOP_GRACE = Duration.ofSeconds(90);

  @Option(names = "--host", defaultValue = "127.0.0.1", description = "gateway address (default: ${DEFAULT-VALUE})")
  String host;

  @Option(names = "--http-port", defaultValue = "8080", description = "gateway HTTP port (default: ${DEFAULT-VALUE})")
  int httpPort;

  @Option(names = "--mqtt-port", defaultValue = "1883", description = "gateway MQTT port (default: ${DEFAULT-VALUE})")
  int mqttPort;

  @Option(names = "--gateways",
      description = "several gateways, host:httpPort:mqttPort,...: nodes spread over them and move to the next when "
          + "theirs stops answering, as behind a load balancer (overrides --host and the ports)")
  String gateways;

  @Option(names = "--ack-ledger",
      description = "write every acknowledgement (heartbeats by sequence number, progress, simulated faults) to this "
          + "file at the end, for a row-by-row check against Cassandra; heartbeats then carry their sequence number")
  java.nio.file.Path ackLedger;

  @Option(names = {"-n", "--nodes"}, defaultValue = "100", description = "nodes to play (default: ${DEFAULT-VALUE})")
  int nodes;

  @Option(names = "--http-share", defaultValue = "0.05",
      description = "share of nodes speaking HTTP (heartbeat POSTs, tasks long-poll) instead of MQTT (default: ${DEFAULT-VALUE})")
  double httpShare;

  @Option(names = "--heartbeat-interval", defaultValue = "10s", converter = DurationConverter.class,
      description = "mean heartbeat interval; keep it under the server's SCHEDULER_HEARTBEAT_INTERVAL (default: ${DEFAULT-VALUE})")
  Duration heartbeatInterval;

  @Option(names = "--jitter", defaultValue = "0.2", description = "heartbeat delay = interval x (1 ± jitter) (default: ${DEFAULT-VALUE})")
  double jitter;

  @Option(names = "--heartbeat-qos", defaultValue = "1", description = "MQTT QoS of heartbeats, 0 or 1 (default: ${DEFAULT-VALUE})")
  int heartbeatQos;

  @Option(names = "--keep-alive", defaultValue = "60s", converter = DurationConverter.class,
      description = "MQTT keep-alive (default: ${DEFAULT-VALUE})")
  Duration keepAlive;

  @Option(names = "--exposure-speed", defaultValue = "60",
      description = "seconds of exposure delivered per real second (default: ${DEFAULT-VALUE})")
  double exposureSpeed;

  @Option(names = "--progress-interval", defaultValue = "2s", converter = DurationConverter.class,
      description = "real time between progress reports of an exposing node (default: ${DEFAULT-VALUE})")
  Duration progressInterval;

  @Option(names = "--fault-share", defaultValue = "0", description = "share of nodes that fail mid-task (default: ${DEFAULT-VALUE})")
  double faultShare;

  @Option(names = "--fault-after", defaultValue = "60s", converter = DurationConverter.class,
      description = "a chosen node fails at its first progress report after this (default: ${DEFAULT-VALUE})")
  Duration faultAfter;

  @Option(names = "--fault-duration", defaultValue = "90s", converter = DurationConverter.class,
      description = "how long a failed node stays away before reconnecting (default: ${DEFAULT-VALUE})")
  Duration faultDuration;

  @Option(names = "--missions", defaultValue = "0", description = "missions to create for targets the nodes see now (default: ${DEFAULT-VALUE})")
  int missions;

  @Option(names = "--mission-exposure", defaultValue = "2h", converter = DurationConverter.class,
      description = "exposure each mission asks for (default: ${DEFAULT-VALUE})")
  Duration missionExposure;

  @Option(names = "--api-key", defaultValue = "${env:OPENASTRO_API_KEY}",
      description = "API key sent as Authorization: Bearer to register the nodes (role OPERATOR or ADMIN: registration "
          + "needs one) and for missions and node reads (SUBMITTER or ADMIN); the server's ADMIN_API_KEY does both "
          + "(default: env OPENASTRO_API_KEY)")
  String apiKey;

  @Option(names = "--duration", defaultValue = "5m", converter = DurationConverter.class,
      description = "longest run once the nodes are connected (default: ${DEFAULT-VALUE})")
  Duration duration;

  @Option(names = "--run-full-duration", description = "keep running after every mission completed and every fault recovered")
  boolean runFullDuration;

  @Option(names = "--sites", description = "sites 'lat,lon[,elev];...' used round robin (default: spread over the globe)")
  String sites;

  @Option(names = "--register-concurrency", defaultValue = "64", description = "registrations in flight (default: ${DEFAULT-VALUE})")
  int registerConcurrency;

  @Option(names = "--connect-concurrency", defaultValue = "256",
      description = "MQTT CONNECTs pending at once; the gateway answers 'busy' past AUTH_MAX_PENDING (default: ${DEFAULT-VALUE})")
  int connectConcurrency;

  @Option(names = "--status-every", defaultValue = "5s", converter = DurationConverter.class,
      description = "period of the live progress line, 0s = none (default: ${DEFAULT-VALUE})")
  Duration statusEvery;

  @Option(names = "--seed", defaultValue = "42", description = "seed of every random choice (default: ${DEFAULT-VALUE})")
  long seed;

  SimOptions toOptions() {
    List<Gateway> targets = gateways == null || gateways.isBlank()
        ? List.of(new Gateway(host, httpPort, mqttPort)) : Gateway.parseList(gateways);
    return new SimOptions(targets, nodes, httpShare, heartbeatInterval, jitter, heartbeatQos,
        keepAlive, exposureSpeed, progressInterval, new FaultPlan.Spec(faultShare, faultAfter, faultDuration),
        missions, missionExposure.toMillis() / 1000.0, apiKey == null || apiKey.isBlank() ? null : apiKey.trim(),
        duration, !runFullDuration, Site.parseList(sites), registerConcurrency, connectConcurrency, statusEvery, seed,
        ackLedger);
  }

  @Override
  public Integer call() throws Exception {
    SimOptions options = toOptions();
    if (options.apiKey() == null) {
      System.err.println("--api-key (or OPENASTRO_API_KEY) is required: registering a node needs an API key with "
          + "role OPERATOR or ADMIN (e.g. the server's ADMIN_API_KEY)");
      return 2;
    }
    Simulation simulation = new Simulation(options, System.out);
    CountDownLatch ended = new CountDownLatch(1);
    // SIGTERM ends the run as its duration would: summary printed, ledger written, nodes closed.
    Thread onTerm = new Thread(() -> {
      simulation.requestStop();
      try {
        ended.await(STOP_GRACE.toSeconds(), TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "simulator-stop");
    Runtime.getRuntime().addShutdownHook(onTerm);
    Simulation.Result result;
    try {
      result = simulation.run();
    } finally {
      ended.countDown();
    }
    boolean ok = result.summary().missionsCreated() == 0 ? missions == 0 : result.done();
    return ok ? 0 : 1;
  }

  /** Durations as the server's settings write them: 500ms, 15s, 5m, 2h, 7d. */
  static final class DurationConverter implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      return Parsers.durationAtLeast(Duration.ZERO).apply(value);
    }
  }
}
