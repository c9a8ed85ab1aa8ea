package org.gridrl.core.testing;

import org.gridrl.core.mdp.TabularMdp;

/**
 * Slow, obviously-correct dense reference versions of the planning algorithms, written
 * independently of {@code core.planning}: a dense P[s][a][s'] table, the plain (unshifted)
 * log-sum-exp, and Gaussian elimination with partial pivoting instead of EJML. For tests only
 * (rewards of moderate size, so the unshifted exponentials cannot overflow).
 */
public final class NaivePlanning {

  private NaivePlanning() {
  }

  /** P[s][a][s'] as a dense table (terminal rows left as listed). */
  public static double[][][] denseTransitions(TabularMdp mdp) {
    int n = mdp.numStates();
    int m = mdp.numActions();
    double[][][] p = new double[n][m][n];
    for (int s = 0; s < n; s++) {
      for (int a = 0; a < m; a++) {
        for (int t = 0; t < n; t++) {
          p[s][a][t] = mdp.transitionProbability(s, a, t);
        }
      }
    }
    return p;
  }

  /**
   * Soft VI by a plain fixed-point iteration: V(s) = τ log Σ_a π0 exp(Q/τ) without shifting,
   * Gauss–Seidel order, until the change is below 1e-14 (terminals V = 0).
   *
   * @param prior π0 row-major, or null
   */
  public static double[] softValues(TabularMdp mdp, double tau, double[] prior) {
    int n = mdp.numStates();
    int m = mdp.numActions();
    double g = mdp.gamma();
    double[][][] p = denseTransitions(mdp);
    double[] v = new double[n];
    for (int it = 0; it < 10_000_000; it++) {
      double change = 0;
      for (int s = 0; s < n; s++) {
        if (mdp.isTerminal(s)) {
          continue;
        }
        double z = 0;
        for (int a = 0; a < m; a++) {
          double q = mdp.reward(s, a);
          for (int t = 0; t < n; t++) {
            q += g * p[s][a][t] * v[t];
          }
          z += (prior == null ? 1.0 : prior[s * m + a]) * Math.exp(q / tau);
        }
        double nv = tau * Math.log(z);
        change = Math.max(change, Math.abs(nv - v[s]));
        v[s] = nv;
      }
      if (change < 1e-14) {
        break;
      }
    }
    return v;
  }

  /**
   * Finite-horizon soft VI by the textbook backward recursion with the plain (unshifted)
   * log-sum-exp and Math.exp/Math.log: V_H = 0, Q_t = r + c·P·V_{t+1} (dense sums),
   * V_t = τ·log Σ_a π0 exp(Q_t/τ), π_t = π0·exp((Q_t − V_t)/τ); terminals V = 0, Q = 0,
   * π uniform (π0 with a prior).
   *
   * @param prior π0 row-major, or null
   * @return {v[H + 1][S], q[H][S·A], pi[H][S·A]} as {@code double[3][][]}
   */
  public static double[][][] finiteHorizon(TabularMdp mdp, int horizon, double tau,
      double[] prior, double discount) {
    int n = mdp.numStates();
    int m = mdp.numActions();
    double[][][] p = denseTransitions(mdp);
    double[][] v = new double[horizon + 1][n];
    double[][] q = new double[horizon][n * m];
    double[][] pi = new double[horizon][n * m];
    for (int t = horizon - 1; t >= 0; t--) {
      for (int s = 0; s < n; s++) {
        if (mdp.isTerminal(s)) {
          for (int a = 0; a < m; a++) {
            pi[t][s * m + a] = prior == null ? 1.0 / m : prior[s * m + a];
          }
          continue;
        }
        double z = 0;
        for (int a = 0; a < m; a++) {
          double qa = mdp.reward(s, a);
          for (int x = 0; x < n; x++) {
            qa += discount * p[s][a][x] * v[t + 1][x];
          }
          q[t][s * m + a] = qa;
          z += (prior == null ? 1.0 : prior[s * m + a]) * Math.exp(qa / tau);
        }
        v[t][s] = tau * Math.log(z);
        for (int a = 0; a < m; a++) {
          pi[t][s * m + a] = (prior == null ? 1.0 : prior[s * m + a])
              * Math.exp((q[t][s * m + a] - v[t][s]) / tau);
        }
      }
    }
    return new double[][][] {v, q, pi};
  }

  /** Hard VI by a plain Gauss–Seidel fixed-point iteration to 1e-14 (terminals V = 0). */
  public static double[] hardValues(TabularMdp mdp) {
    int n = mdp.numStates();
    int m = mdp.numActions();
    double g = mdp.gamma();
    double[][][] p = denseTransitions(mdp);
    double[] v = new double[n];
    for (int it = 0; it < 10_000_000; it++) {
      double change = 0;
      for (int s = 0; s < n; s++) {
        if (mdp.isTerminal(s)) {
          continue;
        }
        double best = Double.NEGATIVE_INFINITY;
        for (int a = 0; a < m; a++) {
          double q = mdp.reward(s, a);
          for (int t = 0; t < n; t++) {
            q += g * p[s][a][t] * v[t];
          }
          best = Math.max(best, q);
        }
        change = Math.max(change, Math.abs(best - v[s]));
        v[s] = best;
      }
      if (change < 1e-14) {
        break;
      }
    }
    return v;
  }

  /** Q(s,a) = r(s,a) + γ Σ P V, 0 on terminal states, row-major. */
  public static double[] qFromV(TabularMdp mdp, double[] v) {
    int n = mdp.numStates();
    int m = mdp.numActions();
    double[] q = new double[n * m];
    for (int s = 0; s < n; s++) {
      if (mdp.isTerminal(s)) {
        continue;
      }
      for (int a = 0; a < m; a++) {
        double acc = mdp.reward(s, a);
        for (int t = 0; t < n; t++) {
          acc += mdp.gamma() * mdp.transitionProbability(s, a, t) * v[t];
        }
        q[s * m + a] = acc;
      }
    }
    return q;
  }

  /** P_π[s][s'] with terminal rows zeroed (terminals absorb and end the episode). */
  public static double[][] policyTransitions(TabularMdp mdp, double[] pi) {
    int n = mdp.numStates();
    int m = mdp.numActions();
    double[][] pp = new double[n][n];
    for (int s = 0; s < n; s++) {
      if (mdp.isTerminal(s)) {
        continue;
      }
      for (int a = 0; a < m; a++) {
        for (int t = 0; t < n; t++) {
          pp[s][t] += pi[s * m + a] * mdp.transitionProbability(s, a, t);
        }
      }
    }
    return pp;
  }

  /** V^π = (I − γ P_π)^{-1} r_π by Gaussian elimination (terminals 0). */
  public static double[] policyValues(TabularMdp mdp, double[] pi) {
    int n = mdp.numStates();
    int m = mdp.numActions();
    double[][] pp = policyTransitions(mdp, pi);
    double[][] a = new double[n][n];
    double[] b = new double[n];
    for (int s = 0; s < n; s++) {
      for (int t = 0; t < n; t++) {
        a[s][t] = (s == t ? 1 : 0) - mdp.gamma() * pp[s][t];
      }
      if (!mdp.isTerminal(s)) {
        for (int act = 0; act < m; act++) {
          b[s] += pi[s * m + act] * mdp.reward(s, act);
        }
      }
    }
    return solve(a, b);
  }

  /** d = (I − γ P_πᵀ)^{-1} d0 by Gaussian elimination (terminal rows of P_π zeroed). */
  public static double[] discountedVisitation(TabularMdp mdp, double[] pi, double[] d0) {
    int n = mdp.numStates();
    double[][] pp = policyTransitions(mdp, pi);
    double[][] a = new double[n][n];
    for (int s = 0; s < n; s++) {
      for (int t = 0; t < n; t++) {
        a[s][t] = (s == t ? 1 : 0) - mdp.gamma() * pp[t][s];
      }
    }
    return solve(a, d0.clone());
  }

  /** Solves a x = b by Gaussian elimination with partial pivoting (a and b are overwritten). */
  public static double[] solve(double[][] a, double[] b) {
    int n = b.length;
    for (int c = 0; c < n; c++) {
      int piv = c;
      for (int r = c + 1; r < n; r++) {
        if (Math.abs(a[r][c]) > Math.abs(a[piv][c])) {
          piv = r;
        }
      }
      double[] tr = a[c];
      a[c] = a[piv];
      a[piv] = tr;
      double tb = b[c];
      b[c] = b[piv];
      b[piv] = tb;
      for (int r = c + 1; r < n; r++) {
        double f = a[r][c] / a[c][c];
        if (f == 0) {
          continue;
        }
        for (int k = c; k < n; k++) {
          a[r][k] -= f * a[c][k];
        }
        b[r] -= f * b[c];
      }
    }
    double[] x = new double[n];
    for (int r = n - 1; r >= 0; r--) {
      double acc = b[r];
      for (int k = r + 1; k < n; k++) {
        acc -= a[r][k] * x[k];
      }
      x[r] = acc / a[r][r];
    }
    return x;
  }

  /** τ·log Σ_i exp(x_i/τ), computed plainly. */
  public static double logSumExp(double tau, double... x) {
    double z = 0;
    for (double xi : x) {
      z += Math.exp(xi / tau);
    }
    return tau * Math.log(z);
  }

  /** m + τ·log Σ_i exp((x_i − m)/τ) with m = max_i x_i: the shifted form, for large x/τ. */
  public static double stableLogSumExp(double tau, double... x) {
    double m = Double.NEGATIVE_INFINITY;
    for (double xi : x) {
      m = Math.max(m, xi);
    }
    double z = 0;
    for (double xi : x) {
      z += Math.exp((xi - m) / tau);
    }
    return m + tau * Math.log(z);
  }
}
