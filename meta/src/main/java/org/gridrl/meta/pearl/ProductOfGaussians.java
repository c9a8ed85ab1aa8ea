package org.gridrl.meta.pearl;

import org.gridrl.core.autodiff.Tape;
import org.gridrl.core.autodiff.Tensor;

/**
 * The product of n diagonal Gaussian factors N(μ_i, diag σ²_i), renormalised: per latent
 * dimension j, σ²_j = 1 / Σ_i 1/σ²_ij and μ_j = σ²_j · Σ_i μ_ij/σ²_ij (precisions add, the mean
 * is the precision-weighted mean of the factors' means). PEARL's posterior over the task
 * variable, q(z|c) ∝ Π_n Ψ(z|c_n) (Rakelly et al. 2019, eq. 2), is this product over the
 * context's transitions.
 *
 * <p>Stability, as the authors' code: each factor's variance is first clamped from below,
 * σ²_ij ← max(σ²_ij, {@value #MIN_VARIANCE}), so a factor whose softplus output underflows
 * cannot make a precision infinite; below the clamp the gradient with respect to σ²_ij is 0
 * (torch.clamp's rule, and {@link Tape#clamp}'s). No prior factor is included: as in the
 * authors' {@code infer_posterior}, the unit-Gaussian prior r(z) enters only through the KL term
 * and as the distribution z is drawn from before any context ({@link LatentPosterior#prior}).
 * To include it, pass it as one more factor (0, 1).
 *
 * <p>Reference: katerakelly/oyster {@code rlkit/torch/sac/agent.py} ({@code
 * _product_of_gaussians}, used by {@code PEARLAgent.infer_posterior}).
 *
 * <p>Two forms: {@link #combine(double[], double[], int, int, double[], double[])}, a raw kernel
 * over row-major arrays (nothing allocated, nothing recorded), and {@link #combine(Tape, Tensor,
 * Tensor)}, the same arithmetic as differentiable tape ops, so the context encoder is trained
 * through it (first and higher order). Both sum the precisions in row order, so the two agree
 * bit for bit, and adding a factor never raises a variance (a rounded sum of positive terms is
 * non-decreasing in its terms, a rounded reciprocal non-increasing in its argument).
 */
public final class ProductOfGaussians {

  /** Lower clamp of every factor's variance (the authors' {@code min=1e-7}). */
  public static final double MIN_VARIANCE = 1e-7;

  private ProductOfGaussians() {}

  /**
   * The product of the factors in rows {@code 0 .. n−1}: σ²_j = 1 / Σ_i 1/max(σ²_ij, 1e-7),
   * μ_j = σ²_j · Σ_i μ_ij / max(σ²_ij, 1e-7).
   *
   * @param mu the factors' means μ_ij, row-major n × d (at least n·d entries). Not modified.
   * @param var the factors' variances σ²_ij &gt; 0, row-major n × d. Not modified.
   * @param n number of factors, ≥ 1
   * @param d latent dimension, ≥ 1
   * @param muOut the product's mean, length ≥ d. Modified.
   * @param varOut the product's variance, length ≥ d. Modified.
   * @throws IllegalArgumentException if a size is out of range, an output is an input, or a
   *     variance is not &gt; 0 (naming the factor and dimension)
   */
  public static void combine(double[] mu, double[] var, int n, int d, double[] muOut,
      double[] varOut) {
    if (n < 1 || d < 1) {
      throw new IllegalArgumentException("need n >= 1 factors of dimension d >= 1, got n " + n
          + ", d " + d);
    }
    if (mu.length < n * d || var.length < n * d) {
      throw new IllegalArgumentException("mu has " + mu.length + " and var " + var.length
          + " entries; n × d = " + n * d);
    }
    if (muOut.length < d || varOut.length < d) {
      throw new IllegalArgumentException("muOut has " + muOut.length + " and varOut "
          + varOut.length + " entries; d = " + d);
    }
    if (muOut == mu || muOut == var || varOut == mu || varOut == var || muOut == varOut) {
      throw new IllegalArgumentException("the outputs must not alias the inputs or each other");
    }
    for (int i = 0; i < n * d; i++) {
      if (!(var[i] > 0)) {
        throw new IllegalArgumentException("var of factor " + i / d + ", dimension " + i % d
            + " must be > 0, got " + var[i]);
      }
    }
    combineUnchecked(mu, var, n, d, muOut, varOut);
  }

  /** {@link #combine(double[], double[], int, int, double[], double[])} without checks. */
  static void combineUnchecked(double[] mu, double[] var, int n, int d, double[] muOut,
      double[] varOut) {
    for (int j = 0; j < d; j++) {
      muOut[j] = 0;
      varOut[j] = 0;
    }
    // varOut accumulates the precision Σ 1/σ², muOut the weighted sum Σ μ/σ², in row order
    for (int i = 0; i < n; i++) {
      int r = i * d;
      for (int j = 0; j < d; j++) {
        double v = Math.max(var[r + j], MIN_VARIANCE);
        varOut[j] += 1.0 / v;
        muOut[j] += mu[r + j] / v;
      }
    }
    for (int j = 0; j < d; j++) {
      double s2 = 1.0 / varOut[j];
      varOut[j] = s2;
      muOut[j] = s2 * muOut[j];
    }
  }

  /**
   * The product as tape ops, differentiable in both inputs: v = clamp(σ², 1e-7, ∞),
   * σ²_out = 1 / sum_rows(1/v), μ_out = σ²_out ⊙ sum_rows(μ / v).
   *
   * @param tape the tape to record on. Modified.
   * @param mu the factors' means, n × d
   * @param var the factors' variances, n × d, entries &gt; 0 (a softplus output)
   * @return q(z|c) as a 1 × d mean and a 1 × d variance on {@code tape}
   */
  public static LatentPosterior combine(Tape tape, Tensor mu, Tensor var) {
    if (mu.rows() != var.rows() || mu.cols() != var.cols()) {
      throw new IllegalArgumentException("mu is " + mu.rows() + "×" + mu.cols() + ", var "
          + var.rows() + "×" + var.cols() + "; they must match");
    }
    Tensor v = tape.clamp(var, MIN_VARIANCE, Double.POSITIVE_INFINITY);
    Tensor one = tape.scalar(1.0);
    Tensor precision = tape.sum(tape.div(one, v), 0);
    Tensor variance = tape.div(one, precision);
    Tensor mean = tape.mul(variance, tape.sum(tape.div(mu, v), 0));
    return new LatentPosterior(mean, variance);
  }
}
