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

  /** How many times {@link #pickOnAll} tries ports picked on the first host before giving up. */
  static final int ATTEMPTS_ON_ALL = 20;

  /**
   * {@code count} distinct ports free on every one of {@code hosts} (e.g. 127.0.0.1-3 for nodes that
   * use the same ports on each address): picked on the first host, checked on the others.
   */
  static List<Integer> pickOnAll(List<String> hosts, int count) {
    for (int attempt = 0; attempt < ATTEMPTS_ON_ALL; attempt++) {
      List<Integer> ports = pick(hosts.get(0), count);
      if (hosts.stream().skip(1).allMatch(host -> ports.stream().allMatch(port -> isFree(host, port)))) {
        return ports;
      }
    }
    throw new LocalNodeException("Found no " + count + " ports free on every one of " + hosts
        + " in " + ATTEMPTS_ON_ALL + " attempts");
  }

  static boolean isFree(String host, int port) {
    try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getByName(host))) {
      return true;
    } catch (IOException e) {
      return false;
    }
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
