package org.openastro.api.json;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;

/**
 * JSON allows {@code "\ud800"}, a lone UTF-16 surrogate, which is no Unicode character: it can not
 * be encoded as UTF-8, so storing or forwarding it fails later (a 500, an MQTT "server busy").
 * Every JSON body (HTTP) and payload (MQTT) is checked here when it is read, and such a string is
 * the client's error: 400 / "payload format invalid" naming the field.
 */
public final class JsonStrings {
  private JsonStrings() {}

  /** Refuses, through the transport's {@code errors}, a string (or key) of {@code json} that is not valid Unicode. */
  public static void requireValidUnicode(Object json, JsonErrors errors) {
    String field = firstInvalid(json, "");
    if (field != null) {
      String name = field.isEmpty() ? "body" : field;
      throw errors.invalid(name, name + " contains a lone UTF-16 surrogate, which is not a character");
    }
  }

  /** The dotted path of the first field holding an invalid string ("" for the top level), or null. */
  static String firstInvalid(Object value, String path) {
    if (value instanceof String s) {
      return valid(s) ? null : path;
    }
    if (value instanceof JsonObject object) {
      value = object.getMap();
    }
    if (value instanceof JsonArray array) {
      value = array.getList();
    }
    if (value instanceof Map<?, ?> map) {
      for (Map.Entry<?, ?> e : map.entrySet()) {
        String key = String.valueOf(e.getKey());
        if (!valid(key)) {
          return path;
        }
        String found = firstInvalid(e.getValue(), path.isEmpty() ? key : path + "." + key);
        if (found != null) {
          return found;
        }
      }
    } else if (value instanceof Iterable<?> items) {
      for (Object item : items) {
        String found = firstInvalid(item, path); // an array's items are named by the array's field
        if (found != null) {
          return found;
        }
      }
    }
    return null;
  }

  /** True when every surrogate is part of a pair. */
  static boolean valid(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c)) {
        if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
          return false;
        }
        i++;
      } else if (Character.isLowSurrogate(c)) {
        return false;
      }
    }
    return true;
  }
}
