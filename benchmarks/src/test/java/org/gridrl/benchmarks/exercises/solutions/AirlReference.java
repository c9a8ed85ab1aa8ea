package org.gridrl.benchmarks.exercises.solutions;

import org.gridrl.benchmarks.exercises.AirlDiscriminator;

/**
 * Exercise 7's reference solution: everything from the logit z = f − log π, never from D, so
 * nothing overflows or cancels: D = σ(z), the reward z, the loss softplus(∓z).
 */
public class AirlReference implements AirlDiscriminator {

  @Override
  public double[] discriminator(double[] g, double[] h, double[] hNext, boolean[] terminated,
      double[] logPi, double gamma) {
    double[] z = logits(g, h, hNext, terminated, logPi, gamma);
    double[] d = new double[z.length];
    for (int i = 0; i < z.length; i++) {
      // exp f / (exp f + π) = 1 / (1 + e^{−z}), written so that exp never overflows
      double e = Math.exp(-Math.abs(z[i]));
      d[i] = z[i] >= 0 ? 1 / (1 + e) : e / (1 + e);
    }
    return d;
  }

  @Override
  public double[] reward(double[] g, double[] h, double[] hNext, boolean[] terminated,
      double[] logPi, double gamma) {
    return logits(g, h, hNext, terminated, logPi, gamma);
  }

  @Override
  public double loss(double[] g, double[] h, double[] hNext, boolean[] terminated,
      double[] logPi, boolean[] expert, double gamma) {
    double[] z = logits(g, h, hNext, terminated, logPi, gamma);
    double sumE = 0;
    double sumP = 0;
    int nE = 0;
    for (int i = 0; i < z.length; i++) {
      if (expert[i]) {
        sumE += softplus(-z[i]); // −log D = −log σ(z)
        nE++;
      } else {
        sumP += softplus(z[i]); // −log(1 − D) = −log σ(−z)
      }
    }
    return sumE / nE + sumP / (z.length - nE);
  }

  /** z = g + γ (1 − terminated) h' − h − log π. */
  protected double[] logits(double[] g, double[] h, double[] hNext, boolean[] terminated,
      double[] logPi, double gamma) {
    double[] z = new double[g.length];
    for (int i = 0; i < z.length; i++) {
      double next = terminated[i] ? 0 : hNext[i];
      z[i] = g[i] + gamma * next - h[i] - logPi[i];
    }
    return z;
  }

  /** log(1 + e^x), stable for any x. */
  protected static double softplus(double x) {
    return Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
  }
}
