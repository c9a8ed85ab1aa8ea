package org.gridrl.benchmarks.exercises.solutions;

/**
 * Exercise 4, wrong on purpose: backpropagates D − D̂ (the descent direction of the dual g)
 * instead of ∂L/∂r = D̂ − D.
 */
public class DeepMaxEntBackwardSignFlipped extends DeepMaxEntBackwardReference {

  @Override
  protected double sign() {
    return -1;
  }
}
