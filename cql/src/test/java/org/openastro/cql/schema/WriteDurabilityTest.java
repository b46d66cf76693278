package org.openastro.cql.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class WriteDurabilityTest {
  static final Map<String, String> SIMPLE_1 = Map.of("class", "org.apache.cassandra.locator.SimpleStrategy",
      "replication_factor", "1");

  @Test
  void oneReplicaWithPeriodicSyncIsARisk() {
    assertThat(WriteDurability.risk(SIMPLE_1, "datacenter1", "periodic")).get().asString()
        .contains("1 of 1 replica(s)").contains("commitlog_sync periodic");
  }

  @Test
  void oneReplicaIsSafeWhenTheCommitLogIsSyncedBeforeTheAnswer() {
    assertThat(WriteDurability.risk(SIMPLE_1, "datacenter1", "group")).isEmpty();
    assertThat(WriteDurability.risk(SIMPLE_1, "datacenter1", "BATCH")).isEmpty();
  }

  @Test
  void anUnknownSyncModeCountsAsPeriodic() {
    assertThat(WriteDurability.risk(SIMPLE_1, "datacenter1", null)).get().asString().contains("unknown");
  }

  @Test
  void aQuorumOfTwoOrMoreInTheLocalDatacenterIsSafeWhateverTheSync() {
    Map<String, String> nts = Map.of("class", "org.apache.cassandra.locator.NetworkTopologyStrategy",
        "eu", "3", "us", "1");
    assertThat(WriteDurability.risk(nts, "eu", "periodic")).isEmpty();
    assertThat(WriteDurability.risk(nts, "us", "periodic")).isPresent();
    assertThat(WriteDurability.risk(Map.of("class", "SimpleStrategy", "replication_factor", "2"), "dc", "periodic"))
        .isEmpty();
  }

  @Test
  void transientReplicasCountAndAMissingDatacenterHasNone() {
    Map<String, String> nts = Map.of("class", "NetworkTopologyStrategy", "eu", "3/2");
    assertThat(WriteDurability.localReplicas(nts, "eu")).isEqualTo(3);
    assertThat(WriteDurability.localReplicas(nts, "asia")).isZero();
  }
}
