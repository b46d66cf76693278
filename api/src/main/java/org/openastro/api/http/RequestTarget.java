package org.openastro.api.http;

/**
 * The first check of every request: its path and query must be well percent-encoded (every
 * {@code %} followed by two hex digits). A malformed escape ({@code /api/v1/nodes/%},
 * {@code ?status=%}) is the client's error: 400 naming the query parameter, or {@code path},
 * before anything decodes it (decoding it later throws, which would be a 500).
 */
final class RequestTarget {
  static final String PATH = "path";
  static final String QUERY = "query";

  private RequestTarget() {}

  /** The error of a malformed path or query, or null when both are well encoded. */
  static ApiError check(String path, String query) {
    if (path != null && !wellEncoded(path)) {
      return ApiError.invalidField(PATH, "the path has a malformed %-escape (% must be followed by two hex digits)");
    }
    if (query == null || query.isEmpty()) {
      return null;
    }
    for (String pair : query.split("&")) {
      int eq = pair.indexOf('=');
      String name = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      if (!wellEncoded(name)) {
        return ApiError.invalidField(QUERY, "the query has a malformed %-escape in a parameter name");
      }
      if (!wellEncoded(value)) {
        String field = safeName(name) ? name : QUERY;
        return ApiError.invalidField(field, field + " has a malformed %-escape (% must be followed by two hex digits)");
      }
    }
    return null;
  }

  /** A raw parameter name that may be echoed as the error's field: short, printable, no escapes. */
  private static boolean safeName(String name) {
    return name.length() <= 64 && name.chars().allMatch(c -> c > 0x20 && c < 0x7f && c != '%' && c != '"');
  }

  static boolean wellEncoded(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) == '%') {
        if (i + 2 >= text.length() || !hex(text.charAt(i + 1)) || !hex(text.charAt(i + 2))) {
          return false;
        }
        i += 2;
      }
    }
    return true;
  }

  private static boolean hex(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }
}
