package org.openastro.app;

import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * Requests for one operation of the OpenAPI document, from a seeded {@link Random}: values valid by
 * the schemas (ids that exist where it matters), then mutated (wrong types, numbers out of range or
 * not numbers, missing and unknown fields, deep nesting, long strings, lone surrogates, invalid
 * UTF-8, malformed JSON, empty bodies, wrong content types), hostile path and query parameters,
 * and every kind of credential.
 */
final class FuzzGen {
  /** Who the request claims to be; resolved when it is sent (node secrets change on rotation). */
  enum Auth { NONE, ADMIN, SUBMITTER, PIPELINE, OWN_NODE_SECRET, OTHER_NODE_SECRET, SECRET_SHAPE, UNKNOWN_KEY, GARBAGE, MALFORMED }

  /** A request to send; {@code pathNode} is the node whose secret {@link Auth#OWN_NODE_SECRET} means. */
  record Request(int index, String opId, String method, String target, Map<String, String> headers, byte[] body,
      Auth auth, UUID pathNode, String mutation) {
    String describe() {
      StringBuilder s = new StringBuilder();
      s.append('#').append(index).append(' ').append(method).append(' ').append(clip(target, 300))
          .append(" [op ").append(opId).append(", auth ").append(auth).append(", ").append(mutation).append(']');
      headers.forEach((k, v) -> s.append("\n    ").append(k).append(": ").append(clip(v, 120)));
      if (body != null) {
        s.append("\n    body (").append(body.length).append(" bytes): ").append(clip(printable(body), 400));
      }
      return s.toString();
    }
  }

  /** Ids that exist (registered during set-up). */
  record Ids(List<UUID> nodes, List<UUID> missions, List<UUID> artifacts, List<UUID> tasks, List<UUID> deletableKeys) {
  }

  /** A piece of JSON text written as it is (numbers JSON can not carry, invalid tokens, escapes). */
  record Raw(String text) {
  }

  private static final String MARK = "\u0001INVALID_UTF8\u0001";
  static final String[] GARBAGE_IDS = {"", "x", "not-a-uuid", "%", "%zz", "%2", "%00", "%ZZ%", "%c3%28", "%ed%a0%80",
      "%F0%9F%98%80", "123", "-1", "null", "undefined", "..", "%2e%2e", "%2F", "a%2Fb", "00000000-0000-0000-0000-000000000000",
      "ffffffff-ffff-ffff-ffff-ffffffffffff", "{nodeId}", "%7Bid%7D", "'%20OR%201=1--", "%3Cscript%3E",
      "12345678123456781234567812345678", "urn:uuid:6e8bc430-9c3a-11d9-9669-0800200c9a66",
      "6e8bc430-9c3a-11d9-9669-0800200c9a6", "6e8bc430-9c3a-11d9-9669-0800200c9a666", "6E8BC430-9C3A-11D9-9669-0800200C9A66 ",
      "6e8bc430-9c3a-11d9-9669-0800200c9a6g", "%20", "+", "~", "%u0041", "\u00e9", "\u6f22\u5b57", "%FF%FE"};
  static final String[] GARBAGE_QUERY = {"", "%", "%zz", "%2", "%00", "abc", "-1", "0", "1e400", "-1e400", "NaN", "Infinity",
      "-Infinity", "1e3", "99999999999999999999999", "0x10", "true", "null", "%ed%a0%80", "%c3%28", "+", "%20", "a%00b",
      "1.5", "-0", "2026-13-45T99:99:99Z", "2026-01-01", "9999-12-31T23:59:59Z", "-999999999-01-01T00:00:00Z",
      "%E2%80%AE", "[]", "{}", "%5B%5D", "10000", "91", "-91", "361", "400", "1001", "2147483648"};
  static final String[] WRONG_CONTENT_TYPES = {"text/plain", "application/xml", "application/x-www-form-urlencoded",
      "multipart/form-data; boundary=xyz", "application/json; charset=utf-16", "application/json; charset=latin1",
      "application/octet-stream", "*/*", "a/b/c", "", "application/json, text/plain", "application/JSON",
      "application/vnd.api+json", "text/json", "application/json;;", "application/json; charset=\"\u00e9\""};

  private final FuzzSpec spec;
  private final Ids ids;
  private final Instant now;

  FuzzGen(FuzzSpec spec, Ids ids, Instant now) {
    this.spec = spec;
    this.ids = ids;
    this.now = now;
  }

  Request request(int index, FuzzSpec.Operation op, Random r) {
    List<String> notes = new ArrayList<>();
    Map<String, String> headers = new LinkedHashMap<>();
    UUID pathNode = null;
    // --- path
    String path = op.path();
    for (Map<String, Object> p : op.parameters("path")) {
      String name = (String) p.get("name");
      String value;
      int roll = r.nextInt(100);
      UUID real = realIdForParam(name, r);
      if (roll < 60 && real != null) {
        value = real.toString();
        if (name.equals("nodeId")) {
          pathNode = real;
        }
      } else if (roll < 70) {
        value = UUID.randomUUID().toString();
      } else if (roll < 74 && real != null) {
        value = real.toString().toUpperCase(Locale.ROOT);
        notes.add(name + " upper case");
      } else if (roll < 78) {
        value = "a".repeat(new int[] {300, 2000, 5000}[r.nextInt(3)]);
        notes.add(name + " very long");
      } else {
        value = GARBAGE_IDS[r.nextInt(GARBAGE_IDS.length)];
        notes.add(name + " garbage");
      }
      path = path.replace("{" + name + "}", value);
    }
    // --- query
    List<String> query = new ArrayList<>();
    for (Map<String, Object> p : op.parameters("query")) {
      String name = (String) p.get("name");
      int roll = r.nextInt(100);
      if (roll < 65) {
        String v = queryValue(name, schema(p.get("schema")), r);
        if (v != null) {
          query.add(name + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8));
        }
      } else if (roll < 90) {
        query.add(name + "=" + GARBAGE_QUERY[r.nextInt(GARBAGE_QUERY.length)]);
        notes.add(name + " garbage");
      } else if (roll < 95) {
        query.add(name);
        notes.add(name + " without value");
      } else {
        notes.add(name + " omitted");
      }
    }
    int extra = r.nextInt(100);
    if (extra < 8) {
      query.add(new String[] {"zz", "%", "%zz=1", "a=%", "=1", "&", "x=1&x=2", "%ed%a0%80=1", "limit=1&limit=2",
          "status=PENDING&status=COMPLETE", "a".repeat(3000) + "=1", "\u00e9=\u00e9"}[r.nextInt(12)]);
      notes.add("odd query");
    }
    String target = query.isEmpty() ? path : path + "?" + String.join("&", query);
    // --- credentials
    Auth auth = auth(op, r);
    // --- headers the operation reads
    if (op.id().equals("downloadArtifactContent") || op.id().equals("headArtifactContent")) {
      if (r.nextInt(100) < 40) {
        headers.put("Range", new String[] {"bytes=0-0", "bytes=-1", "bytes=0-", "bytes=999999999-", "bytes=5-2",
            "bytes=abc", "items=0-1", "bytes=0-1,2-3", "bytes=-0", "bytes=18446744073709551616-", "bytes=", "bytes=--1",
            "bytes=0-18446744073709551616", "\u00e9"}[r.nextInt(14)]);
      }
      if (r.nextInt(100) < 15) {
        headers.put(r.nextBoolean() ? "If-None-Match" : "If-Range",
            new String[] {"*", "\"x\"", "W/\"x\"", "garbage", "\"", "\"" + "0".repeat(64) + "\""}[r.nextInt(6)]);
      }
    }
    if (r.nextInt(100) < 3) {
      headers.put("X-Fuzz", "v".repeat(new int[] {100, 4000, 9000}[r.nextInt(3)]));
      notes.add("long header");
    }
    // --- body
    byte[] body = null;
    if (op.bodyContent() != null) {
      body = body(op, headers, r, notes);
    } else if (r.nextInt(100) < 10) {
      headers.put("Content-Type", r.nextBoolean() ? "application/json" : WRONG_CONTENT_TYPES[r.nextInt(WRONG_CONTENT_TYPES.length)]);
      body = r.nextBoolean() ? "{\"unexpected\": true}".getBytes(StandardCharsets.UTF_8) : new byte[] {0, (byte) 0xff, 1};
      notes.add("body where none is taken");
    }
    String method = op.method().toUpperCase(Locale.ROOT);
    if (r.nextInt(100) < 2) {
      method = new String[] {"PATCH", "DELETE", "OPTIONS", "TRACE", "PUT"}[r.nextInt(5)];
      notes.add("undocumented method");
    }
    return new Request(index, op.id(), method, target, headers, body, auth, pathNode,
        notes.isEmpty() ? "valid" : String.join("; ", notes));
  }

  private Auth auth(FuzzSpec.Operation op, Random r) {
    int roll = r.nextInt(100);
    if (op.nodeSecret()) {
      return roll < 50 ? Auth.OWN_NODE_SECRET : roll < 58 ? Auth.NONE : roll < 66 ? Auth.GARBAGE
          : roll < 74 ? Auth.OTHER_NODE_SECRET : roll < 84 ? Auth.SECRET_SHAPE : roll < 90 ? Auth.ADMIN : Auth.MALFORMED;
    }
    if (op.apiKey() && !op.anonymous()) {
      return roll < 55 ? Auth.ADMIN : roll < 65 ? Auth.SUBMITTER : roll < 73 ? Auth.PIPELINE : roll < 80 ? Auth.NONE
          : roll < 86 ? Auth.GARBAGE : roll < 91 ? Auth.UNKNOWN_KEY : roll < 95 ? Auth.SECRET_SHAPE : Auth.MALFORMED;
    }
    return roll < 50 ? Auth.NONE : roll < 65 ? Auth.ADMIN : roll < 72 ? Auth.SUBMITTER : roll < 77 ? Auth.PIPELINE
        : roll < 85 ? Auth.GARBAGE : roll < 90 ? Auth.UNKNOWN_KEY : roll < 95 ? Auth.SECRET_SHAPE : Auth.MALFORMED;
  }

  private UUID realIdForParam(String name, Random r) {
    List<UUID> pool = switch (name) {
      case "nodeId" -> ids.nodes();
      case "missionId" -> ids.missions();
      case "artifactId" -> ids.artifacts();
      case "taskId" -> r.nextBoolean() ? ids.tasks() : List.of(UUID.randomUUID());
      case "keyId" -> ids.deletableKeys();
      default -> List.of();
    };
    return pool.isEmpty() ? null : pool.get(r.nextInt(pool.size()));
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> schema(Object s) {
    return (Map<String, Object>) spec.resolve(s);
  }

  private String queryValue(String name, Map<String, Object> schema, Random r) {
    if (name.equals("from")) {
      return now.plus(r.nextInt(48) - 24, ChronoUnit.HOURS).toString();
    }
    if (name.equals("to")) {
      return now.plus(r.nextInt(24 * 40), ChronoUnit.HOURS).toString();
    }
    Object v = value(name, schema, r, 0);
    return v == null ? null : String.valueOf(v);
  }

  // ---------------------------------------------------------------- bodies

  private byte[] body(FuzzSpec.Operation op, Map<String, String> headers, Random r, List<String> notes) {
    String contentType = op.bodyContent().keySet().stream().skip(r.nextInt(op.bodyContent().size())).findFirst().orElseThrow();
    if (op.id().equals("uploadArtifactContent")) {
      int roll = r.nextInt(100);
      if (roll < 80) {
        headers.put("Content-Type", contentType);
      } else if (roll < 90) {
        headers.put("Content-Type", WRONG_CONTENT_TYPES[r.nextInt(WRONG_CONTENT_TYPES.length)]);
        notes.add("content type " + headers.get("Content-Type"));
      } else {
        notes.add("no content type");
      }
      if (r.nextInt(100) < 40) {
        return ApiFuzzIT.CONTENT.clone();
      }
      byte[] random = new byte[new int[] {0, 1, 100, 5000}[r.nextInt(4)]];
      r.nextBytes(random);
      notes.add("content " + random.length + " random bytes");
      return random;
    }
    if (contentType.contains("xml")) {
      headers.put("Content-Type", contentType);
      notes.add("xml");
      return xml(r).getBytes(StandardCharsets.UTF_8);
    }
    Object schema = ((Map<?, ?>) op.bodyContent().get(contentType)).get("schema");
    Object tree = op.id().equals("submitAlert") ? alert(r) : value("", schema(schema), r, 0);
    int roll = r.nextInt(100);
    int ctRoll = r.nextInt(100);
    if (ctRoll < 85) {
      headers.put("Content-Type", r.nextInt(10) == 0 ? "application/json; charset=utf-8" : "application/json");
    } else if (ctRoll < 95) {
      headers.put("Content-Type", WRONG_CONTENT_TYPES[r.nextInt(WRONG_CONTENT_TYPES.length)]);
      notes.add("content type " + headers.get("Content-Type"));
    } else {
      notes.add("no content type");
    }
    if (roll < 20) {
      return json(tree);
    }
    if (roll < 72) {
      int mutations = 1 + r.nextInt(3);
      for (int i = 0; i < mutations; i++) {
        tree = mutate(tree, r, notes);
      }
      return json(tree);
    }
    return rawBody(tree, r, notes);
  }

  private byte[] rawBody(Object tree, Random r, List<String> notes) {
    String valid = new String(json(tree), StandardCharsets.UTF_8);
    int kind = r.nextInt(20);
    notes.add("raw body " + kind);
    return switch (kind) {
      case 0 -> new byte[0];
      case 1 -> " \r\n\t ".getBytes(StandardCharsets.UTF_8);
      case 2 -> new String[] {"{", "}", "[", "]", "null", "0", "\"s\"", "[]", "true", "-", "{\"a\":}", "{'a':1}", "{\"a\":1,}",
          "{\"a\" 1}", "/*c*/{}", "{\"a\":\"\\uZZZZ\"}", "{\"a\":\"\\x41\"}", "{\"a\":\"\\ud800\"}", "{\"\\ud800\":1}",
          "{\"a\":1}{\"b\":2}", "{\"a\":NaN}", "{\"a\":Infinity}", "{\"a\":01}", "{\"a\":\"\u0000\"}"}[r.nextInt(24)]
          .getBytes(StandardCharsets.UTF_8);
      case 3 -> valid.substring(0, r.nextInt(Math.max(1, valid.length()))).getBytes(StandardCharsets.UTF_8);
      case 4 -> (valid + new String[] {"x", "}", "]", ",", "\u0000", " {}"}[r.nextInt(6)]).getBytes(StandardCharsets.UTF_8);
      case 5 -> ("\uFEFF" + valid).getBytes(StandardCharsets.UTF_8);
      case 6 -> {
        byte[] random = new byte[1 + r.nextInt(300)];
        r.nextBytes(random);
        yield random;
      }
      case 7 -> {
        // over HTTP_MAX_BODY_BYTES (64 KiB)
        StringBuilder pad = new StringBuilder("{\"pad\":\"");
        pad.append("p".repeat(70_000)).append("\"}");
        yield pad.toString().getBytes(StandardCharsets.UTF_8);
      }
      case 8 -> nested(new int[] {64, 256, 1000, 1100, 5000, 20_000}[r.nextInt(6)], r.nextBoolean()).getBytes(StandardCharsets.UTF_8);
      case 9 -> withInvalidUtf8(tree, r);
      case 10 -> valid.getBytes(StandardCharsets.UTF_16);
      case 11 -> valid.getBytes(StandardCharsets.ISO_8859_1);
      case 12 -> duplicateKey(valid, r).getBytes(StandardCharsets.UTF_8);
      case 13 -> ("[" + valid + "]").getBytes(StandardCharsets.UTF_8);
      case 14 -> valid.replace("\"", "'").getBytes(StandardCharsets.UTF_8);
      case 15 -> valid.replace(":", ": \u0000").getBytes(StandardCharsets.UTF_8);
      case 16 -> valid.toUpperCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8);
      case 17 -> ("{\"a\":" + "1".repeat(5000) + "}").getBytes(StandardCharsets.UTF_8);
      case 18 -> ("{\"a\":1e" + "9".repeat(30) + "}").getBytes(StandardCharsets.UTF_8);
      default -> ("{\"a\":\"" + "\\ud800".repeat(1 + r.nextInt(50)) + "\"}").getBytes(StandardCharsets.UTF_8);
    };
  }

  private static String nested(int depth, boolean arrays) {
    StringBuilder s = new StringBuilder(depth * 6);
    for (int i = 0; i < depth; i++) {
      s.append(arrays ? "[" : "{\"a\":");
    }
    s.append("1");
    for (int i = 0; i < depth; i++) {
      s.append(arrays ? "]" : "}");
    }
    return s.toString();
  }

  private static String duplicateKey(String valid, Random r) {
    if (!valid.startsWith("{\"")) {
      return valid;
    }
    int end = valid.indexOf('"', 2);
    String key = valid.substring(2, end);
    return "{\"" + key + "\":" + new String[] {"1", "null", "\"dup\"", "[]"}[r.nextInt(4)] + "," + valid.substring(1);
  }

  private byte[] withInvalidUtf8(Object tree, Random r) {
    Object marked = replaceRandomLeaf(tree, r, MARK);
    byte[] text = json(marked);
    byte[] mark = jsonString(MARK).getBytes(StandardCharsets.UTF_8);
    byte[] mark2 = MARK.getBytes(StandardCharsets.UTF_8);
    byte[] bad = new byte[][] {{(byte) 0xc3, 0x28}, {(byte) 0xff}, {(byte) 0xed, (byte) 0xa0, (byte) 0x80},
        {(byte) 0xc0, (byte) 0xaf}, {(byte) 0xf8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80}, {(byte) 0x80}}[r.nextInt(6)];
    byte[] out = replaceBytes(text, mark, concat(new byte[] {'"'}, bad, new byte[] {'"'}));
    return replaceBytes(out, mark2, bad);
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }

  private static byte[] replaceBytes(byte[] text, byte[] what, byte[] with) {
    outer:
    for (int i = 0; i <= text.length - what.length; i++) {
      for (int j = 0; j < what.length; j++) {
        if (text[i + j] != what[j]) {
          continue outer;
        }
      }
      return concat(java.util.Arrays.copyOfRange(text, 0, i), with, java.util.Arrays.copyOfRange(text, i + what.length, text.length));
    }
    return text;
  }

  // ---------------------------------------------------------------- mutations of a JSON tree

  @SuppressWarnings("unchecked")
  private Object mutate(Object tree, Random r, List<String> notes) {
    int kind = r.nextInt(11);
    switch (kind) {
      case 0 -> {
        notes.add("wrong type");
        return replaceRandomLeaf(tree, r, wrongType(r));
      }
      case 1 -> {
        Object n = edgeNumber(r);
        notes.add("number " + (n instanceof Raw raw ? raw.text() : n));
        return replaceRandomLeaf(tree, r, n);
      }
      case 2 -> {
        List<Map<String, Object>> objects = objects(tree);
        if (!objects.isEmpty()) {
          Map<String, Object> o = objects.get(r.nextInt(objects.size()));
          if (!o.isEmpty()) {
            String key = new ArrayList<>(o.keySet()).get(r.nextInt(o.size()));
            o.remove(key);
            notes.add("without " + key);
          }
        }
        return tree;
      }
      case 3 -> {
        List<Map<String, Object>> objects = objects(tree);
        if (!objects.isEmpty()) {
          String key = new String[] {"zz_unknown", "__proto__", "", "\ud800", "constructor", "node_id ", "NODE_ID", "$where",
              "a".repeat(300)}[r.nextInt(9)];
          objects.get(r.nextInt(objects.size())).put(key, wrongType(r));
          notes.add("unknown field");
        }
        return tree;
      }
      case 4 -> {
        int depth = new int[] {10, 50, 200, 900}[r.nextInt(4)];
        notes.add("nesting " + depth);
        return replaceRandomLeaf(tree, r, new Raw(nested(depth, r.nextBoolean())));
      }
      case 5 -> {
        int length = new int[] {33, 65, 101, 1025, 5000, 30_000}[r.nextInt(6)];
        notes.add("string of " + length);
        String unit = new String[] {"a", "\u00e9", "\ud83d\ude00", " ", "\\", "\"", "/"}[r.nextInt(7)];
        return replaceRandomLeaf(tree, r, unit.repeat(length / unit.length()));
      }
      case 6 -> {
        String s = new String[] {"\ud800", "\udfff", "a\ud800b", "\udc00\ud800", "\u0000", "\u202e", "\ud83d\ude00", "e\u0301",
            "\uffff", "\ufffe", "\\u0000", "\u0085", "\u2028", "\t", "\n", " ", "%00", "${jndi:ldap://x}", "../../etc/passwd",
            "<script>", "'; DROP TABLE nodes; --"}[r.nextInt(21)];
        notes.add("odd string");
        // some as the bare odd string, some inside an array (filters, paths)
        return replaceRandomLeaf(tree, r, r.nextInt(4) == 0 ? new ArrayList<>(List.of(s)) : s);
      }
      case 7 -> {
        notes.add("null");
        return replaceRandomLeaf(tree, r, null);
      }
      case 8 -> {
        notes.add("array of " + 2000);
        List<Object> big = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
          big.add("f" + i);
        }
        return replaceRandomLeaf(tree, r, big);
      }
      case 9 -> {
        notes.add("whole body wrong type");
        return wrongType(r);
      }
      default -> {
        notes.add("date " + "odd");
        return replaceRandomLeaf(tree, r, new String[] {"2026-02-30T00:00:00Z", "2026-01-01T00:00:00", "2026-01-01",
            "0000-01-01T00:00:00Z", "+999999999-12-31T23:59:59Z", "2026-01-01T25:00:00Z", "1970-01-01T00:00:00Z",
            "2026-01-01T00:00:00+14:00", "2026-01-01T00:00:00.123456789123Z", "yesterday", "1735689600"}[r.nextInt(11)]);
      }
    }
  }

  private static Object wrongType(Random r) {
    return switch (r.nextInt(10)) {
      case 0 -> 42L;
      case 1 -> -1L;
      case 2 -> 1.5;
      case 3 -> true;
      case 4 -> "str";
      case 5 -> new ArrayList<>();
      case 6 -> new LinkedHashMap<>();
      case 7 -> null;
      case 8 -> new ArrayList<>(List.of(1L, "a", new LinkedHashMap<>()));
      default -> new LinkedHashMap<>(Map.of("a", 1L));
    };
  }

  private static Object edgeNumber(Random r) {
    return switch (r.nextInt(22)) {
      case 0 -> new Raw("1e400");
      case 1 -> new Raw("-1e400");
      case 2 -> 1e308;
      case 3 -> new Raw("-0");
      case 4 -> 0L;
      case 5 -> -1L;
      case 6 -> new Raw("9223372036854775808");
      case 7 -> new Raw("123456789012345678901234567890.5");
      case 8 -> new Raw("4.9e-324");
      case 9 -> "NaN";
      case 10 -> "Infinity";
      case 11 -> "-Infinity";
      case 12 -> "1e400";
      case 13 -> new Raw("NaN");
      case 14 -> new Raw("Infinity");
      case 15 -> new Raw("01");
      case 16 -> new Raw("+1");
      case 17 -> new Raw(".5");
      case 18 -> new Raw("1.");
      case 19 -> Long.MIN_VALUE;
      case 20 -> (double) Long.MAX_VALUE;
      default -> new Raw("1E+2");
    };
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> objects(Object tree) {
    List<Map<String, Object>> out = new ArrayList<>();
    if (tree instanceof Map<?, ?> m) {
      out.add((Map<String, Object>) m);
      m.values().forEach(v -> out.addAll(objects(v)));
    } else if (tree instanceof List<?> l) {
      l.forEach(v -> out.addAll(objects(v)));
    }
    return out;
  }

  /** Replaces one value of the tree (a member, an element, or the whole) with {@code with}. */
  @SuppressWarnings("unchecked")
  private static Object replaceRandomLeaf(Object tree, Random r, Object with) {
    List<Object[]> slots = new ArrayList<>(); // {container, key-or-index}
    collectSlots(tree, slots);
    if (slots.isEmpty()) {
      return with;
    }
    Object[] slot = slots.get(r.nextInt(slots.size()));
    if (slot[0] instanceof Map<?, ?> m) {
      ((Map<String, Object>) m).put((String) slot[1], with);
    } else {
      ((List<Object>) slot[0]).set((Integer) slot[1], with);
    }
    return tree;
  }

  private static void collectSlots(Object tree, List<Object[]> slots) {
    if (tree instanceof Map<?, ?> m) {
      m.forEach((k, v) -> {
        slots.add(new Object[] {m, k});
        collectSlots(v, slots);
      });
    } else if (tree instanceof List<?> l) {
      for (int i = 0; i < l.size(); i++) {
        slots.add(new Object[] {l, i});
        collectSlots(l.get(i), slots);
      }
    }
  }

  // ---------------------------------------------------------------- values valid by a schema

  @SuppressWarnings("unchecked")
  private Object value(String field, Map<String, Object> schema, Random r, int depth) {
    schema = schema == null ? Map.of() : schema;
    if (schema.containsKey("allOf")) {
      Map<String, Object> merged = new LinkedHashMap<>();
      Map<String, Object> properties = new LinkedHashMap<>();
      List<Object> required = new ArrayList<>();
      for (Object part : (List<Object>) schema.get("allOf")) {
        Map<String, Object> p = schema(part);
        merged.putAll(p);
        if (p.get("properties") != null) {
          properties.putAll((Map<String, Object>) p.get("properties"));
        }
        if (p.get("required") != null) {
          required.addAll((List<Object>) p.get("required"));
        }
      }
      merged.remove("allOf");
      merged.put("properties", properties);
      merged.put("required", required);
      schema = merged;
    }
    if (schema.get("enum") instanceof List<?> values) {
      List<?> nonNull = values.stream().filter(v -> v != null).toList();
      return r.nextInt(10) == 0 && values.contains(null) ? null : nonNull.get(r.nextInt(nonNull.size()));
    }
    Object typeSpec = schema.get("type");
    String type;
    if (typeSpec instanceof List<?> types) {
      List<?> nonNull = types.stream().filter(t -> !"null".equals(t)).toList();
      if (types.contains("null") && r.nextInt(8) == 0) {
        return null;
      }
      type = (String) nonNull.get(r.nextInt(nonNull.size()));
    } else {
      type = typeSpec == null ? (schema.containsKey("properties") ? "object" : "string") : (String) typeSpec;
    }
    switch (type) {
      case "object" -> {
        Map<String, Object> out = new LinkedHashMap<>();
        Map<String, Object> properties = (Map<String, Object>) schema.getOrDefault("properties", Map.of());
        List<Object> required = (List<Object>) schema.getOrDefault("required", List.of());
        properties.forEach((name, sub) -> {
          if (required.contains(name) || r.nextInt(100) < 55) {
            out.put(name, value(name, schema(sub), r, depth + 1));
          }
        });
        if (properties.isEmpty() && depth < 3) {
          // a free-form object (telemetry): a few members of any kind
          int n = r.nextInt(4);
          for (int i = 0; i < n; i++) {
            out.put("k" + i, switch (r.nextInt(4)) {
              case 0 -> r.nextInt(1000);
              case 1 -> "v" + r.nextInt(100);
              case 2 -> r.nextBoolean();
              default -> new LinkedHashMap<>(Map.of("t", r.nextDouble()));
            });
          }
        }
        if (field.isEmpty() || field.equals("time_constraint_start")) {
          fixWindow(out, r);
        }
        return out;
      }
      case "array" -> {
        int max = Math.min(3, ((Number) schema.getOrDefault("maxItems", 3)).intValue());
        int min = ((Number) schema.getOrDefault("minItems", 0)).intValue();
        int n = min + r.nextInt(Math.max(1, max - min + 1));
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
          out.add(value(field, schema(schema.get("items")), r, depth + 1));
        }
        return out;
      }
      case "integer", "number" -> {
        return number(schema, type.equals("integer"), r);
      }
      case "boolean" -> {
        return r.nextBoolean();
      }
      default -> {
        return string(field, schema, r);
      }
    }
  }

  /** Missions: an end after the start, mostly. */
  private void fixWindow(Map<String, Object> body, Random r) {
    if (body.containsKey("time_constraint_start") && body.containsKey("time_constraint_end")
        && body.get("time_constraint_start") != null && body.get("time_constraint_end") != null && r.nextInt(10) > 0) {
      Instant start = now.minus(r.nextInt(48), ChronoUnit.HOURS);
      body.put("time_constraint_start", start.toString());
      body.put("time_constraint_end", start.plus(Duration.ofHours(1 + r.nextInt(24 * 20))).toString());
    }
  }

  private static Object number(Map<String, Object> schema, boolean integer, Random r) {
    double min = schema.get("minimum") instanceof Number n ? n.doubleValue()
        : schema.get("exclusiveMinimum") instanceof Number n ? n.doubleValue() + (integer ? 1 : 1e-3) : -1000;
    double max = schema.get("maximum") instanceof Number n ? n.doubleValue()
        : schema.get("exclusiveMaximum") instanceof Number n ? n.doubleValue() - (integer ? 1 : 1e-3) : 1000;
    // mostly near the low end (exposures of seconds to an hour, not a year), sometimes anywhere
    double span = r.nextInt(10) < 7 ? Math.min(max - min, 3600) : max - min;
    if (integer) {
      return (long) Math.floor(min) + (long) (r.nextDouble() * (span + 1));
    }
    double v = min + r.nextDouble() * span;
    return r.nextInt(5) == 0 ? (double) Math.round(v) : Math.round(v * 1000) / 1000.0;
  }

  private String string(String field, Map<String, Object> schema, Random r) {
    String pattern = (String) schema.getOrDefault("pattern", "");
    String format = (String) schema.getOrDefault("format", "");
    if ("uuid".equals(format) || pattern.contains("{8}-")) {
      List<UUID> pool = switch (field) {
        case "mission_id" -> ids.missions();
        case "task_id", "current_task_id" -> ids.tasks();
        case "node_id", "contributing_node_ids" -> ids.nodes();
        case "artifact_id" -> ids.artifacts();
        default -> List.of();
      };
      // client-minted ids of new things stay mostly new; references mostly exist
      boolean mint = field.equals("node_id") || field.equals("artifact_id");
      if (!pool.isEmpty() && r.nextInt(100) < (mint ? 15 : 80)) {
        return pool.get(r.nextInt(pool.size())).toString();
      }
      return UUID.randomUUID().toString();
    }
    if ("date-time".equals(format)) {
      if (field.equals("started_at") || field.equals("observed_at")) {
        return now.minus(r.nextInt(3600), ChronoUnit.SECONDS).toString();
      }
      return now.plus(r.nextInt(24 * 30) - 24 * 3, ChronoUnit.HOURS).toString();
    }
    if (pattern.contains("{64}") && pattern.contains("a-f")) {
      byte[] b = new byte[32];
      r.nextBytes(b);
      return HexFormat.of().formatHex(b);
    }
    if (field.equals("wait")) {
      return new String[] {"0s", "1s", "500ms", "0ms", "1m", "10 s", "2h"}[r.nextInt(7)];
    }
    if (field.equals("filters") || field.equals("required_filters")) {
      return new String[] {"V", "R", "B", "Ha", "OIII", "L"}[r.nextInt(6)];
    }
    if (field.equals("name")) {
      return "fuzz-" + Integer.toHexString(r.nextInt());
    }
    if (field.contains("path")) {
      return "s3://fuzz/" + Integer.toHexString(r.nextInt()) + ".fits";
    }
    int maxLength = schema.get("maxLength") instanceof Number n ? n.intValue() : 24;
    int minLength = schema.get("minLength") instanceof Number n ? n.intValue() : 1;
    int length = Math.max(minLength, Math.min(maxLength, 1 + r.nextInt(24)));
    StringBuilder s = new StringBuilder();
    String alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_";
    for (int i = 0; i < length; i++) {
      s.append(alphabet.charAt(r.nextInt(alphabet.length())));
    }
    return s.toString();
  }

  private Object alert(Random r) {
    Instant trigger = now.minus(r.nextInt(3600), ChronoUnit.SECONDS);
    Map<String, Object> a = new LinkedHashMap<>();
    switch (r.nextInt(3)) {
      case 0 -> {
        a.put("mission", "Swift");
        a.put("instrument", "BAT-GUANO");
        a.put("trigger_time", trigger.toString());
        a.put("ra", Math.round(r.nextDouble() * 3590) / 10.0);
        a.put("dec", Math.round(r.nextDouble() * 1800 - 900) / 10.0);
        a.put("ra_uncertainty", new ArrayList<>(List.of(0.05)));
        a.put("classification", new LinkedHashMap<>(Map.of("GRB", 1L)));
        a.put("id", new ArrayList<>(List.of((long) r.nextInt(1_000_000_000))));
      }
      case 1 -> {
        a.put("instrument", "WXT");
        a.put("mission", "EinsteinProbe");
        a.put("trigger_time", trigger.toString());
        a.put("ra", Math.round(r.nextDouble() * 3590) / 10.0);
        a.put("dec", Math.round(r.nextDouble() * 1800 - 900) / 10.0);
        a.put("ra_dec_error", 0.05);
        a.put("id", new ArrayList<>(List.of("EP" + r.nextInt(1_000_000))));
      }
      default -> {
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("objname", "2026" + (char) ('a' + r.nextInt(26)) + (char) ('a' + r.nextInt(26)) + (char) ('a' + r.nextInt(26)));
        reply.put("radeg", Math.round(r.nextDouble() * 3590) / 10.0);
        reply.put("decdeg", Math.round(r.nextDouble() * 1800 - 900) / 10.0);
        reply.put("discoverydate", trigger.toString().replace('T', ' ').replace("Z", ""));
        reply.put("object_type", new LinkedHashMap<>(Map.of("name", "SN Ia", "id", 3L)));
        a.put("id_code", 200L);
        a.put("data", new LinkedHashMap<>(Map.of("reply", reply)));
      }
    }
    return a;
  }

  private String xml(Random r) {
    String voevent = """
        <?xml version="1.0" encoding="UTF-8"?>
        <voe:VOEvent xmlns:voe="http://www.ivoa.net/xml/VOEvent/v2.0" version="2.0" role="observation"
            ivorn="ivo://nasa.gsfc.gcn/SWIFT#BAT_GRB_Pos_%d-391">
          <What><Param name="Packet_Type" value="61"/><Param name="TrigID" value="%d"/></What>
          <WhereWhen><ObsDataLocation><ObservationLocation><AstroCoords coord_system_id="UTC-FK5-GEO">
            <Time unit="s"><TimeInstant><ISOTime>%s</ISOTime></TimeInstant></Time>
            <Position2D unit="deg"><Value2><C1>%s</C1><C2>%s</C2></Value2><Error2Radius>0.05</Error2Radius></Position2D>
          </AstroCoords></ObservationLocation></ObsDataLocation></WhereWhen>
        </voe:VOEvent>
        """.formatted(r.nextInt(9_999_999), r.nextInt(9_999_999), now.minusSeconds(600).toString().replace("Z", ""),
        r.nextInt(10) == 0 ? "NaN" : String.valueOf(r.nextInt(360)), r.nextInt(10) == 0 ? "\ud800" : String.valueOf(r.nextInt(180) - 90));
    return switch (r.nextInt(10)) {
      case 0 -> "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><voe:VOEvent>&e;</voe:VOEvent>";
      case 1 -> "<?xml version=\"1.0\"?><!DOCTYPE l [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">"
          + "<!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\"><!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\">]><x>&d;</x>";
      case 2 -> voevent.substring(0, r.nextInt(voevent.length()));
      case 3 -> "not xml at all";
      case 4 -> "";
      case 5 -> "<a>" + "<b>".repeat(5000) + "</a>";
      case 6 -> voevent.replace("<C1>", "<C1>1e400</C1><C1>");
      default -> voevent;
    };
  }

  // ---------------------------------------------------------------- JSON text

  static byte[] json(Object tree) {
    StringBuilder s = new StringBuilder();
    write(tree, s);
    return s.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static void write(Object v, StringBuilder s) {
    if (v == null) {
      s.append("null");
    } else if (v instanceof Raw raw) {
      s.append(raw.text());
    } else if (v instanceof String str) {
      s.append(jsonString(str));
    } else if (v instanceof Map<?, ?> m) {
      s.append('{');
      boolean first = true;
      for (Map.Entry<?, ?> e : m.entrySet()) {
        if (!first) {
          s.append(',');
        }
        first = false;
        s.append(jsonString((String) e.getKey())).append(':');
        write(e.getValue(), s);
      }
      s.append('}');
    } else if (v instanceof List<?> l) {
      s.append('[');
      for (int i = 0; i < l.size(); i++) {
        if (i > 0) {
          s.append(',');
        }
        write(l.get(i), s);
      }
      s.append(']');
    } else {
      s.append(v);
    }
  }

  /** A JSON string literal; a lone surrogate (not encodable in UTF-8) is written as its {@code \\uXXXX} escape. */
  static String jsonString(String str) {
    StringBuilder s = new StringBuilder("\"");
    for (int i = 0; i < str.length(); i++) {
      char c = str.charAt(i);
      boolean pair = Character.isHighSurrogate(c) && i + 1 < str.length() && Character.isLowSurrogate(str.charAt(i + 1));
      if (pair) {
        s.append(c).append(str.charAt(++i));
      } else if (Character.isSurrogate(c) || c < 0x20) {
        s.append(String.format("\\u%04x", (int) c));
      } else if (c == '"' || c == '\\') {
        s.append('\\').append(c);
      } else {
        s.append(c);
      }
    }
    return s.append('"').toString();
  }

  static String clip(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max) + "...(" + s.length() + " chars)";
  }

  /** Bytes as text, with what is not printable ASCII as {@code \xNN}. */
  static String printable(byte[] bytes) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < Math.min(bytes.length, 2000); i++) {
      int b = bytes[i] & 0xff;
      if (b >= 0x20 && b < 0x7f) {
        s.append((char) b);
      } else {
        s.append(String.format("\\x%02x", b));
      }
    }
    return s.toString();
  }
}
