package org.gridrl.benchmarks.exercises;

import java.util.ArrayList;
import java.util.List;
import org.gridrl.core.util.Numbers;
import org.gridrl.core.util.Rng;
import org.gridrl.meta.baselines.GittinsIndex;
import org.gridrl.meta.pearl.ProductOfGaussians;

/**
 * The meta-RL exercises: 10, the Gittins index of one Beta–Bernoulli arm, against
 * {@link GittinsIndex} (exact by calibration to within 1e−9); 12, PEARL's product-of-Gaussians
 * posterior, against {@link ProductOfGaussians#combine}.
 */
final class MetaExercises {

  /** The tolerance on an index: |ν − library| ≤ TOL · (1 + ν). */
  static final double TOL = 1e-6;

  /**
   * The tolerance on a product of Gaussians: on the mean PRODUCT_TOL · (1 + max |μ|), on each
   * variance PRODUCT_TOL relative (the variances span ten orders of magnitude).
   */
  static final double PRODUCT_TOL = 1e-10;

  private MetaExercises() {
  }

  /** Exercise 10. */
  static Exercise<GittinsIndexExercise> gittinsIndex() {
    return new Exercise<>(10, "gittins-index", "The Gittins index of one arm",
        GittinsIndexExercise.class, MetaExercises::gittinsCases);
  }

  /** Exercise 12. */
  static Exercise<ProductOfGaussiansExercise> productOfGaussians() {
    return new Exercise<>(12, "product-of-gaussians", "The product-of-Gaussians posterior (PEARL)",
        ProductOfGaussiansExercise.class, MetaExercises::productCases);
  }

  private static List<Exercise.Case<ProductOfGaussiansExercise>> productCases(long seed) {
    // (n factors, d dimensions, the spread of log σ², a note)
    Object[][] shapes = {{1, 1, 1.0, "one factor: the product is the factor"},
        {2, 1, 0.0, "two equal variances: the mean of the means, half the variance"},
        {5, 3, 2.0, ""}, {64, 5, 4.0, "64 factors, a PEARL context"},
        {3, 2, 12.0, "variances from 6e-6 to 2e5"}};
    Rng root = new Rng(seed);
    List<Exercise.Case<ProductOfGaussiansExercise>> cases = new ArrayList<>();
    for (int c = 0; c < shapes.length; c++) {
      int n = (int) shapes[c][0];
      int d = (int) shapes[c][1];
      double spread = (double) shapes[c][2];
      Rng rng = root.fork(c);
      double[][] mu = new double[n][d];
      double[][] var = new double[n][d];
      double[] flatMu = new double[n * d];
      double[] flatVar = new double[n * d];
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < d; j++) {
          mu[i][j] = 4 * rng.nextDouble() - 2;
          var[i][j] = spread == 0 ? 0.5 : Math.exp(spread * (2 * rng.nextDouble() - 1));
          flatMu[i * d + j] = mu[i][j];
          flatVar[i * d + j] = var[i][j];
        }
      }
      double[] m = new double[d];
      double[] v = new double[d];
      ProductOfGaussians.combine(flatMu, flatVar, n, d, m, v);
      String note = (String) shapes[c][3];
      String name = "n=" + n + " d=" + d + (note.isEmpty() ? "" : " (" + note + ")");
      cases.add(new Exercise.Case<>(name, student -> {
        double[][] got = student.product(TabularCases.copy(mu), TabularCases.copy(var));
        if (got == null || got.length != 2 || got[0] == null || got[1] == null) {
          return Verdict.broken("returned " + (got == null ? "null" : got.length + " arrays")
              + "; expected {mean, variance}");
        }
        if (got[0].length != d || got[1].length != d) {
          return Verdict.broken("returned a mean of length " + got[0].length + " and a variance"
              + " of length " + got[1].length + ", expected " + d + " each (one per dimension)");
        }
        Verdict mean = Verdict.compare("mean", "dimension", m, got[0], PRODUCT_TOL);
        if (!mean.passed()) {
          return mean;
        }
        Verdict variance = Verdict.compareRelative("variance", "dimension", v, got[1],
            PRODUCT_TOL);
        return new Verdict(variance.passed(), Math.max(mean.maxError(), variance.maxError()),
            "mean: " + mean.message() + "; variance: " + variance.message());
      }));
    }
    return cases;
  }

  private static List<Exercise.Case<GittinsIndexExercise>> gittinsCases(long seed) {
    Rng rng = new Rng(seed);
    // (α, β, γ): a uniform prior, a good and a bad record, a short horizon, a long one, and
    // drawn ones (non-integer pseudo-counts included)
    double[][] fixed = {{1, 1, 0.9}, {10, 2, 0.9}, {2, 10, 0.9}, {1, 1, 0.5}, {3, 3, 0.99}};
    List<double[]> abg = new ArrayList<>(List.of(fixed));
    for (int i = 0; i < 3; i++) {
      double a = 1 + Math.floor(rng.nextDouble() * 8);
      double b = 1 + Math.floor(rng.nextDouble() * 8);
      double g = 0.6 + 0.35 * rng.nextDouble();
      abg.add(new double[] {a, b, Math.round(g * 1000) / 1000.0});
    }
    abg.add(new double[] {0.5 + Math.round(rng.nextDouble() * 10) / 10.0,
        0.5 + Math.round(rng.nextDouble() * 10) / 10.0, 0.8});
    List<Exercise.Case<GittinsIndexExercise>> cases = new ArrayList<>();
    for (double[] c : abg) {
      double a = c[0];
      double b = c[1];
      double g = c[2];
      double expected = new GittinsIndex(g).index(a, b);
      String name = "alpha=" + Numbers.shortest(a) + " beta=" + Numbers.shortest(b) + " gamma="
          + Numbers.shortest(g);
      cases.add(new Exercise.Case<>(name, student -> Verdict.compareScalar("nu", expected,
          student.index(a, b, g), TOL)));
    }
    return cases;
  }
}
