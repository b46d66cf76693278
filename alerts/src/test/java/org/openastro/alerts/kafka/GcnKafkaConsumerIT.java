package org.openastro.alerts.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.datastax.oss.driver.api.core.cql.Row;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openastro.alerts.AlertLifecycle;
import org.openastro.alerts.AlertReader;
import org.openastro.alerts.Notice;
import org.openastro.alerts.NoticeOutcome;
import org.openastro.alerts.Samples;
import org.openastro.config.Config;
import org.openastro.cql.Store;
import org.openastro.cql.mission.Mission;
import org.openastro.cql.node.Node;
import org.openastro.cql.task.Task;
import org.openastro.cql.testing.Await;
import org.openastro.cql.testing.TestKeyspace;
import org.openastro.domain.ControlProtocol;
import org.openastro.domain.MissionStatus;
import org.openastro.domain.MountType;
import org.openastro.domain.NodeStatus;
import org.openastro.domain.TaskStatus;
import org.openastro.events.EventAddresses;
import org.openastro.scheduler.astro.TimeWindow;
import org.openastro.scheduler.intake.Intake;
import org.openastro.scheduler.intake.MissionCancel;
import org.openastro.scheduler.intake.MissionRelocation;
import org.openastro.scheduler.plan.StillInView;
import org.openastro.testsupport.CassandraExtension;
import org.openastro.testsupport.CassandraTestNode;
import org.openastro.testsupport.kafka.KafkaExtension;
import org.openastro.testsupport.kafka.KafkaTestBroker;

/**
 * The GCN Kafka consumer against a real Kafka broker (KRaft, child JVM) and a real Cassandra node:
 * the consumer verticle as the scheduler role deploys it, over the real mission intake.
 */
@ExtendWith({CassandraExtension.class, KafkaExtension.class})
class GcnKafkaConsumerIT {
  static final ObjectMapper JSON = new ObjectMapper();
  static final AtomicInteger RUN = new AtomicInteger();
  static TestKeyspace keyspace;
  static Store store;
  static Vertx vertx;
  static KafkaTestBroker broker;
  static KafkaProducer<byte[], byte[]> producer;

  @BeforeAll
  static void start(CassandraTestNode node, KafkaTestBroker kafka) {
    broker = kafka;
    // Own keyspace: the tests count the missions table's rows.
    keyspace = TestKeyspace.create(node, "gcnkafka");
    store = new Store(keyspace.session());
    vertx = Vertx.vertx();
    producer = new KafkaProducer<>(Map.of("bootstrap.servers", broker.bootstrapServers(), "acks", "all",
        "linger.ms", 0), new ByteArraySerializer(), new ByteArraySerializer());
    System.out.println("Kafka test broker started in " + broker.startedIn().toMillis() + " ms");
  }

  @AfterAll
  static void stop() {
    if (producer != null) {
      producer.close();
    }
    if (vertx != null) {
      Await.result(vertx.close());
    }
    if (keyspace != null) {
      keyspace.close();
    }
  }

  @Test
  void noticesOnTheDefaultTopicsBecomeMissions() throws Exception {
    Map<String, String> samples = new LinkedHashMap<>();
    samples.put("gcn.notices.swift.bat.guano", "swift-bat-guano.json");
    samples.put("gcn.notices.einstein_probe.wxt.alert", "einstein-probe-wxt.json");
    samples.put("gcn.notices.icecube.lvk_nu_track_search", "icecube-gold-track.json");
    samples.put("gcn.classic.voevent.SWIFT_BAT_GRB_POS_ACK", "swift-bat-grb-pos.voevent.xml");
    broker.createTopics(1, samples.keySet().toArray(String[]::new));
    Map<UUID, String> expected = new HashMap<>();
    for (Map.Entry<String, String> e : samples.entrySet()) {
      String body = Samples.text(e.getValue());
      Notice alert = new AlertReader().read(GcnKafkaConfig.contentTypeOf(e.getKey()), body);
      expected.put(alert.missionId(), alert.alertSourceId());
      send(e.getKey(), body);
    }
    // The default GCN_KAFKA_TOPICS: the samples' topics are among them.
    Deployed consumer = deploy(Map.of("GCN_KAFKA_GROUP_ID", "defaults-" + RUN.incrementAndGet()));
    try {
      await().atMost(60, TimeUnit.SECONDS).until(() -> consumer.metrics().created() == expected.size());
      for (Map.Entry<UUID, String> e : expected.entrySet()) {
        var mission = Await.result(store.missions().find(e.getKey())).orElseThrow();
        assertThat(mission.alertSourceId()).isEqualTo(e.getValue());
        assertThat(mission.owner()).isEqualTo(AlertNoticeHandler.OWNER);
      }
      assertThat(consumer.metrics().parseFailures()).isZero();
      awaitCommitted(consumer.groupId(), samples.keySet(), 1);
    } finally {
      consumer.undeploy();
    }
    // Read again by another group: every notice is a duplicate now, nothing new is created.
    Deployed again = deploy(Map.of("GCN_KAFKA_GROUP_ID", "defaults-again-" + RUN.incrementAndGet()));
    try {
      await().atMost(60, TimeUnit.SECONDS).until(() -> again.metrics().duplicates() == expected.size());
      assertThat(again.metrics().created()).isZero();
    } finally {
      again.undeploy();
    }
  }

  @Test
  void aConsumerRestartedMidStreamLosesAndDuplicatesNothing() throws Exception {
    int run = RUN.incrementAndGet();
    String json = "gcn.notices.swift.bat.guano.restart-" + run;
    String xml = "gcn.classic.voevent.SWIFT_BAT_GRB_POS_ACK.restart-" + run;
    broker.createTopics(3, json, xml);
    String group = "restart-" + run;
    Map<String, String> settings = Map.of("GCN_KAFKA_GROUP_ID", group, "GCN_KAFKA_TOPICS", json + "," + xml);
    // 40 events, 60 notices: every fourth event has a second notice (an update), as GCN sends them.
    List<String[]> notices = new ArrayList<>();
    Set<String> events = new HashSet<>();
    for (int i = 0; i < 40; i++) {
      String id = (i % 2 == 0 ? "9" : "8") + run + String.format("%05d", i);
      events.add(id);
      notices.add(notice(i % 2 == 0 ? json : xml, id));
      if (i % 2 == 0) {
        notices.add(notice(i % 2 == 0 ? json : xml, id));
      }
    }
    java.util.Collections.shuffle(notices, new java.util.Random(run));
    for (String[] n : notices.subList(0, 30)) {
      send(n[0], n[1]);
    }
    Deployed first = deploy(settings);
    await().atMost(60, TimeUnit.SECONDS).until(() -> first.metrics().consumed() >= 10);
    for (String[] n : notices.subList(30, 45)) {
      send(n[0], n[1]);
    }
    first.undeploy(); // mid-stream
    double firstConsumed = first.metrics().consumed();
    assertThat(firstConsumed).isLessThan(notices.size());
    for (String[] n : notices.subList(45, notices.size())) {
      send(n[0], n[1]);
    }
    Deployed second = deploy(settings);
    try {
      awaitCommitted(group, List.of(json, xml), 3);
      await().atMost(60, TimeUnit.SECONDS).until(() -> totalCommitted(group, List.of(json, xml)) == notices.size());
      Set<String> sourceIds = new HashSet<>();
      int rows = 0;
      for (Row row : keyspace.session().execute("SELECT alert_source_id FROM missions")) {
        String source = row.getString("alert_source_id");
        if (source != null && (source.startsWith("GCN:swift:9" + run) || source.startsWith("GCN:swift:8" + run))) {
          rows++;
          sourceIds.add(source.substring("GCN:swift:".length()));
        }
      }
      assertThat(sourceIds).isEqualTo(events);
      assertThat(rows).isEqualTo(events.size());
      // Each mission created once, by one of the two consumers; every notice handled at least once.
      assertThat(first.metrics().created() + second.metrics().created()).isEqualTo(events.size());
      assertThat(firstConsumed + second.metrics().consumed()).isGreaterThanOrEqualTo(notices.size());
      assertThat(first.metrics().parseFailures() + second.metrics().parseFailures()).isZero();
    } finally {
      second.undeploy();
    }
  }

  @Test
  void aConsumerThatDiedBeforeCommittingIsRedeliveredAndChangesNothing() throws Exception {
    int run = RUN.incrementAndGet();
    String topic = "gcn.notices.swift.bat.guano.crash-" + run;
    broker.createTopics(2, topic);
    String group = "crash-" + run;
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      ids.add("5" + run + String.format("%03d", i));
      send(topic, notice(topic, ids.get(i))[1]);
    }
    GcnKafkaConfig config = GcnKafkaConfig.from(Config.from(Map.of("GCN_KAFKA_BOOTSTRAP_SERVERS",
        broker.bootstrapServers(), "GCN_KAFKA_SECURITY", "plaintext", "GCN_KAFKA_OFFSET_RESET", "earliest",
        "GCN_KAFKA_GROUP_ID", group, "GCN_KAFKA_TOPICS", topic)));
    NoticeHandler handler = new AlertNoticeHandler(lifecycle(), vertx.getOrCreateContext());
    // The first consumer stores missions but never gets to commit: as if the process died after each store.
    GcnKafkaMetrics firstMetrics = new GcnKafkaMetrics(new SimpleMeterRegistry());
    GcnKafkaConsumer first = new GcnKafkaConsumer(
        new org.apache.kafka.clients.consumer.KafkaConsumer<byte[], byte[]>(config.consumerProperties()) {
          @Override
          public void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets) {
            // lost with the process
          }
        }, config.topics(), handler, firstMetrics, DeadLetters.none());
    Thread thread = new Thread(first, "test-gcn-kafka-dying");
    thread.start();
    await().atMost(60, TimeUnit.SECONDS).until(() -> firstMetrics.consumed() == ids.size());
    first.stop();
    assertThat(first.awaitFinished(Duration.ofSeconds(20))).isTrue();
    assertThat(totalCommitted(group, List.of(topic))).isZero();
    assertThat(firstMetrics.created()).isEqualTo(ids.size());

    Deployed second = deploy(Map.of("GCN_KAFKA_GROUP_ID", group, "GCN_KAFKA_TOPICS", topic));
    try {
      await().atMost(60, TimeUnit.SECONDS).until(() -> second.metrics().consumed() == ids.size());
      assertThat(second.metrics().duplicates()).isEqualTo(ids.size());
      assertThat(second.metrics().created()).isZero();
      await().atMost(30, TimeUnit.SECONDS).until(() -> totalCommitted(group, List.of(topic)) == ids.size());
      long rows = 0;
      for (Row row : keyspace.session().execute("SELECT alert_source_id FROM missions")) {
        String source = row.getString("alert_source_id");
        if (source != null && source.startsWith("GCN:swift:5" + run)) {
          rows++;
        }
      }
      assertThat(rows).isEqualTo(ids.size());
    } finally {
      second.undeploy();
    }
  }

  @Test
  void aPoisonMessageIsSkippedAndCountedAndTheNextOnesAreHandled() throws Exception {
    int run = RUN.incrementAndGet();
    String topic = "gcn.notices.swift.bat.guano.poison-" + run;
    broker.createTopics(1, topic);
    String group = "poison-" + run;
    send(topic, notice(topic, "7" + run + "01")[1]);
    send(topic, "{\"not\": json at all");
    // A retraction of an event without a mission: recorded, not a dead letter.
    send(topic, Samples.text("swift-bat-guano-retraction.json").replace("763617531", "7" + run + "09"));
    producer.send(new ProducerRecord<>(topic, new byte[] {(byte) 0xC3, (byte) 0x28})).get(); // not UTF-8
    send(topic, notice(topic, "7" + run + "02")[1]);
    send(topic, notice(topic, "7" + run + "03")[1]);
    Deployed consumer = deploy(Map.of("GCN_KAFKA_GROUP_ID", group, "GCN_KAFKA_TOPICS", topic));
    try {
      await().atMost(60, TimeUnit.SECONDS).until(() -> consumer.metrics().consumed() == 6);
      assertThat(consumer.metrics().parseFailures()).isEqualTo(2);
      assertThat(consumer.metrics().created()).isEqualTo(3);
      assertThat(consumer.metrics().outcomes(NoticeOutcome.Kind.RETRACTION_RECORDED)).isEqualTo(1);
      for (String id : List.of("01", "02", "03")) {
        UUID missionId = UUID.nameUUIDFromBytes(("openastro:alert:GCN:swift:7" + run + id).getBytes(StandardCharsets.UTF_8));
        assertThat(Await.result(store.missions().find(missionId))).as(id).isPresent();
      }
      await().atMost(30, TimeUnit.SECONDS).until(() -> totalCommitted(group, List.of(topic)) == 6);
      await().atMost(30, TimeUnit.SECONDS).until(() -> consumer.metrics().lag() == 0);
      // Each skipped record has its dead-letter row, found by where it sits in Kafka.
      Map<Long, String> deadLetters = new HashMap<>();
      for (Row row : keyspace.session().execute("SELECT kafka_partition, kafka_offset, code, body_bytes, body"
          + " FROM alert_dead_letters WHERE topic = ? AND day = ?", topic, java.time.LocalDate.now(java.time.ZoneOffset.UTC))) {
        deadLetters.put(row.getLong("kafka_offset"), row.getString("code"));
      }
      assertThat(deadLetters).containsOnly(Map.entry(1L, "invalid_json"), Map.entry(3L, "not_utf8"));
    } finally {
      consumer.undeploy();
    }
  }

  @Test
  void aStorageFailureIsRetriedNotSkippedAndLaterNoticesWait() throws Exception {
    int run = RUN.incrementAndGet();
    String topic = "gcn.notices.swift.bat.guano.storage-" + run;
    broker.createTopics(1, topic);
    List<String> ids = List.of("6" + run + "01", "6" + run + "02", "6" + run + "03", "6" + run + "04");
    for (String id : ids) {
      send(topic, notice(topic, id)[1]);
    }
    NoticeHandler real = new AlertNoticeHandler(lifecycle(), vertx.getOrCreateContext());
    List<String> attempts = java.util.Collections.synchronizedList(new ArrayList<>());
    AtomicInteger failSecond = new AtomicInteger(2);
    AtomicInteger loseThird = new AtomicInteger(1);
    NoticeHandler flaky = (t, body) -> {
      String id = JSON.readTree(body).get("id").get(0).asText();
      attempts.add(id);
      if (id.equals(ids.get(1)) && failSecond.getAndDecrement() > 0) {
        throw new IllegalStateException("Cassandra unavailable (simulated)");
      }
      NoticeOutcome.Kind outcome = real.handle(t, body);
      if (id.equals(ids.get(2)) && loseThird.getAndDecrement() > 0) {
        throw new IllegalStateException("stored, but the answer was lost (simulated timeout)");
      }
      return outcome;
    };
    GcnKafkaConfig config = GcnKafkaConfig.from(Config.from(Map.of("GCN_KAFKA_BOOTSTRAP_SERVERS",
        broker.bootstrapServers(), "GCN_KAFKA_SECURITY", "plaintext", "GCN_KAFKA_OFFSET_RESET", "earliest",
        "GCN_KAFKA_GROUP_ID", "storage-" + run, "GCN_KAFKA_TOPICS", topic)));
    GcnKafkaMetrics metrics = new GcnKafkaMetrics(new SimpleMeterRegistry());
    GcnKafkaConsumer consumer = GcnKafkaConsumer.create(config, flaky, metrics, DeadLetters.none());
    Thread thread = new Thread(consumer, "test-gcn-kafka");
    thread.start();
    try {
      await().atMost(60, TimeUnit.SECONDS).until(() -> metrics.consumed() == 4);
      assertThat(attempts).containsExactly(ids.get(0), ids.get(1), ids.get(1), ids.get(1), ids.get(2), ids.get(2),
          ids.get(3));
      assertThat(metrics.storageRetries()).isEqualTo(3);
      assertThat(metrics.created()).isEqualTo(3);
      assertThat(metrics.duplicates()).isEqualTo(1); // the lost answer's retry found its mission
      assertThat(metrics.parseFailures()).isZero();
      await().atMost(30, TimeUnit.SECONDS).until(() -> totalCommitted("storage-" + run, List.of(topic)) == 4);
      for (String id : ids) {
        UUID missionId = UUID.nameUUIDFromBytes(("openastro:alert:GCN:swift:" + id).getBytes(StandardCharsets.UTF_8));
        assertThat(Await.result(store.missions().find(missionId))).as(id).isPresent();
      }
    } finally {
      consumer.stop();
      assertThat(consumer.awaitFinished(Duration.ofSeconds(20))).isTrue();
    }
  }

  @Test
  void anLvkSkyMapOverKafkaBecomesRankedPointingsAndItsRetractionCancelsThemAll() throws Exception {
    int run = RUN.incrementAndGet();
    String topic = "igwn.gwalert-tiling-" + run;
    broker.createTopics(1, topic);
    String superevent = "S2506" + run + "tl";
    String map = java.util.Base64.getEncoder().encodeToString(
        org.openastro.alerts.tiling.TestSkyMaps.blobMap(150, 40, 1.5));
    String notice = "{\"superevent_id\": \"" + superevent + "\", \"alert_type\": \"PRELIMINARY\","
        + " \"time_created\": \"2025-06-01T10:00:00Z\", \"event\": {\"skymap\": \"" + map + "\"}}";
    Deployed consumer = deploy(Map.of("GCN_KAFKA_GROUP_ID", "tiling-" + run, "GCN_KAFKA_TOPICS", topic));
    try {
      send(topic, notice);
      await().atMost(120, TimeUnit.SECONDS).until(() -> consumer.metrics().created() == 1);
      org.openastro.alerts.Notice read = new org.openastro.alerts.AlertReader().read(null, notice);
      List<Mission> pointings = new java.util.ArrayList<>();
      for (int rank = 1; ; rank++) {
        var found = Await.result(store.missions().find(org.openastro.alerts.AlertRules.pointingId(read, rank)));
        if (found.isEmpty()) {
          break;
        }
        pointings.add(found.get());
      }
      assertThat(pointings).hasSizeGreaterThan(5);
      assertThat(pointings.stream().mapToDouble(m -> m.alertLocalization().pointingProbability()).sum())
          .isGreaterThanOrEqualTo(0.9);
      assertThat(pointings).allSatisfy(m -> assertThat(m.alertSourceId()).isEqualTo("GCN:lvk:" + superevent));

      send(topic, "{\"superevent_id\": \"" + superevent + "\", \"alert_type\": \"RETRACTION\","
          + " \"time_created\": \"2025-06-01T10:30:00Z\"}");
      await().atMost(60, TimeUnit.SECONDS).until(() -> consumer.metrics().outcomes(NoticeOutcome.Kind.CANCELLED) == 1);
      for (Mission m : pointings) {
        assertThat(Await.result(store.missions().find(m.missionId())).orElseThrow().status())
            .isEqualTo(MissionStatus.CANCELLED);
      }
    } finally {
      consumer.undeploy();
    }
  }

  @Test
  void theLifeOfAnAlertOverKafkaUpdateRetractionUnknownRetractionAndTestNotice() throws Exception {
    int run = RUN.incrementAndGet();
    String topic = "gcn.notices.swift.bat.guano.life-" + run;
    broker.createTopics(1, topic);
    String event = "4" + run + "01";
    String unknown = "4" + run + "02";
    String practice = "4" + run + "03";
    UUID missionId = missionIdOf("GCN:swift:" + event);
    BlockingQueue<JsonObject> downlink = new LinkedBlockingQueue<>();
    var listening = vertx.eventBus().<JsonObject>consumer(EventAddresses.NODE_DOWNLINK, m -> downlink.add(m.body()));
    // The sky is the scheduler's business (the HTTP IT uses the real one): here every node sees every target.
    Intake alwaysInView = new Intake(store.missions(), vertx.eventBus(), new MissionCancel(store, vertx.eventBus()),
        new MissionRelocation(store, vertx, new StillInView((n, m, from, to) -> List.of(new TimeWindow(from, to)),
            Duration.ofMinutes(30))));
    Deployed consumer = deploy(Map.of("GCN_KAFKA_GROUP_ID", "life-" + run, "GCN_KAFKA_TOPICS", topic), alwaysInView);
    try {
      // The first notice makes the mission.
      send(topic, guano(event, "201.37", "2025-03-14T04:12:51Z", "update", "current"));
      await().atMost(60, TimeUnit.SECONDS).until(() -> consumer.metrics().created() == 1);
      Mission first = Await.result(store.missions().find(missionId)).orElseThrow();
      assertThat(first.targetRa()).isEqualTo(201.37);

      // A node holds one of its tasks, as the assigner leaves it.
      java.time.Instant now = java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
      UUID nodeId = UUID.randomUUID();
      Await.result(store.nodes().register(new Node(nodeId, NodeStatus.BUSY, 15, 0, 100, 300, 1.0, Set.of("R"),
          MountType.EQ, ControlProtocol.INDI, 0.5, null, "hash", now, now)));
      UUID taskId = UUID.randomUUID();
      Await.result(store.tasks().create(new Task(taskId, missionId, nodeId, 1800, 0, TaskStatus.EXECUTING, now,
          now.plusSeconds(3600), null, null, 95, now, now)));

      // A newer notice with a refined position: the target follows, the node is told again.
      send(topic, guano(event, "201.52", "2025-03-14T04:40:00Z", "update", "current"));
      await().atMost(60, TimeUnit.SECONDS).until(() -> consumer.metrics().outcomes(NoticeOutcome.Kind.UPDATED) == 1);
      Mission moved = Await.result(store.missions().find(missionId)).orElseThrow();
      assertThat(moved.targetRa()).isEqualTo(201.52);
      assertThat(moved.alertLocalization().noticeAt()).isEqualTo(java.time.Instant.parse("2025-03-14T04:40:00Z"));
      JsonObject resent = await().atMost(30, TimeUnit.SECONDS).until(downlink::poll, m -> m != null);
      assertThat(resent.getString("type")).isEqualTo("assignment");
      assertThat(resent.getString("node_id")).isEqualTo(nodeId.toString());
      assertThat(resent.getJsonObject("task").getString("task_id")).isEqualTo(taskId.toString());
      assertThat(resent.getJsonObject("mission").getDouble("target_ra")).isEqualTo(201.52);

      // An older notice arriving late changes nothing.
      send(topic, guano(event, "201.45", "2025-03-14T04:30:00Z", "update", "current"));
      await().atMost(60, TimeUnit.SECONDS).until(() -> consumer.metrics().outcomes(NoticeOutcome.Kind.STALE) == 1);
      assertThat(Await.result(store.missions().find(missionId)).orElseThrow().targetRa()).isEqualTo(201.52);

      // The retraction: CANCELLED, the node told why.
      send(topic, Samples.text("swift-bat-guano-retraction.json").replace("763617531", event));
      await().atMost(60, TimeUnit.SECONDS).until(() -> consumer.metrics().outcomes(NoticeOutcome.Kind.CANCELLED) == 1);
      assertThat(Await.result(store.missions().find(missionId)).orElseThrow().status()).isEqualTo(MissionStatus.CANCELLED);
      JsonObject cancellation = await().atMost(30, TimeUnit.SECONDS).until(downlink::poll, m -> m != null);
      assertThat(cancellation.getString("type")).isEqualTo("cancellation");
      assertThat(cancellation.getString("reason")).isEqualTo("retracted");
      assertThat(cancellation.getJsonObject("task").getString("task_id")).isEqualTo(taskId.toString());
      assertThat(Await.result(store.tasks().find(taskId)).orElseThrow().status()).isEqualTo(TaskStatus.CANCELLED);

      // A retraction of an event without a mission is recorded, not a dead letter; its late first notice makes none.
      send(topic, Samples.text("swift-bat-guano-retraction.json").replace("763617531", unknown));
      await().atMost(60, TimeUnit.SECONDS)
          .until(() -> consumer.metrics().outcomes(NoticeOutcome.Kind.RETRACTION_RECORDED) == 1);
      assertThat(keyspace.session().execute("SELECT mission_id FROM alert_retractions WHERE alert_source_id = ?",
          "GCN:swift:" + unknown).one()).isNotNull();
      send(topic, guano(unknown, "10.0", "2025-03-14T04:12:51Z", "initial", "current"));
      await().atMost(60, TimeUnit.SECONDS)
          .until(() -> consumer.metrics().outcomes(NoticeOutcome.Kind.RETRACTED_EVENT) == 1);
      assertThat(Await.result(store.missions().find(missionIdOf("GCN:swift:" + unknown)))).isEmpty();

      // A test notice makes nothing.
      send(topic, guano(practice, "20.0", "2025-03-14T04:12:51Z", "initial", "test"));
      await().atMost(60, TimeUnit.SECONDS)
          .until(() -> consumer.metrics().outcomes(NoticeOutcome.Kind.IGNORED_TEST) == 1);
      assertThat(Await.result(store.missions().find(missionIdOf("GCN:swift:" + practice)))).isEmpty();

      assertThat(consumer.metrics().parseFailures()).isZero();
      assertThat(consumer.metrics().created()).isEqualTo(1);
      await().atMost(30, TimeUnit.SECONDS).until(() -> totalCommitted("life-" + run, List.of(topic)) == 7);
      assertThat(downlink).isEmpty();
    } finally {
      consumer.undeploy();
      Await.result(listening.unregister());
    }
  }

  /** A Swift/BAT GUANO notice of {@code event} at {@code ra}, issued at {@code at}. */
  static String guano(String event, String ra, String at, String type, String tense) throws Exception {
    ObjectNode json = (ObjectNode) JSON.readTree(Samples.text("swift-bat-guano.json"));
    json.putArray("id").add(event);
    json.put("ra", Double.parseDouble(ra));
    json.put("alert_datetime", at);
    json.put("alert_type", type);
    json.put("alert_tense", tense);
    return JSON.writeValueAsString(json);
  }

  static UUID missionIdOf(String alertSourceId) {
    return UUID.nameUUIDFromBytes(("openastro:alert:" + alertSourceId).getBytes(StandardCharsets.UTF_8));
  }

  // --- helpers -------------------------------------------------------------------------------

  /** A notice for event {@code id} in the format of {@code topic}: [topic, body]. */
  static String[] notice(String topic, String id) throws Exception {
    if (GcnKafkaConfig.contentTypeOf(topic).contains("xml")) {
      String xml = Samples.text("swift-bat-grb-pos.voevent.xml")
          .replace("value=\"1287514\"", "value=\"" + id + "\"")
          .replace("BAT_GRB_Pos_1287514-391", "BAT_GRB_Pos_" + id + "-391");
      return new String[] {topic, xml};
    }
    ObjectNode json = (ObjectNode) JSON.readTree(Samples.text("swift-bat-guano.json"));
    json.putArray("id").add(id);
    return new String[] {topic, JSON.writeValueAsString(json)};
  }

  /** The alert lifecycle over the real intake, with the default settings. */
  static AlertLifecycle lifecycle() {
    Config config = Config.from(Map.of());
    return AlertLifecycle.of(Intake.of(store, vertx, config), config, store);
  }

  static void send(String topic, String body) throws Exception {
    producer.send(new ProducerRecord<>(topic, body.getBytes(StandardCharsets.UTF_8))).get(10, TimeUnit.SECONDS);
  }

  record Deployed(String groupId, GcnKafkaVerticle verticle, String deploymentId) {
    GcnKafkaMetrics metrics() {
      return verticle.metrics();
    }

    void undeploy() {
      Await.result(vertx.undeploy(deploymentId));
    }
  }

  static Deployed deploy(Map<String, String> overrides) {
    return deploy(overrides, null);
  }

  /** The consumer verticle over {@code intake} (null: the real intake with the real sky). */
  static Deployed deploy(Map<String, String> overrides, Intake intake) {
    Map<String, String> env = new HashMap<>(Map.of(
        "GCN_KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers(),
        "GCN_KAFKA_SECURITY", "plaintext",
        "GCN_KAFKA_OFFSET_RESET", "earliest"));
    env.putAll(overrides);
    Config config = Config.from(env);
    GcnKafkaVerticle verticle = GcnKafkaVerticle.of(config, store, intake != null ? intake : Intake.of(store, vertx, config),
        new SimpleMeterRegistry());
    String id = Await.result(vertx.deployVerticle(verticle));
    return new Deployed(config.get(GcnKafkaSettings.GROUP_ID), verticle, id);
  }

  static long totalCommitted(String group, java.util.Collection<String> topics) throws Exception {
    try (Admin admin = broker.admin()) {
      Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
          .partitionsToOffsetAndMetadata().get(20, TimeUnit.SECONDS);
      return offsets.entrySet().stream().filter(e -> topics.contains(e.getKey().topic()) && e.getValue() != null)
          .mapToLong(e -> e.getValue().offset()).sum();
    }
  }

  /** Waits until the group has committed offsets on {@code partitions} partitions of each topic. */
  static void awaitCommitted(String group, java.util.Collection<String> topics, int partitions) {
    await().atMost(60, TimeUnit.SECONDS).pollInterval(Duration.ofMillis(250)).until(() -> {
      try (Admin admin = broker.admin()) {
        Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
            .partitionsToOffsetAndMetadata().get(20, TimeUnit.SECONDS);
        return topics.stream().allMatch(t -> offsets.keySet().stream().filter(tp -> tp.topic().equals(t)).count()
            >= Math.min(partitions, 1));
      }
    });
  }
}
