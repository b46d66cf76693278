package org.openastro.chaos;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code java -jar chaos/target/chaos.jar [options]}: see {@link ChaosRun}. Exit 0 when every goal held. */
@Command(name = "openastro-chaos", mixinStandardHelpOptions = true, sortOptions = false,
    description = "A 3-node Cassandra cluster (RF 3, LOCAL_QUORUM), 2 gateways and 2 schedulers (clustered), the "
        + "node simulator spread over both gateways; kills one Cassandra node, one gateway and one scheduler in "
        + "turn with SIGKILL, restarts each, and checks every acknowledged report row by row.")
public final class Main implements Callable<Integer> {
  @Option(names = "--work-dir", defaultValue = "target/chaos-run",
      description = "data, logs and the ledger (emptied first; default: ${DEFAULT-VALUE})")
  Path workDir;

  @Option(names = "--app-jar", description = "the run command's jar (default: app/target/openastro.jar, found from"
      + " here or the parent directory)")
  Path appJar;

  @Option(names = "--simulator-jar", description = "the simulator's jar (default: simulator/target/simulator.jar)")
  Path simulatorJar;

  @Option(names = {"-n", "--nodes"}, defaultValue = "1000", description = "simulated nodes (default: ${DEFAULT-VALUE})")
  int nodes;

  @Option(names = "--missions", defaultValue = "100", description = "missions (default: ${DEFAULT-VALUE})")
  int missions;

  @Option(names = "--mission-exposure-hours", defaultValue = "24",
      description = "exposure per mission, hours (default: ${DEFAULT-VALUE})")
  int missionExposureHours;

  @Option(names = "--exposure-speed", defaultValue = "20",
      description = "simulated exposure seconds per real second (default: ${DEFAULT-VALUE})")
  double exposureSpeed;

  @Option(names = "--fault-share", defaultValue = "0.02",
      description = "share of nodes that fail mid-task once (default: ${DEFAULT-VALUE})")
  double faultShare;

  @Option(names = "--settle-seconds", defaultValue = "30",
      description = "load before the first kill and after each recovery (default: ${DEFAULT-VALUE})")
  int settleSeconds;

  @Option(names = "--cassandra-heap-mb", defaultValue = "768",
      description = "heap of each Cassandra node (default: ${DEFAULT-VALUE})")
  int cassandraHeapMb;

  @Option(names = "--report", description = "also write the report to this file")
  Path report;

  public static void main(String[] args) {
    System.exit(new CommandLine(new Main()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    ChaosOptions options = new ChaosOptions(workDir, jar(appJar, "app/target/openastro.jar"),
        jar(simulatorJar, "simulator/target/simulator.jar"), nodes, missions, Duration.ofHours(missionExposureHours),
        exposureSpeed, faultShare, Duration.ofSeconds(30), Duration.ofSeconds(settleSeconds), cassandraHeapMb,
        Duration.ofMinutes(20));
    ChaosReport result = new ChaosRun(options, System.out).run();
    String text = result.render();
    System.out.println(text);
    if (report != null) {
      Files.writeString(report, text);
    }
    return result.goalsHeld() ? 0 : 1;
  }

  /** The given jar, or the default relative to here or to the parent (when run from a module directory). */
  static Path jar(Path given, String relative) {
    if (given != null) {
      return given;
    }
    for (Path candidate : new Path[] {Path.of(relative), Path.of("..").resolve(relative)}) {
      if (Files.isRegularFile(candidate)) {
        return candidate.toAbsolutePath().normalize();
      }
    }
    throw new IllegalArgumentException(relative + " not found here or in the parent directory: build it first with"
        + " `mvn -B -q -DskipTests -pl chaos -am package`, or name it with --app-jar / --simulator-jar");
  }
}
