package org.openastro.app;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.VertxBuilder;
import io.vertx.core.VertxOptions;
import io.vertx.core.transport.Transport;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import org.openastro.config.Config;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How the system's Vert.x is built, in one place so that the benchmarks run the gateway on the
 * Vert.x it ships with: the configured network transport, Vert.x and JVM metrics into the system's
 * registry.
 */
public final class VertxSetup {
  private static final Logger LOG = LoggerFactory.getLogger(VertxSetup.class);

  private VertxSetup() {}

  /** The options; clustering adds its event-bus settings to them. */
  public static VertxOptions options() {
    return new VertxOptions()
        .setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true).setJvmMetricsEnabled(true));
  }

  /** The transport {@code NETWORK_TRANSPORT} names, resolved on this machine. */
  public static Transport transport(Config config) {
    return config.get(NetworkTransport.SETTING).resolve();
  }

  /** A builder over {@code options} on the configured transport, reporting to {@code registry}. */
  public static VertxBuilder builder(Config config, VertxOptions options, MeterRegistry registry) {
    Transport transport = transport(config);
    LOG.info("Network transport: {}", transport.name());
    return Vertx.builder().with(options).withTransport(transport).withMetrics(new MicrometerMetricsFactory(registry));
  }
}
