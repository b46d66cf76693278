package org.openastro.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The chaos run, small: 100 simulated nodes, 10 missions, one SIGKILL of each kind (a Cassandra
 * node of three, a gateway of two, a scheduler of two) on the real jars. Nothing acknowledged is
 * lost, nobody is falsely FAULTED, every mission completes, and faults are still detected after
 * the scheduler kill.
 *
 * <p>Three Cassandra nodes and four OpenAstro JVMs on two cores take about ten minutes, so it runs
 * only when asked (after the jars are built): {@code mvn -B verify -pl chaos -am
 * -Dtest=ChaosIT -Dsurefire.failIfNoSpecifiedTests=false -Dopenastro.it.chaos=true}.
 */
@EnabledIfSystemProperty(named = "openastro.it.chaos", matches = "true")
class ChaosIT {

  @Test
  void oneKillOfEachKindLosesNothing() throws Exception {
    ChaosOptions options = new ChaosOptions(Path.of("target", "chaos-it"), Main.jar(null, "app/target/openastro.jar"),
        Main.jar(null, "simulator/target/simulator.jar"), 100, 10, Duration.ofHours(8), 20, 0.05,
        Duration.ofSeconds(30), Duration.ofSeconds(20), 640, Duration.ofMinutes(10));
    ChaosReport report = new ChaosRun(options, System.out).run();
    String text = report.render();
    System.out.println(text);

    assertThat(report.kills()).extracting(ChaosReport.Kill::what)
        .containsExactly("cassandra 127.0.0.3", "gateway-1", "scheduler-1");
    assertThat(report.heartbeatsAcked()).as(text).isGreaterThan(1_000);
    assertThat(report.heartbeatsMissing()).as(text).isZero();
    assertThat(report.tasksWithProgress()).as(text).isPositive();
    assertThat(report.progressMissing()).as(text).isZero();
    assertThat(report.falselyFaulted()).as(text).isEmpty();
    assertThat(report.missionsComplete()).as(text).isEqualTo(10);
    assertThat(report.simulatedFaultsSeen()).as(text).isEqualTo(report.simulatedFaults());
    assertThat(report.probeDelaysMs()).as(text).isNotEmpty()
        .allSatisfy(d -> assertThat(d).isBetween(0L, report.detectionGoalMs()));
    assertThat(report.goalsHeld()).as(text).isTrue();
  }
}
