package org.gridrl.core.dist;

import org.ejml.data.DMatrixRMaj;
import org.gridrl.core.autodiff.Tape;
import org.gridrl.core.autodiff.Tensor;

/**
 * SAC's squashed diagonal Gaussian (Haarnoja et al. 2018, appendix C): u ~ N(μ, diag σ²),
 * a = tanh(u) ∈ (−1, 1)^d, with density by the change of variables
 * log π(a) = log N(u; μ, σ) − Σ_i log(1 − tanh(u_i)²).
 *
 * <p>The correction is computed from u, never from a, in the stable form
 * log(1 − tanh(u)²) = 2·(log 2 − u − softplus(−2u)) (as in OpenAI Spinning Up's SAC), which stays
 * finite where 1 − a² underflows to 0 (|u| ≳ 19).
 *
 * <p>Shapes: μ and log σ are batch × d tensors on one {@link Tape}; log-probabilities are
 * batch × 1 (summed over the d coordinates). Sampling is reparameterised, u = μ + σ·ε with the
 * caller's standard-normal ε (batch × d, drawn from a seeded stream), so gradients flow from a
 * and log π(a) into μ and log σ.
 */
public final class TanhGaussian {

  private static final double LOG_2 = Math.log(2.0);
  private static final double HALF_LOG_2PI = 0.5 * Math.log(2.0 * Math.PI);

  private Tape tape;
  private Tensor mu;
  private Tensor logStd;

  /**
   * The distribution with mean μ and log standard deviation log σ of the pre-squash Gaussian.
   *
   * @param mu batch × d. Not modified.
   * @param logStd batch × d (or 1 × d, broadcast over the batch). Not modified.
   */
  public TanhGaussian(Tensor mu, Tensor logStd) {
    set(mu, logStd);
  }

  /**
   * Makes this the distribution of new parameters, as the constructor would, so that a loop
   * can keep one instance per use and allocate nothing per pass (like a {@link Tape}'s pooled
   * tensors, the distribution is then valid until the next rebinding). Samples drawn before
   * keep their tensors.
   *
   * @param mu batch × d. Not modified.
   * @param logStd batch × d (or 1 × d, broadcast over the batch). Not modified.
   * @return this distribution
   */
  public TanhGaussian set(Tensor mu, Tensor logStd) {
    if (mu.tape() != logStd.tape()) {
      throw new IllegalArgumentException("mu and logStd must be on the same tape");
    }
    if (logStd.cols() != mu.cols() || (logStd.rows() != mu.rows() && logStd.rows() != 1)) {
      throw new IllegalArgumentException("logStd must be " + mu.rows() + "×" + mu.cols()
          + " or 1×" + mu.cols() + ", got " + logStd.rows() + "×" + logStd.cols());
    }
    this.tape = mu.tape();
    this.mu = mu;
    this.logStd = logStd;
    return this;
  }

  /**
   * A reparameterised sample with its log-probability: the tensors u = μ + σ·ε (batch × d),
   * a = tanh(u) (batch × d) and log π(a) (batch × 1), all on the distribution's tape. A sample
   * passed as the output of {@link #rsample(DMatrixRMaj, Sample)} is overwritten by it (a
   * holder reused across passes, as EJML reuses an output matrix); otherwise it does not
   * change.
   */
  public static final class Sample {
    private Tensor preTanh;
    private Tensor action;
    private Tensor logProb;

    /**
     * A sample of the given tensors.
     *
     * @param preTanh u = μ + σ·ε, batch × d
     * @param action a = tanh(u), batch × d
     * @param logProb log π(a), batch × 1
     */
    public Sample(Tensor preTanh, Tensor action, Tensor logProb) {
      this.preTanh = preTanh;
      this.action = action;
      this.logProb = logProb;
    }

    /** u = μ + σ·ε, batch × d. */
    public Tensor preTanh() {
      return preTanh;
    }

    /** a = tanh(u), batch × d. */
    public Tensor action() {
      return action;
    }

    /** log π(a), batch × 1. */
    public Tensor logProb() {
      return logProb;
    }
  }

  /** μ. */
  public Tensor mu() {
    return mu;
  }

  /** log σ. */
  public Tensor logStd() {
    return logStd;
  }

  /** Dimension d of the action. */
  public int dim() {
    return mu.cols();
  }

  /**
   * The reparameterised sample a = tanh(μ + σ·ε) and log π(a). Since (u − μ)/σ = ε exactly,
   * log N(u; μ, σ) = Σ_i (−ε_i²/2 − log σ_i − log(2π)/2), which is what is recorded (the same
   * value and the same total derivative as the general formula, with fewer ops).
   *
   * @param eps standard-normal noise, batch × d. Not modified (wrapped as a constant; keep it
   *     unchanged until the tape is reset).
   * @return a new sample
   */
  public Sample rsample(DMatrixRMaj eps) {
    return rsample(eps, null);
  }

  /**
   * {@link #rsample(DMatrixRMaj)} written into a caller-owned holder: records the same ops and
   * gives the same tensors, without allocating when {@code out} is given.
   *
   * @param eps standard-normal noise, batch × d. Not modified (wrapped as a constant; keep it
   *     unchanged until the tape is reset).
   * @param out the sample to overwrite, or null for a new one. Modified.
   * @return {@code out}, or the new sample
   */
  public Sample rsample(DMatrixRMaj eps, Sample out) {
    if (eps.numRows != mu.rows() || eps.numCols != mu.cols()) {
      throw new IllegalArgumentException("eps must be " + mu.rows() + "×" + mu.cols() + ", got "
          + eps.numRows + "×" + eps.numCols);
    }
    Tensor e = tape.constant(eps);
    Tensor u = tape.add(mu, tape.mul(tape.exp(logStd), e));
    Tensor a = tape.tanh(u);
    // Σ_i (−ε²/2 − log σ − log 2π / 2) − Σ_i log(1 − tanh(u)²)
    Tensor gauss = tape.sub(tape.mul(tape.square(e), -0.5), logStd);
    Tensor perDim = tape.sub(gauss, logOneMinusTanhSquared(tape, u));
    Tensor logProb = tape.add(tape.sum(perDim, 1), -HALF_LOG_2PI * dim());
    if (out == null) {
      return new Sample(u, a, logProb);
    }
    out.preTanh = u;
    out.action = a;
    out.logProb = logProb;
    return out;
  }

  /**
   * log π(tanh(u)) for given pre-squash values u, batch × 1:
   * Σ_i [−((u_i − μ_i)/σ_i)²/2 − log σ_i − log(2π)/2 − log(1 − tanh(u_i)²)].
   *
   * @param u batch × d
   */
  public Tensor logProbOfPreTanh(Tensor u) {
    Tensor z = tape.mul(tape.sub(u, mu), tape.exp(tape.neg(logStd)));
    Tensor gauss = tape.sub(tape.mul(tape.square(z), -0.5), logStd);
    Tensor perDim = tape.sub(gauss, logOneMinusTanhSquared(tape, u));
    return tape.add(tape.sum(perDim, 1), -HALF_LOG_2PI * dim());
  }

  /** The deterministic action used for evaluation, tanh(μ) (the squashed mode of u). */
  public Tensor mode() {
    return tape.tanh(mu);
  }

  /**
   * log(1 − tanh(u)²) = 2·(log 2 − u − softplus(−2u)), elementwise, stable for all finite u.
   *
   * @param tape the tape to record on
   * @param u any shape
   */
  public static Tensor logOneMinusTanhSquared(Tape tape, Tensor u) {
    Tensor inner = tape.sub(tape.neg(u), tape.softplus(tape.mul(u, -2.0)));
    return tape.mul(tape.add(inner, LOG_2), 2.0);
  }

  /**
   * log(1 − tanh(u)²) on a double, in the same stable form.
   *
   * @param u any finite number
   */
  public static double logOneMinusTanhSquared(double u) {
    double x = -2.0 * u;
    double softplus = x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
    return 2.0 * (LOG_2 - u - softplus);
  }

  /**
   * log π(a) of one action a ∈ (−1, 1)^d without a tape: u = atanh(a) and the formula above.
   * Accuracy degrades as |a| → 1 (atanh of a rounded a); for samples, prefer the tensor path.
   *
   * @param a the action, each |a_i| &lt; 1. Not modified.
   * @param mu μ, length d. Not modified.
   * @param logStd log σ, length d. Not modified.
   */
  public static double logProb(double[] a, double[] mu, double[] logStd) {
    if (a.length != mu.length || logStd.length != mu.length) {
      throw new IllegalArgumentException("a, mu and logStd must have the same length, got "
          + a.length + ", " + mu.length + ", " + logStd.length);
    }
    double lp = 0;
    for (int i = 0; i < a.length; i++) {
      if (!(Math.abs(a[i]) < 1)) {
        throw new IllegalArgumentException("a[" + i + "] must be in (−1, 1), got " + a[i]);
      }
      double u = 0.5 * Math.log((1 + a[i]) / (1 - a[i]));
      double z = (u - mu[i]) * Math.exp(-logStd[i]);
      lp += -0.5 * z * z - logStd[i] - HALF_LOG_2PI - logOneMinusTanhSquared(u);
    }
    return lp;
  }
}
