package org.openastro.testsupport;

import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The settings of the test node, each read from a system property of the given name, else the
 * environment variable of the same name.
 */
record TestNodeSettings(TestNodeRoute route, Optional<InetSocketAddress> externalContactPoint,
                        String externalDatacenter) {

  static final String ROUTE = "OPENASTRO_TEST_CASSANDRA";
  static final String CONTACT_POINT = "OPENASTRO_TEST_CASSANDRA_CONTACT_POINT";
  static final String DATACENTER = "OPENASTRO_TEST_CASSANDRA_DC";
  static final String DEFAULT_DATACENTER = "datacenter1";

  static TestNodeSettings fromEnvironment() {
    return from(name -> {
      String property = System.getProperty(name);
      return property != null && !property.isBlank() ? property : System.getenv(name);
    });
  }

  static TestNodeSettings from(UnaryOperator<String> lookup) {
    String datacenter = lookup.apply(DATACENTER);
    return new TestNodeSettings(
        TestNodeRoute.parse(lookup.apply(ROUTE)),
        Optional.ofNullable(lookup.apply(CONTACT_POINT)).filter(v -> !v.isBlank()).map(TestNodeSettings::hostAndPort),
        datacenter == null || datacenter.isBlank() ? DEFAULT_DATACENTER : datacenter.trim());
  }

  /** {@code host:port}, {@code [ipv6]:port}; the port defaults to 9042. */
  static InetSocketAddress hostAndPort(String value) {
    String text = value.trim();
    int colon = text.lastIndexOf(':');
    boolean hasPort = colon > 0 && (text.indexOf(':') == colon || text.charAt(colon - 1) == ']');
    String host = hasPort ? text.substring(0, colon) : text;
    host = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    try {
      int port = hasPort ? Integer.parseInt(text.substring(colon + 1)) : 9042;
      return new InetSocketAddress(host, port);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(CONTACT_POINT + "=" + value + " is not host:port", e);
    }
  }
}
