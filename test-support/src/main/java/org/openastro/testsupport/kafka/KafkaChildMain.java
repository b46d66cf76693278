package org.openastro.testsupport.kafka;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.util.Arrays;

/**
 * Main class of the test broker's child JVM: {@code KafkaChildMain <real main class> [args...]}.
 * It exits the child when the test JVM goes away, however it died: the parent holds our stdin pipe
 * open and never writes to it, so EOF on stdin means the parent is gone (even after a SIGKILL).
 *
 * <p>Copied as a lone .class file onto the child's classpath (none of the test JVM's jars may
 * reach it), so it must not use any other class of this module, nor nested or anonymous classes
 * (lambdas are fine: they compile into this class file).
 */
final class KafkaChildMain {
  static final long HALT_AFTER_MS = 15_000;

  private KafkaChildMain() {}

  public static void main(String[] args) throws Exception {
    if (args.length == 0) {
      System.err.println("usage: KafkaChildMain <main class> [args...]");
      System.exit(64);
    }
    Thread watcher = new Thread(KafkaChildMain::exitWhenStdinCloses, "openastro-parent-watcher");
    watcher.setDaemon(true);
    watcher.start();
    try {
      Class.forName(args[0]).getMethod("main", String[].class)
          .invoke(null, (Object) Arrays.copyOfRange(args, 1, args.length));
    } catch (InvocationTargetException e) {
      System.err.println("openastro: " + args[0] + ".main failed");
      e.getCause().printStackTrace();
      System.exit(70);
    }
  }

  private static void exitWhenStdinCloses() {
    try {
      InputStream in = System.in;
      byte[] buffer = new byte[256];
      while (in.read(buffer) >= 0) {
        // The parent never writes.
      }
    } catch (IOException e) {
      // A broken pipe means the same as EOF.
    }
    System.err.println("openastro: parent process is gone (stdin closed), stopping the Kafka broker");
    Thread halter = new Thread(() -> {
      try {
        Thread.sleep(HALT_AFTER_MS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      Runtime.getRuntime().halt(0);
    }, "openastro-orphan-halt");
    halter.setDaemon(true);
    halter.start();
    System.exit(0);
  }
}
