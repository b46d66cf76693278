package org.openastro.app;

import static org.openastro.config.Parsers.bool;
import static org.openastro.config.Parsers.durationAtLeast;
import static org.openastro.config.Parsers.hostPorts;
import static org.openastro.config.Parsers.port;
import static org.openastro.config.Parsers.text;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.openastro.config.Setting;

/**
 * Clustered mode (a Hazelcast cluster carrying the Vert.x event bus between processes) and which
 * parts this process runs. Off by default: one process, gateway and scheduler, as the run command.
 */
final class ClusterSettings {
  static final Setting<Boolean> ENABLED = Setting.of("CLUSTER_ENABLED", "false",
      "join a Hazelcast cluster and share the Vert.x event bus with the other processes", bool());

  static final Setting<String> HOST = Setting.of("CLUSTER_HOST", null,
      "address this process binds and announces to the other members (Hazelcast and the event bus);"
          + " unset = Hazelcast picks a non-loopback interface, which in a pod is the pod IP", text());

  static final Setting<Integer> PORT = Setting.of("CLUSTER_PORT", "5701",
      "Hazelcast member port", port());

  static final Setting<Integer> EVENT_BUS_PORT = Setting.of("CLUSTER_EVENT_BUS_PORT", "0",
      "port of the clustered event bus (0 = any free port)", port());

  static final Setting<List<InetSocketAddress>> MEMBERS = Setting.of("CLUSTER_MEMBERS", null,
      "host[:port],... of members to join over TCP/IP (port default 5701); unset = no TCP/IP join",
      hostPorts(5701));

  static final Setting<String> KUBERNETES_SERVICE_DNS = Setting.of("CLUSTER_KUBERNETES_SERVICE_DNS", null,
      "DNS name of a headless Service listing the members (Hazelcast's Kubernetes DNS discovery);"
          + " unset = none", text());

  static final Setting<Duration> FAILURE_TIMEOUT = Setting.of("CLUSTER_FAILURE_TIMEOUT", "15s",
      "a member that sends no Hazelcast heartbeat for this long is dropped from the cluster",
      durationAtLeast(Duration.ofSeconds(2)));

  static final Setting<Duration> JOIN_TIMEOUT = Setting.of("CLUSTER_JOIN_TIMEOUT", "60s",
      "how long start-up waits to join the cluster before it fails", durationAtLeast(Duration.ofSeconds(1)));

  static final Setting<Set<ProcessRole>> ROLES = Setting.of("PROCESS_ROLES", "gateway,scheduler,stacker",
      "what this process runs: gateway (HTTP API and MQTT), scheduler (scheduler with health and"
          + " metrics over HTTP), stacker (the reference stacking pipeline), any of them together",
      ProcessRole::parse);

  static final List<Setting<?>> ALL = List.of(ENABLED, HOST, PORT, EVENT_BUS_PORT, MEMBERS,
      KUBERNETES_SERVICE_DNS, FAILURE_TIMEOUT, JOIN_TIMEOUT, ROLES);

  private ClusterSettings() {}
}
