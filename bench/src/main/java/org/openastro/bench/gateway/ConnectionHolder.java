package org.openastro.bench.gateway;

import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.openastro.bench.gateway.MqttNodes.ConnectResult;
import org.openastro.bench.gateway.MqttNodes.Credentials;

/**
 * The client side of the connection benchmark, in its own JVM so that the gateway's heap holds
 * only the gateway's side of each connection. Started by {@link IngestBenchmark}; talks over
 * stdin/stdout, one line per command or answer:
 *
 * <pre>
 *   args: host port credentialsFile connectConcurrency
 *   out:  CONNECTED ok failed millis [first error]
 *   in:   reconnect   → out: RECONNECTED ok failed millis (disconnect all, connect all again)
 *   in:   close       → out: CLOSED, and the JVM exits (also on end of stdin)
 * </pre>
 *
 * The credentials file has one {@code node_id secret} pair a line.
 */
public final class ConnectionHolder {
  private ConnectionHolder() {}

  public static void main(String[] args) throws Exception {
    IngestBenchmark.quietLogging();
    String host = args[0];
    int port = Integer.parseInt(args[1]);
    List<Credentials> nodes = new ArrayList<>();
    for (String line : Files.readAllLines(Path.of(args[2]))) {
      String[] parts = line.trim().split(" ");
      if (parts.length == 2) {
        nodes.add(new Credentials(parts[0], parts[1]));
      }
    }
    int concurrency = Integer.parseInt(args[3]);
    List<Mqtt5AsyncClient> clients = build(nodes, host, port);
    ConnectResult first = MqttNodes.connectAll(clients, nodes, concurrency);
    System.out.println("CONNECTED " + first.connected() + " " + first.failed() + " " + first.millis()
        + (first.firstError() == null ? "" : " " + first.firstError()));
    System.out.flush();
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    String command;
    while ((command = in.readLine()) != null) {
      if (command.equals("reconnect")) {
        MqttNodes.disconnectAll(clients);
        clients = build(nodes, host, port);
        ConnectResult again = MqttNodes.connectAll(clients, nodes, concurrency);
        System.out.println("RECONNECTED " + again.connected() + " " + again.failed() + " " + again.millis()
            + (again.firstError() == null ? "" : " " + again.firstError()));
        System.out.flush();
      } else if (command.equals("close")) {
        break;
      }
    }
    MqttNodes.disconnectAll(clients);
    System.out.println("CLOSED");
    System.out.flush();
    System.exit(0);
  }

  private static List<Mqtt5AsyncClient> build(List<Credentials> nodes, String host, int port) {
    List<Mqtt5AsyncClient> clients = new ArrayList<>(nodes.size());
    for (int i = 0; i < nodes.size(); i++) {
      clients.add(MqttNodes.client(nodes.get(i), host, port, i));
    }
    return clients;
  }
}
