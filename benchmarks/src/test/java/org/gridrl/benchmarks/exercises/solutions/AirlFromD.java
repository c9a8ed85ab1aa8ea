package org.gridrl.benchmarks.exercises.solutions;

/**
 * Exercise 7, wrong on purpose numerically: the reward log D − log(1 − D) and the loss
 * −log D, −log(1 − D) computed from D itself, so 1 − D cancels when D is near 1 (π near 0) and
 * is 0 when f is large (an infinite reward). D is right.
 */
public class AirlFromD extends AirlReference {

  @Override
  public double[] discriminator(double[] g, double[] h, double[] hNext, boolean[] terminated,
      double[] logPi, double gamma) {
    double[] d = new double[g.length];
    for (int i = 0; i < d.length; i++) {
      double f = g[i] + gamma * (terminated[i] ? 0 : hNext[i]) - h[i];
      d[i] = Math.exp(f) / (Math.exp(f) + Math.exp(logPi[i]));
    }
    return d;
  }

  @Override
  public double[] reward(double[] g, double[] h, double[] hNext, boolean[] terminated,
      double[] logPi, double gamma) {
    double[] d = discriminator(g, h, hNext, terminated, logPi, gamma);
    double[] r = new double[d.length];
    for (int i = 0; i < d.length; i++) {
      r[i] = Math.log(d[i]) - Math.log(1 - d[i]);
    }
    return r;
  }

  @Override
  public double loss(double[] g, double[] h, double[] hNext, boolean[] terminated,
      double[] logPi, boolean[] expert, double gamma) {
    double[] d = discriminator(g, h, hNext, terminated, logPi, gamma);
    double sumE = 0;
    double sumP = 0;
    int nE = 0;
    for (int i = 0; i < d.length; i++) {
      if (expert[i]) {
        sumE -= Math.log(d[i]);
        nE++;
      } else {
        sumP -= Math.log(1 - d[i]);
      }
    }
    return sumE / nE + sumP / (d.length - nE);
  }
}
