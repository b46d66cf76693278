package org.openastro.stacker.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Bilinear sampling, the clipped mean and the common grid, each on numbers worked out by hand. */
class CombineTest {
  private static final double ARCSEC = 1.0 / 3600;

  @Test
  void bilinearIsExactOnAPlaneAndNaNOutsideTheCentres() {
    float[][] rows = new float[4][5];
    for (int y = 0; y < 4; y++) {
      for (int x = 0; x < 5; x++) {
        rows[y][x] = 2 * x + 3 * y + 1;
      }
    }
    assertThat(Bilinear.sample(rows, 5, 4, 1.25, 2.5)).isCloseTo(2 * 1.25f + 3 * 2.5f + 1, within(1e-5f));
    assertThat(Bilinear.sample(rows, 5, 4, 4, 3)).isEqualTo(2 * 4 + 3 * 3 + 1);
    assertThat(Bilinear.sample(rows, 5, 4, 0, 0)).isEqualTo(1);
    assertThat(Bilinear.sample(rows, 5, 4, -0.01, 1)).isNaN();
    assertThat(Bilinear.sample(rows, 5, 4, 4.01, 1)).isNaN();
    rows[1][1] = Float.NaN;
    assertThat(Bilinear.sample(rows, 5, 4, 0.5, 0.5)).isNaN();
  }

  @Test
  void clippedMeanDropsAnOutlierThatThePlainMeanKeeps() {
    SigmaClip clip = new SigmaClip(3, 5);
    float[] values = {10, 11, 9, 10, 10, 11, 9, 10, 10, 5000};
    assertThat(clip.mean(values, values.length)).isCloseTo(10f, within(1e-5f));
    float[] clean = {1, 2, 3, 4};
    assertThat(clip.mean(clean, 4)).isCloseTo(2.5f, within(1e-6f));
    assertThat(clip.mean(new float[] {7, 9000}, 2)).as("too few to judge: the plain mean").isEqualTo(4503.5f);
    assertThat(clip.mean(new float[3], 0)).isNaN();
  }

  @Test
  void theCommonGridHoldsEveryFrameAtTheFinestScale() {
    TanWcs a = TanWcs.fromCdelt(200, 40, 50.5, 50.5, -ARCSEC, ARCSEC, 0);
    TanWcs b = TanWcs.fromCdelt(200.01, 40.005, 50.5, 50.5, -0.5 * ARCSEC, 0.5 * ARCSEC, 30);
    CommonGrid grid = CommonGrid.covering(List.of(new CommonGrid.Footprint(a, 100, 100),
        new CommonGrid.Footprint(b, 100, 100)), 10_000_000);
    assertThat(grid.wcs().pixelScale()).isCloseTo(0.5 * ARCSEC, within(1e-12));
    for (TanWcs w : List.of(a, b)) {
      for (double[] corner : new double[][] {{1, 1}, {100, 1}, {1, 100}, {100, 100}}) {
        double[] sky = w.pixelToSky(corner[0], corner[1]);
        double[] p = grid.wcs().skyToPixel(sky[0], sky[1]);
        assertThat(p[0]).isBetween(0.5, grid.width() + 0.5);
        assertThat(p[1]).isBetween(0.5, grid.height() + 0.5);
      }
    }
    // frame b's centre is (0.01 cos 40 deg, 0.005) deg away: the grid spans at least that
    assertThat(grid.width()).isGreaterThan((int) (0.01 * Math.cos(Math.toRadians(40)) * 3600 / 0.5));
  }

  @Test
  void aGridLargerThanAllowedIsRefusedWithTheReason() {
    TanWcs a = TanWcs.fromCdelt(10, 0, 1, 1, -ARCSEC, ARCSEC, 0);
    TanWcs far = TanWcs.fromCdelt(12, 2, 1, 1, -ARCSEC, ARCSEC, 0);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> CommonGrid.covering(List.of(
            new CommonGrid.Footprint(a, 10, 10), new CommonGrid.Footprint(far, 10, 10)), 1_000_000))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("more than the 1000000 allowed");
  }

  @Test
  void bandsFitTheMemoryBound() {
    CommonGrid grid = new CommonGrid(new TanWcs(0, 0, 0, 0, -ARCSEC, 0, 0, ARCSEC), 2000, 2000);
    assertThat(BandCombine.bandRows(grid, 9, 8)).isEqualTo(7 * 2000 / 9);
    assertThat(BandCombine.bandRows(grid, 3, 8)).isEqualTo(2000);
    assertThat(BandCombine.bandRows(grid, 100_000, 2)).isEqualTo(1);
  }
}
