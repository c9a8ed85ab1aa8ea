package org.gridrl.meta.pearl;

import org.gridrl.core.autodiff.Tape;
import org.gridrl.core.autodiff.Tensor;
import org.gridrl.core.dist.DiagGaussian;
import org.gridrl.core.util.Rng;

/**
 * PEARL's belief over the task variable, q(z|c) = N(μ, diag σ²) with μ and σ² 1 × d tensors on
 * one tape (valid until that tape is reset); KL(q ‖ N(0, I)) = ½ Σ_j (σ²_j + μ_j² − 1 − log σ²_j),
 * the information-bottleneck term of the encoder's loss (Rakelly et al. 2019, eq. 3), and the
 * reparameterised sample z = μ + σ ⊙ ε, ε ~ N(0, I).
 *
 * <p>The KL and the sample are {@code core.dist.DiagGaussian}'s (its {@code kl} and {@code
 * rsample}, with log σ = ½ log σ² and the prior as N(0, I)), not a second implementation.
 *
 * <p>Reference: katerakelly/oyster {@code rlkit/torch/sac/agent.py} ({@code
 * PEARLAgent.compute_kl_div}: torch's Normal–Normal KL summed over dimensions and tasks; {@code
 * sample_z}: {@code Normal(μ, √σ²).rsample()}; {@code clear_z}: the prior μ = 0, σ² = 1).
 *
 * @param mean μ, 1 × d
 * @param variance σ², 1 × d, entries &gt; 0
 */
public record LatentPosterior(Tensor mean, Tensor variance) {

  /** Checks that μ and σ² are both 1 × d. */
  public LatentPosterior {
    if (mean.rows() != 1 || variance.rows() != 1 || mean.cols() != variance.cols()) {
      throw new IllegalArgumentException("mean is " + mean.rows() + "×" + mean.cols()
          + " and variance " + variance.rows() + "×" + variance.cols() + "; both must be 1×d");
    }
  }

  /**
   * The prior r(z) = N(0, I) as constants on {@code tape} (what PEARL acts with before any
   * context).
   *
   * @param tape the tape. Modified.
   * @param latentDim d ≥ 1
   */
  public static LatentPosterior prior(Tape tape, int latentDim) {
    if (latentDim < 1) {
      throw new IllegalArgumentException("latentDim must be >= 1, got " + latentDim);
    }
    return new LatentPosterior(tape.filled(1, latentDim, 0.0), tape.filled(1, latentDim, 1.0));
  }

  /** d, the latent dimension. */
  public int dim() {
    return mean.cols();
  }

  /**
   * q as a {@code DiagGaussian} on {@code tape}: mean μ, log σ = ½ log σ² (recorded).
   *
   * @param tape the tape μ and σ² live on. Modified.
   */
  public DiagGaussian gaussian(Tape tape) {
    return new DiagGaussian(tape, mean, tape.mul(tape.log(variance), 0.5));
  }

  /**
   * KL(q ‖ N(0, I)) = ½ Σ_j (σ²_j + μ_j² − 1 − log σ²_j), 1 × 1, differentiable in μ and σ²
   * ({@code DiagGaussian.kl} against a zero-mean, unit-variance {@code DiagGaussian}).
   *
   * @param tape the tape μ and σ² live on. Modified.
   */
  public Tensor klToPrior(Tape tape) {
    int d = dim();
    DiagGaussian unit = new DiagGaussian(tape, tape.filled(1, d, 0.0), tape.filled(1, d, 0.0));
    return gaussian(tape).kl(unit);
  }

  /**
   * The reparameterised sample z = μ + σ ⊙ ε, ε ~ N(0, I) drawn from {@code rng}, 1 × d,
   * differentiable in μ and σ² (the authors' {@code rsample}).
   *
   * @param tape the tape μ and σ² live on. Modified.
   * @param rng the noise stream. Modified.
   */
  public Tensor rsample(Tape tape, Rng rng) {
    return gaussian(tape).rsample(rng);
  }

  /** μ's values, copied. */
  public double[] meanValues() {
    return java.util.Arrays.copyOf(mean.value().data, dim());
  }

  /** σ²'s values, copied. */
  public double[] varianceValues() {
    return java.util.Arrays.copyOf(variance.value().data, dim());
  }
}
