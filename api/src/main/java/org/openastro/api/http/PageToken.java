package org.openastro.api.http;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * The opaque {@code page} token of list endpoints: the fields of where the last page ended,
 * joined and base64url-encoded. Clients pass it back as it is; anything else is a 400 naming
 * {@code page}.
 */
public final class PageToken {
  private PageToken() {}

  public static String encode(Object... parts) {
    StringBuilder text = new StringBuilder();
    for (Object part : parts) {
      if (!text.isEmpty()) {
        text.append('|');
      }
      text.append(part);
    }
    return Base64.getUrlEncoder().withoutPadding().encodeToString(text.toString().getBytes(StandardCharsets.UTF_8));
  }

  /** The {@code count} fields of a token, or a 400 naming {@code page}. */
  public static List<String> decode(String token, int count) {
    try {
      String text = new String(Base64.getUrlDecoder().decode(token.trim()), StandardCharsets.UTF_8);
      List<String> parts = List.of(text.split("\\|", -1));
      if (parts.size() == count) {
        return parts;
      }
    } catch (IllegalArgumentException e) {
      // refused below
    }
    throw invalid();
  }

  public static ApiException invalid() {
    return ApiException.invalid("page", "page must be a token from the next_page of an earlier answer");
  }
}
