package org.gridrl.benchmarks.exercises;

/**
 * Exercise 4, the deep MaxEnt backward step (docs/exercises/04-deep-maxent-backward.md;
 * Wulfmeier, Ondrúška &amp; Posner 2015): the reward is a ReLU network r(s) = f_θ(x(s)), and
 * the gradient of the MaxEnt objective goes through the visitation to the reward, then through
 * the network to its parameters:
 * <pre>
 *   ∂L/∂r(s) = D̂(s) − D(s)                          (μ_D − E[μ] with one feature per state)
 *   ∂L/∂θ    = Σ_s ∂L/∂r(s) · ∂r(s)/∂θ
 *   h_0 = x,  h_{l+1} = relu(h_l W_l + b_l),  r = h_{L−1} W_{L−1} + b_{L−1}   (linear output)
 * </pre>
 * with D̂ the demonstrations' discounted visitation (1/N) Σ_n Σ_t γ^t [s_t^n = s] and terminal
 * states left out of it (D, given, is already 0 there).
 */
public interface DeepMaxEntBackward {

  /**
   * Fills ∂L/∂W_l and ∂L/∂b_l.
   *
   * @param x the network's inputs x(s) as {@code x[s][i]}, S×k (scaled features)
   * @param weights W_l as {@code weights[l][i][j]}, from input i to output j (in × out); the
   *     last layer has one output
   * @param biases b_l as {@code biases[l][j]}
   * @param demos the demonstrated states {@code demos[n][t]}, N ≥ 1 sequences of length ≥ 1
   * @param terminal whether each state is terminal
   * @param gamma the discount γ ∈ [0, 1)
   * @param visitation D(s), the model's discounted visitation under the soft-optimal policy of
   *     the current reward f_θ (the forward pass, already run; 0 at terminal states)
   * @param gradWeights ∂L/∂W_l, the shape of {@code weights}, zero on entry. Modified.
   * @param gradBiases ∂L/∂b_l, the shape of {@code biases}, zero on entry. Modified.
   */
  void backward(double[][] x, double[][][] weights, double[][] biases, int[][] demos,
      boolean[] terminal, double gamma, double[] visitation, double[][][] gradWeights,
      double[][] gradBiases);
}
