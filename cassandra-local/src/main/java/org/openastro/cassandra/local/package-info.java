/**
 * A real Apache Cassandra 5.0 node in a child JVM, from the Maven artifact, without Docker.
 *
 * <pre>{@code
 * try (LocalCassandraNode node = LocalCassandraNode.start(LocalNodeOptions.defaults(Path.of("data/cassandra")))) {
 *   CqlSession session = CqlSession.builder()
 *       .addContactPoint(node.cqlAddress()).withLocalDatacenter(node.datacenter()).build();
 * }
 * }</pre>
 *
 * <p>Under the data directory: {@code data/}, {@code commitlog/}, {@code hints/},
 * {@code saved_caches/}, {@code cdc_raw/}, the generated {@code conf/cassandra.yaml} and
 * {@code conf/logback.xml}, the node's log {@code logs/cassandra.log} (appended at every start),
 * and {@code node.lock}, held by the running node. JMX is off; nodetool does not reach these nodes.
 *
 * <p>A node is open to any CQL client in plain text unless its options ask for password
 * authentication or TLS ({@link org.openastro.cassandra.local.NodeSecurity}): a stand-in for a
 * secured cluster when clients' credentials and trust stores are under test.
 */
package org.openastro.cassandra.local;
