package org.openastro.alerts.tiling;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class SkyGridTest {
  @Test
  void everyDirectionIsWithinTheFieldRadiusOfItsNearestCentreAndNoCloserCentreExists() {
    Random random = new Random(7);
    for (double radius : new double[] {0.1, 0.25, 0.45, 1.5, 5, 20}) {
      SkyGrid grid = new SkyGrid(Frame.at(Vec3.ofRaDec(random.nextDouble() * 360, random.nextDouble() * 180 - 90)),
          radius);
      for (int i = 0; i < 20_000; i++) {
        Vec3 v = Vec3.ofThetaPhi(Math.acos(2 * random.nextDouble() - 1), 2 * Math.PI * random.nextDouble());
        long id = grid.nearest(v);
        assertThat(grid.centre(id).angleDeg(v)).as("radius %s at %s", radius, v).isLessThanOrEqualTo(radius);
      }
    }
  }

  @Test
  void theAnchorIsAGridCentreAndCentresAreDistinct() {
    Vec3 anchor = Vec3.ofRaDec(123.4, -56.7);
    SkyGrid grid = new SkyGrid(Frame.at(anchor), 0.3);
    assertThat(grid.centre(grid.nearest(anchor)).angleDeg(anchor)).isLessThan(1e-9);
    // Sphere area / the square cell's area, give or take the rings' rounding.
    double expected = 41_253 / Math.pow(Math.sqrt(2) * 0.3 * (1 - SkyGrid.MARGIN), 2);
    assertThat((double) grid.cells()).isBetween(expected * 0.98, expected * 1.1);
  }

  @Test
  void gridsAtThePolesCoverThem() {
    SkyGrid grid = new SkyGrid(Frame.at(Vec3.ofRaDec(0, 90)), 0.5);
    Vec3 nearPole = Vec3.ofRaDec(77, 89.9);
    assertThat(grid.centre(grid.nearest(nearPole)).angleDeg(nearPole)).isLessThanOrEqualTo(0.5);
  }
}
