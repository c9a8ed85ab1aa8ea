package org.gridrl.benchmarks.exercises.solutions;

import org.gridrl.benchmarks.exercises.DistralPrior;

/**
 * Exercise 9's reference solution: π0(a|s) = Σ_i d_i(s) π_i(a|s) / Σ_i d_i(s) over the tasks
 * that act in s (not terminal there), uniform where that weight is 0.
 */
public class DistralPriorReference implements DistralPrior {

  @Override
  public double[][] prior(double[][][] policies, double[][] visitation, boolean[][] terminal) {
    int states = policies[0].length;
    int actions = policies[0][0].length;
    double[][] pi0 = new double[states][actions];
    for (int s = 0; s < states; s++) {
      double weight = 0;
      for (int i = 0; i < policies.length; i++) {
        if (terminal[i][s]) {
          continue;
        }
        weight += visitation[i][s];
        for (int a = 0; a < actions; a++) {
          pi0[s][a] += visitation[i][s] * policies[i][s][a];
        }
      }
      for (int a = 0; a < actions; a++) {
        pi0[s][a] = weight > 0 ? pi0[s][a] / weight : 1.0 / actions;
      }
    }
    return pi0;
  }
}
