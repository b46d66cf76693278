package org.openastro.gateway.console;

import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The console's files, read once from the jar into memory (a few hundred kB) so that serving one
 * never touches the disk on the event loop. A fixed list: nothing else under the class path can be
 * asked for by name.
 */
final class ConsoleAssets {
  /** Served name (under {@code /console/}) → class-path resource. */
  private static final Map<String, String> FILES = files();

  private final Map<String, Asset> assets = new LinkedHashMap<>();

  record Asset(Buffer bytes, String contentType) {}

  private static Map<String, String> files() {
    Map<String, String> out = new LinkedHashMap<>();
    for (String own : new String[] {"index.html", "console.css", "console.js", "map.js"}) {
      out.put(own, "console/" + own);
    }
    for (String vendored : new String[] {"d3-array.min.js", "d3-geo.min.js", "topojson-client.min.js",
        "countries-110m.json", "LICENSE-d3-array", "LICENSE-d3-geo", "LICENSE-topojson-client", "LICENSE-world-atlas",
        "NOTICE.md"}) {
      out.put(vendored, "console/vendor/" + vendored);
    }
    return out;
  }

  /** Reads every file (blocking: at start-up, off the event loop); a missing one fails the start. */
  static ConsoleAssets load() {
    ConsoleAssets loaded = new ConsoleAssets();
    FILES.forEach((name, resource) -> loaded.assets.put(name, new Asset(read(resource), contentType(name))));
    return loaded;
  }

  /** The file served as {@code /console/<name>}, or null. */
  Asset get(String name) {
    return assets.get(name);
  }

  private static Buffer read(String resource) {
    try (InputStream in = ConsoleAssets.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " is not on the class path");
      }
      return Buffer.buffer(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String contentType(String name) {
    if (name.endsWith(".html")) {
      return "text/html; charset=utf-8";
    } else if (name.endsWith(".js")) {
      return "text/javascript; charset=utf-8";
    } else if (name.endsWith(".css")) {
      return "text/css; charset=utf-8";
    } else if (name.endsWith(".json")) {
      return "application/json";
    } else if (name.endsWith(".md")) {
      return "text/markdown; charset=utf-8";
    }
    return "text/plain; charset=utf-8";
  }
}
