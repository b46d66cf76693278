package org.openastro.cassandra.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/**
 * Picks TCP ports that are free on a host right now (the OS chooses them). There is a short window
 * between picking and the node binding them; a clash shows up as an early exit of the node.
 */
final class FreePort {

  private FreePort() {
  }

  /** {@code count} distinct free ports: all sockets stay open until every port is picked. */
  static List<Integer> pick(String host, int count) {
    List<ServerSocket> sockets = new ArrayList<>();
    try {
      InetAddress address = InetAddress.getByName(host);
      for (int i = 0; i < count; i++) {
        sockets.add(new ServerSocket(0, 1, address));
      }
      return sockets.stream().map(ServerSocket::getLocalPort).toList();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot find a free port on " + host, e);
    } finally {
      for (ServerSocket socket : sockets) {
        try {
          socket.close();
        } catch (IOException ignored) {
          // Only probing: nothing to do if closing fails.
        }
      }
    }
  }
}
