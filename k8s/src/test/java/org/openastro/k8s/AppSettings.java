package org.openastro.k8s;

import java.lang.reflect.Field;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.openastro.config.Config;
import org.openastro.config.Setting;

/**
 * The settings the OpenAstro process reads, from the app's own list ({@code AllSettings.ALL}),
 * so a manifest that sets a misspelt or removed variable, or a value the app would refuse at
 * start-up, fails here instead of in a crash-looping pod.
 */
final class AppSettings {
  /**
   * Settings being added with the scale-out issue (clustered mode, admin API key, artifact store)
   * that {@code AllSettings} may not list yet, with their documented defaults (null = unset).
   * Once AllSettings has one, its own definition is used and the entry here is ignored.
   */
  static final Map<String, String> NOT_YET_IN_ALL_SETTINGS = pending();

  private static final List<Setting<?>> ALL = readAllSettings();

  private AppSettings() {}

  private static Map<String, String> pending() {
    Map<String, String> pending = new LinkedHashMap<>();
    pending.put("PROCESS_ROLES", "gateway,scheduler");
    pending.put("CLUSTER_ENABLED", "false");
    pending.put("CLUSTER_PORT", "5701");
    pending.put("CLUSTER_MEMBERS", null);
    pending.put("CLUSTER_KUBERNETES_SERVICE_DNS", null);
    pending.put("ADMIN_API_KEY", null);
    pending.put("ARTIFACT_STORE_DIR", null);
    return java.util.Collections.unmodifiableMap(pending);
  }

  /**
   * AllSettings is package-private in the app (it is the launcher's, not an API), so it is read
   * reflectively; a rename fails here with a clear message rather than silently checking nothing.
   */
  @SuppressWarnings("unchecked")
  private static List<Setting<?>> readAllSettings() {
    try {
      Field field = Class.forName("org.openastro.app.AllSettings").getDeclaredField("ALL");
      field.setAccessible(true);
      List<Setting<?>> all = (List<Setting<?>>) field.get(null);
      if (all.isEmpty()) {
        throw new IllegalStateException("org.openastro.app.AllSettings.ALL is empty");
      }
      return all;
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("Cannot read org.openastro.app.AllSettings.ALL, the list of the"
          + " process's settings the manifests are checked against: " + e, e);
    }
  }

  /** Every variable name the process reads. */
  static Set<String> knownNames() {
    Set<String> names = new TreeSet<>(NOT_YET_IN_ALL_SETTINGS.keySet());
    ALL.forEach(s -> names.add(s.name()));
    return names;
  }

  static Optional<Setting<?>> find(String name) {
    return ALL.stream().filter(s -> s.name().equals(name)).findFirst();
  }

  @SuppressWarnings("unchecked")
  static <T> Setting<T> require(String name) {
    return (Setting<T>) find(name).orElseThrow(() -> new AssertionError("AllSettings has no " + name));
  }

  /** Parses every setting of AllSettings from {@code environment} as the app does at start-up. */
  static void validate(Map<String, String> environment) {
    Config config = Config.from(environment);
    ALL.forEach(config::get);
  }

  /** The value the process uses for SHUTDOWN_GRACE in {@code environment}. */
  static Duration shutdownGrace(Map<String, String> environment) {
    return Config.from(environment).get(AppSettings.<Duration>require("SHUTDOWN_GRACE"));
  }

  /** A port setting's value, from AllSettings when it has it, else from the pending default. */
  static int port(Map<String, String> environment, String name) {
    Optional<Setting<?>> setting = find(name);
    if (setting.isPresent()) {
      return (Integer) Config.from(environment).get(setting.get());
    }
    return Integer.parseInt(text(environment, name));
  }

  /** A boolean setting's value (true/false), from AllSettings when it has it. */
  static boolean flag(Map<String, String> environment, String name) {
    Optional<Setting<?>> setting = find(name);
    if (setting.isPresent()) {
      return (Boolean) Config.from(environment).get(setting.get());
    }
    return Boolean.parseBoolean(text(environment, name));
  }

  /** The raw text of a setting: the environment's value, else its documented default (may be null). */
  static String text(Map<String, String> environment, String name) {
    String value = environment.get(name);
    if (value != null && !value.isBlank()) {
      return value.trim();
    }
    return find(name).map(Setting::defaultText).orElse(NOT_YET_IN_ALL_SETTINGS.get(name));
  }
}
