package org.openastro.cassandra.local;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * Main class of the Cassandra child JVM: {@code ParentWatchingMain <real main class> [args...]}.
 *
 * <p>It exits the child when its parent goes away, however the parent died: the parent holds our
 * stdin pipe open and never writes to it, so EOF on stdin means the parent is gone (even after a
 * SIGKILL, when no shutdown hook of the parent could run). It also locks the data directory so
 * that two nodes never run on the same data.
 *
 * <p>This class is copied as a lone .class file onto the child's classpath (see
 * {@link LauncherClassDirectory}), so it must not use any other class of this module, nor nested
 * or anonymous classes (lambdas are fine: they compile into this class file).
 */
final class ParentWatchingMain {

  /** Path of the lock file that marks the data directory as in use by a running node. */
  static final String LOCK_FILE_PROPERTY = "openastro.node.lock-file";
  /** After the parent is gone, how long Cassandra may drain before the JVM halts regardless. */
  static final String ORPHAN_HALT_AFTER_MS_PROPERTY = "openastro.node.orphan-halt-after-ms";
  static final long DEFAULT_ORPHAN_HALT_AFTER_MS = 30_000;

  static final int EXIT_PARENT_GONE = 0;
  static final int EXIT_DATA_DIRECTORY_IN_USE = 75;
  static final int EXIT_BAD_ARGUMENTS = 64;
  static final int EXIT_MAIN_FAILED = 70;

  /** Kept reachable for the life of the JVM: a collected channel would release the lock. */
  private static FileChannel lockChannel;

  private ParentWatchingMain() {
  }

  public static void main(String[] args) throws Exception {
    if (args.length == 0) {
      System.err.println("usage: ParentWatchingMain <main class> [args...]");
      System.exit(EXIT_BAD_ARGUMENTS);
    }
    lockDataDirectory();
    Thread watcher = new Thread(ParentWatchingMain::exitWhenStdinCloses, "openastro-parent-watcher");
    watcher.setDaemon(true);
    watcher.start();
    runMain(args[0], Arrays.copyOfRange(args, 1, args.length));
  }

  private static void lockDataDirectory() throws IOException {
    String lockFile = System.getProperty(LOCK_FILE_PROPERTY);
    if (lockFile == null) {
      return;
    }
    lockChannel = FileChannel.open(Path.of(lockFile), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    FileLock lock = lockChannel.tryLock();
    if (lock == null) {
      System.err.println("openastro: the data directory is in use by another running Cassandra node"
          + " (lock " + lockFile + " is held). Stop that node or use another data directory.");
      System.exit(EXIT_DATA_DIRECTORY_IN_USE);
    }
  }

  private static void exitWhenStdinCloses() {
    try {
      InputStream in = System.in;
      byte[] buffer = new byte[256];
      while (in.read(buffer) >= 0) {
        // The parent never writes; whatever arrives is ignored.
      }
    } catch (IOException e) {
      // A broken pipe means the same as EOF: the parent is gone.
    }
    System.err.println("openastro: parent process is gone (stdin closed), stopping Cassandra");
    long haltAfterMs = Long.getLong(ORPHAN_HALT_AFTER_MS_PROPERTY, DEFAULT_ORPHAN_HALT_AFTER_MS);
    Thread halter = new Thread(() -> haltAfter(haltAfterMs), "openastro-orphan-halt");
    halter.setDaemon(true);
    halter.start();
    // Runs Cassandra's shutdown hook (drain); the halter ends a drain that hangs.
    System.exit(EXIT_PARENT_GONE);
  }

  private static void haltAfter(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    System.err.println("openastro: Cassandra did not stop within " + millis + " ms after its parent died, halting");
    Runtime.getRuntime().halt(EXIT_PARENT_GONE);
  }

  private static void runMain(String mainClassName, String[] mainArgs) throws Exception {
    try {
      Class.forName(mainClassName).getMethod("main", String[].class).invoke(null, (Object) mainArgs);
    } catch (InvocationTargetException e) {
      System.err.println("openastro: " + mainClassName + ".main failed");
      e.getCause().printStackTrace();
      System.exit(EXIT_MAIN_FAILED);
    }
  }
}
