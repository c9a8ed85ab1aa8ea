package org.gridrl.benchmarks.exercises.solutions;

import org.gridrl.benchmarks.exercises.SoftBellmanBackup;

/** Exercise 1, wrong on purpose: exp(Q/τ) without the max shift, which overflows. */
public class SoftBellmanBackupUnshifted implements SoftBellmanBackup {

  @Override
  public double[] backup(double[][][] p, double[][] r, boolean[] terminal, double gamma,
      double tau, double[] v) {
    double[] out = new double[p.length];
    for (int s = 0; s < p.length; s++) {
      if (terminal[s]) {
        continue;
      }
      double sum = 0;
      for (int a = 0; a < p[s].length; a++) {
        double next = 0;
        for (int n = 0; n < p.length; n++) {
          next += p[s][a][n] * v[n];
        }
        sum += Math.exp((r[s][a] + gamma * next) / tau);
      }
      out[s] = tau * Math.log(sum);
    }
    return out;
  }
}
