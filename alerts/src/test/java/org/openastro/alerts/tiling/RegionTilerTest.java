package org.openastro.alerts.tiling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

/**
 * Tiling of regions the tests make themselves, judged independently of the tiler's own sums: the
 * coverage actually reached is the probability within a field's radius of any pointing, counted by
 * Monte Carlo draws from the Gaussian or over a finer map's pixels.
 */
class RegionTilerTest {
  static final double FIELD = 0.7;
  final RegionTiler tiler = new RegionTiler(0.9, 500, 64 << 20);

  @Test
  void aFermiGbmCircleBecomesRankedPointingsThatReallyEncloseNinetyPercent() {
    Tiling t = tiler.ellipse(201.4, -30.2, 4.8, 4.8, 0, 0.9, FIELD);
    assertRanked(t);
    assertThat(t.stoppedBy()).isEqualTo(Tiling.Stop.COVERAGE);
    assertThat(t.coverage()).isGreaterThanOrEqualTo(0.9);
    // A 4.8 degree circle is ~72 square degrees; a 0.7 degree field's disc ~0.38: a few hundred.
    assertThat(t.pointings()).hasSizeBetween(150, 400);
    Pointing first = t.pointings().get(0);
    assertThat(Vec3.ofRaDec(first.raDeg(), first.decDeg()).angleDeg(Vec3.ofRaDec(201.4, -30.2))).isLessThan(1e-6);
    double reached = monteCarloCoverage(t, 201.4, -30.2, 4.8, 4.8, 0, 0.9);
    assertThat(reached).isGreaterThanOrEqualTo(t.coverage() - 0.01);
  }

  @Test
  void anEllipseIsTiledAlongItsMajorAxis() {
    Tiling t = tiler.ellipse(10, 20, 3, 0.8, 30, 0.9, FIELD);
    assertRanked(t);
    assertThat(t.coverage()).isGreaterThanOrEqualTo(0.9);
    assertThat(monteCarloCoverage(t, 10, 20, 3, 0.8, 30, 0.9)).isGreaterThanOrEqualTo(t.coverage() - 0.01);
    // Pointings lie along position angle 30 (north through east), not across it.
    Frame f = Frame.at(Vec3.ofRaDec(10, 20));
    double along = 0;
    double across = 0;
    for (Pointing p : t.pointings()) {
      Vec3 l = f.toLocal(Vec3.ofRaDec(p.raDeg(), p.decDeg()));
      double xi = l.y() / l.x();
      double eta = l.z() / l.x();
      double pa = Math.toRadians(30);
      along = Math.max(along, Math.abs(xi * Math.sin(pa) + eta * Math.cos(pa)));
      across = Math.max(across, Math.abs(xi * Math.cos(pa) - eta * Math.sin(pa)));
    }
    assertThat(along).isGreaterThan(2.5 * across);
  }

  @Test
  void aCircleThatFitsInTheFieldIsOnePointingAtItsCentre() {
    Tiling t = tiler.ellipse(201.37, -30.25, 0.05, 0.05, 0, 0.9, FIELD);
    assertThat(t.pointings()).containsExactly(new Pointing(1, 201.37, -30.25, 0.9));
  }

  @Test
  void theCountCapStopsTheListShortOfTheCoverage() {
    Tiling t = new RegionTiler(0.9, 12, 64 << 20).ellipse(201.4, -30.2, 4.8, 4.8, 0, 0.9, FIELD);
    assertThat(t.pointings()).hasSize(12);
    assertThat(t.stoppedBy()).isEqualTo(Tiling.Stop.MAX_POINTINGS);
    assertThat(t.coverage()).isLessThan(0.9).isEqualTo(sum(t), org.assertj.core.data.Offset.offset(1e-9));
  }

  @Test
  void aGaussianBlobMultiOrderMapIsCoveredAroundItsPeak() throws Exception {
    ToDoubleFunction<Vec3> blob = TestSkyMaps.blob(150, 40, 1.5);
    byte[] fits = TestSkyMaps.multiOrderFits(4, 8, 1e-4, blob);
    long started = System.nanoTime();
    Tiling t = tiler.skyMap(fits, FIELD);
    assertRanked(t);
    assertThat(t.coverage()).isGreaterThanOrEqualTo(0.9);
    Pointing first = t.pointings().get(0);
    assertThat(Vec3.ofRaDec(first.raDeg(), first.decDeg()).angleDeg(Vec3.ofRaDec(150, 40))).isLessThan(FIELD);
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    assertThat(mapCoverage(t, TestSkyMaps.flat(9, blob), 9)).isGreaterThanOrEqualTo(t.coverage() - 0.01);
  }

  @Test
  void aThinArcIsFollowedAlongItsLength() throws Exception {
    ToDoubleFunction<Vec3> arc = TestSkyMaps.arc(250, -10, 30, 0.3);
    byte[] fits = TestSkyMaps.multiOrderFits(5, 9, 1e-5, arc);
    Tiling t = tiler.skyMap(fits, FIELD);
    assertRanked(t);
    assertThat(t.coverage()).isGreaterThanOrEqualTo(0.9);
    // 90% of it is a band 30 x 1 degrees (+-1.645 sigma): ~127 cells of 0.485 x 0.485 at the least.
    assertThat(t.pointings()).hasSizeBetween(120, 200);
    assertThat(mapCoverage(t, TestSkyMaps.flat(9, arc), 9)).isGreaterThanOrEqualTo(t.coverage() - 0.01);
  }

  @Test
  void flatNestedRingAndGzippedMapsGiveTheSamePointings() throws Exception {
    double[] p = TestSkyMaps.flat(7, TestSkyMaps.blob(300, -60, 1));
    Tiling nested = tiler.skyMap(TestSkyMaps.flatFits(7, p, "NESTED"), FIELD);
    Tiling ring = tiler.skyMap(TestSkyMaps.flatFits(7, p, "RING"), FIELD);
    Tiling gz = tiler.skyMap(TestSkyMaps.gzip(TestSkyMaps.flatFits(7, p, "NESTED")), FIELD);
    assertThat(nested.coverage()).isGreaterThanOrEqualTo(0.9);
    assertThat(ring).isEqualTo(nested);
    assertThat(gz).isEqualTo(nested);
  }

  @Test
  void malformedMapsAreRefusedSayingWhatIsWrong() throws Exception {
    assertThatThrownBy(() -> tiler.skyMap("not a map".getBytes(), FIELD)).isInstanceOf(SkyMapException.class)
        .hasMessageContaining("not a FITS file");
    byte[] good = TestSkyMaps.flatFits(3, TestSkyMaps.flat(3, TestSkyMaps.blob(0, 0, 5)), "NESTED");
    byte[] truncated = java.util.Arrays.copyOf(good, 2880 + 100);
    assertThatThrownBy(() -> tiler.skyMap(truncated, FIELD)).isInstanceOf(SkyMapException.class)
        .hasMessageContaining("FITS");
    byte[] otherOrdering = new String(good, java.nio.charset.StandardCharsets.ISO_8859_1)
        .replace("'NESTED  '", "'SPIRAL  '").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    assertThatThrownBy(() -> tiler.skyMap(otherOrdering, FIELD)).hasMessageContaining("ORDERING is 'SPIRAL'");
    byte[] empty = TestSkyMaps.flatFits(2, new double[(int) Healpix.npix(2)], "NESTED");
    assertThatThrownBy(() -> tiler.skyMap(empty, FIELD)).hasMessageContaining("no probability");
    byte[] bomb = TestSkyMaps.gzip(new byte[1 << 20]);
    assertThatThrownBy(() -> new RegionTiler(0.9, 10, 1000).skyMap(bomb, FIELD))
        .hasMessageContaining("unpacks to more than 1000 bytes");
  }

  /** Ranks 1..n, probability never rising after rank 1 (the anchor), no pointing repeated (centres a cell apart). */
  static void assertRanked(Tiling t) {
    List<Pointing> ps = t.pointings();
    for (int i = 0; i < ps.size(); i++) {
      assertThat(ps.get(i).rank()).isEqualTo(i + 1);
      if (i > 1) {
        assertThat(ps.get(i).probability()).isLessThanOrEqualTo(ps.get(i - 1).probability());
      }
      Vec3 a = Vec3.ofRaDec(ps.get(i).raDeg(), ps.get(i).decDeg());
      for (int j = 0; j < i; j++) {
        assertThat(a.angleDeg(Vec3.ofRaDec(ps.get(j).raDeg(), ps.get(j).decDeg())))
            .as("pointings %d and %d", i + 1, j + 1).isGreaterThan(t.fieldDeg() / 2);
      }
    }
    assertThat(t.coverage()).isEqualTo(sum(t), org.assertj.core.data.Offset.offset(1e-9));
  }

  static double sum(Tiling t) {
    return t.pointings().stream().mapToDouble(Pointing::probability).sum();
  }

  /** Draws from the Gaussian (as GaussianRegion defines it) and counts those within a field of a pointing. */
  static double monteCarloCoverage(Tiling t, double ra, double dec, double a, double b, double paDeg, double cont) {
    Random random = new Random(11);
    double k = Math.sqrt(-2 * Math.log(1 - cont));
    double sa = Math.toRadians(a / k);
    double sb = Math.toRadians(b / k);
    double pa = Math.toRadians(paDeg);
    Frame f = Frame.at(Vec3.ofRaDec(ra, dec));
    List<Vec3> centres = t.pointings().stream().map(p -> Vec3.ofRaDec(p.raDeg(), p.decDeg())).toList();
    int n = 40_000;
    int in = 0;
    for (int i = 0; i < n; i++) {
      double u = random.nextGaussian() * sa;
      double v = random.nextGaussian() * sb;
      // u along the major axis (position angle pa, north through east), v across it.
      double xi = u * Math.sin(pa) + v * Math.cos(pa);
      double eta = u * Math.cos(pa) - v * Math.sin(pa);
      Vec3 x = f.fromTangent(xi, eta);
      if (centres.stream().anyMatch(c -> c.angleDeg(x) <= t.fieldDeg() / 2)) {
        in++;
      }
    }
    return (double) in / n;
  }

  /** The probability of a flat nested map whose pixel centres lie within a field of any pointing. */
  static double mapCoverage(Tiling t, double[] flat, int order) {
    List<Vec3> centres = t.pointings().stream().map(p -> Vec3.ofRaDec(p.raDeg(), p.decDeg())).toList();
    double cos = Math.cos(Math.toRadians(t.fieldDeg() / 2));
    double in = 0;
    for (int i = 0; i < flat.length; i++) {
      if (flat[i] > 1e-12) {
        Vec3 v = Healpix.nestedCentre(order, i);
        for (Vec3 c : centres) {
          if (c.dot(v) >= cos) {
            in += flat[i];
            break;
          }
        }
      }
    }
    return in;
  }
}
