package org.openastro.app;

import java.util.concurrent.CountDownLatch;
import org.openastro.config.Config;
import org.openastro.config.ConfigException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The run command: starts the whole system and keeps it up until Ctrl-C or SIGTERM. */
public final class Main {
  private static final Logger LOG = LoggerFactory.getLogger(Main.class);

  private Main() {}

  public static void main(String[] args) throws Exception {
    OpenAstroSystem system;
    try {
      system = OpenAstroSystem.start(Config.fromEnvironment());
    } catch (ConfigException e) {
      System.err.println("Configuration error: " + e.getMessage());
      System.exit(2);
      return;
    } catch (Exception e) {
      // Launch, schema, cluster and deployment failures (timeouts too) carry an actionable message;
      // the trace is for the log.
      LOG.error("Start-up failed", e);
      System.err.println("Start-up failed: " + e.getMessage());
      System.exit(1);
      return;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      LOG.info("Shutting down");
      system.close();
      stopped.countDown();
    }, "openastro-shutdown"));
    LOG.info("OpenAstro is up: HTTP on port {}", system.httpPort());
    stopped.await();
  }
}
