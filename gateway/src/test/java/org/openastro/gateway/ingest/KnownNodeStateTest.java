package org.openastro.gateway.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openastro.domain.NodeStatus;
import org.openastro.gateway.ingest.KnownNodeState.StateChange;

class KnownNodeStateTest {
  static final UUID T1 = UUID.randomUUID();
  static final UUID T2 = UUID.randomUUID();

  @Test
  void aliveHeartbeatNeedsNoStateWrite() {
    KnownNodeState state = new KnownNodeState(NodeStatus.ONLINE, T1);
    StateChange change = state.changeFor(HeartbeatReport.ALIVE);
    assertThat(change.any()).isFalse();
    assertThat(state.status()).isEqualTo(NodeStatus.ONLINE);
    assertThat(state.currentTaskId()).isEqualTo(T1);
  }

  @Test
  void statusChangeIsWrittenOnceThenKnown() {
    KnownNodeState state = new KnownNodeState(NodeStatus.ONLINE, null);
    StateChange first = state.changeFor(new HeartbeatReport(NodeStatus.BUSY, false, null, null));
    assertThat(first).isEqualTo(new StateChange(NodeStatus.ONLINE, NodeStatus.BUSY, null, true, false));
    StateChange again = state.changeFor(new HeartbeatReport(NodeStatus.BUSY, false, null, null));
    assertThat(again.any()).isFalse();
    assertThat(again.from()).isEqualTo(NodeStatus.BUSY);
  }

  @Test
  void currentTaskChangesOnlyWhenGiven() {
    KnownNodeState state = new KnownNodeState(NodeStatus.BUSY, T1);
    assertThat(state.changeFor(new HeartbeatReport(null, false, null, null)).any()).isFalse();
    assertThat(state.currentTaskId()).isEqualTo(T1);

    StateChange toT2 = state.changeFor(new HeartbeatReport(null, true, T2, null));
    assertThat(toT2.taskChanged()).isTrue();
    assertThat(toT2.statusChanged()).isFalse();
    assertThat(toT2.currentTaskId()).isEqualTo(T2);

    StateChange idle = state.changeFor(new HeartbeatReport(null, true, null, null));
    assertThat(idle.taskChanged()).isTrue();
    assertThat(idle.currentTaskId()).isNull();
    assertThat(state.currentTaskId()).isNull();

    assertThat(state.changeFor(new HeartbeatReport(null, true, null, null)).any()).isFalse();
  }

  @Test
  void bothChangesCarryTheNewTaskWithTheStatusWrite() {
    KnownNodeState state = new KnownNodeState(NodeStatus.ONLINE, null);
    StateChange change = state.changeFor(new HeartbeatReport(NodeStatus.BUSY, true, T1, null));
    assertThat(change).isEqualTo(new StateChange(NodeStatus.ONLINE, NodeStatus.BUSY, T1, true, true));
  }

  @Test
  void aLostCompareAndSetMakesTheNextChangeStartFromTheStoredStatus() {
    KnownNodeState state = new KnownNodeState(NodeStatus.ONLINE, null);
    state.changeFor(new HeartbeatReport(NodeStatus.BUSY, false, null, null));
    state.storedStatusIs(NodeStatus.FAULTED);
    StateChange change = state.changeFor(new HeartbeatReport(NodeStatus.BUSY, false, null, null));
    assertThat(change.from()).isEqualTo(NodeStatus.FAULTED);
    assertThat(change.statusChanged()).isTrue();
  }

  @Test
  void stateWritesRunOneAfterAnotherEvenWhenOneFails() {
    KnownNodeState state = new KnownNodeState(NodeStatus.ONLINE, null);
    List<String> started = new ArrayList<>();
    Promise<Void> first = Promise.promise();
    Promise<Void> second = Promise.promise();
    Future<Void> f1 = state.afterEarlierWrites(() -> {
      started.add("first");
      return first.future();
    });
    Future<Void> f2 = state.afterEarlierWrites(() -> {
      started.add("second");
      return second.future();
    });
    Future<Void> f3 = state.afterEarlierWrites(() -> {
      started.add("third");
      return Future.succeededFuture();
    });
    assertThat(started).containsExactly("first");
    first.fail("storage down");
    assertThat(f1.failed()).isTrue();
    assertThat(started).containsExactly("first", "second");
    assertThat(f3.isComplete()).isFalse();
    second.complete();
    assertThat(started).containsExactly("first", "second", "third");
    assertThat(f2.succeeded()).isTrue();
    assertThat(f3.succeeded()).isTrue();
  }
}
