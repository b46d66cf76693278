package org.openastro.cql.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openastro.cql.Buckets;
import org.openastro.cql.Created;
import org.openastro.cql.IdConflictException;
import org.openastro.cql.testing.Await;
import org.openastro.cql.testing.TestKeyspace;
import org.openastro.domain.ControlProtocol;
import org.openastro.domain.MountType;
import org.openastro.domain.NodeStatus;
import org.openastro.testsupport.CassandraExtension;
import org.openastro.testsupport.CassandraTestNode;

@ExtendWith(CassandraExtension.class)
class NodeRepositoryIT {
  static TestKeyspace keyspace;
  static NodeRepository nodes;

  @BeforeAll
  static void schema(CassandraTestNode node) {
    keyspace = TestKeyspace.shared(node);
    nodes = new NodeRepository(keyspace.session());
  }

  @AfterAll
  static void drop() {
    keyspace.close();
  }

  static Node node(UUID id, double aperture) {
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    return new Node(id, NodeStatus.PARKED, 28.76, -17.88, 2396, aperture, 0.8, Set.of("V", "R"),
        MountType.EQ, ControlProtocol.INDI, 0.5, null, null, now, now);
  }

  @Test
  void registeredNodeIsReadBackWithItsStatusIndex() {
    UUID id = UUID.randomUUID();
    Created<Node> created = Await.result(nodes.register(node(id, 356)));
    assertThat(created.created()).isTrue();

    Node stored = Await.result(nodes.find(id)).orElseThrow();
    assertThat(stored).isEqualTo(created.value());
    assertThat(stored.apertureMm()).isEqualTo(356);
    assertThat(stored.filters()).containsExactlyInAnyOrder("V", "R");
    assertThat(stored.mountType()).isEqualTo(MountType.EQ);
    assertThat(keyspace.session().execute(
            "SELECT node_id FROM nodes_by_status WHERE status = 'PARKED' AND bucket = ?", Buckets.of(id))
        .all()).extracting(r -> r.getUuid("node_id")).contains(id);
  }

  @Test
  void sameIdSameContentIsAReplayAndDifferentContentAConflict() {
    UUID id = UUID.randomUUID();
    Node first = node(id, 200);
    assertThat(Await.result(nodes.register(first)).created()).isTrue();

    Created<Node> replay = Await.result(nodes.register(node(id, 200)));
    assertThat(replay.created()).isFalse();
    assertThat(replay.value().registeredAt()).isEqualTo(first.registeredAt());

    assertThatThrownBy(() -> Await.result(nodes.register(node(id, 300))))
        .isInstanceOf(IdConflictException.class)
        .hasMessageContaining(id.toString());
    assertThat(Await.result(nodes.find(id)).orElseThrow().apertureMm()).isEqualTo(200);
  }

  @Test
  void horizonIsStoredAtRegistrationAndReplaced() {
    UUID id = UUID.randomUUID();
    List<HorizonPoint> wall = List.of(new HorizonPoint(90, 40), new HorizonPoint(180, 15.5));
    Await.result(nodes.register(node(id, 200).withHorizon(wall)));
    assertThat(Await.result(nodes.find(id)).orElseThrow().horizon()).isEqualTo(wall);
    // the same registration with its points in another order is a replay
    assertThat(Await.result(nodes.register(node(id, 200).withHorizon(List.of(wall.get(1), wall.get(0))))).created())
        .isFalse();
    Await.result(nodes.updateHorizon(id, List.of(new HorizonPoint(0, 5))));
    assertThat(Await.result(nodes.find(id)).orElseThrow().horizon()).containsExactly(new HorizonPoint(0, 5));
    Await.result(nodes.updateHorizon(id, List.of()));
    assertThat(Await.result(nodes.find(id)).orElseThrow().horizon()).isEmpty();
  }

  @Test
  void unknownNodeIsEmpty() {
    assertThat(Await.result(nodes.find(UUID.randomUUID()))).isEmpty();
  }
}
