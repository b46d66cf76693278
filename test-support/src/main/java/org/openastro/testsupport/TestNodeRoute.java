package org.openastro.testsupport;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Where the test node comes from: the value of {@code OPENASTRO_TEST_CASSANDRA}. */
enum TestNodeRoute {
  /** Docker when an engine answers, else local. */
  AUTO,
  /** A LocalCassandraNode in a child JVM, on free ports in a temporary directory. */
  LOCAL,
  /** Testcontainers' CassandraContainer. */
  DOCKER,
  /** A node somebody else runs: OPENASTRO_TEST_CASSANDRA_CONTACT_POINT and _DC. */
  EXTERNAL;

  static TestNodeRoute parse(String value) {
    if (value == null || value.isBlank()) {
      return AUTO;
    }
    try {
      return valueOf(value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(TestNodeSettings.ROUTE + "=" + value + " is not one of "
          + Arrays.stream(values()).map(r -> r.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", ")));
    }
  }
}
