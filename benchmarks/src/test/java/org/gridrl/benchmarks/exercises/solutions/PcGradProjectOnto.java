package org.gridrl.benchmarks.exercises.solutions;

import org.gridrl.benchmarks.exercises.PcGradProjection;

/**
 * Exercise 8, wrong on purpose: on a conflict it projects g_i^PC onto g_j (keeps only the
 * component along g_j) instead of away from it (removing that component).
 */
public class PcGradProjectOnto implements PcGradProjection {

  @Override
  public double[] combine(double[][] gradients, int[][] orders) {
    int n = gradients[0].length;
    double[] d = new double[n];
    for (int i = 0; i < gradients.length; i++) {
      double[] w = gradients[i].clone();
      for (int j : orders[i]) {
        double[] gj = gradients[j];
        double dot = PcGradReference.dot(w, gj);
        if (dot < 0) {
          double s = dot / PcGradReference.dot(gj, gj);
          for (int k = 0; k < n; k++) {
            w[k] = s * gj[k];
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
