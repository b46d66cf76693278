package org.openastro.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LifecycleHandler;
import io.fabric8.kubernetes.api.model.Probe;
import java.util.List;
import java.util.Optional;

/** Small shared look-ups on containers: ports by name or number, preStop pauses. */
final class Checks {
  private Checks() {}

  static List<ContainerPort> ports(Container container) {
    return container.getPorts() == null ? List.of() : container.getPorts();
  }

  static Optional<ContainerPort> port(Container container, String name) {
    return ports(container).stream().filter(p -> name.equals(p.getName())).findFirst();
  }

  /** The container port a probe or Service targetPort means: by name, or by number. */
  static Optional<ContainerPort> resolve(Container container, IntOrString port) {
    if (port == null) {
      return Optional.empty();
    }
    if (port.getStrVal() != null) {
      return port(container, port.getStrVal());
    }
    return ports(container).stream().filter(p -> p.getContainerPort().equals(port.getIntVal())).findFirst();
  }

  /**
   * The HTTP GET path, port and scheme of a probe; fails when the probe is missing or not an HTTP
   * GET. The scheme must be the listener's: a plain probe of an HTTPS port fails every time.
   */
  static void assertHttpGet(String what, Probe probe, Container container, String path, int httpPort,
      boolean https) {
    assertThat(probe).as("%s", what).isNotNull();
    assertThat(probe.getHttpGet()).as("%s is an HTTP GET", what).isNotNull();
    assertThat(probe.getHttpGet().getPath()).as("%s path", what).isEqualTo(path);
    String scheme = probe.getHttpGet().getScheme() == null ? "HTTP" : probe.getHttpGet().getScheme();
    assertThat(scheme).as("%s scheme (HTTP_TLS_CERT_PATH %s)", what, https ? "set" : "unset")
        .isEqualTo(https ? "HTTPS" : "HTTP");
    Optional<ContainerPort> port = resolve(container, probe.getHttpGet().getPort());
    assertThat(port).as("%s port %s names a container port", what, probe.getHttpGet().getPort()).isPresent();
    assertThat(port.get().getContainerPort()).as("%s port is the HTTP port", what).isEqualTo(httpPort);
  }

  /** Seconds a preStop hook of the form {@code sleep N} pauses (0 without such a hook). */
  static long preStopSleepSeconds(Container container) {
    if (container.getLifecycle() == null || container.getLifecycle().getPreStop() == null) {
      return 0;
    }
    LifecycleHandler preStop = container.getLifecycle().getPreStop();
    if (preStop.getSleep() != null) {
      return preStop.getSleep().getSeconds();
    }
    if (preStop.getExec() != null) {
      List<String> command = preStop.getExec().getCommand();
      if (command.size() == 2 && command.get(0).endsWith("sleep")) {
        return Long.parseLong(command.get(1));
      }
    }
    return 0;
  }
}
