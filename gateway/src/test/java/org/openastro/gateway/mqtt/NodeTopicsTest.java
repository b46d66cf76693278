package org.openastro.gateway.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openastro.gateway.mqtt.NodeTopics.Kind;
import org.openastro.gateway.mqtt.NodeTopics.PublishVerdict;

class NodeTopicsTest {
  static final UUID SELF = UUID.fromString("3f2c1a4e-8b7d-4c1e-9a2b-5d6e7f809a1b");
  static final UUID OTHER = UUID.fromString("00000000-0000-4000-8000-000000000001");

  static String topic(Object id, String kind) {
    return "openastro/v1/nodes/" + id + "/" + kind;
  }

  @Test
  void ownHeartbeatAndProgressArePublishable() {
    assertThat(NodeTopics.publish(SELF, topic(SELF, "heartbeat"))).isEqualTo(PublishVerdict.HEARTBEAT);
    assertThat(NodeTopics.publish(SELF, topic(SELF, "progress"))).isEqualTo(PublishVerdict.PROGRESS);
    assertThat(NodeTopics.publish(SELF, topic(SELF, "offline-tasks"))).isEqualTo(PublishVerdict.OFFLINE_TASK);
    assertThat(NodeTopics.publish(SELF, topic(OTHER, "offline-tasks"))).isEqualTo(PublishVerdict.NOT_ALLOWED);
  }

  @Test
  void anotherNodesTopicsAndTheDownlinkTopicAreNotAllowed() {
    assertThat(NodeTopics.publish(SELF, topic(OTHER, "heartbeat"))).isEqualTo(PublishVerdict.NOT_ALLOWED);
    assertThat(NodeTopics.publish(SELF, topic(OTHER, "progress"))).isEqualTo(PublishVerdict.NOT_ALLOWED);
    // a node must not publish fake assignments, not even to itself
    assertThat(NodeTopics.publish(SELF, topic(SELF, "tasks"))).isEqualTo(PublishVerdict.NOT_ALLOWED);
    assertThat(NodeTopics.publish(SELF, topic(OTHER, "tasks"))).isEqualTo(PublishVerdict.NOT_ALLOWED);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "openastro/v1/nodes/+/heartbeat",
      "openastro/v1/nodes/#",
      "openastro/v1/nodes/" + "3f2c1a4e-8b7d-4c1e-9a2b-5d6e7f809a1b" + "/#",
      "openastro/v1/nodes/" + "3f2c1a4e-8b7d-4c1e-9a2b-5d6e7f809a1b" + "/+",
      "openastro/v1/nodes/" + "3f2c1a4e-8b7d-4c1e-9a2b-5d6e7f809a1b" + "/heartbeat/",
      "openastro/v1/nodes/" + "3f2c1a4e-8b7d-4c1e-9a2b-5d6e7f809a1b" + "/heartbeat/extra",
      "openastro/v1/nodes/" + "3f2c1a4e-8b7d-4c1e-9a2b-5d6e7f809a1b" + "/",
      "openastro/v1/nodes/" + "3f2c1a4e-8b7d-4c1e-9a2b-5d6e7f809a1b",
      "openastro/v1/nodes/" + "3f2c1a4e-8b7d-4c1e-9a2b-5d6e7f809a1b" + "/Heartbeat",
      "openastro/v1/nodes/" + "3f2c1a4e-8b7d-4c1e-9a2b-5d6e7f809a1b" + "/status",
      "/openastro/v1/nodes/" + "3f2c1a4e-8b7d-4c1e-9a2b-5d6e7f809a1b" + "/heartbeat",
      "OpenAstro/v1/nodes/" + "3f2c1a4e-8b7d-4c1e-9a2b-5d6e7f809a1b" + "/heartbeat",
      "openastro/v2/nodes/" + "3f2c1a4e-8b7d-4c1e-9a2b-5d6e7f809a1b" + "/heartbeat",
      "openastro/v1/nodes//heartbeat",
      "openastro/v1/nodes/not-a-uuid-but-thirty-six-characters/heartbeat",
      // UUID.fromString accepts this short form; the contract's id is the canonical 36-character one
      "openastro/v1/nodes/3f2c1a4e-8b7d-4c1e-9a2b-5d6e7f809a1/heartbeat",
      "openastro/v1/nodes/1-2-3-4-5/heartbeat",
      "openastro/v1/nodes/3f2c1a4e8b7d4c1e9a2b5d6e7f809a1b/heartbeat",
      "$share/g/openastro/v1/nodes/3f2c1a4e-8b7d-4c1e-9a2b-5d6e7f809a1b/heartbeat",
      ""})
  void topicsOutsideTheContractAreNamedSo(String topic) {
    assertThat(NodeTopics.parse(topic)).isNull();
    assertThat(NodeTopics.publish(SELF, topic)).isEqualTo(PublishVerdict.OUTSIDE_CONTRACT);
  }

  @Test
  void nullTopicIsOutsideTheContract() {
    assertThat(NodeTopics.publish(SELF, null)).isEqualTo(PublishVerdict.OUTSIDE_CONTRACT);
  }

  @Test
  void upperCaseIdIsTheSameNodeSoItNeitherGainsNorLosesAccess() {
    // ids are UUIDs whatever their case: an upper-case own id is the node itself, an upper-case
    // foreign id is still another node (never a way around the ACL)
    String upperSelf = SELF.toString().toUpperCase(Locale.ROOT);
    String upperOther = OTHER.toString().toUpperCase(Locale.ROOT);
    assertThat(NodeTopics.parse(topic(upperSelf, "heartbeat"))).isEqualTo(new NodeTopics.Parsed(SELF, Kind.HEARTBEAT));
    assertThat(NodeTopics.publish(SELF, topic(upperSelf, "heartbeat"))).isEqualTo(PublishVerdict.HEARTBEAT);
    assertThat(NodeTopics.publish(SELF, topic(upperOther, "progress"))).isEqualTo(PublishVerdict.NOT_ALLOWED);
  }

  @Test
  void subscribingIsAllowedToTheOwnTasksTopicLiterallyOnly() {
    assertThat(NodeTopics.tasksTopic(SELF)).isEqualTo(topic(SELF, "tasks"));
    assertThat(NodeTopics.maySubscribe(SELF, topic(SELF, "tasks"))).isTrue();

    assertThat(NodeTopics.maySubscribe(SELF, topic(OTHER, "tasks"))).isFalse();
    assertThat(NodeTopics.maySubscribe(SELF, topic("+", "tasks"))).isFalse();
    assertThat(NodeTopics.maySubscribe(SELF, "openastro/v1/nodes/#")).isFalse();
    assertThat(NodeTopics.maySubscribe(SELF, topic(SELF, "#"))).isFalse();
    assertThat(NodeTopics.maySubscribe(SELF, topic(SELF, "+"))).isFalse();
    assertThat(NodeTopics.maySubscribe(SELF, "#")).isFalse();
    assertThat(NodeTopics.maySubscribe(SELF, topic(SELF, "heartbeat"))).isFalse();
    assertThat(NodeTopics.maySubscribe(SELF, topic(SELF, "tasks") + "/")).isFalse();
    assertThat(NodeTopics.maySubscribe(SELF, "$share/g/" + topic(SELF, "tasks"))).isFalse();
    assertThat(NodeTopics.maySubscribe(SELF, topic(SELF.toString().toUpperCase(Locale.ROOT), "tasks"))).isFalse();
  }
}
