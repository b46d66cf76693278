package org.openastro.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TestNodeSettingsTest {

  @Test
  void autoIsTheDefault() {
    TestNodeSettings settings = TestNodeSettings.from(name -> null);

    assertThat(settings.route()).isEqualTo(TestNodeRoute.AUTO);
    assertThat(settings.externalContactPoint()).isEmpty();
    assertThat(settings.externalDatacenter()).isEqualTo("datacenter1");
  }

  @Test
  void readsRouteContactPointAndDatacenter() {
    Map<String, String> values = Map.of(
        "OPENASTRO_TEST_CASSANDRA", " External ",
        "OPENASTRO_TEST_CASSANDRA_CONTACT_POINT", "127.0.0.1:19042",
        "OPENASTRO_TEST_CASSANDRA_DC", "dc-east");
    TestNodeSettings settings = TestNodeSettings.from(values::get);

    assertThat(settings.route()).isEqualTo(TestNodeRoute.EXTERNAL);
    assertThat(settings.externalContactPoint()).contains(new InetSocketAddress("127.0.0.1", 19042));
    assertThat(settings.externalDatacenter()).isEqualTo("dc-east");
  }

  @Test
  void contactPointsMayOmitThePortOrBeIpv6() {
    assertThat(TestNodeSettings.hostAndPort("127.0.0.1")).isEqualTo(new InetSocketAddress("127.0.0.1", 9042));
    assertThat(TestNodeSettings.hostAndPort("[::1]:9142")).isEqualTo(new InetSocketAddress("::1", 9142));
  }

  @Test
  void rejectsUnknownRoutesAndBadPorts() {
    assertThatThrownBy(() -> TestNodeRoute.parse("podman")).hasMessageContaining("auto, local, docker, external");
    assertThatThrownBy(() -> TestNodeSettings.hostAndPort("host:port")).hasMessageContaining("host:port");
  }

  @Test
  void externalRouteWithoutContactPointSaysWhatIsMissing() {
    TestNodeSettings settings = TestNodeSettings.from(Map.of("OPENASTRO_TEST_CASSANDRA", "external")::get);

    assertThatThrownBy(() -> ExternalTestNodes.use(settings))
        .hasMessageContaining("OPENASTRO_TEST_CASSANDRA_CONTACT_POINT");
  }
}
