package org.openastro.archive.torrent;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * libtorrent 2.0 (Debian's {@code python3-libtorrent}, which {@code .ci/run} installs), run as a
 * child process on {@code libtorrent_check.py}: the independent BitTorrent implementation the
 * torrent tests agree with. The Python is {@code OPENASTRO_TEST_PYTHON} when set, else the
 * system's {@code /usr/bin/python3} (Debian's package installs into the system Python, not into
 * a pyenv or venv one that may come first on the PATH), else {@code python3}.
 */
public final class Libtorrent {
  private Libtorrent() {}

  /** What libtorrent reads in a torrent (info-hashes, files, web seeds). */
  public static JsonObject parse(Path torrent) throws Exception {
    return run(Duration.ofSeconds(60), "parse", torrent.toString());
  }

  /** libtorrent checks the torrent's files already in {@code dir} against the torrent's hashes. */
  public static JsonObject verify(Path torrent, Path dir, Duration timeout) throws Exception {
    return run(timeout.plusSeconds(30), "verify", torrent.toString(), dir.toString(), Long.toString(timeout.toSeconds()));
  }

  /** libtorrent downloads the torrent into {@code dir}, from its web seed alone (no peers exist). */
  public static JsonObject download(Path torrent, Path dir, Duration timeout) throws Exception {
    return run(timeout.plusSeconds(30), "download", torrent.toString(), dir.toString(), Long.toString(timeout.toSeconds()));
  }

  private static JsonObject run(Duration limit, String... args) throws Exception {
    Path script = Files.createTempFile("libtorrent_check", ".py");
    try (InputStream in = Libtorrent.class.getResourceAsStream("/torrent/libtorrent_check.py")) {
      Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
    }
    List<String> command = new ArrayList<>(List.of(python(), script.toString()));
    command.addAll(List.of(args));
    Path stdout = Files.createTempFile("libtorrent_check", ".out");
    Path stderr = Files.createTempFile("libtorrent_check", ".err");
    Process process = new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
    if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly().waitFor();
      throw new AssertionError("libtorrent_check.py " + String.join(" ", args) + " did not finish within " + limit
          + "; stderr:\n" + Files.readString(stderr));
    }
    String out = Files.readString(stdout, StandardCharsets.UTF_8).trim();
    if (process.exitValue() != 0 || out.isEmpty()) {
      throw new AssertionError("libtorrent_check.py " + String.join(" ", args) + " failed (exit " + process.exitValue()
          + "):\n" + Files.readString(stderr) + "\nIs python3-libtorrent installed? apt-get install -y python3-libtorrent"
          + " (.ci/run does), or set OPENASTRO_TEST_PYTHON to a Python that imports libtorrent.");
    }
    return new JsonObject(out.substring(out.lastIndexOf('\n') + 1));
  }

  private static String python() throws IOException {
    String configured = System.getenv("OPENASTRO_TEST_PYTHON");
    if (configured != null && !configured.isBlank()) {
      return configured;
    }
    return Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
  }
}
