package org.gridrl.benchmarks.exercises.solutions;

import org.gridrl.benchmarks.exercises.ProductOfGaussiansExercise;

/**
 * Exercise 12, wrong on purpose: the plain average of the means (every factor trusted alike),
 * with the right variance.
 */
public class ProductOfGaussiansPlainAverage implements ProductOfGaussiansExercise {

  @Override
  public double[][] product(double[][] means, double[][] variances) {
    int n = means.length;
    int d = means[0].length;
    double[] mean = new double[d];
    double[] variance = new double[d];
    for (int j = 0; j < d; j++) {
      double precision = 0;
      for (int i = 0; i < n; i++) {
        precision += 1 / variances[i][j];
        mean[j] += means[i][j] / n;
      }
      variance[j] = 1 / precision;
    }
    return new double[][] {mean, variance};
  }
}
