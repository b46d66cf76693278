package org.openastro.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * The raw setting texts of this process: an optional properties file (named by
 * {@value #CONFIG_FILE_VARIABLE}) overridden by environment variables. Typed values come
 * from {@link #get(Setting)}, which applies the setting's default and validation.
 */
public final class Config {
  public static final String CONFIG_FILE_VARIABLE = "OPENASTRO_CONFIG_FILE";

  private final Map<String, String> values;

  private Config(Map<String, String> values) {
    this.values = Map.copyOf(values);
  }

  /** The process's configuration: file (if named) then environment. */
  public static Config fromEnvironment() {
    return from(System.getenv());
  }

  /** Configuration from the given environment-like map (the file it names is read too). */
  public static Config from(Map<String, String> environment) {
    Map<String, String> merged = new HashMap<>();
    String file = environment.get(CONFIG_FILE_VARIABLE);
    if (file != null && !file.isBlank()) {
      merged.putAll(readPropertiesFile(Path.of(file.trim())));
    }
    environment.forEach((k, v) -> {
      if (v != null) {
        merged.put(k, v);
      }
    });
    return new Config(merged);
  }

  /** This configuration with some values replaced (tests and embedded use). */
  public Config with(Map<String, String> overrides) {
    Map<String, String> merged = new HashMap<>(values);
    merged.putAll(overrides);
    return new Config(merged);
  }

  public <T> T get(Setting<T> setting) {
    return setting.parse(values.get(setting.name()));
  }

  /** Whether the setting was given explicitly (not just defaulted). */
  public boolean isSet(Setting<?> setting) {
    String v = values.get(setting.name());
    return v != null && !v.isBlank();
  }

  private static Map<String, String> readPropertiesFile(Path path) {
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(path)) {
      properties.load(reader);
    } catch (IOException e) {
      throw new ConfigException(
          CONFIG_FILE_VARIABLE + "='" + path + "' cannot be read: " + e.getMessage(), e);
    }
    Map<String, String> result = new HashMap<>();
    properties.forEach((k, v) -> result.put(k.toString().trim(), v.toString()));
    return result;
  }
}
