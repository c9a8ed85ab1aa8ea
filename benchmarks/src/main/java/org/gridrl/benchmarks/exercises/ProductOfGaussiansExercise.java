package org.gridrl.benchmarks.exercises;

/**
 * Exercise 12, the product-of-Gaussians posterior (docs/exercises/12-product-of-gaussians.md):
 * PEARL's q(z|c) ∝ Π_i N(z; μ_i, diag σ²_i), per latent dimension j
 * <pre>
 *   σ²_j = 1 / Σ_i 1/σ²_ij,      μ_j = σ²_j · Σ_i μ_ij / σ²_ij
 * </pre>
 */
public interface ProductOfGaussiansExercise {

  /**
   * The product of n diagonal Gaussian factors.
   *
   * @param means μ_ij as {@code means[i][j]}, n factors × d dimensions
   * @param variances σ²_ij &gt; 0, the same shape
   * @return {@code {mean, variance}}: two new arrays of length d
   */
  double[][] product(double[][] means, double[][] variances);
}
