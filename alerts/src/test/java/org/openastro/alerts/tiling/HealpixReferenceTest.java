package org.openastro.alerts.tiling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The HEALPix implementation against healpy (and astropy-healpix for UNIQ): the reference file is
 * written by {@code tools/healpix-reference/generate_healpix_reference.py}, so CI needs no python.
 */
class HealpixReferenceTest {
  /** Pixel centres agree with healpy to this (radians): far below any pixel at order 29 (~4e-10 rad). */
  static final double ANGLE_TOLERANCE = 1e-11;

  static List<String[]> reference() throws IOException {
    try (InputStream in = HealpixReferenceTest.class.getResourceAsStream("/tiling/healpix-reference.tsv")) {
      assertThat(in).as("healpix-reference.tsv").isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
          .filter(l -> !l.startsWith("#") && !l.isBlank()).map(l -> l.split("\t")).toList();
    }
  }

  @Test
  void nestedAndRingCentresAndNestedPixelsAreHealpys() throws IOException {
    int nest = 0;
    int ring = 0;
    int ang = 0;
    int uniq = 0;
    for (String[] f : reference()) {
      switch (f[0]) {
        case "nest2ang" -> {
          Vec3 c = Healpix.nestedCentre(Integer.parseInt(f[1]), Long.parseLong(f[2]));
          assertClose(c, Double.parseDouble(f[3]), Double.parseDouble(f[4]), String.join(" ", f));
          nest++;
        }
        case "ring2ang" -> {
          Vec3 c = Healpix.ringCentre(Long.parseLong(f[1]), Long.parseLong(f[2]));
          assertClose(c, Double.parseDouble(f[3]), Double.parseDouble(f[4]), String.join(" ", f));
          ring++;
        }
        case "ang2nest" -> {
          Vec3 v = Vec3.ofThetaPhi(Double.parseDouble(f[2]), Double.parseDouble(f[3]));
          assertThat(Healpix.nestedPixel(Integer.parseInt(f[1]), v)).as(String.join(" ", f))
              .isEqualTo(Long.parseLong(f[4]));
          ang++;
        }
        case "uniq" -> {
          assertThat(Healpix.decodeUniq(Long.parseLong(f[1])))
              .isEqualTo(new Healpix.Uniq(Integer.parseInt(f[2]), Long.parseLong(f[3])));
          uniq++;
        }
        default -> throw new AssertionError("unknown reference line " + f[0]);
      }
    }
    assertThat(List.of(nest, ring, ang, uniq)).allMatch(n -> n > 100);
  }

  @Test
  void everyPixelCentreFallsInItsOwnPixel() {
    for (int order : new int[] {0, 1, 3, 6}) {
      for (long p = 0; p < Healpix.npix(order); p++) {
        assertThat(Healpix.nestedPixel(order, Healpix.nestedCentre(order, p))).isEqualTo(p);
        Vec3 ringCentre = Healpix.ringCentre(1L << order, p);
        assertThat(Healpix.nestedCentre(order, Healpix.ringToNested(order, p)).angleDeg(ringCentre)).isLessThan(1e-9);
      }
    }
  }

  @Test
  void badUniqAndNsideAreRefusedNamingTheValue() {
    assertThatThrownBy(() -> Healpix.decodeUniq(3)).hasMessageContaining("UNIQ 3");
    assertThatThrownBy(() -> Healpix.orderOf(100)).hasMessageContaining("NSIDE 100");
    assertThatThrownBy(() -> Healpix.nestedCentre(2, 192)).hasMessageContaining("pixel 192");
  }

  private static void assertClose(Vec3 c, double theta, double phi, String what) {
    Vec3 expected = Vec3.ofThetaPhi(theta, phi);
    assertThat(Math.toRadians(c.angleDeg(expected))).as(what).isLessThan(ANGLE_TOLERANCE);
  }
}
