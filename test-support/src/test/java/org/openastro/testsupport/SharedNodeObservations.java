package org.openastro.testsupport;

import java.net.InetSocketAddress;

/** What SharedNodeFirstTest saw, for SharedNodeSecondTest to compare (same test JVM). */
final class SharedNodeObservations {

  static final String TABLE = "notes";
  static final String TEXT = "written by SharedNodeFirstTest";

  static volatile CassandraTestNode node;
  static volatile InetSocketAddress contactPoint;
  static volatile String keyspace;

  private SharedNodeObservations() {
  }

  static boolean firstClassRan() {
    return keyspace != null;
  }
}
