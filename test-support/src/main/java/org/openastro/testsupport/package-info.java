/**
 * One real Cassandra node per test JVM, for JUnit 5 tests: {@code @ExtendWith(CassandraExtension.class)}
 * and a {@link org.openastro.testsupport.CassandraTestNode} parameter.
 *
 * <p>{@code OPENASTRO_TEST_CASSANDRA} (system property or environment variable) picks the node:
 * {@code auto} (default: Docker if an engine answers, else local), {@code local} (a
 * LocalCassandraNode in a child JVM on free ports, in a temporary directory deleted afterwards),
 * {@code docker} (Testcontainers, image cassandra:5.0.6) or {@code external}
 * ({@code OPENASTRO_TEST_CASSANDRA_CONTACT_POINT=host:port}, {@code OPENASTRO_TEST_CASSANDRA_DC},
 * default datacenter1).
 */
package org.openastro.testsupport;
