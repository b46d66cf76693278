package org.openastro.app;

import static org.openastro.config.Parsers.oneOf;

import io.vertx.core.transport.Transport;
import java.util.Locale;
import org.openastro.config.Setting;

/**
 * The Netty transport under every Vert.x socket of the process (MQTT, HTTP, clustered event bus).
 * With one small message per read and per write on thousands of connections, the kernel's work per
 * message dominates, and epoll costs less of it than the JDK's NIO selector. io_uring is not
 * offered: its HTTP server closed connections under concurrent requests. Figures and the io_uring
 * finding: docs/BENCHMARKS.md, "transport floor".
 */
enum NetworkTransport {
  /** epoll where the platform has it (Linux x86_64/aarch64), else NIO. */
  AUTO,
  EPOLL,
  NIO;

  static final Setting<NetworkTransport> SETTING = Setting.of("NETWORK_TRANSPORT", "auto",
      "Netty transport for all sockets: auto (epoll, else nio), epoll or nio; epoll where this machine"
          + " cannot run it fails at start-up", oneOf(NetworkTransport.class));

  /** The Vert.x transport to run on; for a named one that is unavailable, why. */
  Transport resolve() {
    if (this == AUTO) {
      return Transport.EPOLL.available() ? Transport.EPOLL : Transport.NIO;
    }
    Transport transport = this == EPOLL ? Transport.EPOLL : Transport.NIO;
    if (!transport.available()) {
      throw new IllegalStateException("NETWORK_TRANSPORT=" + name().toLowerCase(Locale.ROOT)
          + " is not available on this machine (" + transport.unavailabilityCause() + "); use auto or nio",
          transport.unavailabilityCause());
    }
    return transport;
  }
}
