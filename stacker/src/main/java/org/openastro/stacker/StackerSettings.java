package org.openastro.stacker;

import static org.openastro.config.Parsers.durationAtLeast;
import static org.openastro.config.Parsers.intBetween;
import static org.openastro.config.Parsers.path;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.openastro.config.Setting;
import org.openastro.cql.stacking.StackingOutbox;
import org.openastro.stacker.stack.FitsStacker;

/** Settings of the reference stacker (its on/off switch, STACKING_ENABLED, is {@link StackingOutbox#ENABLED}). */
public final class StackerSettings {
  public static final Setting<Integer> MAX_FRAMES_IN_MEMORY = Setting.of("STACKER_MAX_FRAMES_IN_MEMORY", "8",
      "frame-sized pixel buffers one stacking run holds at once (a 2k x 2k frame is 16 MiB as floats): one frame"
          + " being reprojected, or the stack and a band of rows of every frame; more frames mean thinner bands",
      intBetween(2, 4096));

  public static final Setting<Integer> MAX_FRAMES = Setting.of("STACKER_MAX_FRAMES", "500",
      "RAW_FITS frames one stack takes at most (the first by artifact id); the rest are left out and logged",
      intBetween(1, FitsStacker.MAX_INPUTS));

  public static final Setting<Integer> MAX_OUTPUT_MEGAPIXELS = Setting.of("STACKER_MAX_OUTPUT_MEGAPIXELS", "100",
      "largest stack grid in megapixels (the frames' union at the finest pixel scale); a mission whose frames"
          + " span more is not stacked (frames of different fields)", intBetween(1, 2000));

  public static final Setting<Double> CLIP_SIGMA = Setting.of("STACKER_CLIP_SIGMA", "3.0",
      "a pixel's value further than this many standard deviations from the median of its frames is rejected",
      decimalBetween(0.5, 100));

  public static final Setting<Integer> CLIP_ITERATIONS = Setting.of("STACKER_CLIP_ITERATIONS", "5",
      "sigma-clipping rounds at most per pixel (0 = plain mean)", intBetween(0, 100));

  public static final Setting<Duration> SWEEP_INTERVAL = Setting.of("STACKER_SWEEP_INTERVAL", "1m",
      "how often the stacker reads its work list (mission_stacking_outbox): picks up missions whose COMPLETE event"
          + " it missed (down, restarted) and retries failed stacks", durationAtLeast(Duration.ofSeconds(1)));

  public static final Setting<Path> WORK_DIR = Setting.of("STACKER_WORK_DIR", "data/stacker",
      "scratch directory of the stacker: downloaded frames and reprojected frames of the run in progress", path());

  public static final List<Setting<?>> ALL = List.of(StackingOutbox.ENABLED, MAX_FRAMES_IN_MEMORY, MAX_FRAMES,
      MAX_OUTPUT_MEGAPIXELS, CLIP_SIGMA, CLIP_ITERATIONS, SWEEP_INTERVAL, WORK_DIR);

  private StackerSettings() {}

  static Function<String, Double> decimalBetween(double min, double max) {
    return s -> {
      double v;
      try {
        v = Double.parseDouble(s);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("expected a number like 3.0");
      }
      if (!(v >= min && v <= max)) {
        throw new IllegalArgumentException("must be between " + min + " and " + max);
      }
      return v;
    };
  }
}
