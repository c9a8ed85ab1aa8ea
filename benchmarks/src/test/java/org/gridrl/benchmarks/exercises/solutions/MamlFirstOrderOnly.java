package org.gridrl.benchmarks.exercises.solutions;

/**
 * Exercise 11, wrong on purpose: the first-order approximation ∇J_test(θ') returned as the
 * exact meta-gradient (the Hessian term α H_tr ∇J_test(θ') dropped).
 */
public class MamlFirstOrderOnly extends MamlReference {

  @Override
  public double[] metaGradient(double[] theta, Objective train, Objective test, double alpha) {
    return firstOrderMetaGradient(theta, train, test, alpha);
  }
}
