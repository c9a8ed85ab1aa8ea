package org.gridrl.benchmarks.exercises.solutions;

import org.gridrl.benchmarks.exercises.SoftBellmanBackup;

/** Exercise 1's reference solution: the max-shifted log-sum-exp. */
public class SoftBellmanBackupReference implements SoftBellmanBackup {

  @Override
  public double[] backup(double[][][] p, double[][] r, boolean[] terminal, double gamma,
      double tau, double[] v) {
    int states = p.length;
    double[] out = new double[states];
    for (int s = 0; s < states; s++) {
      if (terminal[s]) {
        continue;
      }
      int actions = p[s].length;
      double[] q = new double[actions];
      double max = Double.NEGATIVE_INFINITY;
      for (int a = 0; a < actions; a++) {
        double next = 0;
        for (int n = 0; n < states; n++) {
          next += p[s][a][n] * v[n];
        }
        q[a] = r[s][a] + gamma * next;
        max = Math.max(max, q[a]);
      }
      double sum = 0;
      for (int a = 0; a < actions; a++) {
        sum += Math.exp((q[a] - max) / tau);
      }
      out[s] = max + tau * Math.log(sum);
    }
    return out;
  }
}
