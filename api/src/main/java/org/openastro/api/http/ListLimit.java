package org.openastro.api.http;

/** The {@code limit} query parameter of every list endpoint: how many items one page holds. */
public final class ListLimit {
  public static final int DEFAULT = 100;
  public static final int MAX = 1000;

  private ListLimit() {}

  /** {@code text} as a limit ({@link #DEFAULT} when absent), or a 400 naming {@code limit}. */
  public static int of(String text) {
    if (text == null || text.isBlank()) {
      return DEFAULT;
    }
    try {
      int v = Integer.parseInt(text.trim());
      if (v >= 1 && v <= MAX) {
        return v;
      }
    } catch (NumberFormatException ignored) {
      // refused below
    }
    throw ApiException.invalid("limit", "limit must be a whole number between 1 and " + MAX);
  }
}
