package org.gridrl.benchmarks.exercises.solutions;

/**
 * Exercise 7, wrong on purpose: the reward f without − log π (the policy loses the entropy
 * bonus that makes AIRL's reward log D − log(1 − D)). Right only where π ≈ 1.
 */
public class AirlForgetsLogPi extends AirlReference {

  @Override
  public double[] reward(double[] g, double[] h, double[] hNext, boolean[] terminated,
      double[] logPi, double gamma) {
    double[] z = logits(g, h, hNext, terminated, logPi, gamma);
    for (int i = 0; i < z.length; i++) {
      z[i] += logPi[i];
    }
    return z;
  }
}
