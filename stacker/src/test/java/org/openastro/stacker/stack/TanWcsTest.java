package org.openastro.stacker.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class TanWcsTest {
  private static final double ARCSEC = 1.0 / 3600;

  @Test
  void theReferencePixelIsTheTangentPoint() {
    TanWcs wcs = new TanWcs(150.0, 2.2, 1024.5, 1024.5, -ARCSEC, 0, 0, ARCSEC);
    double[] sky = wcs.pixelToSky(1024.5, 1024.5);
    assertThat(sky[0]).isCloseTo(150.0, within(1e-12));
    assertThat(sky[1]).isCloseTo(2.2, within(1e-12));
  }

  @Test
  void oneStepAlongXWithANegativeCd11IsOneScaleToTheWest() {
    // the usual orientation: north up, east left; at the equator one pixel is one arcsec of RA
    TanWcs wcs = new TanWcs(10.0, 0.0, 100, 100, -ARCSEC, 0, 0, ARCSEC);
    double[] sky = wcs.pixelToSky(101, 100);
    assertThat((sky[0] - 10.0) * 3600).isCloseTo(-1.0, within(1e-6));
    assertThat(sky[1] * 3600).isCloseTo(0.0, within(1e-9));
    double[] north = wcs.pixelToSky(100, 101);
    assertThat(north[1] * 3600).isCloseTo(1.0, within(1e-6));
  }

  @Test
  void gnomonicDistanceFromTheTangentPointIsTheTangentOfTheAngle() {
    // 1000 pixels of 1 arcsec along y: the angle is atan(1000 arcsec in radians)
    TanWcs wcs = new TanWcs(45.0, 30.0, 1, 1, -ARCSEC, 0, 0, ARCSEC);
    double[] sky = wcs.pixelToSky(1, 1001);
    double expected = Math.toDegrees(Math.atan(Math.toRadians(1000 * ARCSEC)));
    assertThat(sky[1] - 30.0).isCloseTo(expected, within(1e-11));
    assertThat(sky[0]).isCloseTo(45.0, within(1e-11));
  }

  @Test
  void skyToPixelInvertsPixelToSkyAnywhereOnTheFrameAtAnyRotation() {
    TanWcs wcs = TanWcs.fromCdelt(359.9, -62.0, 800.3, 611.7, -0.9 * ARCSEC, 0.9 * ARCSEC, 37.0);
    for (double[] p : new double[][] {{1, 1}, {2048, 1}, {1, 2048}, {2048, 2048}, {800.3, 611.7}, {13.25, 1999.5}}) {
      double[] sky = wcs.pixelToSky(p[0], p[1]);
      double[] back = wcs.skyToPixel(sky[0], sky[1]);
      assertThat(back[0]).isCloseTo(p[0], within(1e-7));
      assertThat(back[1]).isCloseTo(p[1], within(1e-7));
    }
  }

  @Test
  void crota2IsTheCdMatrixOfARotation() {
    TanWcs rotated = TanWcs.fromCdelt(0, 0, 0, 0, -ARCSEC, ARCSEC, 90);
    // rotated by 90 degrees, +x points north
    double[] sky = rotated.pixelToSky(1, 0);
    assertThat(sky[1] * 3600).isCloseTo(-1.0, within(1e-6)).as("x after CROTA2=90 runs south: CD2_1 = CDELT1 sin");
    assertThat(rotated.pixelScale()).isCloseTo(ARCSEC, within(1e-15));
  }

  @Test
  void theFarHemisphereHasNoPixel() {
    TanWcs wcs = new TanWcs(0, 0, 0, 0, -ARCSEC, 0, 0, ARCSEC);
    assertThat(wcs.skyToPixel(180, 0)).isNull();
  }

  @Test
  void pixelMapBetweenTwoFramesAgreesWithGoingThroughTheSky() {
    TanWcs a = TanWcs.fromCdelt(83.8, -5.4, 512, 512, -1.2 * ARCSEC, 1.2 * ARCSEC, -25);
    TanWcs b = TanWcs.fromCdelt(83.82, -5.38, 700.5, 300.25, -0.8 * ARCSEC, 0.8 * ARCSEC, 140);
    PixelMap map = PixelMap.between(a, b);
    double[] out = new double[2];
    for (double[] p : new double[][] {{0, 0}, {1023, 0}, {0, 1023}, {511, 511}, {300.5, 900.25}}) {
      double[] sky = a.pixelToSky(p[0] + 1, p[1] + 1);
      double[] expected = b.skyToPixel(sky[0], sky[1]);
      assertThat(map.map(p[0], p[1], out)).isTrue();
      assertThat(out[0]).isCloseTo(expected[0] - 1, within(1e-6));
      assertThat(out[1]).isCloseTo(expected[1] - 1, within(1e-6));
    }
  }
}
