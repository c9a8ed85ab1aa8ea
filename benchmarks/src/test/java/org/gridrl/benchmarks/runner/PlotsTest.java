package org.gridrl.benchmarks.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

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

  // the failure: on a log x axis over 8..64 demonstrations XChart labelled one tick, "10"
  @Test
  void logX_twoCountsAFactorEightApart_labelsTheCountsAndTheDoublingsBetween() {
    ChartModel m = ChartModel.of(Plots.learningCurveChart("t", "n (log scale)", "EVD", List.of(
        Plots.Curve.single("a", new double[] {8, 64}, new double[] {1.7, 3.8}),
        Plots.Curve.single("b", new double[] {8, 64}, new double[] {11.34, 12.3})),
        Plots.Band.MIN_MAX, true, false));
    assertThat(m.x().labels()).containsExactly("8", "16", "32", "64");
    m.assertReadable();
  }

  @Test
  void logX_sixDoublingCounts_labelsEachCount() {
    ChartModel m = ChartModel.of(Plots.learningCurveChart("t", "n", "EVD", List.of(
        new Plots.Curve("a", List.of(new double[] {4, 8, 16, 32, 64, 128},
            new double[] {4, 8, 16, 32, 64, 128}), List.of(new double[] {5, 4, 3, 2, 1, 0.5},
            new double[] {6, 5, 3, 2, 1, 0.25}))), Plots.Band.MIN_MAX, true, false));
    assertThat(m.x().labels()).containsExactly("4", "8", "16", "32", "64", "128");
    m.assertReadable();
  }

  @Test
  void logY_withinOneDecade_labelsOneToTenTimesThePowerOfTen() {
    ChartModel m = ChartModel.of(Plots.learningCurveChart("t", "sweep", "residual", List.of(
        Plots.Curve.single("a", new double[] {1, 2, 3}, new double[] {8, 4, 2})),
        Plots.Band.NONE, false, true));
    assertThat(m.y().labels()).containsExactly("1", "2", "3", "4", "5", "6", "7", "8", "9",
        "10");
    m.assertReadable();
  }

  @Test
  void logY_overFourDecades_labelsTheDecades() {
    ChartModel m = ChartModel.of(Plots.learningCurveChart("t", "sweep", "residual", List.of(
        Plots.Curve.single("a", new double[] {1, 2, 3}, new double[] {50, 0.5, 0.02})),
        Plots.Band.NONE, false, true));
    assertThat(m.y().labels()).containsExactly("0.01", "0.1", "1", "10", "100");
    m.assertReadable();
  }

  @Test
  void constantCurveOnTwoPoints_getsThreeTicksOnEachAxis() {
    ChartModel m = ChartModel.of(Plots.learningCurveChart("t", "x", "y", List.of(
        Plots.Curve.single("a", new double[] {1, 2}, new double[] {0.5, 0.5})), Plots.Band.NONE,
        false, false));
    assertThat(m.y().labels()).containsExactly("0.45", "0.5", "0.55");
    assertThat(m.x().labels()).containsExactly("1", "1.5", "2");
  }

  @Test
  void legend_fewShortNames_sitsBelowThePlot_manyLongNames_toItsRight() {
    ChartModel below = ChartModel.of(Plots.learningCurveChart("t", "x", "y", List.of(CURVE),
        Plots.Band.STD, false, false));
    assertThat(below.legend().getMinY()).isGreaterThan(below.plot().getMaxY());
    below.assertReadable();
    List<Plots.Curve> many = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      many.add(Plots.Curve.single("a rather long name for curve number " + i,
          new double[] {1, 2, 3}, new double[] {i, i + 1, i + 3}));
    }
    ChartModel right = ChartModel.of(Plots.learningCurveChart("t", "x", "y", many,
        Plots.Band.NONE, false, false));
    assertThat(right.legend().getMinX()).isGreaterThan(right.plot().getMaxX());
    right.assertReadable();
  }

  @Test
  void legend_namesTheBand() {
    XYChart chart = Plots.learningCurveChart("t", "x", "y", List.of(CURVE), Plots.Band.STD,
        false, false);
    assertThat(chart.getSeriesMap().values().stream().filter(XYSeries::isShowInLegend)
        .map(XYSeries::getName)).containsExactly("c", "band: ± std over 2 seeds; line: mean");
  }

  // the failure: the y label of learning_curves_sac.png ran past the chart's height
  @Test
  void longYTitle_isSetSmallerToFitTheAxis() {
    String y = "optimal return − return of the mean action (log scale) (mean; band: ± std over 3"
        + " seeds)";
    XYChart chart = Plots.learningCurveChart("t", "x", y, List.of(CURVE), Plots.Band.STD, false,
        false);
    assertThat(chart.getStyler().getAxisTitleFont().getSize2D()).isLessThan(12f);
    ChartModel.of(chart).assertReadable();
  }

  @Test
  void roundTicks_areMultiplesOfOneTwoOrFiveTimesAPowerOfTen() {
    assertThat(Plots.roundTicks(1, 150)).containsExactly(20, 40, 60, 80, 100, 120, 140);
    assertThat(Plots.roundTicks(640, 96000)).containsExactly(20000, 40000, 60000, 80000);
    assertThat(Plots.roundTicks(0, 1)).containsExactly(0, 0.2, 0.4, 0.6000000000000001, 0.8, 1);
  }

  @Test
  void grouped_writesWholeNumbersWithThousandsSeparators() {
    assertThat(Plots.grouped(140000)).isEqualTo("140,000");
    assertThat(Plots.grouped(20)).isEqualTo("20");
    assertThat(Plots.grouped(0.25)).isEqualTo("0.25");
  }

  @Test
  void linearTicks_oneOrTwoValues_addTheMiddle() {
    assertThat(Plots.linearTicks(new double[] {0})).containsExactly(-1, 0, 1);
    assertThat(Plots.linearTicks(new double[] {-2})).containsExactly(-2.2, -2, -1.8);
    assertThat(Plots.linearTicks(new double[] {1, 3})).containsExactly(1, 2, 3);
    assertThat(Plots.linearTicks(new double[] {1, 2, 4})).isNull();
  }

  @Test
  void logTicks_fillDoublingsOrTakeTheGeometricMean() {
    assertThat(Plots.logTicks(new double[] {8, 64})).containsExactly(8, 16, 32, 64);
    assertThat(Plots.logTicks(new double[] {10, 1000})).containsExactly(10, 100, 1000);
    assertThat(Plots.logTicks(new double[] {5})).containsExactly(2.5, 5, 10);
    assertThat(Plots.logTicks(new double[] {4, 8, 16})).containsExactly(4, 8, 16);
    assertThat(Plots.logTicks(new double[] {5, 10, 100})).isNull();
  }

  @Test
  void number_fourSignificantDigitsWithoutTrailingZeros() {
    assertThat(Plots.number(Math.pow(10, Math.log10(8)))).isEqualTo("8");
    assertThat(Plots.number(Math.sqrt(8 * 64))).isEqualTo("22.63");
    assertThat(Plots.number(128)).isEqualTo("128");
    assertThat(Plots.number(0.000125)).isEqualTo("0.000125");
  }
}
