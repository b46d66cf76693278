package org.openastro.gateway.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.vertx.core.buffer.Buffer;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openastro.domain.NodeStatus;
import org.openastro.gateway.ingest.ReportException.Code;

class ReportFieldsTest {
  static ReportFields fields(String json) {
    return ReportFields.parse(Buffer.buffer(json), 4096);
  }

  static ReportException refusal(Runnable r) {
    return catchThrowableOfType(ReportException.class, r::run);
  }

  @Test
  void onlyAllowedNamesTheFirstStrangerAndAcceptsSubsets() {
    assertThat(fields("{\"a\": 1}").onlyAllowed(Set.of("a", "b")).has("a")).isTrue();
    ReportException e = refusal(() -> fields("{\"a\": 1, \"zz\": 2}").onlyAllowed(Set.of("a")));
    assertThat(e.code()).isEqualTo(Code.UNKNOWN_FIELD);
    assertThat(e.field()).isEqualTo("zz");
  }

  @Test
  void numberChecksPresenceTypeAndRangeInclusive() {
    ReportFields f = fields("{\"n\": 5, \"s\": \"5\", \"neg\": -0.001}");
    assertThat(f.number("n", 5, 5)).isEqualTo(5.0);
    assertThat(refusal(() -> f.number("n", 6, 10)).getMessage()).isEqualTo("n must be between 6 and 10");
    assertThat(refusal(() -> f.number("s", 0, 10)).code()).isEqualTo(Code.INVALID_FIELD);
    assertThat(refusal(() -> f.number("neg", 0, 10)).field()).isEqualTo("neg");
    ReportException missing = refusal(() -> f.number("absent", 0, 10));
    assertThat(missing.code()).isEqualTo(Code.MISSING_FIELD);
    assertThat(missing.field()).isEqualTo("absent");
  }

  @Test
  void uuidMustBeCanonicalButMayBeUpperCase() {
    UUID id = UUID.randomUUID();
    assertThat(fields("{\"id\": \"" + id.toString().toUpperCase() + "\"}").uuid("id", true)).isEqualTo(id);
    assertThat(fields("{}").uuid("id", false)).isNull();
    assertThat(refusal(() -> fields("{}").uuid("id", true)).code()).isEqualTo(Code.MISSING_FIELD);
    assertThat(refusal(() -> fields("{\"id\": \"0-0-0-0-0\"}").uuid("id", true)).code()).isEqualTo(Code.INVALID_FIELD);
    assertThat(refusal(() -> fields("{\"id\": \"" + id + " \"}").uuid("id", true)).code()).isEqualTo(Code.INVALID_FIELD);
  }

  @Test
  void enumValueListsTheAllowedValuesSorted() {
    ReportException e = refusal(() -> fields("{\"s\": \"FAULTED\"}")
        .enumValue("s", EnumSet.of(NodeStatus.PARKED, NodeStatus.ONLINE), true));
    assertThat(e.getMessage()).isEqualTo("s must be one of [ONLINE, PARKED]");
    assertThat(fields("{\"s\": null}").enumValue("s", EnumSet.of(NodeStatus.ONLINE), false)).isNull();
    assertThat(refusal(() -> fields("{\"s\": null}").enumValue("s", EnumSet.of(NodeStatus.ONLINE), true)).code())
        .isEqualTo(Code.MISSING_FIELD);
  }

  @Test
  void payloadLimitIsCheckedOnBytesNotCharacters() {
    String json = "{\"t\": \"" + "é".repeat(10) + "\"}"; // 19 characters, 29 bytes
    assertThat(Buffer.buffer(json).length()).isEqualTo(29);
    assertThat(catchThrowableOfType(ReportException.class, () -> ReportFields.parse(Buffer.buffer(json), 28)).code())
        .isEqualTo(Code.PAYLOAD_TOO_LARGE);
    assertThat(ReportFields.parse(Buffer.buffer(json), 29).has("t")).isTrue();
  }
}
