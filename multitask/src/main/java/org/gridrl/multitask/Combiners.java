package org.gridrl.multitask;

import org.gridrl.core.optim.GradientGram;
import org.gridrl.core.util.Check;

/** Shared checks and loops of the combiners (unchecked loops after {@link #check}). */
final class Combiners {

  private Combiners() {}

  /** Rejects a shape, an aliased output or a non-finite entry, naming the task and index. */
  static void check(double[][] g, int numTasks, int dim, double[] out) {
    // Plain ifs, not Check.argument's varargs: a call after warm-up allocates nothing.
    Check.notNull("taskGradients", g);
    Check.notNull("out", out);
    Check.positive("numTasks", numTasks);
    Check.positive("dim", dim);
    if (g.length < numTasks) {
      throw new IllegalArgumentException("taskGradients has " + g.length + " rows, numTasks is "
          + numTasks);
    }
    if (out.length < dim) {
      throw new IllegalArgumentException("out has length " + out.length + ", dim is " + dim);
    }
    for (int k = 0; k < numTasks; k++) {
      double[] gk = g[k];
      if (gk == null) {
        throw new IllegalArgumentException("taskGradients[" + k + "] is null");
      }
      if (gk == out) {
        throw new IllegalArgumentException("out must not be taskGradients[" + k + "]");
      }
      if (gk.length < dim) {
        throw new IllegalArgumentException("taskGradients[" + k + "] has length " + gk.length
            + ", dim is " + dim);
      }
      for (int j = 0; j < dim; j++) {
        if (!Double.isFinite(gk[j])) {
          throw new IllegalArgumentException(
              "taskGradients[" + k + "][" + j + "] must be finite, got " + gk[j]);
        }
      }
    }
  }

  /**
   * gram[i·T + j] = g_i·g_j for i, j &lt; T ({@link GradientGram#gram}: the learner's conflict
   * diagnostics and the combiners share one kernel, so a Gram matrix passed to
   * {@code combineGivenGram} is bitwise the one {@code combine} computes).
   */
  static void gram(double[][] g, int numTasks, int dim, double[] gram) {
    GradientGram.gram(g, numTasks, dim, gram);
  }

  /**
   * The same Gram matrix, bitwise, by the kernel that skips the blocks where a gradient is zero
   * ({@link GradientGram#gram(double[][], int, int, double[], boolean[])}).
   *
   * @param nonzero the block workspace, or one too short
   * @return the workspace used: {@code nonzero}, or a longer one (allocated only on growth)
   */
  static boolean[] gram(double[][] g, int numTasks, int dim, double[] gram, boolean[] nonzero) {
    int need = numTasks * GradientGram.blocks(dim);
    boolean[] w = nonzero.length >= need ? nonzero : new boolean[need];
    GradientGram.gram(g, numTasks, dim, gram, w);
    return w;
  }

  /** Rejects a Gram matrix shorter than T². */
  static void checkGram(double[] gram, int numTasks) {
    Check.notNull("gram", gram);
    if (gram.length < numTasks * numTasks) {
      throw new IllegalArgumentException("gram has length " + gram.length + ", numTasks² is "
          + numTasks * numTasks);
    }
  }

  /** out[0 .. dim) = Σ_k alpha[k]·g_k. */
  static void weightedSum(double[][] g, double[] alpha, int numTasks, int dim, double[] out) {
    java.util.Arrays.fill(out, 0, dim, 0.0);
    for (int k = 0; k < numTasks; k++) {
      double a = alpha[k];
      if (a == 0) {
        continue;
      }
      double[] gk = g[k];
      for (int j = 0; j < dim; j++) {
        out[j] += a * gk[j];
      }
    }
  }

  /** max_k G_kk, the scale that relative tolerances refer to. */
  static double maxDiagonal(double[] gram, int numTasks) {
    double m = 0;
    for (int k = 0; k < numTasks; k++) {
      m = Math.max(m, gram[k * numTasks + k]);
    }
    return m;
  }

  /** wᵀGw over the first t weights, filling gw[0 .. t) = Gw (recomputed from w: no drift). */
  static double quadratic(double[] gram, double[] w, int t, double[] gw) {
    double q = 0;
    for (int i = 0; i < t; i++) {
      double s = 0;
      for (int k = 0; k < t; k++) {
        s += gram[i * t + k] * w[k];
      }
      gw[i] = s;
      q += w[i] * s;
    }
    return q;
  }

  /** The Frank–Wolfe vertex: the first index of the smallest gradient entry. */
  static int towardVertex(double[] grad, int t) {
    int fw = 0;
    for (int i = 1; i < t; i++) {
      if (grad[i] < grad[fw]) {
        fw = i;
      }
    }
    return fw;
  }

  /** The away vertex: the first index of the largest gradient entry with positive weight. */
  static int awayVertex(double[] grad, double[] w, int t) {
    int away = -1;
    for (int i = 0; i < t; i++) {
      if (w[i] > 0 && (away < 0 || grad[i] > grad[away])) {
        away = i;
      }
    }
    return away;
  }

  /** A Frank–Wolfe step towards vertex fw: w ← (1 − γ)·w + γ·e_fw. */
  static void stepToward(double[] w, int t, int fw, double step) {
    for (int i = 0; i < t; i++) {
      w[i] *= 1 - step;
    }
    w[fw] += step;
  }

  /**
   * An away step from vertex a: w ← (1 + γ)·w − γ·e_a, with w_a set to 0 exactly when the step
   * is the largest allowed, w_a / (1 − w_a) (the vertex leaves the active set), or rounding took
   * it below 0.
   */
  static void stepAway(double[] w, int t, int away, double step, double maxStep) {
    for (int i = 0; i < t; i++) {
      w[i] *= 1 + step;
    }
    w[away] -= step;
    if (step == maxStep || w[away] < 0) {
      w[away] = 0;
    }
  }
}
