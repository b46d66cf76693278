package org.openastro.cassandra.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Test helper: has a process exited? */
final class ProcessState {

  private ProcessState() {
  }

  /**
   * True when the process is gone, or is a zombie: an orphan's exit status is collected by whatever
   * adopted it, maybe late or never, and Java still reports a zombie as alive.
   */
  static boolean hasExited(long pid) {
    boolean alive = ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    return !alive || isZombie(pid);
  }

  private static boolean isZombie(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      // Format: "pid (comm) state ..."; comm may contain spaces, so read after the last ')'.
      return stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
    } catch (IOException | RuntimeException e) {
      return !ProcessHandle.of(pid).isPresent();
    }
  }
}
