package org.gridrl.benchmarks.exercises.solutions;

import org.gridrl.benchmarks.exercises.DeepMaxEntBackward;

/**
 * Exercise 4's reference solution: the reward gradient ∂L/∂r = D̂ − D (terminals left out),
 * then backpropagation through the ReLU network, batched over the S states:
 * ∂L/∂W_l = h_lᵀ δ_l, ∂L/∂b_l = Σ_s δ_l(s), δ_{l−1} = (δ_l W_lᵀ) ⊙ [z_{l−1} &gt; 0], starting
 * from δ_{L−1} = ∂L/∂r.
 */
public class DeepMaxEntBackwardReference implements DeepMaxEntBackward {

  @Override
  public void backward(double[][] x, double[][][] weights, double[][] biases, int[][] demos,
      boolean[] terminal, double gamma, double[] visitation, double[][][] gradWeights,
      double[][] gradBiases) {
    int states = x.length;
    int layers = weights.length;
    // forward: keep every layer's input h_l and pre-activation z_l
    double[][][] h = new double[layers][][];
    double[][][] z = new double[layers][][];
    double[][] in = x;
    for (int l = 0; l < layers; l++) {
      h[l] = in;
      int out = biases[l].length;
      z[l] = new double[states][out];
      double[][] next = new double[states][out];
      for (int s = 0; s < states; s++) {
        for (int j = 0; j < out; j++) {
          double v = biases[l][j];
          for (int i = 0; i < in[s].length; i++) {
            v += in[s][i] * weights[l][i][j];
          }
          z[l][s][j] = v;
          next[s][j] = l + 1 < layers ? Math.max(0, v) : v;
        }
      }
      in = next;
    }
    // the reward gradient through the visitation
    double[][] delta = new double[states][1];
    double[] dHat = new double[states];
    for (int[] demo : demos) {
      double c = 1.0 / demos.length;
      for (int s : demo) {
        dHat[s] += c;
        c *= gamma;
      }
    }
    for (int s = 0; s < states; s++) {
      delta[s][0] = sign() * ((terminal[s] ? 0 : dHat[s]) - visitation[s]);
    }
    // backward through the layers
    for (int l = layers - 1; l >= 0; l--) {
      int out = biases[l].length;
      int inputs = weights[l].length;
      for (int s = 0; s < states; s++) {
        for (int j = 0; j < out; j++) {
          gradBiases[l][j] += delta[s][j];
          for (int i = 0; i < inputs; i++) {
            gradWeights[l][i][j] += h[l][s][i] * delta[s][j];
          }
        }
      }
      if (l == 0) {
        break;
      }
      double[][] prev = new double[states][inputs];
      for (int s = 0; s < states; s++) {
        for (int i = 0; i < inputs; i++) {
          double v = 0;
          for (int j = 0; j < out; j++) {
            v += delta[s][j] * weights[l][i][j];
          }
          prev[s][i] = reluDerivative(z[l - 1][s][i]) * v;
        }
      }
      delta = prev;
    }
  }

  /** relu'(z) = [z &gt; 0]. */
  protected double reluDerivative(double z) {
    return z > 0 ? 1 : 0;
  }

  /** +1: the ascent direction D̂ − D of L. */
  protected double sign() {
    return 1;
  }
}
