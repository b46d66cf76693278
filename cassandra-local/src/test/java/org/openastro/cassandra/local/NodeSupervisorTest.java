package org.openastro.cassandra.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class NodeSupervisorTest {

  @Test
  void firstRelaunchIsImmediateThenTheDelayDoublesUpToItsBound() {
    assertThat(NodeSupervisor.retryDelay(0)).isEqualTo(Duration.ZERO);
    assertThat(NodeSupervisor.retryDelay(1)).isEqualTo(Duration.ofSeconds(1));
    assertThat(NodeSupervisor.retryDelay(2)).isEqualTo(Duration.ofSeconds(2));
    assertThat(NodeSupervisor.retryDelay(5)).isEqualTo(Duration.ofSeconds(16));
    assertThat(NodeSupervisor.retryDelay(6)).isEqualTo(Duration.ofSeconds(30));
    assertThat(NodeSupervisor.retryDelay(1_000)).isEqualTo(Duration.ofSeconds(30));
  }
}
