package org.openastro.bench.stacker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.openastro.stacker.stack.FitsStacker;
import org.openastro.stacker.stack.SyntheticSky;
import org.openastro.stacker.stack.SyntheticSky.Shot;
import org.openastro.stacker.stack.SyntheticSky.Star;
import org.openastro.stacker.stack.SyntheticSky.WcsStyle;

/**
 * Stacking time per 2k x 2k frame (issue 18's figure): the reference pipeline as the stacker role
 * runs it, file to file (read each FITS, reproject onto the common grid, sigma-clipped mean in
 * memory-bounded bands, write the stack, SHA-256 of the result), on synthetic frames of one field
 * (500 stars, photon and read noise) from nodes of slightly different pixel scales, rotations and
 * pointings, written to a temporary directory first (not timed). Single thread, as the role runs.
 *
 * <pre>
 * java -Xmx1g -cp bench/target/benchmarks.jar org.openastro.bench.stacker.StackingBenchmark \
 *     [frames=8] [size=2048] [runs=3] [memoryFrames=8]
 * </pre>
 */
public final class StackingBenchmark {
  private StackingBenchmark() {}

  public static void main(String[] args) throws IOException {
    int frames = arg(args, "frames", 8);
    int size = arg(args, "size", 2048);
    int runs = arg(args, "runs", 3);
    int memoryFrames = arg(args, "memoryFrames", 8);
    Path dir = Files.createTempDirectory("openastro-stacking-bench");
    try {
      Random random = new Random(42);
      double ra = 83.8;
      double dec = -5.4;
      List<Star> stars = new ArrayList<>();
      double half = size * 1.0 / 3600 / 2;
      for (int i = 0; i < 500; i++) {
        stars.add(new Star(ra + (random.nextDouble() * 2 - 1) * half / Math.cos(Math.toRadians(dec)),
            dec + (random.nextDouble() * 2 - 1) * half, 2_000 + random.nextDouble() * 80_000));
      }
      SyntheticSky sky = new SyntheticSky(stars, 3.0, 40, 6);
      List<FitsStacker.Input> inputs = new ArrayList<>();
      for (int i = 0; i < frames; i++) {
        Shot shot = new Shot(ra + random.nextGaussian() * 20 / 3600, dec + random.nextGaussian() * 20 / 3600,
            1.0 + 0.05 * random.nextGaussian(), 3 * random.nextGaussian(), size, size, WcsStyle.values()[i % 3]);
        Path file = dir.resolve("frame-" + i + ".fits");
        SyntheticSky.write(sky.expose(shot, random), shot, file);
        inputs.add(new FitsStacker.Input(UUID.randomUUID(), "0".repeat(64), Set.of(UUID.randomUUID()), file));
      }
      System.out.printf(Locale.ROOT, "%d frames of %d x %d (%d MiB each as floats), STACKER_MAX_FRAMES_IN_MEMORY=%d,"
          + " %d cores, max heap %d MiB%n", frames, size, size, (long) size * size * 4 >> 20, memoryFrames,
          Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
      FitsStacker stacker = new FitsStacker(new FitsStacker.Options(3.0, 5, memoryFrames, 100_000_000));
      double[] seconds = new double[runs];
      for (int r = 0; r < runs; r++) {
        Path out = dir.resolve("stack-" + r + ".fits");
        long start = System.nanoTime();
        FitsStacker.Result result = stacker.stack("bench", inputs, out, dir.resolve("work"));
        seconds[r] = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "run %d: %.2f s for %d frames -> %d x %d stack: %.3f s per frame%n", r + 1,
            seconds[r], result.stacked().size(), result.width(), result.height(), seconds[r] / frames);
        Files.delete(out);
      }
      Arrays.sort(seconds);
      System.out.printf(Locale.ROOT, "stacking time per %d x %d frame: median %.3f s, best %.3f s (%d runs)%n", size,
          size, seconds[runs / 2] / frames, seconds[0] / frames, runs);
    } finally {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private static int arg(String[] args, String name, int otherwise) {
    for (String a : args) {
      if (a.startsWith(name + "=")) {
        return Integer.parseInt(a.substring(name.length() + 1).replace("_", ""));
      }
    }
    return otherwise;
  }
}
