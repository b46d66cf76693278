package org.openastro.alerts.kafka;

import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.openastro.config.Parsers;
import org.openastro.config.Setting;

/** Settings of the GCN Kafka consumer (scheduler role). Unset bootstrap servers: no consumer. */
public final class GcnKafkaSettings {

  /** How the consumer authenticates to the brokers. */
  public enum Security {
    /** GCN's way: SASL_SSL with OAUTHBEARER, a token from the OIDC client-credentials flow. */
    OIDC,
    /** SASL_SSL with PLAIN user name and password (a private broker). */
    SASL_PLAIN,
    /** No TLS, no authentication (a private broker on a trusted network, tests). */
    PLAINTEXT
  }

  /**
   * The unified JSON notice topics AlertReader reads (LVK's {@code igwn.gwalert} among them, now
   * that its sky maps are tiled into pointings), and the classic VOEvent GRB position topics.
   */
  public static final String DEFAULT_TOPICS = "gcn.notices.swift.bat.guano,"
      + "gcn.notices.einstein_probe.wxt.alert,"
      + "gcn.notices.icecube.lvk_nu_track_search,"
      + "igwn.gwalert,"
      + "gcn.classic.voevent.SWIFT_BAT_GRB_POS_ACK,"
      + "gcn.classic.voevent.FERMI_GBM_FLT_POS,"
      + "gcn.classic.voevent.FERMI_GBM_GND_POS,"
      + "gcn.classic.voevent.FERMI_GBM_FIN_POS";

  public static final Setting<List<String>> BOOTSTRAP_SERVERS = Setting.of("GCN_KAFKA_BOOTSTRAP_SERVERS", null,
      "comma-separated host:port of the Kafka brokers to read GCN notices from (GCN: kafka.gcn.nasa.gov:9092); "
          + "unset = no consumer",
      GcnKafkaSettings::hostPorts);

  public static final Setting<List<String>> TOPICS = Setting.of("GCN_KAFKA_TOPICS", DEFAULT_TOPICS,
      "comma-separated topics to consume: gcn.classic.voevent.* are read as VOEvent XML, every other topic as a "
          + "GCN JSON notice; a notice of no known format is counted and skipped",
      GcnKafkaSettings::topics);

  public static final Setting<String> GROUP_ID = Setting.of("GCN_KAFKA_GROUP_ID", "openastro-scheduler",
      "the consumer group: every scheduler instance joins it, so each notice is handled by one of them; its "
          + "committed offsets are where a restart resumes, so keep it stable",
      GcnKafkaSettings::groupId);

  public static final Setting<Security> SECURITY = Setting.of("GCN_KAFKA_SECURITY", "oidc",
      "oidc (SASL_SSL + OAUTHBEARER with GCN_KAFKA_CLIENT_ID/SECRET, as GCN wants), sasl_plain (SASL_SSL + "
          + "PLAIN with GCN_KAFKA_USERNAME/PASSWORD) or plaintext (no TLS, no authentication)",
      text -> Parsers.oneOf(Security.class).apply(text.trim().toUpperCase(Locale.ROOT).replace('-', '_')));

  public static final Setting<String> CLIENT_ID = Setting.of("GCN_KAFKA_CLIENT_ID", null,
      "client id of the GCN Kafka client credentials (gcn.nasa.gov > Console > Start streaming); with oidc",
      Parsers.text());

  public static final Setting<String> CLIENT_SECRET = Setting.secret("GCN_KAFKA_CLIENT_SECRET",
      "client secret of the GCN Kafka client credentials; with oidc", Parsers.text());

  public static final Setting<URI> TOKEN_URL = Setting.of("GCN_KAFKA_TOKEN_URL", "https://auth.gcn.nasa.gov/oauth2/token",
      "the OIDC token endpoint of the client-credentials flow; with oidc",
      GcnKafkaSettings::httpUrl);

  public static final Setting<String> USERNAME = Setting.of("GCN_KAFKA_USERNAME", null,
      "user name; with sasl_plain", Parsers.text());

  public static final Setting<String> PASSWORD = Setting.secret("GCN_KAFKA_PASSWORD",
      "password; with sasl_plain", Parsers.text());

  public static final Setting<String> OFFSET_RESET = Setting.of("GCN_KAFKA_OFFSET_RESET", "latest",
      "where a consumer group without committed offsets starts: latest (notices from now on, no flood of old "
          + "events at the first start) or earliest (everything the brokers still keep)",
      text -> {
        String v = text.trim().toLowerCase(Locale.ROOT);
        if (!v.equals("latest") && !v.equals("earliest")) {
          throw new IllegalArgumentException("must be latest or earliest");
        }
        return v;
      });

  /** Every GCN Kafka setting, for the process's list of settings. */
  public static final List<Setting<?>> ALL = List.of(BOOTSTRAP_SERVERS, TOPICS, GROUP_ID, SECURITY, CLIENT_ID,
      CLIENT_SECRET, TOKEN_URL, USERNAME, PASSWORD, OFFSET_RESET);

  private GcnKafkaSettings() {}

  static List<String> hostPorts(String text) {
    List<String> out = split(text);
    for (String hp : out) {
      int colon = hp.lastIndexOf(':');
      if (colon <= 0 || colon == hp.length() - 1) {
        throw new IllegalArgumentException("'" + hp + "' is not host:port");
      }
      Parsers.port().apply(hp.substring(colon + 1));
    }
    return out;
  }

  static List<String> topics(String text) {
    List<String> out = split(text);
    for (String topic : out) {
      if (topic.length() > 249 || !topic.matches("[A-Za-z0-9._\\-]+")) {
        throw new IllegalArgumentException("'" + topic + "' is not a Kafka topic name (letters, digits, . _ -)");
      }
    }
    return out;
  }

  static String groupId(String text) {
    String id = text.trim();
    if (id.length() > 200) {
      throw new IllegalArgumentException("at most 200 characters");
    }
    return id;
  }

  static URI httpUrl(String text) {
    URI uri;
    try {
      uri = URI.create(text.trim());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("not a URL: " + e.getMessage());
    }
    if (!("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme())) || uri.getHost() == null) {
      throw new IllegalArgumentException("must be an http(s):// URL");
    }
    return uri;
  }

  private static List<String> split(String text) {
    List<String> out = Arrays.stream(text.split(",")).map(String::trim).filter(s -> !s.isEmpty()).distinct().toList();
    if (out.isEmpty()) {
      throw new IllegalArgumentException("the list is empty");
    }
    return out;
  }
}
