package org.openastro.config;

import java.util.Objects;
import java.util.function.Function;

/**
 * One named setting: the environment variable that sets it, its documented default and how
 * its text is turned into a value. A value that does not parse fails with a message naming the
 * variable, so a typo in a deployment is found at start-up, not at 3 a.m.
 *
 * @param <T> the parsed type
 */
public final class Setting<T> {
  private final String name;
  private final String defaultText;
  private final String description;
  private final Function<String, T> parser;
  private final boolean secret;

  private Setting(String name, String defaultText, String description, Function<String, T> parser,
      boolean secret) {
    this.secret = secret;
    this.name = Objects.requireNonNull(name);
    this.defaultText = defaultText;
    this.description = Objects.requireNonNull(description);
    this.parser = Objects.requireNonNull(parser);
  }

  /** A setting; {@code defaultText} null means "unset by default" (the value is then null). */
  public static <T> Setting<T> of(
      String name, String defaultText, String description, Function<String, T> parser) {
    return new Setting<>(name, defaultText, description, parser, false);
  }

  /** A setting holding a secret (password, key): its value never appears in error messages. */
  public static <T> Setting<T> secret(String name, String description, Function<String, T> parser) {
    return new Setting<>(name, null, description, parser, true);
  }

  public String name() {
    return name;
  }

  /** The default as written in the documentation, or null when unset by default. */
  public String defaultText() {
    return defaultText;
  }

  public String description() {
    return description;
  }

  /** Parses {@code text}, or the default when {@code text} is null or blank. */
  T parse(String text) {
    String effective = text == null || text.isBlank() ? defaultText : text.trim();
    if (effective == null) {
      return null;
    }
    try {
      return parser.apply(effective);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(
          name + "=" + (secret ? "<hidden>" : "'" + effective + "'") + " is not valid: " + e.getMessage()
              + " (" + description + (defaultText == null ? "" : "; default " + defaultText) + ")",
          e);
    }
  }

  @Override
  public String toString() {
    return name;
  }
}
