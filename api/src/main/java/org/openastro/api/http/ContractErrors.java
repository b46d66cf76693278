package org.openastro.api.http;

import io.vertx.json.schema.OutputUnit;
import io.vertx.openapi.validation.SchemaValidationException;
import io.vertx.openapi.validation.ValidatorErrorType;
import io.vertx.openapi.validation.ValidatorException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns vertx-openapi's refusals into the API's error shape, naming the field the way the
 * handlers do: a body field by its dotted path ({@code location.lat}), a query parameter by its
 * name ({@code minAlt}), a path parameter in snake case ({@code nodeId} → {@code node_id}).
 * Unknown fields are reported before missing ones and those before wrong values, as the handlers
 * do, so a misspelt field is named as such and not as the required one it was meant to be.
 */
final class ContractErrors {
  /** vertx-openapi names the parameter only in its message: "... query parameter minAlt ...". */
  private static final Pattern PARAMETER = Pattern.compile("\\b(path|query|header|cookie) parameter ([^\\s.]+)");
  private static final Pattern REQUIRED_PROPERTY = Pattern.compile("required property \"((?:[^\"\\\\]|\\\\.)*)\"");
  private static final Pattern TYPE = Pattern.compile("Instance type (\\S+) is invalid\\. Expected (.+)");
  private static final Pattern FORMAT = Pattern.compile("format \"([^\"]+)\"");
  private static final Pattern ARRAY_INDEX = Pattern.compile("\\d+");
  /** Keywords that only combine others: their errors repeat what a leaf keyword already said. */
  private static final List<String> COMBINERS = List.of("$ref", "$dynamicRef", "allOf", "anyOf", "oneOf", "not",
      "properties", "items", "prefixItems", "additionalItems", "patternProperties", "if", "then", "else",
      "dependentSchemas", "unevaluatedProperties", "unevaluatedItems", "contains", "additionalProperties");

  private ContractErrors() {}

  static ApiError of(Throwable failure) {
    if (!(failure instanceof ValidatorException e)) {
      return null;
    }
    Matcher param = PARAMETER.matcher(String.valueOf(e.getMessage()));
    if (param.find()) {
      String location = param.group(1);
      String field = "path".equals(location) ? snake(param.group(2)) : param.group(2);
      return e.type() == ValidatorErrorType.MISSING_REQUIRED_PARAMETER
          ? ApiError.missingField(field)
          : ApiError.invalidField(field, field + " is invalid: " + reason(e));
    }
    if (e instanceof SchemaValidationException schema && schema.getOutputUnit() != null) {
      return ofBody(schema.getOutputUnit());
    }
    return switch (e.type()) {
      case MISSING_REQUIRED_PARAMETER -> ApiError.invalidJson("the body is empty");
      case UNSUPPORTED_VALUE_FORMAT -> unsupportedMediaType("the body is not in a content type this endpoint takes");
      default -> ApiError.invalidJson(String.valueOf(e.getMessage()));
    };
  }

  static ApiError unsupportedMediaType(String message) {
    return new ApiError(415, "unsupported_media_type", message, "content-type");
  }

  /** The error of a body that is JSON but not what the schema allows. */
  static ApiError ofBody(OutputUnit result) {
    List<OutputUnit> all = new ArrayList<>();
    collect(result, all);
    // A declared property that fails its schema is reported under "properties" and then again
    // under "additionalProperties" (it was not evaluated successfully): only the second alone
    // means a field the schema does not have.
    Set<String> declaredButInvalid = new HashSet<>();
    all.stream().filter(u -> keyword(u).equals("properties")).forEach(u -> declaredButInvalid.add(u.getInstanceLocation()));
    for (OutputUnit error : all) {
      if (keyword(error).equals("additionalProperties") && !declaredButInvalid.contains(error.getInstanceLocation())) {
        return ApiError.unknownField(field(error.getInstanceLocation()));
      }
    }
    List<OutputUnit> errors = leaves(all);
    for (OutputUnit error : errors) {
      if (keyword(error).equals("required")) {
        Matcher m = REQUIRED_PROPERTY.matcher(String.valueOf(error.getError()));
        String parent = field(error.getInstanceLocation());
        String name = m.find() ? m.group(1) : "?";
        return ApiError.missingField(parent.isEmpty() ? name : parent + "." + name);
      }
    }
    OutputUnit first = errors.isEmpty() ? result : errors.get(0);
    String field = field(first.getInstanceLocation());
    if (field.isEmpty()) {
      return ApiError.invalidJson("expected an object {...}");
    }
    return ApiError.invalidField(field, field + " is invalid: " + describe(first, errors));
  }

  private static List<OutputUnit> leaves(OutputUnit result) {
    List<OutputUnit> all = new ArrayList<>();
    collect(result, all);
    return leaves(all);
  }

  private static List<OutputUnit> leaves(List<OutputUnit> all) {
    List<OutputUnit> leaves = all.stream().filter(u -> !COMBINERS.contains(keyword(u))).toList();
    return leaves.isEmpty() ? all : leaves;
  }

  private static void collect(OutputUnit unit, List<OutputUnit> out) {
    if (unit.getErrors() == null || unit.getErrors().isEmpty()) {
      if (unit.getError() != null) {
        out.add(unit);
      }
      return;
    }
    for (OutputUnit child : unit.getErrors()) {
      if (child.getError() != null) {
        out.add(child);
      }
      if (child.getErrors() != null) {
        child.getErrors().forEach(grandChild -> collect(grandChild, out));
      }
    }
  }

  /** The last keyword of the error's schema location, e.g. "maximum" of "#/properties/lat/maximum". */
  static String keyword(OutputUnit unit) {
    String location = unit.getKeywordLocation() != null ? unit.getKeywordLocation() : unit.getAbsoluteKeywordLocation();
    if (location == null) {
      return "";
    }
    return location.substring(location.lastIndexOf('/') + 1);
  }

  /** "#/location/lat" → "location.lat"; array indexes are left out ("filters/3" → "filters"). */
  static String field(String instanceLocation) {
    if (instanceLocation == null) {
      return "";
    }
    List<String> parts = new ArrayList<>();
    for (String part : instanceLocation.replaceFirst("^#", "").split("/")) {
      if (!part.isEmpty() && !ARRAY_INDEX.matcher(part).matches()) {
        parts.add(part.replace("~1", "/").replace("~0", "~"));
      }
    }
    return String.join(".", parts);
  }

  /** "nodeId" → "node_id": path parameters are named as the fields they are in the JSON. */
  static String snake(String camel) {
    return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
  }

  /** The library's wording, made to read as the handlers' ("must be ..."). */
  static String describe(OutputUnit error, List<OutputUnit> all) {
    String text = String.valueOf(error.getError());
    switch (keyword(error)) {
      case "enum":
        return text.replace("Instance does not match any of", "must be one of");
      case "type": {
        Matcher m = TYPE.matcher(text);
        return m.find() ? "must be of type " + m.group(2) + ", not " + m.group(1) : text;
      }
      case "pattern":
      case "format": {
        // a UUID or a time is checked by pattern and format: the format says what was meant
        for (OutputUnit other : all) {
          Matcher m = FORMAT.matcher(String.valueOf(other.getError()));
          if (keyword(other).equals("format") && other.getInstanceLocation().equals(error.getInstanceLocation())
              && m.find()) {
            return "must be a " + m.group(1) + " string";
          }
        }
        return "does not match the pattern of the OpenAPI document (GET /openapi.yaml)";
      }
      default:
        return text;
    }
  }

  private static String reason(ValidatorException e) {
    if (e instanceof SchemaValidationException schema && schema.getOutputUnit() != null) {
      List<OutputUnit> errors = leaves(schema.getOutputUnit());
      if (!errors.isEmpty()) {
        return describe(errors.get(0), errors);
      }
    }
    return switch (e.type()) {
      case ILLEGAL_VALUE -> "it cannot be decoded";
      case INVALID_VALUE_FORMAT -> "it is not formatted as expected";
      default -> String.valueOf(e.getMessage());
    };
  }
}
