package org.openastro.bench.scheduler;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Which instance planned a mission and assigned a task, from the schedulers' own INFO lines
 * ("Mission ...: n new task(s)", "Task ... assigned to node ..."): the rows in Cassandra do not say.
 * A line this does not recognise only leaves its work unattributed.
 */
final class InstanceLogs {
  private static final Pattern PLANNED = Pattern.compile("Mission ([0-9a-f-]{36}): \\d+ new task\\(s\\)");
  private static final Pattern ASSIGNED = Pattern.compile("Task ([0-9a-f-]{36}) \\(.*\\) assigned to node");

  static final String UNKNOWN = "(unattributed)";

  private final Map<UUID, String> plannerOf = new HashMap<>();
  private final Map<UUID, String> assignerOf = new HashMap<>();

  /** Reads each instance's log, by instance name. */
  static InstanceLogs read(Map<String, Path> logs) {
    InstanceLogs result = new InstanceLogs();
    logs.forEach((name, log) -> {
      try (Stream<String> lines = Files.lines(log)) {
        lines.forEach(line -> {
          Matcher m = PLANNED.matcher(line);
          if (m.find()) {
            result.plannerOf.put(UUID.fromString(m.group(1)), name);
            return;
          }
          m = ASSIGNED.matcher(line);
          if (m.find()) {
            result.assignerOf.put(UUID.fromString(m.group(1)), name);
          }
        });
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (UncheckedIOException e) {
        // a line that is not UTF-8 (a crash dump): attribute what was read
      }
    });
    return result;
  }

  /** The instance that planned {@code missionId} last ({@link #UNKNOWN} when no line says). */
  String plannerOf(UUID missionId) {
    return plannerOf.getOrDefault(missionId, UNKNOWN);
  }

  String assignerOf(UUID taskId) {
    return assignerOf.getOrDefault(taskId, UNKNOWN);
  }
}
