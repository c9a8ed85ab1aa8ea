package org.gridrl.benchmarks.exercises.solutions;

/**
 * Exercise 3, wrong on purpose: E[μ] − μ_D, the gradient of the dual g that MaxEntIrl
 * descends, where the exercise asks for the ascent direction μ_D − E[μ] of L = −g.
 */
public class MaxEntGradientSignFlipped extends MaxEntGradientReference {

  @Override
  public double[] gradient(double[][][] p, boolean[] terminal, double gamma, double[] d0,
      double[][] phi, int[][] demos, double[] w, double tau) {
    double[] g = super.gradient(p, terminal, gamma, d0, phi, demos, w, tau);
    for (int i = 0; i < g.length; i++) {
      g[i] = -g[i];
    }
    return g;
  }
}
