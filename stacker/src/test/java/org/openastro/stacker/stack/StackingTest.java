package org.openastro.stacker.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import nom.tam.fits.Fits;
import nom.tam.fits.Header;
import nom.tam.fits.ImageHDU;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openastro.stacker.stack.SyntheticSky.Shot;
import org.openastro.stacker.stack.SyntheticSky.Star;
import org.openastro.stacker.stack.SyntheticSky.WcsStyle;

/**
 * The pipeline on frames made here: nine nodes' views of one field (pixel scales 0.8 to 1.3
 * arcsec, rotations up to 150 degrees, pointings tens of pixels apart, each WCS header style),
 * stars at known sky positions with photon and read noise. The stack puts every star where its
 * WCS says to a tenth of a pixel, and its signal-to-noise grows close to sqrt(N).
 */
class StackingTest {
  static final double RA = 150.1;
  static final double DEC = 2.2;
  static final double ARCSEC = 1.0 / 3600;
  static final FitsStacker.Options OPTIONS = new FitsStacker.Options(3.0, 5, 4, 20_000_000);

  /** Bright stars (centroids) on a ring, and one faint star in the middle (signal-to-noise). */
  static final List<Star> BRIGHT = List.of(
      star(-40, -35, 60_000), star(45, -30, 60_000), star(-35, 42, 60_000), star(38, 40, 60_000),
      star(0, -55, 60_000), star(-58, 5, 60_000));
  static final Star FAINT = star(3.3, 2.7, 500);
  static final SyntheticSky SKY = new SyntheticSky(concat(BRIGHT, FAINT), 3.0, 40, 6);

  static final List<Shot> SHOTS = List.of(
      new Shot(RA, DEC, 0.8, 0, 192, 192, WcsStyle.CD),
      new Shot(RA + 8 * ARCSEC, DEC - 5 * ARCSEC, 1.0, 20, 160, 160, WcsStyle.CDELT_CROTA2),
      new Shot(RA - 10 * ARCSEC, DEC + 7 * ARCSEC, 1.3, -35, 130, 120, WcsStyle.PC_CDELT),
      new Shot(RA + 3 * ARCSEC, DEC + 12 * ARCSEC, 0.9, 90, 180, 180, WcsStyle.CD),
      new Shot(RA - 6 * ARCSEC, DEC - 9 * ARCSEC, 1.1, 150, 150, 150, WcsStyle.CDELT_CROTA2),
      new Shot(RA + 12 * ARCSEC, DEC + 2 * ARCSEC, 1.2, -100, 140, 140, WcsStyle.PC_CDELT),
      new Shot(RA, DEC - 12 * ARCSEC, 0.85, 10, 190, 190, WcsStyle.CD),
      new Shot(RA - 14 * ARCSEC, DEC, 1.05, 45, 160, 160, WcsStyle.CDELT_CROTA2),
      new Shot(RA + 5 * ARCSEC, DEC + 5 * ARCSEC, 0.95, -60, 170, 170, WcsStyle.PC_CDELT));

  @TempDir
  Path dir;

  @Test
  void starsSitAtTheirWcsPositionsToATenthOfAPixel() throws Exception {
    List<FitsStacker.Input> inputs = expose(SHOTS, new Random(1));
    Path out = dir.resolve("stack.fits");
    FitsStacker.Result result = new FitsStacker(OPTIONS).stack("test", inputs, out, dir.resolve("work"));
    assertThat(result.stacked()).hasSize(9);
    Stacked stack = Stacked.read(out);
    assertThat(stack.wcs.pixelScale()).isCloseTo(0.8 * ARCSEC, org.assertj.core.api.Assertions.within(1e-12));
    double sigmaPx = 3.0 / 2.3548 / 0.8;
    for (Star s : BRIGHT) {
      double[] expected = stack.wcs.skyToPixel(s.raDeg(), s.decDeg());
      double[] found = stack.centroid(expected[0] - 1, expected[1] - 1, 3 * sigmaPx);
      assertThat(Math.hypot(found[0] - (expected[0] - 1), found[1] - (expected[1] - 1)))
          .as("star at %s, %s: expected pixel %s, %s; centroid %s, %s", s.raDeg(), s.decDeg(), expected[0] - 1,
              expected[1] - 1, found[0], found[1])
          .isLessThan(0.1);
    }
  }

  @Test
  void signalToNoiseGrowsCloseToTheSquareRootOfTheNumberOfFrames() throws Exception {
    // nine exposures by the same node (its scale, rotation, pointing), so the gain is the stack's alone
    List<Shot> same = new ArrayList<>();
    for (int i = 0; i < 9; i++) {
      same.add(SHOTS.get(1));
    }
    List<FitsStacker.Input> inputs = expose(same, new Random(7));
    Stacked one = stack(inputs.subList(0, 1), "one");
    Stacked nine = stack(inputs, "nine");
    double single = one.signalToNoise(FAINT);
    double stacked = nine.signalToNoise(FAINT);
    assertThat(single).as("the faint star is seen in one frame").isGreaterThan(3);
    // sqrt(9) = 3; the estimate of each is good to some 10 % (seen: 9.8 and 34.5). Far above would
    // mean the noise is being smoothed away rather than averaged down.
    assertThat(stacked / single).as("SNR one frame %s, nine frames %s", single, stacked).isBetween(2.5, 4.5);
  }

  @Test
  void differentNodesFramesAddUpToo() throws Exception {
    List<FitsStacker.Input> inputs = expose(SHOTS, new Random(3));
    Stacked one = stack(inputs.subList(0, 1), "one");
    Stacked nine = stack(inputs, "nine");
    // frames of coarser pixels see the same photons; the gain stays near sqrt(9)
    assertThat(nine.signalToNoise(FAINT) / one.signalToNoise(FAINT)).isGreaterThan(2.5);
  }

  @Test
  void aCosmicRayInOneFrameIsClippedAndTheHeaderNamesTheInputs() throws Exception {
    List<FitsStacker.Input> inputs = expose(SHOTS, new Random(5));
    // a hit in frame 0 where no star is
    Path hit = inputs.get(0).file();
    float[][] pixels;
    try (Fits f = new Fits(hit.toFile())) {
      pixels = (float[][]) ((ImageHDU) f.readHDU()).getKernel();
    }
    double[] at = SHOTS.get(0).wcs().skyToPixel(RA - 20 * ARCSEC, DEC + 15 * ARCSEC);
    int hx = (int) Math.round(at[0] - 1);
    int hy = (int) Math.round(at[1] - 1);
    for (int dy = -1; dy <= 1; dy++) {
      for (int dx = -1; dx <= 1; dx++) {
        pixels[hy + dy][hx + dx] = 60_000;
      }
    }
    SyntheticSky.write(pixels, SHOTS.get(0), hit);
    Path out = dir.resolve("clipped.fits");
    FitsStacker.Result result = new FitsStacker(OPTIONS).stack("clip", inputs, out, dir.resolve("w"));
    Stacked stack = Stacked.read(out);
    double[] p = stack.wcs.skyToPixel(RA - 20 * ARCSEC, DEC + 15 * ARCSEC);
    assertThat(stack.rows[(int) Math.round(p[1] - 1)][(int) Math.round(p[0] - 1)])
        .as("sky-subtracted, the hit clipped away").isBetween(-30f, 30f);
    assertThat(stack.header.getIntValue("NCOMBINE")).isEqualTo(9);
    assertThat(stack.header.getStringValue("ART001")).isEqualTo(inputs.get(0).artifactId().toString());
    assertThat(stack.header.getStringValue("SHA009")).isEqualTo(inputs.get(8).sha256());
    assertThat(stack.header.getStringValue("NOD002")).isEqualTo(inputs.get(1).nodeIds().iterator().next().toString());

    // the same inputs again: the same bytes
    FitsStacker.Result again = new FitsStacker(OPTIONS).stack("clip", inputs, dir.resolve("again.fits"),
        dir.resolve("w2"));
    assertThat(again.sha256()).isEqualTo(result.sha256());
  }

  @Test
  void aFrameWithoutATanWcsIsLeftOutAndSaidWhy() throws Exception {
    List<FitsStacker.Input> inputs = expose(SHOTS.subList(0, 2), new Random(9));
    Path bare = dir.resolve("bare.fits");
    try (Fits fits = new Fits()) {
      fits.addHDU(nom.tam.fits.ImageData.from(new float[8][8]).toHDU());
      fits.write(bare.toFile());
    }
    List<FitsStacker.Input> all = new ArrayList<>(inputs);
    UUID bareId = UUID.randomUUID();
    all.add(new FitsStacker.Input(bareId, "0".repeat(64), Set.of(), bare));
    FitsStacker.Result result = new FitsStacker(OPTIONS).stack("t", all, dir.resolve("s.fits"), dir.resolve("w"));
    assertThat(result.stacked()).hasSize(2);
    assertThat(result.skipped()).singleElement().satisfies(s -> {
      assertThat(s.artifactId()).isEqualTo(bareId);
      assertThat(s.reason()).contains("CTYPE1");
    });
  }

  private Stacked stack(List<FitsStacker.Input> inputs, String name) throws IOException {
    Path out = dir.resolve(name + ".fits");
    new FitsStacker(OPTIONS).stack(name, inputs, out, dir.resolve("work-" + name));
    return Stacked.read(out);
  }

  private List<FitsStacker.Input> expose(List<Shot> shots, Random random) throws IOException {
    List<FitsStacker.Input> inputs = new ArrayList<>();
    for (int i = 0; i < shots.size(); i++) {
      Path file = dir.resolve("frame-" + i + "-" + random.nextInt(1_000_000) + ".fits");
      SyntheticSky.write(SKY.expose(shots.get(i), random), shots.get(i), file);
      inputs.add(new FitsStacker.Input(UUID.randomUUID(), FitsStacker.sha256(file), Set.of(UUID.randomUUID()), file));
    }
    return inputs;
  }

  /** A written stack read back, with the measurements the tests make on it. */
  static final class Stacked {
    final float[][] rows;
    final TanWcs wcs;
    final Header header;

    private Stacked(float[][] rows, TanWcs wcs, Header header) {
      this.rows = rows;
      this.wcs = wcs;
      this.header = header;
    }

    static Stacked read(Path file) throws IOException {
      try (Fits f = new Fits(file.toFile())) {
        ImageHDU hdu = (ImageHDU) f.readHDU();
        return new Stacked((float[][]) hdu.getKernel(), WcsHeader.read(hdu.getHeader()), hdu.getHeader());
      } catch (nom.tam.fits.FitsException e) {
        throw new IOException(e);
      }
    }

    /** Flux-weighted centroid (0-based) within {@code radius} of a guess, refined twice. */
    double[] centroid(double x, double y, double radius) {
      double cx = x;
      double cy = y;
      for (int round = 0; round < 3; round++) {
        double sum = 0;
        double sx = 0;
        double sy = 0;
        for (int j = (int) (cy - radius) - 1; j <= (int) (cy + radius) + 1; j++) {
          for (int i = (int) (cx - radius) - 1; i <= (int) (cx + radius) + 1; i++) {
            float v = rows[j][i];
            if (Math.hypot(i - cx, j - cy) <= radius && !Float.isNaN(v)) {
              sum += v;
              sx += v * i;
              sy += v * j;
            }
          }
        }
        cx = sx / sum;
        cy = sy / sum;
      }
      return new double[] {cx, cy};
    }

    /**
     * Aperture flux of the star over the spread of the same aperture's sums on empty sky around
     * it: the spread of aperture sums counts the noise that resampling correlates between pixels.
     */
    double signalToNoise(Star star) {
      double[] p = wcs.skyToPixel(star.raDeg(), star.decDeg());
      double radius = 2.5 / (wcs.pixelScale() * 3600);
      double flux = aperture(p[0] - 1, p[1] - 1, radius);
      // a grid of apertures 6 arcsec apart (they do not overlap) within 30 arcsec (clear of the bright ring), off the star itself
      List<Double> sums = new ArrayList<>();
      double step = 6 / (wcs.pixelScale() * 3600);
      for (int j = -5; j <= 5; j++) {
        for (int i = -5; i <= 5; i++) {
          if (Math.abs(i) <= 1 && Math.abs(j) <= 1) {
            continue;
          }
          double s = aperture(p[0] - 1 + i * step, p[1] - 1 + j * step, radius);
          if (!Double.isNaN(s)) {
            sums.add(s);
          }
        }
      }
      double mean = sums.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
      double variance = sums.stream().mapToDouble(s -> (s - mean) * (s - mean)).sum() / (sums.size() - 1);
      return (flux - mean) / Math.sqrt(variance);
    }

    private double aperture(double x, double y, double radius) {
      double sum = 0;
      for (int j = (int) (y - radius) - 1; j <= (int) (y + radius) + 1; j++) {
        for (int i = (int) (x - radius) - 1; i <= (int) (x + radius) + 1; i++) {
          if (Math.hypot(i - x, j - y) <= radius) {
            if (j < 0 || i < 0 || j >= rows.length || i >= rows[0].length || Float.isNaN(rows[j][i])) {
              return Double.NaN;
            }
            sum += rows[j][i];
          }
        }
      }
      return sum;
    }
  }

  private static Star star(double eastArcsec, double northArcsec, double flux) {
    return new Star(RA + eastArcsec * ARCSEC / Math.cos(Math.toRadians(DEC)), DEC + northArcsec * ARCSEC, flux);
  }

  private static List<Star> concat(List<Star> stars, Star one) {
    List<Star> all = new ArrayList<>(stars);
    all.add(one);
    return all;
  }
}
