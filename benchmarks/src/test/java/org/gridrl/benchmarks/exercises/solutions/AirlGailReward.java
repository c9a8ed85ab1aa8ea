package org.gridrl.benchmarks.exercises.solutions;

/**
 * Exercise 7, wrong on purpose: GAIL's reward −log(1 − D) = softplus(z) for the policy instead
 * of AIRL's log D − log(1 − D) = z (always positive, so it cannot be the entropy-regularised
 * reward f − log π whose optimum is the expert). D and the loss are right.
 */
public class AirlGailReward extends AirlReference {

  @Override
  public double[] reward(double[] g, double[] h, double[] hNext, boolean[] terminated,
      double[] logPi, double gamma) {
    double[] z = logits(g, h, hNext, terminated, logPi, gamma);
    for (int i = 0; i < z.length; i++) {
      z[i] = softplus(z[i]);
    }
    return z;
  }
}
