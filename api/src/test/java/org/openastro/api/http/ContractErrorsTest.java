package org.openastro.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.json.schema.OutputErrorType;
import io.vertx.json.schema.OutputUnit;
import io.vertx.openapi.validation.SchemaValidationException;
import io.vertx.openapi.validation.ValidatorErrorType;
import io.vertx.openapi.validation.ValidatorException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** vertx-openapi's refusals in the API's error shape, without a server. */
class ContractErrorsTest {
  static OutputUnit error(String instance, String keywordLocation, String message) {
    return new OutputUnit(instance, "app:///" + keywordLocation, keywordLocation, message, OutputErrorType.INVALID_VALUE);
  }

  static OutputUnit result(OutputUnit... errors) {
    return new OutputUnit(false).setErrors(List.of(errors));
  }

  @Test
  void fieldsAreDottedPathsWithoutArrayIndexes() {
    assertThat(ContractErrors.field("#/location/lat")).isEqualTo("location.lat");
    assertThat(ContractErrors.field("#/required_filters/3")).isEqualTo("required_filters");
    assertThat(ContractErrors.field("#/a~1b/c~0d")).isEqualTo("a/b.c~d");
    assertThat(ContractErrors.field("#")).isEmpty();
    assertThat(ContractErrors.snake("nodeId")).isEqualTo("node_id");
    assertThat(ContractErrors.snake("artifactId")).isEqualTo("artifact_id");
  }

  @Test
  void aDeclaredFieldThatFailsIsInvalidNotUnknown() {
    // what the library reports for {"priority": 500} against additionalProperties: false
    ApiError e = ContractErrors.ofBody(result(
        error("#/priority", "#/properties", "Property \"priority\" does not match schema"),
        error("#/priority", "#/properties/priority/maximum", "500 is greater than 100"),
        error("#/priority", "#/additionalProperties", "Property \"priority\" does not match additional properties schema")));
    assertThat(e).isEqualTo(ApiError.invalidField("priority", "priority is invalid: 500 is greater than 100"));
  }

  @Test
  void unknownBeforeMissingBeforeInvalid() {
    OutputUnit unknown = error("#/priorty", "#/additionalProperties", "Property \"priorty\" does not match additional properties schema");
    OutputUnit missing = new OutputUnit("#/location", "app:///#/properties/location/required", "#/properties/location/required",
        "Instance does not have required property \"lon\"", OutputErrorType.MISSING_VALUE);
    OutputUnit invalid = error("#/target_ra", "#/properties/target_ra/minimum", "-1 is less than 0");
    assertThat(ContractErrors.ofBody(result(invalid, missing, unknown))).isEqualTo(ApiError.unknownField("priorty"));
    assertThat(ContractErrors.ofBody(result(invalid, missing))).isEqualTo(ApiError.missingField("location.lon"));
    assertThat(ContractErrors.ofBody(result(invalid)).code()).isEqualTo("invalid_field");
  }

  @Test
  void aBodyOfTheWrongTypeIsInvalidJsonAndUuidsAreNamedByTheirFormat() {
    ApiError root = ContractErrors.ofBody(result(error("#", "#/type", "Instance type array is invalid. Expected object")));
    assertThat(root.code()).isEqualTo("invalid_json");
    assertThat(root.field()).isNull();
    ApiError id = ContractErrors.ofBody(result(
        error("#/mission_id", "#/properties/mission_id/pattern", "String does not match pattern"),
        error("#/mission_id", "#/properties/mission_id/format", "String does not match format \"uuid\"")));
    assertThat(id).isEqualTo(ApiError.invalidField("mission_id", "mission_id is invalid: must be a uuid string"));
    ApiError type = ContractErrors.ofBody(result(error("#/priority", "#/properties/priority/type",
        "Instance type number is invalid. Expected integer")));
    assertThat(type.message()).isEqualTo("priority is invalid: must be of type integer, not number");
  }

  @Test
  void parametersAreNamedFromTheLibrarysMessage() {
    assertThat(ContractErrors.of(new ValidatorException(
        "The related request / response does not contain the required query parameter ra",
        ValidatorErrorType.MISSING_REQUIRED_PARAMETER))).isEqualTo(ApiError.missingField("ra"));
    ApiError path = ContractErrors.of(new SchemaValidationException(
        "The value of path parameter nodeId is invalid. Reason: String does not match pattern",
        ValidatorErrorType.INVALID_VALUE, result(error("#", "#/pattern", "String does not match pattern")), null));
    assertThat(path.field()).isEqualTo("node_id");
    assertThat(path.code()).isEqualTo("invalid_field");
    ApiError query = ContractErrors.of(new SchemaValidationException(
        "The value of query parameter minAlt is invalid. Reason: 95 is greater than 90",
        ValidatorErrorType.INVALID_VALUE, result(error("#", "#/maximum", "95 is greater than 90")), null));
    assertThat(query).isEqualTo(ApiError.invalidField("minAlt", "minAlt is invalid: 95 is greater than 90"));
  }

  @Test
  void bodyLevelFailuresAndOtherExceptions() {
    assertThat(ContractErrors.of(new ValidatorException("The request body can't be decoded", ValidatorErrorType.ILLEGAL_VALUE))
        .code()).isEqualTo("invalid_json");
    assertThat(ContractErrors.of(new ValidatorException("The format of the request body is not supported",
        ValidatorErrorType.UNSUPPORTED_VALUE_FORMAT)).status()).isEqualTo(415);
    assertThat(ContractErrors.of(new IllegalStateException("not a validation failure"))).isNull();
  }
}
