package org.openastro.chaos;

import java.nio.file.Path;
import java.time.Duration;

/**
 * What one chaos run is told.
 *
 * @param workDirectory Cassandra data, logs and the simulator's ledger go under it (emptied first)
 * @param appJar the run command's jar (gateways and schedulers run it)
 * @param simulatorJar the node simulator's jar
 * @param nodes simulated telescopes, spread over both gateways
 * @param missions missions the simulator creates once its nodes are up
 * @param missionExposure exposure each asks for
 * @param exposureSpeed simulated seconds of exposure per real second
 * @param faultShare share of simulated nodes that fail mid-task once and come back
 * @param faultDuration how long such a node stays away (longer than the fault window, so it is FAULTED)
 * @param settle load time before the first kill and after each recovery
 * @param cassandraHeapMb heap of each Cassandra node
 * @param missionsTimeout longest wait for every mission to complete after the last kill
 */
record ChaosOptions(Path workDirectory, Path appJar, Path simulatorJar, int nodes, int missions,
    Duration missionExposure, double exposureSpeed, double faultShare, Duration faultDuration, Duration settle,
    int cassandraHeapMb, Duration missionsTimeout) {

  /** The server's heartbeat interval; three missed make a node FAULTED (a 15 s window). */
  static final Duration SERVER_HEARTBEAT_INTERVAL = Duration.ofSeconds(5);
  static final int MISSED_HEARTBEATS = 3;
  static final Duration SCHEDULER_FAILOVER = Duration.ofSeconds(8);
  /** The simulated nodes beat a little faster than the server expects, as real ones should. */
  static final Duration NODE_HEARTBEAT_INTERVAL = Duration.ofSeconds(4);

  ChaosOptions {
    if (nodes < 1 || missions < 1) {
      throw new IllegalArgumentException("--nodes and --missions must be at least 1");
    }
    if (faultShare < 0 || faultShare > 1) {
      throw new IllegalArgumentException("--fault-share must be between 0 and 1");
    }
  }

  /** How long a silent node may go unnoticed: the window plus one interval of detection lag. */
  static Duration faultWindow() {
    return SERVER_HEARTBEAT_INTERVAL.multipliedBy(MISSED_HEARTBEATS);
  }
}
