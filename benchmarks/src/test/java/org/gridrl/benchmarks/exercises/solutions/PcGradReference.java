package org.gridrl.benchmarks.exercises.solutions;

import org.gridrl.benchmarks.exercises.PcGradProjection;

/**
 * Exercise 8's reference solution: Yu et al.'s Algorithm 1 on vectors, one projection at a
 * time, onto the normal plane of each conflicting original g_j.
 */
public class PcGradReference implements PcGradProjection {

  @Override
  public double[] combine(double[][] gradients, int[][] orders) {
    int n = gradients[0].length;
    double[] d = new double[n];
    for (int i = 0; i < gradients.length; i++) {
      double[] w = gradients[i].clone();
      for (int j : orders[i]) {
        double[] gj = gradients[j];
        double dot = dot(w, gj);
        if (dot < 0) { // a zero g_j gives dot = 0: never divided by ‖g_j‖² = 0
          double s = dot / dot(gj, gj);
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

  static double dot(double[] x, double[] y) {
    double s = 0;
    for (int k = 0; k < x.length; k++) {
      s += x[k] * y[k];
    }
    return s;
  }
}
