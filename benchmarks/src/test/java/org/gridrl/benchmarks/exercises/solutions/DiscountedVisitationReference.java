package org.gridrl.benchmarks.exercises.solutions;

import org.gridrl.benchmarks.exercises.DiscountedVisitation;

/**
 * Exercise 2's reference solution: (I − γ P_πᵀ) d = d0 by Gaussian elimination with partial
 * pivoting, the rows of terminal states zeroed in P_π.
 */
public class DiscountedVisitationReference implements DiscountedVisitation {

  @Override
  public double[] visitation(double[][][] p, double[][] pi, boolean[] terminal, double gamma,
      double[] d0) {
    int n = p.length;
    double[][] m = new double[n][n + 1];
    for (int i = 0; i < n; i++) {
      m[i][i] = 1;
      m[i][n] = d0[i];
    }
    for (int s = 0; s < n; s++) {
      if (terminal[s]) {
        continue;
      }
      for (int a = 0; a < p[s].length; a++) {
        for (int t = 0; t < n; t++) {
          m[t][s] -= gamma * pi[s][a] * p[s][a][t]; // row t gets the mass flowing s → t
        }
      }
    }
    for (int c = 0; c < n; c++) {
      int piv = c;
      for (int i = c + 1; i < n; i++) {
        if (Math.abs(m[i][c]) > Math.abs(m[piv][c])) {
          piv = i;
        }
      }
      double[] tmp = m[c];
      m[c] = m[piv];
      m[piv] = tmp;
      for (int i = 0; i < n; i++) {
        if (i != c && m[i][c] != 0) {
          double f = m[i][c] / m[c][c];
          for (int j = c; j <= n; j++) {
            m[i][j] -= f * m[c][j];
          }
        }
      }
    }
    double[] d = new double[n];
    for (int i = 0; i < n; i++) {
      d[i] = m[i][n] / m[i][i];
    }
    return d;
  }
}
