package org.gridrl.benchmarks.experiments.irl;

import org.gridrl.core.mdp.StateFeatures;

/**
 * A fitted reward as a function of state features, so that it can be carried to a transfer world
 * with other features: r(s) = f(φ(s)).
 */
@FunctionalInterface
interface LearnedReward {

  /** r(s) for every state of a world with features {@code phi}. */
  double[] stateReward(StateFeatures phi);

  /** The linear reward r = Φw. */
  static LearnedReward linear(double[] w) {
    double[] weights = w.clone();
    return phi -> phi.linear(weights, null);
  }
}
