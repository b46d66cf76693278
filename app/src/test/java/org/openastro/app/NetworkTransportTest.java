package org.openastro.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.transport.Transport;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openastro.config.Config;
import org.openastro.config.ConfigException;

class NetworkTransportTest {
  @Test
  void autoPicksEpollWhereAvailableElseNio() {
    Transport expected = Transport.EPOLL.available() ? Transport.EPOLL : Transport.NIO;
    assertThat(VertxSetup.transport(Config.from(Map.of()))).isSameAs(expected);
  }

  @Test
  void namedTransportsAreTakenAsNamed() {
    assertThat(VertxSetup.transport(Config.from(Map.of("NETWORK_TRANSPORT", "nio")))).isSameAs(Transport.NIO);
    if (Transport.EPOLL.available()) {
      assertThat(VertxSetup.transport(Config.from(Map.of("NETWORK_TRANSPORT", "epoll")))).isSameAs(Transport.EPOLL);
    }
    assertThat(VertxSetup.transport(Config.from(Map.of("NETWORK_TRANSPORT", "NIO")))).isSameAs(Transport.NIO);
  }

  @Test
  void anUnknownTransportIsRefusedNamingTheChoices() {
    // io_uring is not offered (see NetworkTransport): refused like any value it does not know.
    assertThatThrownBy(() -> VertxSetup.transport(Config.from(Map.of("NETWORK_TRANSPORT", "io_uring"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("NETWORK_TRANSPORT")
        .hasMessageContaining("epoll");
  }

  @Test
  void theNativeTransportsShipWithTheApp() {
    // The jars are dependencies of the app: on Linux x86_64/aarch64 at least epoll must load.
    if (System.getProperty("os.name").startsWith("Linux")) {
      assertThat(Transport.EPOLL.available()).as("epoll: %s", Transport.EPOLL.unavailabilityCause()).isTrue();
    }
  }
}
