package org.openastro.bench;

import java.time.Instant;
import org.openastro.scheduler.astro.ApparentTarget;
import org.openastro.scheduler.astro.SiteDay;

/**
 * THE NAIVE BASELINE — what one writes first: evaluate the altitude every 60 s over the day and
 * collect the runs of samples that satisfy the conditions. It uses the very same model as the
 * closed form ({@link SiteDay#altitudeDeg}, {@link SiteDay#sunAltitudeDeg}), so the comparison
 * measures the method, not the astronomy. To be fair to it, the Sun's altitude is sampled once per
 * node and day, not once per target; the per-target cost is 1,441 altitude evaluations. Its edges
 * are only good to the 60 s step.
 */
final class SamplingBaseline {
  static final int STEP_SECONDS = 60;

  private final SiteDay day;
  private final Instant[] samples;
  private final boolean[] dark;

  SamplingBaseline(SiteDay day, double sunMaxAltitudeDeg, boolean night) {
    this.day = day;
    int count = (int) (day.end().getEpochSecond() - day.start().getEpochSecond()) / STEP_SECONDS + 1;
    this.samples = new Instant[count];
    this.dark = new boolean[count];
    for (int i = 0; i < count; i++) {
      samples[i] = day.start().plusSeconds((long) i * STEP_SECONDS);
      dark[i] = !night || day.sunAltitudeDeg(samples[i]) <= sunMaxAltitudeDeg;
    }
  }

  record Result(int windows, double seconds) {}

  Result windows(ApparentTarget target, double minAltitudeDeg) {
    int windows = 0;
    int visibleSamples = 0;
    boolean previous = false;
    for (int i = 0; i < samples.length; i++) {
      boolean visible = dark[i] && day.altitudeDeg(target, samples[i]) >= minAltitudeDeg;
      if (visible) {
        visibleSamples++;
        if (!previous) {
          windows++;
        }
      }
      previous = visible;
    }
    return new Result(windows, (double) visibleSamples * STEP_SECONDS);
  }
}
