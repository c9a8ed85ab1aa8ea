package org.gridrl.benchmarks.exercises;

import java.util.ArrayList;
import java.util.List;
import org.gridrl.core.util.Numbers;
import org.gridrl.core.util.Rng;
import org.gridrl.meta.baselines.GittinsIndex;

/**
 * The bandit exercises: 3, the Gittins index of one Beta–Bernoulli arm, against
 * {@link GittinsIndex} (exact by calibration to within 1e−9).
 */
final class BanditExercises {

  /** The tolerance on an index: |ν − library| ≤ TOL · (1 + ν). */
  static final double TOL = 1e-6;

  private BanditExercises() {
  }

  /** Exercise 3. */
  static Exercise<GittinsIndexExercise> gittinsIndex() {
    return new Exercise<>(3, "gittins-index", "The Gittins index of one arm",
        GittinsIndexExercise.class, BanditExercises::gittinsCases);
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
