package org.gridrl.benchmarks.exercises;

import org.gridrl.core.mdp.TabularMdp;
import org.gridrl.core.mdp.TabularMdpBuilder;
import org.gridrl.core.mdp.TabularPolicy;
import org.gridrl.core.util.Rng;

/**
 * Random tabular problems for the planning exercises, as plain arrays (what the student sees)
 * and as the library's {@link TabularMdp} (what the answer is computed with).
 */
final class TabularCases {

  private TabularCases() {
  }

  /**
   * P(s'|s,a) with random rows: uniform weights normalised, or with {@code sparse} about half
   * of them zero (never all).
   */
  static double[][][] transitions(Rng rng, int states, int actions, boolean sparse) {
    double[][][] p = new double[states][actions][states];
    for (int s = 0; s < states; s++) {
      for (int a = 0; a < actions; a++) {
        double sum = 0;
        for (int n = 0; n < states; n++) {
          double w = sparse && rng.nextDouble() < 0.5 ? 0 : rng.nextDouble();
          p[s][a][n] = w;
          sum += w;
        }
        if (sum == 0) {
          p[s][a][rng.nextInt(states)] = 1;
          sum = 1;
        }
        for (int n = 0; n < states; n++) {
          p[s][a][n] /= sum;
        }
      }
    }
    return p;
  }

  /** An S×A table with entries uniform on [lo, hi). */
  static double[][] table(Rng rng, int states, int actions, double lo, double hi) {
    double[][] t = new double[states][actions];
    for (double[] row : t) {
      for (int a = 0; a < actions; a++) {
        row[a] = lo + (hi - lo) * rng.nextDouble();
      }
    }
    return t;
  }

  /** A random policy: rows of normalised uniform weights, or one-hot when deterministic. */
  static double[][] policy(Rng rng, int states, int actions, boolean deterministic) {
    double[][] pi = new double[states][actions];
    for (double[] row : pi) {
      if (deterministic) {
        row[rng.nextInt(actions)] = 1;
        continue;
      }
      double sum = 0;
      for (int a = 0; a < actions; a++) {
        row[a] = 0.05 + rng.nextDouble();
        sum += row[a];
      }
      for (int a = 0; a < actions; a++) {
        row[a] /= sum;
      }
    }
    return pi;
  }

  /** A distribution over S with random weights. */
  static double[] distribution(Rng rng, int states) {
    double[] d = new double[states];
    double sum = 0;
    for (int s = 0; s < states; s++) {
      d[s] = rng.nextDouble();
      sum += d[s];
    }
    for (int s = 0; s < states; s++) {
      d[s] /= sum;
    }
    return d;
  }

  /** A vector with entries uniform on [lo, hi). */
  static double[] vector(Rng rng, int n, double lo, double hi) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = lo + (hi - lo) * rng.nextDouble();
    }
    return v;
  }

  /** The library's MDP of these arrays (rewards r(s,a), γ, terminals; start d0 if not null). */
  static TabularMdp mdp(double[][][] p, double[][] r, boolean[] terminal, double gamma,
      double[] d0) {
    int states = p.length;
    int actions = p[0].length;
    TabularMdpBuilder b = TabularMdp.builder(states, actions).gamma(gamma);
    for (int s = 0; s < states; s++) {
      for (int a = 0; a < actions; a++) {
        b.reward(s, a, r[s][a]);
        for (int n = 0; n < states; n++) {
          if (p[s][a][n] > 0) {
            b.transition(s, a, n, p[s][a][n]);
          }
        }
      }
      if (terminal[s]) {
        b.terminal(s);
      }
    }
    if (d0 != null) {
      b.initialDistribution(d0);
    }
    return b.build();
  }

  /** The library's policy of an S×A array. */
  static TabularPolicy policy(double[][] pi) {
    int states = pi.length;
    int actions = pi[0].length;
    double[] flat = new double[states * actions];
    for (int s = 0; s < states; s++) {
      System.arraycopy(pi[s], 0, flat, s * actions, actions);
    }
    return TabularPolicy.of(states, actions, flat);
  }

  /** A deep copy, so a solution that writes into its inputs cannot change the next check. */
  static double[][][] copy(double[][][] x) {
    double[][][] c = new double[x.length][][];
    for (int i = 0; i < x.length; i++) {
      c[i] = copy(x[i]);
    }
    return c;
  }

  static double[][] copy(double[][] x) {
    double[][] c = new double[x.length][];
    for (int i = 0; i < x.length; i++) {
      c[i] = x[i].clone();
    }
    return c;
  }

  /** {@code count} distinct terminal states drawn uniformly (count ≤ states). */
  static boolean[] terminals(Rng rng, int states, int count) {
    boolean[] t = new boolean[states];
    int placed = 0;
    while (placed < count) {
      int s = rng.nextInt(states);
      if (!t[s]) {
        t[s] = true;
        placed++;
      }
    }
    return t;
  }
}
