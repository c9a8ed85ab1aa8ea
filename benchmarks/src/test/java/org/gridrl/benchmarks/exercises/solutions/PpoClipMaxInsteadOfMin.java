package org.gridrl.benchmarks.exercises.solutions;

import org.gridrl.benchmarks.exercises.PpoClippedSurrogate;

/**
 * Exercise 6, wrong on purpose: max instead of min, an optimistic bound that rewards moving the
 * ratio away from 1 instead of stopping it at the edge.
 */
public class PpoClipMaxInsteadOfMin implements PpoClippedSurrogate {

  @Override
  public double[] objective(double[] logPi, double[] oldLogPi, double[] advantages,
      double epsilon) {
    double[] out = new double[logPi.length];
    for (int i = 0; i < out.length; i++) {
      double rho = Math.exp(logPi[i] - oldLogPi[i]);
      double clipped = Math.min(Math.max(rho, 1 - epsilon), 1 + epsilon);
      out[i] = Math.max(rho * advantages[i], clipped * advantages[i]);
    }
    return out;
  }

  @Override
  public double[] gradient(double[] logPi, double[] oldLogPi, double[] advantages,
      double epsilon) {
    double[] out = new double[logPi.length];
    for (int i = 0; i < out.length; i++) {
      double rho = Math.exp(logPi[i] - oldLogPi[i]);
      double clipped = Math.min(Math.max(rho, 1 - epsilon), 1 + epsilon);
      out[i] = clipped * advantages[i] > rho * advantages[i] ? 0 : rho * advantages[i];
    }
    return out;
  }
}
