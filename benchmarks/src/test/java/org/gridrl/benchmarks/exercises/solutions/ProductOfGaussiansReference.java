package org.gridrl.benchmarks.exercises.solutions;

import org.gridrl.benchmarks.exercises.ProductOfGaussiansExercise;

/** Exercise 12's reference solution: precisions add, the mean is precision-weighted. */
public class ProductOfGaussiansReference implements ProductOfGaussiansExercise {

  @Override
  public double[][] product(double[][] means, double[][] variances) {
    int d = means[0].length;
    double[] mean = new double[d];
    double[] variance = new double[d];
    for (int j = 0; j < d; j++) {
      double precision = 0;
      double weighted = 0;
      for (int i = 0; i < means.length; i++) {
        precision += 1 / variances[i][j];
        weighted += means[i][j] / variances[i][j];
      }
      variance[j] = 1 / precision;
      mean[j] = variance[j] * weighted;
    }
    return new double[][] {mean, variance};
  }
}
