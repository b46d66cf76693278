package org.openastro.alerts.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openastro.config.Config;
import org.openastro.config.ConfigException;

/** Settings -> Kafka client properties, without a broker. */
class GcnKafkaConfigTest {

  @Test
  void unsetBootstrapServersMeansNoConsumer() {
    Config config = Config.from(Map.of());
    assertThat(GcnKafkaConfig.from(config)).isNull();
    assertThat(GcnKafkaVerticle.enabled(config)).isFalse();
  }

  @Test
  void gcnDefaultsAreOidcClientCredentialsWithManualCommits() {
    GcnKafkaConfig c = GcnKafkaConfig.from(Config.from(Map.of(
        "GCN_KAFKA_BOOTSTRAP_SERVERS", "kafka.gcn.nasa.gov:9092",
        "GCN_KAFKA_CLIENT_ID", "abc123",
        "GCN_KAFKA_CLIENT_SECRET", "s3cr\"et")));
    assertThat(c.topics()).containsExactly("gcn.notices.swift.bat.guano", "gcn.notices.einstein_probe.wxt.alert",
        "gcn.notices.icecube.lvk_nu_track_search", "igwn.gwalert", "gcn.classic.voevent.SWIFT_BAT_GRB_POS_ACK",
        "gcn.classic.voevent.FERMI_GBM_FLT_POS", "gcn.classic.voevent.FERMI_GBM_GND_POS",
        "gcn.classic.voevent.FERMI_GBM_FIN_POS");
    Map<String, Object> p = c.consumerProperties();
    assertThat(p).containsEntry("bootstrap.servers", "kafka.gcn.nasa.gov:9092")
        .containsEntry("group.id", "openastro-scheduler")
        .containsEntry("enable.auto.commit", "false")
        .containsEntry("auto.offset.reset", "latest")
        .containsEntry("security.protocol", "SASL_SSL")
        .containsEntry("sasl.mechanism", "OAUTHBEARER")
        .containsEntry("sasl.login.callback.handler.class",
            "org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginCallbackHandler")
        .containsEntry("sasl.oauthbearer.token.endpoint.url", "https://auth.gcn.nasa.gov/oauth2/token")
        .containsEntry("sasl.oauthbearer.client.credentials.client.id", "abc123")
        .containsEntry("sasl.oauthbearer.client.credentials.client.secret", "s3cr\"et")
        .containsEntry("sasl.jaas.config", "org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule required;");
    assertThat(c.toString()).doesNotContain("s3cr");
  }

  @Test
  void everyPropertyIsOneTheKafkaClientKnows() {
    GcnKafkaConfig c = GcnKafkaConfig.from(Config.from(Map.of(
        "GCN_KAFKA_BOOTSTRAP_SERVERS", "a:9092", "GCN_KAFKA_CLIENT_ID", "id", "GCN_KAFKA_CLIENT_SECRET", "x")));
    assertThat(org.apache.kafka.clients.consumer.ConsumerConfig.configNames())
        .containsAll(c.consumerProperties().keySet());
  }

  @Test
  void oidcWithoutCredentialsIsRefusedAtStartUp() {
    assertThatThrownBy(() -> GcnKafkaConfig.from(Config.from(Map.of("GCN_KAFKA_BOOTSTRAP_SERVERS", "b:9092"))))
        .isInstanceOf(ConfigException.class).hasMessageContaining("GCN_KAFKA_CLIENT_ID");
  }

  @Test
  void saslPlainForAPrivateBrokerQuotesTheJaasValues() {
    GcnKafkaConfig c = GcnKafkaConfig.from(Config.from(Map.of(
        "GCN_KAFKA_BOOTSTRAP_SERVERS", "k1:9093,k2:9093",
        "GCN_KAFKA_SECURITY", "sasl_plain",
        "GCN_KAFKA_USERNAME", "astro",
        "GCN_KAFKA_PASSWORD", "pa\\ss\"word",
        "GCN_KAFKA_GROUP_ID", "observatory-7",
        "GCN_KAFKA_OFFSET_RESET", "earliest")));
    assertThat(c.consumerProperties()).containsEntry("bootstrap.servers", "k1:9093,k2:9093")
        .containsEntry("security.protocol", "SASL_SSL")
        .containsEntry("sasl.mechanism", "PLAIN")
        .containsEntry("group.id", "observatory-7")
        .containsEntry("auto.offset.reset", "earliest")
        .containsEntry("sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required"
            + " username=\"astro\" password=\"pa\\\\ss\\\"word\";");
    assertThat(c.allowedUrlsWith(null)).isNull();
    assertThatThrownBy(() -> GcnKafkaConfig.from(Config.from(Map.of("GCN_KAFKA_BOOTSTRAP_SERVERS", "b:1",
        "GCN_KAFKA_SECURITY", "sasl_plain", "GCN_KAFKA_USERNAME", "u")))).hasMessageContaining("GCN_KAFKA_PASSWORD");
  }

  @Test
  void plaintextHasNoSaslAtAll() {
    GcnKafkaConfig c = GcnKafkaConfig.from(Config.from(Map.of(
        "GCN_KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:29092", "GCN_KAFKA_SECURITY", "plaintext",
        "GCN_KAFKA_TOPICS", "gcn.notices.swift.bat.guano, my.topic")));
    assertThat(c.consumerProperties()).containsEntry("security.protocol", "PLAINTEXT")
        .doesNotContainKeys("sasl.mechanism", "sasl.jaas.config");
    assertThat(c.topics()).containsExactly("gcn.notices.swift.bat.guano", "my.topic");
  }

  @Test
  void theTokenUrlIsAddedToTheJvmsAllowedList() {
    GcnKafkaConfig c = GcnKafkaConfig.from(Config.from(Map.of("GCN_KAFKA_BOOTSTRAP_SERVERS", "b:9092",
        "GCN_KAFKA_CLIENT_ID", "id", "GCN_KAFKA_CLIENT_SECRET", "x")));
    assertThat(c.allowedUrlsWith(null)).isEqualTo("https://auth.gcn.nasa.gov/oauth2/token");
    assertThat(c.allowedUrlsWith("https://other/token")).isEqualTo("https://other/token,https://auth.gcn.nasa.gov/oauth2/token");
    assertThat(c.allowedUrlsWith("https://auth.gcn.nasa.gov/oauth2/token")).isNull();
  }

  @Test
  void badValuesAreRefusedByName() {
    assertThatThrownBy(() -> Config.from(Map.of("GCN_KAFKA_BOOTSTRAP_SERVERS", "nohostport")).get(GcnKafkaSettings.BOOTSTRAP_SERVERS))
        .hasMessageContaining("GCN_KAFKA_BOOTSTRAP_SERVERS");
    assertThatThrownBy(() -> Config.from(Map.of("GCN_KAFKA_TOPICS", "bad topic")).get(GcnKafkaSettings.TOPICS))
        .hasMessageContaining("GCN_KAFKA_TOPICS");
    assertThatThrownBy(() -> Config.from(Map.of("GCN_KAFKA_SECURITY", "kerberos")).get(GcnKafkaSettings.SECURITY))
        .hasMessageContaining("GCN_KAFKA_SECURITY");
    assertThatThrownBy(() -> Config.from(Map.of("GCN_KAFKA_TOKEN_URL", "ftp://x/y")).get(GcnKafkaSettings.TOKEN_URL))
        .hasMessageContaining("GCN_KAFKA_TOKEN_URL");
    assertThatThrownBy(() -> Config.from(Map.of("GCN_KAFKA_OFFSET_RESET", "none")).get(GcnKafkaSettings.OFFSET_RESET))
        .hasMessageContaining("GCN_KAFKA_OFFSET_RESET");
  }

  @Test
  void contentTypeFollowsTheTopic() {
    assertThat(GcnKafkaConfig.contentTypeOf("gcn.classic.voevent.FERMI_GBM_GND_POS")).isEqualTo("application/xml");
    assertThat(GcnKafkaConfig.contentTypeOf("gcn.notices.swift.bat.guano")).isEqualTo("application/json");
  }
}
