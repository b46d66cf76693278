package org.openastro.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openastro.testsupport.CassandraExtension;
import org.openastro.testsupport.CassandraTestNode;

/**
 * The node status rule of the README ("Node status"), end to end with the gateway and the
 * scheduler as the run command starts them: the status is what the node last said, except that
 * the scheduler marks a silent node FAULTED. So a new node, which has said nothing, stays PARKED
 * while it sends empty heartbeats; a FAULTED node heard again returns to ONLINE (the only statuses
 * it can have said before a fault are ONLINE and BUSY, and its work was taken back); a PARKED node
 * is never faulted for its silence.
 */
@ExtendWith(CassandraExtension.class)
class NodeStatusIT {
  static final String EMPTY = "";

  SystemUnderTest system;

  @AfterEach
  void stop() {
    if (system != null) {
      system.close();
    }
  }

  @Test
  void statusIsWhatTheNodeLastSaidUnlessItFellSilent(CassandraTestNode cassandra) throws Exception {
    system = SystemUnderTest.start(cassandra, "nodestatus", Map.of());
    MqttTelescope node = system.telescope(system.register());
    assertThat(system.statusOf(node)).isEqualTo("PARKED");

    // Alive but silent about its status: a new node stays PARKED, several fault times long.
    Instant connected = Instant.now();
    node.connect();
    node.heartbeatEvery(EMPTY);
    await().atMost(Duration.ofSeconds(30)).until(() -> lastHeartbeat(node) != null
        && lastHeartbeat(node).isAfter(connected.plusSeconds(5)));
    assertThat(system.statusOf(node)).as("empty heartbeats never make a new node ONLINE").isEqualTo("PARKED");

    node.heartbeatEvery("{\"status\": \"ONLINE\"}");
    system.awaitStatus(node, "ONLINE");

    node.goSilent();
    system.awaitStatus(node, "FAULTED");
    // Heard again, with nothing to say: back to ONLINE, what it said before it fell silent.
    node.connect();
    node.heartbeatEvery(EMPTY);
    system.awaitStatus(node, "ONLINE");

    node.goSilent();
    system.awaitStatus(node, "FAULTED");
    node.connect();
    node.heartbeatEvery("{\"status\": \"PARKED\"}");
    system.awaitStatus(node, "PARKED");
    // A parked node's silence is expected: it stays PARKED.
    Instant parkedBeat = lastHeartbeat(node);
    node.goSilent();
    await().atMost(Duration.ofSeconds(30)).pollDelay(Duration.ofSeconds(1))
        .during(Duration.ofSeconds(5)).until(() -> "PARKED".equals(system.statusOf(node)));
    assertThat(lastHeartbeat(node)).isAfterOrEqualTo(parkedBeat);
  }

  private Instant lastHeartbeat(MqttTelescope node) throws Exception {
    String at = system.get("/api/v1/nodes/" + node.id).getString("last_heartbeat");
    return at == null ? null : Instant.parse(at);
  }
}
