package org.gridrl.benchmarks.exercises.solutions;

import org.gridrl.benchmarks.exercises.GittinsIndexExercise;

/**
 * Exercise 10, wrong on purpose: the posterior mean α/(α+β), which ignores what learning is worth.
 */
public class GittinsIndexPosteriorMean implements GittinsIndexExercise {

  @Override
  public double index(double alpha, double beta, double gamma) {
    return alpha / (alpha + beta);
  }
}
