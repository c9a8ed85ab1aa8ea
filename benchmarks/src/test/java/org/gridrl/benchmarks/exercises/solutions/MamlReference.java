package org.gridrl.benchmarks.exercises.solutions;

import org.gridrl.benchmarks.exercises.MamlMetaGradient;

/**
 * Exercise 11's reference solution: θ' = θ + α∇J_tr(θ); ∇F = v + α H_tr(θ) v with
 * v = ∇J_test(θ'), one Hessian-vector product at θ (not at θ').
 */
public class MamlReference implements MamlMetaGradient {

  @Override
  public double[] innerStep(double[] theta, Objective train, double alpha) {
    double[] g = train.gradient(theta);
    double[] out = new double[theta.length];
    for (int k = 0; k < theta.length; k++) {
      out[k] = theta[k] + alpha * g[k];
    }
    return out;
  }

  @Override
  public double[] metaGradient(double[] theta, Objective train, Objective test, double alpha) {
    double[] v = firstOrderMetaGradient(theta, train, test, alpha);
    double[] hv = train.hessianVectorProduct(theta, v);
    double[] out = new double[v.length];
    for (int k = 0; k < v.length; k++) {
      out[k] = v[k] + alpha * hv[k];
    }
    return out;
  }

  @Override
  public double[] firstOrderMetaGradient(double[] theta, Objective train, Objective test,
      double alpha) {
    return test.gradient(innerStep(theta, train, alpha));
  }
}
