package org.openastro.alerts;

import java.util.Locale;

/**
 * The words of each format that say a notice withdraws its event or is only a test. Pure, so the
 * rules are tested apart from the readers.
 */
final class NoticeTense {
  private NoticeTense() {}

  /** GCN unified JSON {@code alert_type} {@code retraction}, LVK {@code RETRACTION}, a VOEvent AlertType. */
  static boolean isRetraction(String alertType) {
    return alertType != null && alertType.trim().equalsIgnoreCase("retraction");
  }

  /** GCN unified JSON {@code alert_tense}: {@code test} and {@code injection} are practice, the others real. */
  static boolean isTestTense(String alertTense) {
    if (alertTense == null) {
      return false;
    }
    String t = alertTense.trim().toLowerCase(Locale.ROOT);
    return t.equals("test") || t.equals("injection");
  }

  /**
   * An LVK superevent that is not a real event: mock (MDC) superevents start with {@code M}
   * ({@code MS240501abc}), test ones with {@code T}; real ones with {@code S} (or {@code G} for a
   * single-pipeline event).
   */
  static boolean isLvkPractice(String supereventId) {
    return supereventId.startsWith("M") || supereventId.startsWith("T");
  }
}
