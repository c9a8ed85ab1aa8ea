package org.gridrl.core.dist;

import org.ejml.data.DMatrixRMaj;
import org.gridrl.core.autodiff.Tape;
import org.gridrl.core.autodiff.Tensor;
import org.gridrl.core.util.Rng;

/**
 * A batch of Gaussians with diagonal covariance N(μ_i, diag σ²), σ = exp(log σ), one per row:
 * log p(x_i) = Σ_j [−(x_ij − μ_ij)²/(2σ_ij²) − log σ_ij − ½ log 2π],
 * H_i = Σ_j (log σ_ij + ½ log 2πe),
 * KL(p‖q)_i = Σ_j [log(σq/σp) + (σp² + (μp − μq)²)/(2σq²) − ½].
 *
 * <p>μ is m × d; log σ is m × d or 1 × d (a state-independent log-std shared by every row, as
 * in PPO's continuous policies), broadcast over rows. Every quantity is a tensor on μ's tape.
 * {@link #rsample(Tensor)} is the reparameterised sample x = μ + σ ⊙ ε with ε a constant, so
 * gradients flow into μ and log σ (SAC, the pathwise estimator).
 */
public final class DiagGaussian {

  private static final double HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

  private Tape tape;
  private Tensor mean;
  private Tensor logStd;
  private Tensor std;

  /**
   * N(μ, diag exp(log σ)²) for each row.
   *
   * @param mean μ, m × d
   * @param logStd log σ, m × d or 1 × d
   */
  public DiagGaussian(Tape tape, Tensor mean, Tensor logStd) {
    set(tape, mean, logStd);
  }

  /**
   * Makes this the distribution of new parameters, as the constructor would (recording the same
   * σ = exp(log σ)), so that a loop can keep one instance and allocate nothing per pass; it is
   * then valid until the next rebinding. Tensors taken from it before keep their values.
   *
   * @param mean μ, m × d
   * @param logStd log σ, m × d or 1 × d
   * @return this distribution
   */
  public DiagGaussian set(Tape tape, Tensor mean, Tensor logStd) {
    if (logStd.cols() != mean.cols() || (logStd.rows() != mean.rows() && logStd.rows() != 1)) {
      throw new IllegalArgumentException("logStd is " + logStd.rows() + "×" + logStd.cols()
          + "; it must be " + mean.rows() + "×" + mean.cols() + " or 1×" + mean.cols());
    }
    this.tape = tape;
    this.mean = mean;
    this.logStd = logStd;
    this.std = tape.exp(logStd);
    return this;
  }

  /** μ, m × d. */
  public Tensor mean() {
    return mean;
  }

  /** log σ, m × d or 1 × d. */
  public Tensor logStd() {
    return logStd;
  }

  /** Number of rows m. */
  public int batchSize() {
    return mean.rows();
  }

  /** Dimension d. */
  public int dim() {
    return mean.cols();
  }

  /** log p(x_i), m × 1, for x (m × d). */
  public Tensor logProb(Tensor x) {
    if (x.rows() != mean.rows() || x.cols() != mean.cols()) {
      throw new IllegalArgumentException("x is " + x.rows() + "×" + x.cols() + ", the Gaussian "
          + mean.rows() + "×" + mean.cols());
    }
    Tensor z = tape.div(tape.sub(x, mean), std);
    Tensor lp = tape.sub(tape.mul(tape.square(z), -0.5), tape.add(logStd, HALF_LOG_2PI));
    return tape.sum(broadcastRows(lp), 1);
  }

  /** H_i = Σ_j (log σ_ij + ½ log 2πe), m × 1. */
  public Tensor entropy() {
    Tensor h = tape.add(logStd, HALF_LOG_2PI + 0.5);
    return tape.sum(broadcastRows(h), 1);
  }

  /** KL(this_i ‖ q_i), m × 1. */
  public Tensor kl(DiagGaussian q) {
    if (q.batchSize() != batchSize() || q.dim() != dim()) {
      throw new IllegalArgumentException("KL between " + batchSize() + "×" + dim() + " and "
          + q.batchSize() + "×" + q.dim() + " Gaussians");
    }
    Tensor varP = tape.square(std);
    Tensor varQ = tape.square(q.std);
    Tensor dm = tape.square(tape.sub(mean, q.mean));
    Tensor t = tape.div(tape.add(varP, dm), tape.mul(varQ, 2.0));
    Tensor k = tape.add(tape.sub(q.logStd, logStd), tape.add(t, -0.5));
    return tape.sum(broadcastRows(k), 1);
  }

  /** x = μ + σ ⊙ ε for a given ε (m × d, typically a constant of standard normals). */
  public Tensor rsample(Tensor eps) {
    return tape.add(mean, tape.mul(std, eps));
  }

  /**
   * x = μ + σ ⊙ ε with ε ~ N(0, I) drawn row by row from {@code rng}: a reparameterised sample,
   * differentiable in μ and log σ.
   *
   * @param rng the random stream. Modified.
   */
  public Tensor rsample(Rng rng) {
    Tensor eps = tape.filled(batchSize(), dim(), 0.0);
    double[] e = eps.value().data;
    for (int i = 0, n = batchSize() * dim(); i < n; i++) {
      e[i] = rng.nextGaussian();
    }
    return rsample(eps);
  }

  /**
   * Draws x_i ~ N(μ_i, σ_i²) into {@code out} (values only, nothing recorded), row by row.
   *
   * @param rng the random stream. Modified.
   * @param out m × d, or null to allocate. Modified.
   * @return {@code out}
   */
  public DMatrixRMaj sample(Rng rng, DMatrixRMaj out) {
    int m = batchSize();
    int d = dim();
    if (out == null) {
      out = new DMatrixRMaj(m, d);
    } else {
      out.reshape(m, d);
    }
    double[] mu = mean.value().data;
    double[] s = std.value().data;
    boolean shared = std.rows() == 1 && m > 1;
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < d; j++) {
        double sigma = s[(shared ? 0 : i * d) + j];
        out.data[i * d + j] = mu[i * d + j] + sigma * rng.nextGaussian();
      }
    }
    return out;
  }

  /** The value log p(x) of row {@code row} for a point x (length d), nothing recorded. */
  public double logProbValue(int row, double[] x, int offset) {
    int d = dim();
    double[] mu = mean.value().data;
    double[] ls = logStd.value().data;
    int lsBase = logStd.rows() == 1 ? 0 : row * d;
    double acc = 0;
    for (int j = 0; j < d; j++) {
      double sigma = Math.exp(ls[lsBase + j]);
      double z = (x[offset + j] - mu[row * d + j]) / sigma;
      acc += -0.5 * z * z - ls[lsBase + j] - HALF_LOG_2PI;
    }
    return acc;
  }

  private Tensor broadcastRows(Tensor a) {
    int m = mean.rows();
    return a.rows() == m ? a : tape.broadcast(a, m, a.cols());
  }
}
