package org.gridrl.benchmarks.exercises.solutions;

import org.gridrl.benchmarks.exercises.PpoClippedSurrogate;

/**
 * Exercise 6, wrong on purpose: clip(ρ, 1 − ε, 1 + ε)Â without the min, so a ratio past an edge
 * is clipped even where the unclipped term is the smaller (a bad action made more likely, a
 * good one less), and its gradient is lost there.
 */
public class PpoClipWithoutMin implements PpoClippedSurrogate {

  @Override
  public double[] objective(double[] logPi, double[] oldLogPi, double[] advantages,
      double epsilon) {
    double[] out = new double[logPi.length];
    for (int i = 0; i < out.length; i++) {
      double rho = Math.exp(logPi[i] - oldLogPi[i]);
      out[i] = Math.min(Math.max(rho, 1 - epsilon), 1 + epsilon) * advantages[i];
    }
    return out;
  }

  @Override
  public double[] gradient(double[] logPi, double[] oldLogPi, double[] advantages,
      double epsilon) {
    double[] out = new double[logPi.length];
    for (int i = 0; i < out.length; i++) {
      double rho = Math.exp(logPi[i] - oldLogPi[i]);
      out[i] = rho >= 1 - epsilon && rho <= 1 + epsilon ? rho * advantages[i] : 0;
    }
    return out;
  }
}
