package org.openastro.gateway.mqtt;

import static org.openastro.config.Parsers.intBetween;

import java.util.List;
import org.openastro.config.Setting;

/** Settings of the MQTT server beyond the endpoints in GatewaySettings. */
public final class MqttSettings {
  public static final Setting<Integer> MQTT_INSTANCES = Setting.of("MQTT_INSTANCES", "0",
      "MQTT listener instances, each on its own event loop sharing the MQTT ports (0 = one per CPU core)",
      intBetween(0, 256));

  public static final List<Setting<?>> ALL = List.of(MQTT_INSTANCES);

  private MqttSettings() {}

  /** The configured instance count, 0 resolved to the number of cores. */
  static int instances(int configured) {
    return configured > 0 ? configured : Math.max(1, Runtime.getRuntime().availableProcessors());
  }
}
