package org.openastro.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.io.InputStream;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The rules taken from the real document, and the copy of it vertx-openapi validates against. */
class OperationRulesTest {
  static JsonObject document;
  static Map<String, OperationRules> rules;

  @BeforeAll
  static void load() throws Exception {
    try (InputStream in = OperationRulesTest.class.getClassLoader().getResourceAsStream(ApiContract.RESOURCE)) {
      document = ApiContract.parse(Buffer.buffer(in.readAllBytes()));
    }
    rules = OperationRules.of(document);
  }

  static JsonObject operation(JsonObject doc, String path, String method) {
    return doc.getJsonObject("paths").getJsonObject(path).getJsonObject(method);
  }

  @Test
  void rulesOfTheDocument() {
    OperationRules heartbeat = rules.get("heartbeat");
    assertThat(heartbeat.nodeSecret()).isTrue();
    assertThat(heartbeat.bodyRequired()).isFalse();
    assertThat(heartbeat.rejectionMetric()).isEqualTo(new OperationRules.RejectionMetric("openastro.heartbeats.rejected", "reason"));
    assertThat(rules.get("createMission").nodeSecret()).isFalse();
    assertThat(rules.get("createMission").bodyRequired()).isTrue();
    assertThat(rules.get("submitAlert").mediaTypes()).containsExactlyInAnyOrder("application/json", "application/xml", "text/xml",
        "application/voevent+xml");
    assertThat(rules.get("uploadArtifactContent").mediaTypes()).containsExactlyInAnyOrder("application/octet-stream",
        "application/fits");
    assertThat(rules.get("uploadArtifactContent").streamed()).isTrue();
    assertThat(rules.values().stream().filter(OperationRules::streamed).map(OperationRules::operationId))
        .containsExactly("uploadArtifactContent");
    assertThat(rules.get("getNode")).extracting(OperationRules::method, OperationRules::path)
        .containsExactly("GET", "/api/v1/nodes/{nodeId}");
  }

  @Test
  void contentTypesAreMatchedWithoutParametersAndAMissingOneIsOctetStream() {
    OperationRules mission = rules.get("createMission");
    assertThat(mission.accepted("application/json; charset=UTF-8")).isEqualTo("application/json");
    assertThat(mission.accepted("Application/JSON")).isEqualTo("application/json");
    assertThat(mission.accepted("text/plain")).isNull();
    assertThat(mission.accepted(null)).isNull();
    assertThat(rules.get("uploadArtifactContent").accepted(null)).isEqualTo("application/octet-stream");
  }

  @Test
  void theValidatorsCopyLeavesOutWhatItMustNotOrCannotRead() {
    JsonObject copy = OperationRules.withoutUnreadableBodies(document, rules);
    assertThat(operation(copy, "/api/v1/artifacts/{artifactId}/content", "put").containsKey("requestBody")).isFalse();
    JsonObject alert = operation(copy, "/api/v1/alerts", "post").getJsonObject("requestBody");
    assertThat(alert.getJsonObject("content").fieldNames()).isEqualTo(Set.of("application/json"));
    assertThat(alert.getBoolean("required")).isFalse();
    assertThat(operation(copy, "/openapi.yaml", "get").getJsonObject("responses").getJsonObject("200")
        .getJsonObject("content").isEmpty()).isTrue();
    // untouched where the library reads everything
    assertThat(operation(copy, "/api/v1/missions", "post")).isEqualTo(operation(document, "/api/v1/missions", "post"));
    // and the document itself is unchanged
    assertThat(operation(document, "/api/v1/alerts", "post").getJsonObject("requestBody").getJsonObject("content")
        .fieldNames()).hasSize(4);
  }
}
