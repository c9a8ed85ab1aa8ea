package org.gridrl.benchmarks.exercises;

/**
 * Exercise 7, AIRL's discriminator and its policy reward
 * (docs/exercises/07-airl-discriminator.md; Fu, Luo &amp; Levine 2018): per transition
 * (s, a, s'),
 * <pre>
 *   f = g(s) + γ (1 − terminated) h(s') − h(s)
 *   D = exp f / (exp f + π(a|s))
 *   reward = log D − log(1 − D) = f − log π(a|s)
 *   loss = −mean_expert log D − mean_policy log(1 − D)
 * </pre>
 * h(s') counts 0 when s' is terminal (a time limit is not terminal).
 */
public interface AirlDiscriminator {

  /**
   * D per transition.
   *
   * @param g g(s_i), length n
   * @param h h(s_i), length n
   * @param hNext h(s'_i), length n (any value where s'_i is terminal)
   * @param terminated whether s'_i is terminal
   * @param logPi log π(a_i|s_i) ≤ 0
   * @param gamma γ ∈ [0, 1]
   * @return a new array of length n
   */
  double[] discriminator(double[] g, double[] h, double[] hNext, boolean[] terminated,
      double[] logPi, double gamma);

  /**
   * The policy's reward log D − log(1 − D) per transition.
   *
   * @return a new array of length n
   */
  double[] reward(double[] g, double[] h, double[] hNext, boolean[] terminated, double[] logPi,
      double gamma);

  /**
   * The discriminator's logistic loss, the expert labelled 1: the mean of −log D over the
   * expert's transitions plus the mean of −log(1 − D) over the policy's.
   *
   * @param expert whether transition i is the expert's (else the policy's)
   */
  double loss(double[] g, double[] h, double[] hNext, boolean[] terminated, double[] logPi,
      boolean[] expert, double gamma);
}
