package org.openastro.gateway.mqtt;

import java.util.UUID;

/**
 * The node topic contract, {@code openastro/v1/nodes/{node_id}/{heartbeat|progress|offline-tasks|tasks}},
 * and its access rule: a node publishes heartbeat, progress and the tasks it minted off-line under
 * its own id and subscribes to its own tasks topic, nothing else. Free of networking types, tested directly.
 */
final class NodeTopics {
  static final String PREFIX = "openastro/v1/nodes/";

  enum Kind { HEARTBEAT, PROGRESS, OFFLINE_TASK, TASKS }

  /** What a node may publish to, for error messages. */
  static final String PUBLISHABLE = "{heartbeat|progress|offline-tasks}";

  /** What a node may do with a topic it published to. */
  enum PublishVerdict {
    HEARTBEAT, PROGRESS, OFFLINE_TASK,
    /** Not a topic of the contract at all (typo, wildcard, another prefix). */
    OUTSIDE_CONTRACT,
    /** A contract topic of another node, or the gateway's own downlink topic. */
    NOT_ALLOWED
  }

  private NodeTopics() {}

  static String tasksTopic(UUID nodeId) {
    return PREFIX + nodeId + "/tasks";
  }

  static String heartbeatTopic(UUID nodeId) {
    return PREFIX + nodeId + "/heartbeat";
  }

  static PublishVerdict publish(UUID self, String topic) {
    Parsed parsed = parse(topic);
    if (parsed == null) {
      return PublishVerdict.OUTSIDE_CONTRACT;
    }
    if (!parsed.nodeId().equals(self) || parsed.kind() == Kind.TASKS) {
      return PublishVerdict.NOT_ALLOWED;
    }
    return switch (parsed.kind()) {
      case HEARTBEAT -> PublishVerdict.HEARTBEAT;
      case PROGRESS -> PublishVerdict.PROGRESS;
      case OFFLINE_TASK -> PublishVerdict.OFFLINE_TASK;
      case TASKS -> PublishVerdict.NOT_ALLOWED;
    };
  }

  /** Only the node's own tasks topic, literally (no wildcards: they could reach other nodes). */
  static boolean maySubscribe(UUID self, String filter) {
    return tasksTopic(self).equals(filter);
  }

  record Parsed(UUID nodeId, Kind kind) {}

  /** The topic's node and kind, or null when it is not a topic of the contract. */
  static Parsed parse(String topic) {
    if (topic == null || !topic.startsWith(PREFIX)) {
      return null;
    }
    String rest = topic.substring(PREFIX.length());
    int slash = rest.indexOf('/');
    if (slash != 36) {
      return null;
    }
    UUID nodeId;
    try {
      nodeId = UUID.fromString(rest.substring(0, slash));
    } catch (IllegalArgumentException e) {
      return null;
    }
    if (!nodeId.toString().equals(rest.substring(0, slash).toLowerCase(java.util.Locale.ROOT))) {
      return null;
    }
    return switch (rest.substring(slash + 1)) {
      case "heartbeat" -> new Parsed(nodeId, Kind.HEARTBEAT);
      case "progress" -> new Parsed(nodeId, Kind.PROGRESS);
      case "offline-tasks" -> new Parsed(nodeId, Kind.OFFLINE_TASK);
      case "tasks" -> new Parsed(nodeId, Kind.TASKS);
      default -> null;
    };
  }
}
