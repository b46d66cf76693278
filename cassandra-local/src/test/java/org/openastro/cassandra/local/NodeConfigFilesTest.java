package org.openastro.cassandra.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class NodeConfigFilesTest {

  private final NodeLayout layout = new NodeLayout(Path.of("/var/tmp/node it's"));
  private final LocalNodeOptions options = LocalNodeOptions.defaults(layout.root())
      .withNativePort(19042).withStoragePort(17000).withClusterName("test cluster");

  @Test
  void yamlNamesTheDirectoriesPortsAndSeed() {
    String yaml = NodeConfigFiles.cassandraYaml(options, layout);

    assertThat(yaml)
        .contains("cluster_name: 'test cluster'")
        .contains("num_tokens: 16")
        .contains("partitioner: org.apache.cassandra.dht.Murmur3Partitioner")
        .contains("  - '/var/tmp/node it''s/data'")
        .contains("commitlog_directory: '/var/tmp/node it''s/commitlog'")
        .contains("hints_directory: '/var/tmp/node it''s/hints'")
        .contains("saved_caches_directory: '/var/tmp/node it''s/saved_caches'")
        .contains("cdc_raw_directory: '/var/tmp/node it''s/cdc_raw'")
        .contains("\ncommitlog_sync: group\n")
        .contains("\ncommitlog_sync_group_window: 2ms\n")
        .doesNotContain("commitlog_sync_period")
        .contains("- seeds: '127.0.0.1:17000'")
        .contains("listen_address: 127.0.0.1")
        .contains("rpc_address: 127.0.0.1")
        .contains("storage_port: 17000")
        .contains("native_transport_port: 19042")
        .contains("start_native_transport: true")
        .contains("endpoint_snitch: SimpleSnitch")
        .contains("authenticator: AllowAllAuthenticator")
        .contains("authorizer: AllowAllAuthorizer")
        .contains("auto_snapshot: false")
        .contains("hinted_handoff_enabled: false");
  }

  @Test
  void clusterNodeNamesTheClusterSeedAndKeepsHints() {
    String yaml = NodeConfigFiles.cassandraYaml(options.withHost("127.0.0.2").withSeeds("127.0.0.1:17000"), layout);

    assertThat(yaml)
        .contains("- seeds: '127.0.0.1:17000'")
        .contains("listen_address: 127.0.0.2")
        .contains("hinted_handoff_enabled: true")
        .contains("auto_bootstrap: false");
  }

  @Test
  void periodicCommitLogSyncOnlyWhenAskedFor() {
    String yaml = NodeConfigFiles.cassandraYaml(
        options.withCommitLogSync(CommitLogSync.periodic(Duration.ofSeconds(10))), layout);

    assertThat(yaml)
        .contains("\ncommitlog_sync: periodic\n")
        .contains("\ncommitlog_sync_period: 10000ms\n")
        .doesNotContain("commitlog_sync_group_window");
  }

  @Test
  void groupWindowIsTheOneGiven() {
    String yaml = NodeConfigFiles.cassandraYaml(options.withCommitLogSync(CommitLogSync.group(Duration.ofMillis(2))), layout);

    assertThat(yaml).contains("\ncommitlog_sync: group\ncommitlog_sync_group_window: 2ms\nseed_provider:");
  }

  @Test
  void defaultNodeAsksNothingOfItsClients() {
    String yaml = NodeConfigFiles.cassandraYaml(options, layout);

    assertThat(yaml).doesNotContain("client_encryption_options", "PasswordAuthenticator", "CassandraAuthorizer");
    assertThat(ChildJvmCommand.build(options, layout, java.util.List.of()))
        .noneMatch(arg -> arg.contains("superuser_setup_delay_ms"));
  }

  @Test
  void securedNodeWantsPasswordsGrantsAndTls() {
    LocalNodeOptions secured = options.withPasswordAuthentication()
        .withClientTls(Path.of("/keys/node it's.p12"), "pass'word");
    String yaml = NodeConfigFiles.cassandraYaml(secured, layout);

    assertThat(yaml)
        .contains("\nauthenticator: PasswordAuthenticator\n")
        .contains("\nauthorizer: CassandraAuthorizer\n")
        .contains("\nrole_manager: CassandraRoleManager\n")
        .contains("\nclient_encryption_options:\n  enabled: true\n  optional: false\n"
            + "  keystore: '/keys/node it''s.p12'\n  keystore_password: 'pass''word'\n  store_type: PKCS12\n"
            + "  require_client_auth: false\n");
    assertThat(ChildJvmCommand.build(secured, layout, java.util.List.of()))
        .contains("-Dcassandra.superuser_setup_delay_ms=0");
  }

  @Test
  void childCommandRunsTheWrapperWithCassandraAsItsMain() {
    var command = ChildJvmCommand.build(options, layout, java.util.List.of(Path.of("/jars/cassandra-all-5.0.6.jar")));

    assertThat(command.get(0)).endsWith("/bin/java");
    assertThat(command).contains("-Xms1024m", "-Xmx1024m", "-XX:+ExitOnOutOfMemoryError",
        "-Dcassandra-foreground=yes", "-Dcassandra.skip_wait_for_gossip_to_settle=0",
        "-Djava.net.preferIPv4Stack=true", "java.base/jdk.internal.misc=ALL-UNNAMED");
    assertThat(command).anyMatch(arg -> arg.startsWith("-Dcassandra.config=file:///var/tmp/node%20it's/conf/cassandra.yaml"));
    assertThat(command).noneMatch(arg -> arg.startsWith("-Dcassandra.jmx"));
    assertThat(command.subList(command.size() - 4, command.size())).containsExactly(
        "-cp", "/var/tmp/node it's/launcher:/jars/cassandra-all-5.0.6.jar",
        ParentWatchingMain.class.getName(), "org.apache.cassandra.service.CassandraDaemon");
  }
}
