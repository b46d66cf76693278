package org.openastro.alerts.kafka;

import org.openastro.alerts.NoticeOutcome.Kind;

/** What becomes of one notice; called on the consumer's thread, which may block. */
@FunctionalInterface
public interface NoticeHandler {

  /**
   * Handles one record's value. Returns what became of it once that is stored; throws
   * {@link UnreadableNoticeException} for a notice that no retry can make readable, and anything
   * else for a failure worth retrying (storage).
   */
  Kind handle(String topic, String body) throws Exception;

  /** A notice that cannot become a mission, whatever is retried: skipped and counted. */
  final class UnreadableNoticeException extends Exception {
    private final String code;

    public UnreadableNoticeException(String code, String message) {
      super(message, null, false, false);
      this.code = code;
    }

    public String code() {
      return code;
    }
  }
}
