package org.openastro.cassandra.local;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The log lines are Cassandra 5.0.6's own, seen when a port was taken. */
class PortClashDetectionTest {

  private static final String STORAGE_CLASH = "org.apache.cassandra.exceptions.ConfigurationException: "
      + "/127.0.0.1:41797 is in use by another process.  Change listen_address:storage_port in cassandra.yaml"
      + " to values that do not conflict with other services";
  private static final String NATIVE_CLASH = "java.lang.IllegalStateException: Failed to bind port 39179 on 127.0.0.1.";

  @Test
  void recognisesBothKindsOfClash() {
    assertThat(NodeLauncher.PortInUseException.isPortClash(STORAGE_CLASH)).isTrue();
    assertThat(NodeLauncher.PortInUseException.isPortClash(NATIVE_CLASH)).isTrue();
    assertThat(NodeLauncher.PortInUseException.isPortClash("Fatal configuration error")).isFalse();
  }

  @Test
  void tellsWhichPortClashed() {
    var storage = new NodeLauncher.PortInUseException(STORAGE_CLASH);
    var nativePort = new NodeLauncher.PortInUseException(NATIVE_CLASH);

    assertThat(storage.concerns(41797)).isTrue();
    assertThat(storage.concerns(4179)).isFalse();
    assertThat(nativePort.concerns(39179)).isTrue();
    assertThat(nativePort.concerns(9179)).isFalse();
  }
}
