package org.gridrl.benchmarks.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlotsTest {

  // seed a: 1, 2, 3 at x = 10, 20, 30; seed b: 3, 4 (ended early)
  private static final Plots.Curve CURVE = new Plots.Curve("c",
      List.of(new double[] {10, 20, 30}, new double[] {10, 20}),
      List.of(new double[] {1, 2, 3}, new double[] {3, 4}));

  @Test
  void aggregate_minMax_meanOverTheSeedsThatReachEachPoint() {
    double[][] a = Plots.aggregate(CURVE, Plots.Band.MIN_MAX);
    assertThat(a[0]).containsExactly(10, 20, 30);
    assertThat(a[1]).containsExactly(2, 3, 3);
    assertThat(a[2]).containsExactly(1, 2, 3);
    assertThat(a[3]).containsExactly(3, 4, 3);
  }

  @Test
  void aggregate_std_isTheSampleStdAroundTheMean() {
    double[][] a = Plots.aggregate(CURVE, Plots.Band.STD);
    // {1, 3} and {2, 4}: sample std √2; one seed left at x = 30: no spread
    assertThat(a[2][0]).isCloseTo(2 - Math.sqrt(2), within(1e-15));
    assertThat(a[3][1]).isCloseTo(3 + Math.sqrt(2), within(1e-15));
    assertThat(a[2][2]).isEqualTo(3);
    assertThat(a[3][2]).isEqualTo(3);
  }

  @Test
  void learningCurve_logY_withNonPositivePoints_writesTheChart(@TempDir Path dir)
      throws IOException {
    Plots.Curve withZero = Plots.Curve.single("z", new double[] {1, 2, 3},
        new double[] {1e-3, 0, 1e-5});
    Path png = dir.resolve("c.png");
    Plots.learningCurve(png, "t", "x", "y", List.of(CURVE, withZero), Plots.Band.STD, true);
    BufferedImage img = ImageIO.read(png.toFile());
    assertThat(img.getWidth()).isEqualTo(900);
    assertThat(img.getHeight()).isEqualTo(560);
  }
}
