package org.gridrl.benchmarks.exercises.solutions;

import org.gridrl.benchmarks.exercises.DistralPrior;

/**
 * Exercise 9, wrong on purpose: the plain average of the task policies, π0 = (1/T) Σ_i π_i,
 * every task weighted alike in every state whatever its visitation (terminals still skipped).
 */
public class DistralPriorUniformWeights implements DistralPrior {

  @Override
  public double[][] prior(double[][][] policies, double[][] visitation, boolean[][] terminal) {
    int states = policies[0].length;
    int actions = policies[0][0].length;
    double[][] pi0 = new double[states][actions];
    for (int s = 0; s < states; s++) {
      int acting = 0;
      for (int i = 0; i < policies.length; i++) {
        if (terminal[i][s]) {
          continue;
        }
        acting++;
        for (int a = 0; a < actions; a++) {
          pi0[s][a] += policies[i][s][a];
        }
      }
      for (int a = 0; a < actions; a++) {
        pi0[s][a] = acting > 0 ? pi0[s][a] / acting : 1.0 / actions;
      }
    }
    return pi0;
  }
}
