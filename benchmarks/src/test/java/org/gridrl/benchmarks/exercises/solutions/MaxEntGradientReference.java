package org.gridrl.benchmarks.exercises.solutions;

import org.gridrl.benchmarks.exercises.DiscountedVisitation;
import org.gridrl.benchmarks.exercises.MaxEntGradient;
import org.gridrl.benchmarks.exercises.SoftBellmanBackup;

/**
 * Exercise 3's reference solution, built from exercises 1 and 2 (nothing but the JDK): soft VI
 * by repeating exercise 1's backup until V stops moving, π = exp((Q − V)/τ), exercise 2's
 * visitation D of π from d0, the demonstrations' D̂, then Σ_s (D̂(s) − D(s)) φ(s) over the
 * non-terminal states.
 */
public class MaxEntGradientReference implements MaxEntGradient {

  private final SoftBellmanBackup backup = new SoftBellmanBackupReference();
  private final DiscountedVisitation visitation = new DiscountedVisitationReference();

  @Override
  public double[] gradient(double[][][] p, boolean[] terminal, double gamma, double[] d0,
      double[][] phi, int[][] demos, double[] w, double tau) {
    int states = p.length;
    int actions = p[0].length;
    int k = w.length;
    // r(s) = φ(s)·w, the same for every action
    double[][] r = new double[states][actions];
    for (int s = 0; s < states; s++) {
      double rs = 0;
      for (int i = 0; i < k; i++) {
        rs += phi[s][i] * w[i];
      }
      java.util.Arrays.fill(r[s], rs);
    }
    // backward pass: soft VI to its fixed point
    double[] v = softValues(p, r, terminal, gamma, tau);
    double[][] pi = softPolicy(p, r, terminal, gamma, tau, v);
    // forward pass: the model's discounted visitation
    double[] d = visitation.visitation(p, pi, terminal, gamma, d0);
    double[] dHat = demonstrationVisitation(demos, states, gamma);
    double[] grad = new double[k];
    for (int s = 0; s < states; s++) {
      if (terminal[s]) {
        continue;
      }
      for (int i = 0; i < k; i++) {
        grad[i] += (dHat[s] - d[s]) * phi[s][i];
      }
    }
    return grad;
  }

  /** Exercise 1's backup repeated until max |V' − V| ≤ 1e-14 · (1 + max |V|). */
  protected double[] softValues(double[][][] p, double[][] r, boolean[] terminal, double gamma,
      double tau) {
    double[] v = new double[p.length];
    for (int it = 0; it < 1_000_000; it++) {
      double[] next = backup.backup(p, r, terminal, gamma, tau, v);
      double change = 0;
      double size = 0;
      for (int s = 0; s < v.length; s++) {
        change = Math.max(change, Math.abs(next[s] - v[s]));
        size = Math.max(size, Math.abs(next[s]));
      }
      v = next;
      if (change <= 1e-14 * (1 + size)) {
        break;
      }
    }
    return v;
  }

  /** π(a|s) = exp((Q(s,a) − V(s))/τ), Q = r + γPV (any distribution at a terminal). */
  protected double[][] softPolicy(double[][][] p, double[][] r, boolean[] terminal, double gamma,
      double tau, double[] v) {
    int actions = r[0].length;
    double[][] pi = new double[p.length][actions];
    for (int s = 0; s < p.length; s++) {
      double sum = 0;
      for (int a = 0; a < actions; a++) {
        double q = r[s][a];
        for (int n = 0; n < p.length; n++) {
          q += gamma * p[s][a][n] * v[n];
        }
        // normalise again: V(s) is 0 at a terminal, and Σ_a exp((Q − V)/τ) is 1 only to
        // within the fixed point's round-off elsewhere
        pi[s][a] = Math.exp((q - (terminal[s] ? 0 : v[s])) / tau);
        sum += pi[s][a];
      }
      for (int a = 0; a < actions; a++) {
        pi[s][a] = terminal[s] ? 1.0 / actions : pi[s][a] / sum;
      }
    }
    return pi;
  }

  /** D̂(s) = (1/N) Σ_n Σ_t γ^t [s_t^n = s] (terminals are left out by the caller). */
  protected double[] demonstrationVisitation(int[][] demos, int states, double gamma) {
    double[] dHat = new double[states];
    for (int[] demo : demos) {
      double c = 1.0 / demos.length;
      for (int s : demo) {
        dHat[s] += c;
        c *= gamma;
      }
    }
    return dHat;
  }
}
