package org.openastro.k8s;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Renders a kustomization with the real {@code kubectl kustomize}, the same code path as
 * {@code kubectl apply -k}, so what the tests check is what a cluster would receive.
 */
final class Kustomize {
  /** Rendering three small kustomizations takes well under a second; this only stops a hang. */
  private static final Duration RENDER_TIMEOUT = Duration.ofSeconds(60);

  private Kustomize() {}

  /** The k8s module directory (surefire runs with it as the working directory). */
  static Path k8sDir() {
    Path dir = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().normalize();
    if (!Files.isRegularFile(dir.resolve("base/kustomization.yaml"))) {
      fail("Cannot find base/kustomization.yaml under " + dir + ": run the tests from the k8s module");
    }
    return dir;
  }

  /** The multi-document YAML that {@code kubectl kustomize <dir>} prints. */
  static String render(Path kustomizationDir) {
    Path stderr = null;
    try {
      stderr = Files.createTempFile("kustomize-", ".err");
      Process process = start(kustomizationDir, stderr);
      String yaml;
      try (InputStream out = process.getInputStream()) {
        yaml = new String(out.readAllBytes(), StandardCharsets.UTF_8);
      }
      if (!process.waitFor(RENDER_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        process.destroyForcibly();
        fail("kubectl kustomize " + kustomizationDir + " did not finish within " + RENDER_TIMEOUT);
      }
      if (process.exitValue() != 0) {
        fail("kubectl kustomize " + kustomizationDir + " failed (exit " + process.exitValue() + "):\n"
            + Files.readString(stderr));
      }
      return yaml;
    } catch (IOException e) {
      throw new IllegalStateException("Rendering " + kustomizationDir + " failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while rendering " + kustomizationDir, e);
    } finally {
      if (stderr != null) {
        stderr.toFile().delete();
      }
    }
  }

  private static Process start(Path dir, Path stderr) {
    // stderr to a file: a chatty kustomize can then never block on a full pipe while we read stdout
    ProcessBuilder builder = new ProcessBuilder("kubectl", "kustomize", dir.toString())
        .redirectError(stderr.toFile());
    try {
      return builder.start();
    } catch (IOException e) {
      throw new AssertionError("kubectl is needed to render the manifests (kubectl kustomize) but could"
          + " not be started: " + e.getMessage() + ". Install kubectl"
          + " (https://kubernetes.io/docs/tasks/tools/, or your package manager) and put it on the PATH.", e);
    }
  }
}
