package org.openastro.api.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openastro.api.http.ApiError;
import org.openastro.api.http.ApiException;

/** The reader through the HTTP error factory, whose codes are the API's ({@link ApiError}). */
class StrictJsonTest {
  static StrictJson fields(String json) {
    return StrictJson.parse(Buffer.buffer(json), 4096, JsonErrors.HTTP);
  }

  static ApiError refusal(Runnable r) {
    ApiException e = catchThrowableOfType(ApiException.class, r::run);
    assertThat(e).as("refused").isNotNull();
    return e.error();
  }

  @Test
  void onlyAllowedNamesTheFirstStrangerAndAcceptsSubsets() {
    assertThat(fields("{\"a\": 1}").onlyAllowed(Set.of("a", "b")).has("a")).isTrue();
    ApiError e = refusal(() -> fields("{\"a\": 1, \"zz\": 2}").onlyAllowed(Set.of("a")));
    assertThat(e.code()).isEqualTo("unknown_field");
    assertThat(e.field()).isEqualTo("zz");
  }

  @Test
  void numberChecksPresenceTypeAndRangeInclusive() {
    StrictJson f = fields("{\"n\": 5, \"s\": \"5\", \"neg\": -0.001, \"huge\": 1e400, \"b\": true}");
    assertThat(f.number("n", 5, 5)).isEqualTo(5.0);
    assertThat(refusal(() -> f.number("n", 6, 10)).message()).isEqualTo("n must be between 6 and 10");
    assertThat(refusal(() -> f.number("n", 0.5, 2.5)).message()).isEqualTo("n must be between 0.5 and 2.5");
    assertThat(refusal(() -> f.number("s", 0, 10)).code()).isEqualTo("invalid_field");
    assertThat(refusal(() -> f.number("b")).code()).isEqualTo("invalid_field");
    assertThat(refusal(() -> f.number("huge")).field()).isEqualTo("huge");
    assertThat(refusal(() -> f.number("neg", 0, 10)).field()).isEqualTo("neg");
    ApiError missing = refusal(() -> f.number("absent", 0, 10));
    assertThat(missing.code()).isEqualTo("missing_field");
    assertThat(missing.field()).isEqualTo("absent");
    assertThat(f.optionalNumber("absent")).isNull();
  }

  @Test
  void integerTakesWholeNumbersWrittenEitherWay() {
    assertThat(fields("{\"p\": 7}").integer("p")).isEqualTo(7);
    assertThat(fields("{\"p\": 7.0}").integer("p")).isEqualTo(7);
    assertThat(refusal(() -> fields("{\"p\": 7.5}").integer("p")).field()).isEqualTo("p");
    assertThat(refusal(() -> fields("{\"p\": 1e12}").integer("p")).field()).isEqualTo("p");
  }

  @Test
  void nestedObjectsNameTheirFieldsByDottedPath() {
    StrictJson location = fields("{\"location\": {\"lat\": \"north\", \"x\": 1}}").object("location");
    assertThat(refusal(() -> location.number("lat")).field()).isEqualTo("location.lat");
    assertThat(refusal(() -> location.number("lon")).field()).isEqualTo("location.lon");
    assertThat(refusal(() -> location.onlyAllowed(Set.of("lat"))).field()).isEqualTo("location.x");
    assertThat(refusal(() -> fields("{\"location\": 5}").object("location")).field()).isEqualTo("location");
    assertThat(refusal(() -> fields("{}").object("location")).code()).isEqualTo("missing_field");
  }

  @Test
  void uuidMustBeCanonicalButMayBeUpperCase() {
    UUID id = UUID.randomUUID();
    assertThat(fields("{\"id\": \"" + id.toString().toUpperCase() + "\"}").uuid("id", true)).isEqualTo(id);
    assertThat(fields("{}").uuid("id", false)).isNull();
    assertThat(fields("{\"id\": null}").uuid("id", false)).isNull();
    assertThat(refusal(() -> fields("{}").uuid("id", true)).code()).isEqualTo("missing_field");
    assertThat(refusal(() -> fields("{\"id\": \"0-0-0-0-0\"}").uuid("id", true)).code()).isEqualTo("invalid_field");
    assertThat(refusal(() -> fields("{\"id\": \"" + id + " \"}").uuid("id", true)).code()).isEqualTo("invalid_field");
    assertThat(refusal(() -> fields("{\"id\": 5}").uuid("id", false)).field()).isEqualTo("id");
  }

  @Test
  void uuidArraysAreDistinctInOrder() {
    UUID a = UUID.randomUUID();
    UUID b = UUID.randomUUID();
    assertThat(fields("{\"ids\": [\"" + b + "\", \"" + a + "\", \"" + b + "\"]}").uuids("ids")).containsExactly(b, a);
    assertThat(fields("{}").uuids("ids")).isEmpty();
    assertThat(refusal(() -> fields("{\"ids\": [\"x\"]}").uuids("ids")).field()).isEqualTo("ids");
    assertThat(refusal(() -> fields("{\"ids\": \"" + a + "\"}").uuids("ids")).field()).isEqualTo("ids");
  }

  @Test
  void enumValueIsCaseInsensitiveAndListsTheAllowedValuesSorted() {
    ApiError e = refusal(() -> fields("{\"s\": \"DAYS\"}").enumValue("s", EnumSet.of(TimeUnit.SECONDS, TimeUnit.MINUTES), true));
    assertThat(e.message()).isEqualTo("s must be one of [MINUTES, SECONDS]");
    assertThat(fields("{\"s\": \"seconds\"}").enumValue("s", TimeUnit.class)).isEqualTo(TimeUnit.SECONDS);
    assertThat(fields("{\"s\": null}").enumValue("s", EnumSet.of(TimeUnit.SECONDS), false)).isNull();
    assertThat(refusal(() -> fields("{\"s\": null}").enumValue("s", TimeUnit.class)).code()).isEqualTo("missing_field");
    assertThat(refusal(() -> fields("{\"s\": [\"SECONDS\"]}").enumValue("s", TimeUnit.class)).field()).isEqualTo("s");
  }

  @Test
  void instantsBooleansAndObjects() {
    assertThat(fields("{\"t\": \"2026-03-20T21:00:00Z\"}").instant("t", true)).isEqualTo(Instant.parse("2026-03-20T21:00:00Z"));
    assertThat(fields("{}").instant("t", false)).isNull();
    assertThat(refusal(() -> fields("{\"t\": \"tomorrow\"}").instant("t", false)).field()).isEqualTo("t");
    assertThat(refusal(() -> fields("{}").instant("t", true)).code()).isEqualTo("missing_field");
    assertThat(fields("{}").bool("b", true)).isTrue();
    assertThat(fields("{\"b\": false}").bool("b", true)).isFalse();
    assertThat(refusal(() -> fields("{\"b\": \"yes\"}").bool("b", true)).field()).isEqualTo("b");
    assertThat(fields("{\"o\": {\"k\": [1, 2]}}").objectText("o")).isEqualTo("{\"k\":[1,2]}");
    assertThat(fields("{\"o\": null}").objectText("o")).isNull();
    assertThat(refusal(() -> fields("{\"o\": [1]}").objectText("o")).field()).isEqualTo("o");
  }

  @Test
  void stringsAreNonBlankBoundedAndDistinct() {
    assertThat(fields("{\"s\": \"ab\"}").string("s", true, 2)).isEqualTo("ab");
    assertThat(fields("{}").string("s", false)).isNull();
    assertThat(refusal(() -> fields("{}").string("s", true)).code()).isEqualTo("missing_field");
    assertThat(refusal(() -> fields("{\"s\": \"abc\"}").string("s", true, 2)).field()).isEqualTo("s");
    assertThat(refusal(() -> fields("{\"s\": \" \"}").string("s", false)).field()).isEqualTo("s");
    assertThat(refusal(() -> fields("{\"s\": 7}").string("s", false)).field()).isEqualTo("s");
    assertThat(fields("{\"a\": [\"V\", \"R\", \"V\"]}").strings("a")).containsExactly("V", "R");
    assertThat(fields("{}").strings("a")).isEmpty();
    assertThat(refusal(() -> fields("{\"a\": [\"V\", \"R\"]}").strings("a", 1, 5)).message())
        .isEqualTo("a must have at most 1 entries");
    assertThat(refusal(() -> fields("{\"a\": [\"long\"]}").strings("a", 5, 3)).field()).isEqualTo("a");
    assertThat(refusal(() -> fields("{\"a\": [1]}").strings("a")).field()).isEqualTo("a");
    assertThat(refusal(() -> fields("{\"a\": \"V\"}").strings("a")).field()).isEqualTo("a");
  }

  @ParameterizedTest
  @ValueSource(strings = {"{", "not json", "[]", "\"text\"", "42", "null", "{} trailing", " ", "{\"a\": 1,}"})
  void nonObjectsAreInvalidJsonWithoutAField(String payload) {
    ApiError e = refusal(() -> fields(payload));
    assertThat(e.code()).isEqualTo("invalid_json");
    assertThat(e.field()).isNull();
  }

  @Test
  void payloadLimitIsCheckedOnBytesNotCharacters() {
    String json = "{\"t\": \"" + "é".repeat(10) + "\"}"; // 19 characters, 29 bytes
    assertThat(Buffer.buffer(json).length()).isEqualTo(29);
    ApiError e = refusal(() -> StrictJson.parse(Buffer.buffer(json), 28, JsonErrors.HTTP));
    assertThat(e.status()).isEqualTo(413);
    assertThat(e.code()).isEqualTo("payload_too_large");
    assertThat(StrictJson.parse(Buffer.buffer(json), 29, JsonErrors.HTTP).has("t")).isTrue();
  }

  @Test
  void anObjectAlreadyParsedIsReadAsIs() {
    StrictJson f = StrictJson.of(new JsonObject().put("n", 1).putNull("x"), JsonErrors.HTTP);
    assertThat(f.has("x")).isTrue();
    assertThat(f.has("y")).isFalse();
    assertThat(f.number("n")).isEqualTo(1.0);
  }
}
