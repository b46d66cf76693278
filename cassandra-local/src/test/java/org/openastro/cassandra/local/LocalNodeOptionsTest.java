package org.openastro.cassandra.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LocalNodeOptionsTest {

  private final Path dir = Path.of("build-test-node");

  @Test
  void defaultsAreTheDocumentedOnes() {
    LocalNodeOptions options = LocalNodeOptions.defaults(dir);

    assertThat(options.dataDirectory()).isEqualTo(dir.toAbsolutePath().normalize());
    assertThat(options.host()).isEqualTo("127.0.0.1");
    assertThat(options.nativePort()).isEqualTo(9042);
    assertThat(options.storagePort()).isEqualTo(7000);
    assertThat(options.clusterName()).isEqualTo("openastro-local");
    assertThat(options.heapMb()).isEqualTo(1024);
    assertThat(options.startTimeout()).isEqualTo(Duration.ofSeconds(120));
    assertThat(options.stopTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(options.reuseRunningNode()).isTrue();
    assertThat(options.syncSystemTables()).isTrue();
    assertThat(options.commitLogSync()).isEqualTo(CommitLogSync.group(Duration.ofMillis(2)));
    assertThat(options.commitLogSync().durable()).isTrue();
    assertThat(options.relaunchOnExit()).isTrue();
    assertThat(options.seeds()).isEmpty();
    assertThat(options.effectiveSeeds()).isEqualTo("127.0.0.1:7000");
    assertThat(options.inCluster()).isFalse();
    assertThat(options.security()).isEqualTo(NodeSecurity.NONE);
  }

  @Test
  void securityOptionsAddUpAndKeepThePasswordOutOfToString() {
    LocalNodeOptions options = LocalNodeOptions.defaults(dir).withClientTls(Path.of("node.p12"), "s3cret")
        .withPasswordAuthentication().withFreePorts();

    assertThat(options.security().passwordAuthentication()).isTrue();
    assertThat(options.security().clientTls()).isTrue();
    assertThat(options.security().tlsKeystore()).isEqualTo(Path.of("node.p12").toAbsolutePath());
    assertThat(options.toString()).contains("passwordAuthentication=true").doesNotContain("s3cret");
    assertThatThrownBy(() -> new NodeSecurity(false, Path.of("node.p12"), null))
        .hasMessageContaining("tlsKeystorePassword");
  }

  @Test
  void freePortsMeansPortZeroAndNoReuse() {
    LocalNodeOptions options = LocalNodeOptions.defaults(dir).withFreePorts();

    assertThat(options.nativePort()).isZero();
    assertThat(options.storagePort()).isZero();
    assertThat(options.reuseRunningNode()).isFalse();
  }

  @Test
  void rejectsValuesThatCannotWork() {
    LocalNodeOptions options = LocalNodeOptions.defaults(dir);

    assertThatThrownBy(() -> options.withNativePort(70_000)).hasMessageContaining("nativePort");
    assertThatThrownBy(() -> options.withStoragePort(9042)).hasMessageContaining("must differ");
    assertThatThrownBy(() -> options.withHeapMb(64)).hasMessageContaining("heapMb");
    assertThatThrownBy(() -> options.withStartTimeout(Duration.ZERO)).hasMessageContaining("startTimeout");
    assertThatThrownBy(() -> options.withClusterName(" ")).hasMessageContaining("clusterName");
    assertThatThrownBy(() -> options.withCommitLogSync(null)).hasMessageContaining("commitLogSync");
    assertThatThrownBy(() -> CommitLogSync.group(Duration.ZERO)).hasMessageContaining("at least 1 ms");
    assertThatThrownBy(() -> CommitLogSync.periodic(Duration.ofNanos(10))).hasMessageContaining("at least 1 ms");
  }

  @Test
  void concretePortsAreDistinctAndKeepGivenOnes() {
    LocalNodeOptions free = NodeLauncher.withConcretePorts(LocalNodeOptions.defaults(dir).withFreePorts());
    assertThat(free.nativePort()).isPositive().isNotEqualTo(free.storagePort());
    assertThat(free.storagePort()).isPositive();

    LocalNodeOptions given = NodeLauncher.withConcretePorts(LocalNodeOptions.defaults(dir).withStoragePort(0));
    assertThat(given.nativePort()).isEqualTo(9042);
    assertThat(given.storagePort()).isPositive().isNotEqualTo(9042);
  }
}
