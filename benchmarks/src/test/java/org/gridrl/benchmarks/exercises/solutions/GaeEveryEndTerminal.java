package org.gridrl.benchmarks.exercises.solutions;

import org.gridrl.benchmarks.exercises.GeneralizedAdvantage;

/**
 * Exercise 5, wrong on purpose: every segment's end treated as terminal, so a segment cut by a
 * time limit or the rollout does not bootstrap from V(s').
 */
public class GaeEveryEndTerminal implements GeneralizedAdvantage {

  @Override
  public double[] advantages(double[] rewards, double[] values, double[] nextValues,
      boolean[] terminated, boolean[] last, double gamma, double lambda) {
    int n = rewards.length;
    double[] out = new double[n];
    double running = 0;
    for (int t = n - 1; t >= 0; t--) {
      double bootstrap = last[t] ? 0 : gamma * nextValues[t];
      double delta = rewards[t] + bootstrap - values[t];
      running = last[t] ? delta : delta + gamma * lambda * running;
      out[t] = running;
    }
    return out;
  }
}
