package org.openastro.cassandra.local;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** The last lines of a node's log, for error messages. */
final class LogTail {

  static final int LINES_IN_ERRORS = 30;
  /** Enough for 30 long log lines; a stack trace line rarely exceeds this on average. */
  private static final int MAX_BYTES = 64 * 1024;

  /** Lines shown from the first ERROR on (its message and the top of its stack). */
  static final int ERROR_LINES = 12;

  private LogTail() {
  }

  private static int firstErrorLine(List<String> lines) {
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).startsWith("ERROR")) {
        return i;
      }
    }
    return -1;
  }

  /** The last {@code lines} lines written at or after byte {@code fromOffset}, as one indented block. */
  static String of(Path logFile, long fromOffset, int lines) {
    if (logFile == null || !Files.isRegularFile(logFile)) {
      return "    (no log file at " + logFile + ")";
    }
    try (RandomAccessFile file = new RandomAccessFile(logFile.toFile(), "r")) {
      long length = file.length();
      long start = Math.max(Math.max(0, fromOffset), length - MAX_BYTES);
      byte[] bytes = new byte[Math.toIntExact(length - start)];
      file.seek(start);
      file.readFully(bytes);
      List<String> all = Arrays.asList(new String(bytes, StandardCharsets.UTF_8).split("\\R"));
      List<String> last = all.subList(Math.max(0, all.size() - lines), all.size());
      if (last.isEmpty() || last.size() == 1 && last.get(0).isEmpty()) {
        return "    (the log is empty)";
      }
      // A node that fails logs the cause first and then pages of orderly shutdown: the tail alone
      // would show only the shutdown, so the first ERROR and its stack come first.
      int firstError = firstErrorLine(all);
      String cause = firstError < 0 || firstError >= all.size() - lines ? ""
          : "    first error:\n    " + String.join("\n    ",
              all.subList(firstError, Math.min(all.size(), firstError + ERROR_LINES))) + "\n    ...\n";
      return cause + "    " + String.join("\n    ", last);
    } catch (IOException e) {
      return "    (cannot read " + logFile + ": " + e + ")";
    }
  }
}
