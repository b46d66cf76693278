package org.openastro.cassandra.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The jars of Apache Cassandra (cassandra-all and its runtime dependencies) for the child JVM,
 * as recorded by the cassandra-dist module at build time. None of them is on our own classpath.
 */
final class CassandraClasspath {

  static final String RESOURCE = "org/openastro/cassandra/dist/cassandra-node.classpath";

  private CassandraClasspath() {
  }

  /** The recorded jar paths, all checked to exist. */
  static List<Path> load() {
    String recorded = read();
    List<Path> jars = Arrays.stream(recorded.trim().split(":"))
        .filter(entry -> !entry.isBlank())
        .map(Path::of)
        .toList();
    if (jars.stream().noneMatch(jar -> jar.getFileName().toString().startsWith("cassandra-all-"))) {
      throw new LocalNodeException("The classpath resource " + RESOURCE + " names no cassandra-all jar: "
          + abbreviate(recorded));
    }
    List<Path> missing = jars.stream().filter(jar -> !Files.isRegularFile(jar)).toList();
    if (!missing.isEmpty()) {
      throw new LocalNodeException(missing.size() + " of the " + jars.size() + " Cassandra jars recorded in "
          + RESOURCE + " are missing, e.g. " + missing.get(0) + ". The resource holds absolute paths into"
          + " the local Maven repository of the machine that built cassandra-dist; rebuild it here with"
          + " `mvn -pl cassandra-dist install`.");
    }
    return jars;
  }

  private static String read() {
    try (InputStream in = CassandraClasspath.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new LocalNodeException("The classpath resource " + RESOURCE + " is missing: the"
            + " openastro-cassandra-dist jar must be on the classpath (a dependency of cassandra-local).");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + RESOURCE, e);
    }
  }

  private static String abbreviate(String text) {
    return text.length() <= 200 ? text : text.substring(0, 200) + "...";
  }
}
