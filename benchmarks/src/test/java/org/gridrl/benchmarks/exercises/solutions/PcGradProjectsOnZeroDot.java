package org.gridrl.benchmarks.exercises.solutions;

import org.gridrl.benchmarks.exercises.PcGradProjection;

/**
 * Exercise 8, wrong on purpose: projects when g_i^PC·g_j ≤ 0 instead of &lt; 0, so a zero g_j
 * (dot product 0, ‖g_j‖² = 0) gives 0/0 = NaN.
 */
public class PcGradProjectsOnZeroDot implements PcGradProjection {

  @Override
  public double[] combine(double[][] gradients, int[][] orders) {
    int n = gradients[0].length;
    double[] d = new double[n];
    for (int i = 0; i < gradients.length; i++) {
      double[] w = gradients[i].clone();
      for (int j : orders[i]) {
        double[] gj = gradients[j];
        double dot = PcGradReference.dot(w, gj);
        if (dot <= 0) {
          double s = dot / PcGradReference.dot(gj, gj);
          for (int k = 0; k < n; k++) {
            w[k] -= s * gj[k];
          }
        }
      }
      for (int k = 0; k < n; k++) {
        d[k] += w[k];
      }
    }
    return d;
  }
}
