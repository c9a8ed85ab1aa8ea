package org.gridrl.benchmarks.exercises.solutions;

/**
 * Exercise 11, wrong on purpose: a descent step θ' = θ − α∇J_tr(θ) on an objective that is
 * maximised (the loss form's sign kept), with the meta-gradient consistent with that step,
 * ∇F = v − α H_tr(θ) v, v = ∇J_test(θ').
 */
public class MamlDescentStep extends MamlReference {

  @Override
  public double[] innerStep(double[] theta, Objective train, double alpha) {
    double[] g = train.gradient(theta);
    double[] out = new double[theta.length];
    for (int k = 0; k < theta.length; k++) {
      out[k] = theta[k] - alpha * g[k];
    }
    return out;
  }

  @Override
  public double[] metaGradient(double[] theta, Objective train, Objective test, double alpha) {
    double[] v = test.gradient(innerStep(theta, train, alpha));
    double[] hv = train.hessianVectorProduct(theta, v);
    double[] out = new double[v.length];
    for (int k = 0; k < v.length; k++) {
      out[k] = v[k] - alpha * hv[k];
    }
    return out;
  }
}
