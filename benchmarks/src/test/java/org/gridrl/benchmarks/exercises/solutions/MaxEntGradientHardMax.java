package org.gridrl.benchmarks.exercises.solutions;

/**
 * Exercise 3, wrong on purpose: the forward pass follows the greedy policy of Q (one-hot on
 * the first best action) instead of the soft policy exp((Q − V)/τ), so E[μ] is the visitation
 * of a policy MaxEnt does not model (right only where a state has one action).
 */
public class MaxEntGradientHardMax extends MaxEntGradientReference {

  @Override
  protected double[][] softPolicy(double[][][] p, double[][] r, boolean[] terminal,
      double gamma, double tau, double[] v) {
    double[][] soft = super.softPolicy(p, r, terminal, gamma, tau, v);
    double[][] hard = new double[soft.length][soft[0].length];
    for (int s = 0; s < soft.length; s++) {
      int best = 0;
      for (int a = 1; a < soft[s].length; a++) {
        if (soft[s][a] > soft[s][best]) {
          best = a;
        }
      }
      hard[s][best] = 1;
    }
    return hard;
  }
}
