package org.gridrl.benchmarks.exercises.solutions;

import org.gridrl.benchmarks.exercises.GittinsIndexExercise;

/**
 * Exercise 10's reference solution: calibration by bisection on λ ∈ [μ, 1], each λ judged by
 * backward induction over the Beta posteriors reachable in N pulls (N with γ^N/(1−γ) ≤ 1e−9;
 * at depth N the value of stopping learning, max(λ, a/(a+b))/(1−γ)).
 */
public class GittinsIndexReference implements GittinsIndexExercise {

  @Override
  public double index(double alpha, double beta, double gamma) {
    int n = (int) Math.ceil(Math.log(1e-9 * (1 - gamma)) / Math.log(gamma));
    double lo = alpha / (alpha + beta);
    double hi = 1;
    double[] v = new double[n + 2];
    for (int it = 0; it < 60; it++) {
      double lambda = (lo + hi) / 2;
      double retire = lambda / (1 - gamma);
      // v[i] = V(alpha + i, beta + d - i) on diagonal d, from d = n down to 1
      for (int i = 0; i <= n; i++) {
        double a = alpha + i;
        double b = beta + n - i;
        v[i] = Math.max(lambda, a / (a + b)) / (1 - gamma);
      }
      for (int d = n - 1; d >= 1; d--) {
        for (int i = 0; i <= d; i++) {
          double a = alpha + i;
          double b = beta + d - i;
          double p = a / (a + b);
          double play = p + gamma * (p * v[i + 1] + (1 - p) * v[i]);
          v[i] = Math.max(retire, play);
        }
      }
      double mu = alpha / (alpha + beta);
      double play = mu + gamma * (mu * v[1] + (1 - mu) * v[0]);
      if (play > retire) {
        lo = lambda;
      } else {
        hi = lambda;
      }
    }
    return (lo + hi) / 2;
  }
}
