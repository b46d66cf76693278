package org.openastro.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openastro.app.OpenAstroSystem;
import org.openastro.config.Config;
import org.openastro.simulator.Stats.Counter;
import org.openastro.testsupport.CassandraExtension;
import org.openastro.testsupport.CassandraTestNode;

/**
 * The simulator against the real system (gateway + scheduler in this JVM, the real Cassandra
 * node): 20 nodes (2 over HTTP) near 45°N, 4 missions overhead, a fifth of the nodes failing at
 * their first progress report. The run ends by its own end condition — every mission COMPLETE,
 * every failed node back and seen recovered — or fails at its duration.
 */
@ExtendWith(CassandraExtension.class)
class SimulatorIT {
  static final String ADMIN_KEY = "oak_simulatorIntegrationTestAdminKey0123456789";
  OpenAstroSystem system;

  @AfterEach
  void stop() {
    if (system != null) {
      system.close();
    }
  }

  @Test
  void nodesCompleteEveryMissionAndFaultedNodesWorkIsReassigned(CassandraTestNode cassandra) throws Exception {
    Map<String, String> env = new HashMap<>(Map.of(
        "CASSANDRA_CONTACT_POINTS", cassandra.contactPoint().getHostString() + ":" + cassandra.contactPoint().getPort(),
        "CASSANDRA_LOCAL_DC", cassandra.datacenter(),
        "CASSANDRA_KEYSPACE", cassandra.newKeyspaceName("sim"),
        "HTTP_PORT", "0", "HTTP_HOST", "127.0.0.1", "MQTT_PORT", "0", "MQTT_HOST", "127.0.0.1",
        "SCHEDULER_HEARTBEAT_INTERVAL", "1s",
        "SCHEDULER_TICK", "200ms",
        "SCHEDULER_MISSION_SWEEP", "1s"));
    env.put("AUTH_BCRYPT_COST", "4");
    // The simulated telescopes expose faster than real time (--exposure-speed, 60 by default).
    env.put("PROGRESS_MAX_EXPOSURE_RATE", "100");
    env.put("ADMIN_API_KEY", ADMIN_KEY);
    system = OpenAstroSystem.start(Config.from(env));

    SimOptions options = new SimOptions(List.of(new Gateway("127.0.0.1", system.httpPort(), system.mqttPort())), 20, 0.1,
        Duration.ofMillis(300), 0.2, 1, Duration.ofSeconds(60),
        // 1 h tasks (the scheduler's largest) take 3 s; a progress report every 300 ms.
        1200, Duration.ofMillis(300),
        // 4 of 20 nodes fail at their first acknowledged progress report, and return after 12 s
        // (the server faults a node after 3 silent 1 s intervals; the margin is for a loaded machine).
        new FaultPlan.Spec(0.2, Duration.ZERO, Duration.ofSeconds(12)),
        // 4 missions of 6 h: 24 tasks of 1 h for 20 nodes, so every node gets work at once.
        4, 6 * 3600.0, ADMIN_KEY, Duration.ofMinutes(4), true,
        Site.parseList("45,0;45.5,3;44.5,-3;46,1;44,-1"), 16, 16, Duration.ofSeconds(2), 11, null);
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    Simulation.Result result;
    try (PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8)) {
      result = new Simulation(options, out).run();
    }
    String text = printed.toString(StandardCharsets.UTF_8);
    System.out.println(text);

    Report.Summary s = result.summary();
    assertThat(result.done()).as(text).isTrue();
    assertThat(s.stats().get(Counter.REGISTERED)).isEqualTo(20);
    assertThat(s.stats().get(Counter.CONNECTED)).isEqualTo(20);
    assertThat(s.missionsCreated()).isEqualTo(4);
    assertThat(s.missionsComplete()).isEqualTo(4);
    assertThat(s.stats().get(Counter.TASKS_COMPLETED)).isGreaterThanOrEqualTo(20);
    assertThat(s.stats().get(Counter.FAULTS_INJECTED)).isGreaterThanOrEqualTo(1).isLessThanOrEqualTo(4);
    assertThat(s.stats().get(Counter.FAULTS_SEEN_BY_SERVER)).isEqualTo(s.stats().get(Counter.FAULTS_INJECTED));
    assertThat(s.stats().get(Counter.FAULTS_RECOVERED)).isEqualTo(s.stats().get(Counter.FAULTS_INJECTED));
    assertThat(s.faults().interrupted()).isEqualTo(s.stats().get(Counter.FAULTS_INJECTED));
    assertThat(s.faults().interruptedWithRemainder()).isEqualTo(s.faults().interrupted());
    assertThat(s.faults().remaindersCompleted()).isGreaterThanOrEqualTo(1);
    assertThat(s.stats().total().get(Stats.Latency.MQTT_HEARTBEAT).getTotalCount()).isPositive();
    assertThat(s.stats().total().get(Stats.Latency.HTTP_HEARTBEAT).getTotalCount()).isPositive();
    assertThat(s.nodesDownAtEnd()).isZero();
    assertThat(text).contains("== OpenAstro node simulator: summary ==").contains("missions: created 4, completed 4");
  }
}
