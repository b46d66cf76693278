package org.openastro.api.http;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import io.vertx.openapi.contract.MediaType;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The OpenAPI document of the whole HTTP API ({@value #RESOURCE}), as served at
 * {@code GET /openapi.yaml} and as the validator reads it.
 *
 * <p>vertx-openapi validates JSON bodies but refuses to load a document that declares a body type
 * it cannot parse (XML alerts), and would read a streamed upload into memory. So it gets a copy
 * of the document in which such bodies are left out ({@link OperationRules#withoutUnreadableBodies});
 * what it cannot check there (content type, body presence) is checked from the rules taken from the
 * unchanged document. The document served and the document enforced are the same file.
 */
public final class ApiContract {
  public static final String RESOURCE = "openapi/openastro.yaml";
  public static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

  private final Buffer document;
  private final OpenAPIContract validation;
  private final Map<String, OperationRules> rules;

  private ApiContract(Buffer document, OpenAPIContract validation, Map<String, OperationRules> rules) {
    this.document = document;
    this.validation = validation;
    this.rules = rules;
  }

  /** Reads and checks the document from the classpath (off the event loop: parsing is done by workers). */
  public static Future<ApiContract> load(Vertx vertx) {
    return vertx.executeBlocking(ApiContract::read).compose(yaml -> {
      JsonObject raw = parse(yaml);
      Map<String, OperationRules> byId = OperationRules.of(raw);
      return OpenAPIContract.from(vertx, OperationRules.withoutUnreadableBodies(raw, byId))
          .map(contract -> new ApiContract(yaml, contract, byId));
    });
  }

  /** The document's bytes, from the class path (a jar included). */
  static Buffer read() throws IOException {
    try (InputStream in = ApiContract.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IOException(RESOURCE + " is not on the class path");
      }
      return Buffer.buffer(in.readAllBytes());
    }
  }

  /** The document as a JSON tree (YAML is a superset of JSON; the document uses no YAML-only types). */
  static JsonObject parse(Buffer yaml) {
    Object tree = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml.toString());
    if (!(tree instanceof Map<?, ?>)) {
      throw new IllegalArgumentException(RESOURCE + " is not a YAML mapping");
    }
    // through JSON text so that every nested map and list becomes a JsonObject / JsonArray
    return new JsonObject(Json.encode(tree));
  }

  /** The document as written, for {@code GET /openapi.yaml}. */
  public Buffer document() {
    return document;
  }

  /** The contract the request validator checks against (see the class comment). */
  OpenAPIContract validation() {
    return validation;
  }

  /** The operation a request is for, or null when the document has none for it. */
  Operation find(HttpMethod method, String path) {
    return path == null ? null : validation.findOperation(path, method);
  }

  OperationRules rules(Operation operation) {
    return rules.get(operation.getOperationId());
  }

  /** Every documented operation by id, e.g. for checking the mounted routes against them. */
  public Map<String, String> operations() {
    Map<String, String> out = new HashMap<>();
    rules.values().forEach(r -> out.put(r.operationId(), r.method() + " " + r.path()));
    return out;
  }

  /** True when vertx-openapi can parse a body of this media type (JSON, multipart, text, octet-stream). */
  static boolean readable(String mediaType) {
    return MediaType.isMediaTypeSupported(mediaType);
  }
}
