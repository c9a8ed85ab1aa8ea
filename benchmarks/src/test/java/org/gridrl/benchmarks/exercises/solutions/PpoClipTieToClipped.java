package org.gridrl.benchmarks.exercises.solutions;

import org.gridrl.benchmarks.exercises.PpoClippedSurrogate;

/**
 * Exercise 6, wrong on purpose at one point only: a ratio exactly on an edge counted as clipped
 * (gradient 0), where the library's min(x, y) = x − relu(x − y) takes the unclipped term's ρÂ.
 * The objective is right everywhere.
 */
public class PpoClipTieToClipped extends PpoClipReference {

  @Override
  public double[] gradient(double[] logPi, double[] oldLogPi, double[] advantages,
      double epsilon) {
    double[] out = new double[logPi.length];
    for (int i = 0; i < out.length; i++) {
      double rho = Math.exp(logPi[i] - oldLogPi[i]);
      double clipped = Math.min(Math.max(rho, 1 - epsilon), 1 + epsilon);
      boolean atOrPastEdge = rho <= 1 - epsilon || rho >= 1 + epsilon;
      out[i] = atOrPastEdge && clipped * advantages[i] <= rho * advantages[i] ? 0
          : rho * advantages[i];
    }
    return out;
  }
}
