package org.gridrl.benchmarks.exercises.solutions;

/**
 * Exercise 4, wrong on purpose: passes δ back through the hidden layers as if relu' were 1
 * everywhere (the network treated as linear on the way back), so units that are off still get
 * gradient (right only without a hidden layer).
 */
public class DeepMaxEntBackwardNoReluDerivative extends DeepMaxEntBackwardReference {

  @Override
  protected double reluDerivative(double z) {
    return 1;
  }
}
