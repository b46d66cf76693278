package org.openastro.testsupport;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.cassandra.CassandraContainer;
import org.testcontainers.utility.DockerImageName;

/** The route with Docker: Testcontainers' Cassandra module. */
final class DockerTestNodes {

  private static final Logger LOG = LoggerFactory.getLogger(DockerTestNodes.class);
  static final String IMAGE = "cassandra:5.0.6";
  /**
   * Testcontainers answers quickly when there is no engine at all, but a half-configured one (a
   * docker client, a DOCKER_HOST nobody listens on) must not hold up the test run.
   */
  static final Duration AVAILABILITY_TIMEOUT = Duration.ofSeconds(20);

  private DockerTestNodes() {
  }

  /** False also when the check itself fails or takes longer than {@link #AVAILABILITY_TIMEOUT}. */
  static boolean dockerAvailable() {
    FutureTask<Boolean> check = new FutureTask<>(() -> DockerClientFactory.instance().isDockerAvailable());
    Thread thread = new Thread(check, "openastro-docker-check");
    thread.setDaemon(true);
    thread.start();
    try {
      return check.get(AVAILABILITY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      LOG.warn("No answer from Docker within {} s: treating it as unavailable", AVAILABILITY_TIMEOUT.toSeconds());
      check.cancel(true);
      return false;
    } catch (ExecutionException | RuntimeException | LinkageError e) {
      LOG.warn("Cannot tell whether Docker is available ({}): treating it as unavailable", e.toString());
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  @SuppressWarnings("resource") // stopped by the StartedTestNode
  static StartedTestNode start(String why) {
    CassandraContainer container = new CassandraContainer(DockerImageName.parse(IMAGE));
    container.start();
    CassandraTestNode node = new CassandraTestNode(container.getContactPoint(), container.getLocalDatacenter(),
        "container " + container.getContainerName() + " (" + IMAGE + ")");
    LOG.info("Cassandra for tests: Docker container ({}) {} at {}, datacenter {}",
        why, IMAGE, container.getContactPoint(), container.getLocalDatacenter());
    return new StartedTestNode(node, container::stop);
  }
}
