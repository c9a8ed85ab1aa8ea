package org.gridrl.benchmarks.exercises.solutions;

import org.gridrl.benchmarks.exercises.PpoClippedSurrogate;

/**
 * Exercise 6's reference solution: ρ = exp(log π − log π_old); the gradient is ρÂ unless the
 * clipped term is strictly the smaller one, where it is 0.
 */
public class PpoClipReference implements PpoClippedSurrogate {

  @Override
  public double[] objective(double[] logPi, double[] oldLogPi, double[] advantages,
      double epsilon) {
    double[] out = new double[logPi.length];
    for (int i = 0; i < out.length; i++) {
      double rho = Math.exp(logPi[i] - oldLogPi[i]);
      double clipped = Math.min(Math.max(rho, 1 - epsilon), 1 + epsilon);
      out[i] = Math.min(rho * advantages[i], clipped * advantages[i]);
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
      // d(ρÂ)/d log π = ρÂ; the clipped term is constant in log π where it is the minimum
      out[i] = clipped * advantages[i] < rho * advantages[i] ? 0 : rho * advantages[i];
    }
    return out;
  }
}
