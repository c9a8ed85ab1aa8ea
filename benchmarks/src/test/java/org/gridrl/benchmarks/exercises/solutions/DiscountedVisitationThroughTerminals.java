package org.gridrl.benchmarks.exercises.solutions;

import org.gridrl.benchmarks.exercises.DiscountedVisitation;

/**
 * Exercise 2, wrong on purpose: the terminal states pass their mass on like any other state
 * (5000 terms of the series: exact to round-off for γ ≤ 0.99 wherever no terminal is reached).
 */
public class DiscountedVisitationThroughTerminals implements DiscountedVisitation {

  @Override
  public double[] visitation(double[][][] p, double[][] pi, boolean[] terminal, double gamma,
      double[] d0) {
    int n = p.length;
    double[] d = d0.clone();
    double[] x = d0.clone();
    for (int t = 0; t < 5000; t++) {
      double[] next = new double[n];
      for (int s = 0; s < n; s++) {
        for (int a = 0; a < p[s].length; a++) {
          for (int u = 0; u < n; u++) {
            next[u] += gamma * x[s] * pi[s][a] * p[s][a][u];
          }
        }
      }
      x = next;
      for (int s = 0; s < n; s++) {
        d[s] += x[s];
      }
    }
    return d;
  }
}
