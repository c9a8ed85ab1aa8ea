package org.gridrl.benchmarks.exercises;

import java.util.ArrayList;
import java.util.List;
import org.gridrl.core.pg.Gae;
import org.gridrl.core.util.Numbers;
import org.gridrl.core.util.Rng;

/** The policy-gradient exercises: 5, GAE, against {@link Gae#advantages}. */
final class PgExercises {

  /** The tolerance: max error ≤ TOL · (1 + max |Â|). */
  static final double TOL = 1e-10;

  private PgExercises() {
  }

  /** Exercise 5. */
  static Exercise<GeneralizedAdvantage> gae() {
    return new Exercise<>(5, "gae", "Generalised advantage estimation (GAE)",
        GeneralizedAdvantage.class, PgExercises::gaeCases);
  }

  /**
   * (N steps, segment ends: "t" terminated, "c" cut or truncated, "r" random mix, γ, λ, note).
   */
  private record Shape(int steps, char ends, double gamma, double lambda, String note) {
  }

  private static List<Exercise.Case<GeneralizedAdvantage>> gaeCases(long seed) {
    Shape[] shapes = {
        new Shape(1, 't', 0.99, 0.95, "one terminated step: delta = r - V"),
        new Shape(6, 'c', 0.9, 0.95, "one segment cut by the rollout: bootstrap at its end"),
        new Shape(30, 'r', 0.99, 0.95, "terminated and truncated segments"),
        new Shape(20, 'r', 0.9, 0.0, "lambda = 0: the TD errors"),
        new Shape(20, 'r', 0.9, 1.0, "lambda = 1: returns minus the baseline"),
        new Shape(200, 'r', 1.0, 0.97, "gamma = 1, long segments"),
    };
    Rng root = new Rng(seed);
    List<Exercise.Case<GeneralizedAdvantage>> cases = new ArrayList<>();
    for (int c = 0; c < shapes.length; c++) {
      Shape sh = shapes[c];
      Rng rng = root.fork(c);
      int n = sh.steps;
      double[] r = TabularCases.vector(rng, n, -1, 1);
      double[] v = TabularCases.vector(rng, n, -5, 5);
      double[] next = new double[n];
      boolean[] terminated = new boolean[n];
      boolean[] last = new boolean[n];
      for (int t = 0; t < n; t++) {
        boolean end = t == n - 1 || (sh.ends == 'r' && rng.nextDouble() < 0.15);
        last[t] = end;
        terminated[t] = end && (sh.ends == 't' || (sh.ends == 'r' && rng.nextDouble() < 0.5));
      }
      for (int t = 0; t < n; t++) {
        // inside a segment s'_t = s_{t+1}; at its end a new state's value (or any, if terminal)
        next[t] = !last[t] ? v[t + 1] : 10 * rng.nextDouble() - 5;
      }
      double[] expected = Gae.advantages(r, v, next, terminated, last, sh.gamma, sh.lambda,
          null);
      String name = "N=" + n + " gamma=" + Numbers.shortest(sh.gamma) + " lambda="
          + Numbers.shortest(sh.lambda) + " (" + sh.note + ")";
      cases.add(new Exercise.Case<>(name, student -> Verdict.compare("A", "step", expected,
          student.advantages(r.clone(), v.clone(), next.clone(), terminated.clone(),
              last.clone(), sh.gamma, sh.lambda), TOL)));
    }
    return cases;
  }
}
