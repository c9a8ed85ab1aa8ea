package org.gridrl.benchmarks.exercises.solutions;

import org.gridrl.benchmarks.exercises.MaxEntGradient;
import org.gridrl.core.mdp.StateFeatures;
import org.gridrl.core.mdp.TabularMdp;
import org.gridrl.core.mdp.TabularMdpBuilder;
import org.gridrl.core.mdp.TabularPolicy;
import org.gridrl.core.planning.FeatureExpectations;
import org.gridrl.core.planning.SoftValueIteration;
import org.gridrl.core.planning.SoftViConfig;
import org.gridrl.core.planning.StateVisitation;

/**
 * Exercise 3 solved with the core.planning kernels the statement allows (the snippet of
 * docs/exercises/03-maxent-gradient.md): {@link SoftValueIteration#solve} for π,
 * {@link StateVisitation#discounted} for D, {@link FeatureExpectations#of} for Φᵀ(D̂ − D); the
 * student still writes D̂ and leaves the terminal states out.
 */
public class MaxEntGradientWithKernels implements MaxEntGradient {

  @Override
  public double[] gradient(double[][][] p, boolean[] terminal, double gamma, double[] d0,
      double[][] phi, int[][] demos, double[] w, double tau) {
    int states = p.length;
    int actions = p[0].length;
    int k = w.length;
    double[] flat = new double[states * k];
    for (int s = 0; s < states; s++) {
      System.arraycopy(phi[s], 0, flat, s * k, k);
    }
    StateFeatures features = StateFeatures.of(states, k, flat);
    TabularMdpBuilder b = TabularMdp.builder(states, actions).gamma(gamma)
        .initialDistribution(d0);
    double[] r = features.linear(w, new double[states]);
    for (int s = 0; s < states; s++) {
      for (int a = 0; a < actions; a++) {
        b.reward(s, a, r[s]);
        for (int n = 0; n < states; n++) {
          if (p[s][a][n] > 0) {
            b.transition(s, a, n, p[s][a][n]);
          }
        }
      }
      if (terminal[s]) {
        b.terminal(s);
      }
    }
    TabularMdp mdp = b.build();
    TabularPolicy pi = SoftValueIteration.solve(mdp, SoftViConfig.defaults()
        .withTemperature(tau).withTolerance(1e-12)).policy();
    double[] d = StateVisitation.discounted(mdp, pi, d0);
    double[] gap = new double[states]; // D̂ − D, 0 at the terminal states
    for (int[] demo : demos) {
      double c = 1.0 / demos.length;
      for (int s : demo) {
        gap[s] += c;
        c *= gamma;
      }
    }
    for (int s = 0; s < states; s++) {
      gap[s] = terminal[s] ? 0 : gap[s] - d[s];
    }
    return FeatureExpectations.of(features, gap);
  }
}
