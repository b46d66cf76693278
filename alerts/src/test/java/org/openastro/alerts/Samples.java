package org.openastro.alerts;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The real-shaped alert samples under src/test/resources/alerts. */
public final class Samples {
  private Samples() {}

  public static String text(String name) {
    try (InputStream in = Samples.class.getResourceAsStream("/alerts/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no sample " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
