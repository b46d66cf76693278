package org.openastro.app;

import java.util.List;
import org.openastro.alerts.AlertSettings;
import org.openastro.alerts.TilingSettings;
import org.openastro.alerts.kafka.GcnKafkaSettings;
import org.openastro.api.ApiSettings;
import org.openastro.api.tls.PemKeyPair;
import org.openastro.archive.ArchiveSettings;
import org.openastro.config.Config;
import org.openastro.config.Setting;
import org.openastro.cql.CassandraSettings;
import org.openastro.gateway.GatewaySettings;
import org.openastro.gateway.console.ConsoleSettings;
import org.openastro.gateway.ingest.IngestSettings;
import org.openastro.gateway.mqtt.MqttSettings;
import org.openastro.scheduler.SchedulerSettings;
import org.openastro.stacker.StackerSettings;

/**
 * Every setting of the process, in one list: validated together before anything starts (a typo
 * fails in a second, not after a node launch), and documented in the README's table.
 */
final class AllSettings {
  static final List<Setting<?>> ALL = concat(concat(List.of(
      CassandraSettings.CONTACT_POINTS,
      CassandraSettings.PORT,
      CassandraSettings.LOCAL_DC,
      CassandraSettings.KEYSPACE_NAME,
      CassandraSettings.USERNAME,
      CassandraSettings.PASSWORD,
      CassandraSettings.TLS,
      CassandraSettings.TLS_TRUSTSTORE_PATH,
      CassandraSettings.TLS_TRUSTSTORE_PASSWORD,
      CassandraSettings.TLS_HOSTNAME_VALIDATION,
      CassandraSettings.REPLICATION,
      CassandraSettings.REQUEST_TIMEOUT,
      CassandraSettings.SCHEMA_TIMEOUT,
      CassandraSettings.CONNECTIONS_PER_HOST,
      CassandraSettings.MAX_CONCURRENT_REQUESTS,
      CassandraSettings.MAX_QUEUED_REQUESTS,
      LocalNodeSettings.DATA_DIR,
      LocalNodeSettings.STORAGE_PORT,
      LocalNodeSettings.HEAP_MB,
      LocalNodeSettings.START_TIMEOUT,
      ShutdownSettings.GRACE,
      NetworkTransport.SETTING),
      concat(concat(ApiSettings.ALL, GatewaySettings.ALL), concat(MqttSettings.ALL, concat(IngestSettings.ALL, ConsoleSettings.ALL)))), concat(concat(SchedulerSettings.ALL, ClusterSettings.ALL),
      concat(concat(ArchiveSettings.ALL, StackerSettings.ALL), concat(concat(AlertSettings.ALL, TilingSettings.ALL), GcnKafkaSettings.ALL))));

  private AllSettings() {}

  private static List<Setting<?>> concat(List<Setting<?>> first, List<Setting<?>> second) {
    List<Setting<?>> all = new java.util.ArrayList<>(first);
    all.addAll(second);
    return List.copyOf(all);
  }

  /** Parses every setting, and checks the pairs set together; throws the first ConfigException. */
  static void validate(Config config) {
    for (Setting<?> setting : ALL) {
      config.get(setting);
    }
    // a certificate without its key (or the reverse) is found here, not after a node launch
    PemKeyPair.from(config, ApiSettings.HTTP_TLS_CERT_PATH, ApiSettings.HTTP_TLS_KEY_PATH);
    PemKeyPair.from(config, GatewaySettings.MQTT_TLS_CERT_PATH, GatewaySettings.MQTT_TLS_KEY_PATH);
  }
}
