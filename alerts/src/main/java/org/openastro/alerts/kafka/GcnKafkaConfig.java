package org.openastro.alerts.kafka;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.openastro.alerts.kafka.GcnKafkaSettings.Security;
import org.openastro.config.Config;
import org.openastro.config.ConfigException;

/**
 * The consumer's settings, checked together, and their translation into Kafka client properties.
 * Pure: no I/O, no system properties; {@link #consumerProperties()} is what the tests compare.
 */
public record GcnKafkaConfig(
    List<String> bootstrapServers,
    List<String> topics,
    String groupId,
    Security security,
    String clientId,
    String clientSecret,
    String tokenUrl,
    String username,
    String password,
    String offsetReset) {

  /** The JVM-wide list of token URLs the Kafka 4 client may call (empty by default: none). */
  public static final String ALLOWED_URLS_PROPERTY = "org.apache.kafka.sasl.oauthbearer.allowed.urls";
  static final String LOGIN_MODULE_OAUTH = "org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule";
  static final String LOGIN_HANDLER_OAUTH = "org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginCallbackHandler";
  static final String LOGIN_MODULE_PLAIN = "org.apache.kafka.common.security.plain.PlainLoginModule";

  public GcnKafkaConfig {
    Objects.requireNonNull(bootstrapServers);
    Objects.requireNonNull(topics);
    Objects.requireNonNull(groupId);
    Objects.requireNonNull(security);
  }

  /**
   * The consumer's configuration, or null when {@code GCN_KAFKA_BOOTSTRAP_SERVERS} is unset (no
   * consumer). Throws {@link ConfigException} when the chosen security lacks its credentials.
   */
  public static GcnKafkaConfig from(Config config) {
    List<String> servers = config.get(GcnKafkaSettings.BOOTSTRAP_SERVERS);
    if (servers == null) {
      return null;
    }
    Security security = config.get(GcnKafkaSettings.SECURITY);
    GcnKafkaConfig c = new GcnKafkaConfig(servers, config.get(GcnKafkaSettings.TOPICS),
        config.get(GcnKafkaSettings.GROUP_ID), security, config.get(GcnKafkaSettings.CLIENT_ID),
        config.get(GcnKafkaSettings.CLIENT_SECRET), config.get(GcnKafkaSettings.TOKEN_URL).toString(),
        config.get(GcnKafkaSettings.USERNAME), config.get(GcnKafkaSettings.PASSWORD),
        config.get(GcnKafkaSettings.OFFSET_RESET));
    if (security == Security.OIDC && (c.clientId == null || c.clientSecret == null)) {
      throw new ConfigException("GCN_KAFKA_SECURITY=oidc needs GCN_KAFKA_CLIENT_ID and GCN_KAFKA_CLIENT_SECRET"
          + " (the client credentials from gcn.nasa.gov), or set GCN_KAFKA_SECURITY=plaintext|sasl_plain for a"
          + " private broker");
    }
    if (security == Security.SASL_PLAIN && (c.username == null || c.password == null)) {
      throw new ConfigException("GCN_KAFKA_SECURITY=sasl_plain needs GCN_KAFKA_USERNAME and GCN_KAFKA_PASSWORD");
    }
    return c;
  }

  /**
   * The Kafka consumer properties: manual commits (an offset is committed only after its notice's
   * outcome is stored), raw bytes in, the security of {@link #security()}.
   */
  public Map<String, Object> consumerProperties() {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("bootstrap.servers", String.join(",", bootstrapServers));
    p.put("group.id", groupId);
    p.put("client.id", "openastro-" + groupId);
    p.put("enable.auto.commit", "false");
    p.put("auto.offset.reset", offsetReset);
    p.put("key.deserializer", "org.apache.kafka.common.serialization.ByteArrayDeserializer");
    p.put("value.deserializer", "org.apache.kafka.common.serialization.ByteArrayDeserializer");
    // Notices are small and rare; a short batch keeps the work between two polls short.
    p.put("max.poll.records", "100");
    switch (security) {
      case OIDC -> {
        p.put("security.protocol", "SASL_SSL");
        p.put("sasl.mechanism", "OAUTHBEARER");
        p.put("sasl.login.callback.handler.class", LOGIN_HANDLER_OAUTH);
        p.put("sasl.oauthbearer.token.endpoint.url", tokenUrl);
        p.put("sasl.oauthbearer.client.credentials.client.id", clientId);
        p.put("sasl.oauthbearer.client.credentials.client.secret", clientSecret);
        p.put("sasl.jaas.config", LOGIN_MODULE_OAUTH + " required;");
      }
      case SASL_PLAIN -> {
        p.put("security.protocol", "SASL_SSL");
        p.put("sasl.mechanism", "PLAIN");
        p.put("sasl.jaas.config", LOGIN_MODULE_PLAIN + " required username=\"" + jaasQuote(username)
            + "\" password=\"" + jaasQuote(password) + "\";");
      }
      case PLAINTEXT -> p.put("security.protocol", "PLAINTEXT");
      default -> throw new IllegalStateException("unknown security " + security);
    }
    return p;
  }

  /**
   * The value the JVM-wide {@link #ALLOWED_URLS_PROPERTY} must have for the token endpoint to be
   * called, given its current value (null when unset); null when nothing needs to change.
   */
  public String allowedUrlsWith(String current) {
    if (security != Security.OIDC) {
      return null;
    }
    if (current == null || current.isBlank()) {
      return tokenUrl;
    }
    for (String url : current.split(",")) {
      if (url.trim().equals(tokenUrl)) {
        return null;
      }
    }
    return current + "," + tokenUrl;
  }

  /** How a notice on {@code topic} is read: VOEvent XML on the classic VOEvent topics, JSON elsewhere. */
  public static String contentTypeOf(String topic) {
    return topic.startsWith("gcn.classic.voevent.") ? "application/xml" : "application/json";
  }

  /** For the JAAS config's double-quoted values: backslash and double quote escaped. */
  static String jaasQuote(String value) {
    return value.replace("\\", "\\\\").replace("\"", "\\\"");
  }

  @Override
  public String toString() {
    return "GcnKafkaConfig[" + String.join(",", bootstrapServers) + " " + topics + " group " + groupId + " "
        + security + "]";
  }
}
