package org.openastro.cassandra.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Puts {@link ParentWatchingMain} on the child's classpath as a lone class file.
 *
 * <p>Why copy instead of pointing at this module's code source: from inside a fat or shaded jar
 * the code source is the whole application jar, whose Netty and logging would then shadow
 * Cassandra's own in the child. Copying the bytes from the resource stream works the same from
 * target/classes, a plain jar and a shaded jar.
 */
final class LauncherClassDirectory {

  private static final Class<?> MAIN_CLASS = ParentWatchingMain.class;

  private LauncherClassDirectory() {
  }

  static String mainClassName() {
    return MAIN_CLASS.getName();
  }

  /** Writes the wrapper class under {@code root} (replacing an older copy) and returns {@code root}. */
  static Path install(Path root) {
    String resource = MAIN_CLASS.getName().replace('.', '/') + ".class";
    Path target = root.resolve(resource);
    try (InputStream bytes = MAIN_CLASS.getClassLoader().getResourceAsStream(resource)) {
      if (bytes == null) {
        throw new LocalNodeException("Cannot read the class file " + resource + " from the classpath;"
            + " the cassandra-local module is packaged without its class files?");
      }
      Files.createDirectories(target.getParent());
      Path partial = Files.createTempFile(target.getParent(), "ParentWatchingMain", ".partial");
      Files.copy(bytes, partial, StandardCopyOption.REPLACE_EXISTING);
      Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      return root;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the launcher class to " + target, e);
    }
  }
}
