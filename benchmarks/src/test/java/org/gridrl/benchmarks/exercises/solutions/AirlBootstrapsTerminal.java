package org.gridrl.benchmarks.exercises.solutions;

/**
 * Exercise 7, wrong on purpose: γ h(s') kept at a terminal successor, where the library counts
 * h(s') = 0 (there is no next state to shape from). Right where no s' is terminal or γ = 0.
 */
public class AirlBootstrapsTerminal extends AirlReference {

  @Override
  protected double[] logits(double[] g, double[] h, double[] hNext, boolean[] terminated,
      double[] logPi, double gamma) {
    return super.logits(g, h, hNext, new boolean[g.length], logPi, gamma);
  }
}
