package org.openastro.app;

import static org.openastro.config.Parsers.oneOf;

import io.vertx.core.transport.Transport;
import java.util.List;
import org.openastro.config.Setting;

/**
 * The Netty transport under every Vert.x socket of the process (MQTT, HTTP, clustered event bus).
 * With one small message per read and per write on thousands of connections, the kernel's work per
 * message dominates; io_uring and epoll cost less of it than the JDK's NIO selector (on this kind of
 * machine: 27, 36 and 42 us of CPU per MQTT publish round trip, docs/BENCHMARKS.md "transport floor").
 */
enum NetworkTransport {
  /** io_uring where the kernel and the container's seccomp profile allow it, else epoll, else NIO. */
  AUTO,
  IO_URING,
  EPOLL,
  NIO;

  static final Setting<NetworkTransport> SETTING = Setting.of("NETWORK_TRANSPORT", "auto",
      "Netty transport for all sockets: auto (io_uring, else epoll, else nio), io_uring, epoll or nio;"
          + " a named one that this machine cannot run fails at start-up", oneOf(NetworkTransport.class));

  /** The Vert.x transport to run on; for a named one that is unavailable, why. */
  Transport resolve() {
    if (this == AUTO) {
      return List.of(Transport.IO_URING, Transport.EPOLL).stream().filter(Transport::available).findFirst()
          .orElse(Transport.NIO);
    }
    Transport transport = switch (this) {
      case IO_URING -> Transport.IO_URING;
      case EPOLL -> Transport.EPOLL;
      default -> Transport.NIO;
    };
    if (!transport.available()) {
      throw new IllegalStateException("NETWORK_TRANSPORT=" + name().toLowerCase(java.util.Locale.ROOT)
          + " is not available on this machine (" + transport.unavailabilityCause()
          + "); use auto, epoll or nio", transport.unavailabilityCause());
    }
    return transport;
  }
}
