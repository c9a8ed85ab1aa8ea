package org.gridrl.meta.pearl;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.gridrl.core.autodiff.Tape;
import org.gridrl.core.autodiff.Tensor;
import org.gridrl.core.env.Box;
import org.gridrl.core.nn.Module;
import org.gridrl.core.nn.Parameter;
import org.gridrl.core.nn.ParameterIo;
import org.gridrl.core.pg.SacConfig;
import org.gridrl.core.pg.TanhGaussianPolicy;
import org.gridrl.core.util.Rng;

/**
 * PEARL's acting agent: a belief q(z|c) = N(μ, diag σ²) over the task variable, a sample z from
 * it, and SAC's tanh-Gaussian policy on [s | z]. Posterior sampling (Rakelly et al. 2019, §4.3):
 * {@link #clearZ} resets the belief to the prior N(0, I); {@link #sampleZ} draws z =
 * μ + σ ⊙ ε; {@link #inferPosterior} sets the belief to the encoder's product of Gaussians over
 * a context and draws z from it; {@link #act} acts with the current z, held fixed over a
 * trajectory.
 *
 * <p>Reference: katerakelly/oyster {@code rlkit/torch/sac/agent.py} ({@code PEARLAgent}: {@code
 * clear_z}, {@code sample_z}, {@code infer_posterior}, {@code get_action} on
 * {@code cat([obs, z])}). Values only: nothing here is differentiated (training goes through
 * {@link Pearl}'s own tape). {@link #save} and {@link #load} keep the encoder's and the actor's
 * parameters in one {@code ParameterIo} file (names {@code encoder.*}, {@code policy.*}), so a
 * meta-trained agent is evaluated on new tasks without retraining. Not thread-safe.
 */
public final class PearlAgent {

  private final ContextEncoder encoder;
  private final TanhGaussianPolicy policy;
  private final int obsDim;
  private final int latentDim;
  private final double[] mean;
  private final double[] variance;
  private final double[] z;
  private final double[] input;
  private final DMatrixRMaj eps;
  private final Tape tape = new Tape();

  /**
   * An agent over a trained (or training) encoder and policy, with the prior as its belief and
   * z = 0 until {@link #sampleZ}.
   *
   * @param encoder the context encoder (its latent size d)
   * @param policy the policy on [s | z], observation size |s| + d
   */
  public PearlAgent(ContextEncoder encoder, TanhGaussianPolicy policy) {
    if (policy.observationDim() != encoder.observationDim() + encoder.latentDim()
        || policy.actionDim() != encoder.actionDim()) {
      throw new IllegalArgumentException("the policy takes " + policy.observationDim()
          + " inputs and " + policy.actionDim() + " actions; the encoder needs |s| + d = "
          + (encoder.observationDim() + encoder.latentDim()) + " and " + encoder.actionDim());
    }
    this.encoder = encoder;
    this.policy = policy;
    this.obsDim = encoder.observationDim();
    this.latentDim = encoder.latentDim();
    this.mean = new double[latentDim];
    this.variance = new double[latentDim];
    this.z = new double[latentDim];
    this.input = new double[obsDim + latentDim];
    this.eps = new DMatrixRMaj(1, policy.actionDim());
    clearZ();
  }

  /** The context encoder. */
  public ContextEncoder encoder() {
    return encoder;
  }

  /** The policy on [s | z]. */
  public TanhGaussianPolicy policy() {
    return policy;
  }

  /** Resets the belief to the prior μ = 0, σ² = 1 (z is kept until {@link #sampleZ}). */
  public void clearZ() {
    Arrays.fill(mean, 0.0);
    Arrays.fill(variance, 1.0);
  }

  /**
   * Draws z = μ + √σ² ⊙ ε from the current belief, ε ~ N(0, I) from {@code rng}, d draws.
   *
   * @param rng the stream. Modified.
   */
  public void sampleZ(Rng rng) {
    for (int j = 0; j < latentDim; j++) {
      z[j] = mean[j] + Math.sqrt(variance[j]) * rng.nextGaussian();
    }
  }

  /**
   * Sets the belief to q(z|c), the product of the encoder's factors over the context's rows,
   * then draws z from it.
   *
   * @param context n ≥ 1 rows of {@link ContextEncoder#inputDim()}. Not modified.
   * @param rng the stream of z. Modified.
   */
  public void inferPosterior(DMatrixRMaj context, Rng rng) {
    tape.reset();
    LatentPosterior q = encoder.infer(tape, tape.constant(context),
        encoder.network().parameters().stream().map(p -> tape.constant(p.value())).toList(), 0);
    System.arraycopy(q.mean().value().data, 0, mean, 0, latentDim);
    System.arraycopy(q.variance().value().data, 0, variance, 0, latentDim);
    sampleZ(rng);
  }

  /** The belief's mean μ (a copy). */
  public double[] posteriorMean() {
    return mean.clone();
  }

  /** The belief's variance σ² (a copy). */
  public double[] posteriorVariance() {
    return variance.clone();
  }

  /** The current z (a copy). */
  public double[] z() {
    return z.clone();
  }

  /** The current z into {@code out[offset ..]}. */
  void copyZ(double[] out, int offset) {
    System.arraycopy(z, 0, out, offset, latentDim);
  }

  /**
   * An action in the unit box for observation s with the current z: tanh(μ(s, z) + σ(s, z) ε)
   * with ε from {@code rng}, or the deterministic tanh(μ(s, z)) when {@code rng} is null.
   *
   * @param observation s, length |s|. Not modified.
   * @param rng the action noise, or null for the deterministic action. Modified.
   * @param unitOut the action in (−1, 1)^|a|. Modified.
   */
  public void act(double[] observation, Rng rng, double[] unitOut) {
    if (observation.length != obsDim) {
      throw new IllegalArgumentException("observation must have length " + obsDim + ", got "
          + observation.length);
    }
    System.arraycopy(observation, 0, input, 0, obsDim);
    System.arraycopy(z, 0, input, obsDim, latentDim);
    if (rng == null) {
      policy.deterministicUnit(input, unitOut);
    } else {
      for (int i = 0; i < eps.data.length; i++) {
        eps.data[i] = rng.nextGaussian();
      }
      policy.sampleUnit(input, eps, unitOut);
    }
  }

  /**
   * Saves the encoder's and the actor's parameters to one file ({@code ParameterIo}; names
   * {@code encoder.layer0.weight}, ..., {@code policy.layer0.weight}, ...).
   *
   * @param file the file. Modified.
   */
  public void save(Path file) {
    ParameterIo.save(parameters(encoder, policy), file);
  }

  /**
   * An agent shaped by {@code config} for observations of size {@code observationDim} and the
   * action box {@code actions}, its parameters read from {@code file} (names and shapes must
   * match, as {@code ParameterIo.load} checks).
   *
   * @param config the settings the agent was trained with (latent size, network sizes, the
   *     policy's log σ bounds)
   * @param observationDim |s|
   * @param actions the action box
   * @param file a file written by {@link #save}
   */
  public static PearlAgent load(PearlConfig config, int observationDim, Box actions, Path file) {
    int[] hidden = new int[config.encoderLayers()];
    Arrays.fill(hidden, config.encoderWidth());
    Rng init = new Rng(0);
    ContextEncoder encoder = new ContextEncoder(observationDim, actions.dim(),
        config.withNextObservation(), config.latentDim(), hidden, init);
    SacConfig sac = Pearl.sacConfig(config);
    TanhGaussianPolicy policy = TanhGaussianPolicy.mlp(observationDim + config.latentDim(),
        actions, sac.hiddenWidth(), sac.hiddenLayers(), sac.logStdMin(), sac.logStdMax(), init);
    ParameterIo.load(parameters(encoder, policy), file);
    return new PearlAgent(encoder, policy);
  }

  /** The encoder's and the actor's parameters under prefixed names, sharing their values. */
  private static Module parameters(ContextEncoder encoder, TanhGaussianPolicy policy) {
    List<Parameter> all = new ArrayList<>();
    for (Parameter p : encoder.parameters()) {
      all.add(new Parameter("encoder." + p.name(), p.value()));
    }
    for (Parameter p : policy.network().parameters()) {
      all.add(new Parameter("policy." + p.name(), p.value()));
    }
    List<Parameter> fixed = List.copyOf(all);
    return new Module() {
      @Override
      public List<Parameter> parameters() {
        return fixed;
      }

      @Override
      public Tensor forward(Tape tape, Tensor x, List<Tensor> params, int offset) {
        throw new UnsupportedOperationException("a parameter set for saving, not a network");
      }
    };
  }
}
