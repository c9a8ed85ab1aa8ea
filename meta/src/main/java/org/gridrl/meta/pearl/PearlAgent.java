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
import org.gridrl.core.pg.CategoricalPolicy;
import org.gridrl.core.pg.SacConfig;
import org.gridrl.core.pg.TanhGaussianPolicy;
import org.gridrl.core.util.Argmax;
import org.gridrl.core.util.Rng;

/**
 * PEARL's acting agent: a belief q(z|c) = N(μ, diag σ²) over the task variable, a sample z from
 * it, and SAC's policy on [s | z]: the tanh-Gaussian for continuous actions ({@link #act}), or
 * the categorical π(a|s, z) = softmax(f(s, z))_a of discrete SAC ({@link #actDiscrete}; the
 * encoder then sees the action one-hot). Posterior sampling (Rakelly et al. 2019, §4.3):
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
  private final CategoricalPolicy categorical;
  private final int obsDim;
  private final int latentDim;
  private final double[] mean;
  private final double[] variance;
  private final double[] z;
  private final double[] input;
  private final DMatrixRMaj eps;
  private final DMatrixRMaj inputRow;
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
    this.categorical = null;
    this.obsDim = encoder.observationDim();
    this.latentDim = encoder.latentDim();
    this.mean = new double[latentDim];
    this.variance = new double[latentDim];
    this.z = new double[latentDim];
    this.input = new double[obsDim + latentDim];
    this.eps = new DMatrixRMaj(1, policy.actionDim());
    this.inputRow = null;
    clearZ();
  }

  /**
   * An agent with a categorical policy over |A| actions, which the encoder sees one-hot (its
   * action size is |A|), with the prior as its belief and z = 0 until {@link #sampleZ}.
   *
   * @param encoder the context encoder (its latent size d, its action size |A|)
   * @param policy the policy on [s | z], observation size |s| + d, |A| actions
   */
  public PearlAgent(ContextEncoder encoder, CategoricalPolicy policy) {
    if (policy.observationDim() != encoder.observationDim() + encoder.latentDim()
        || policy.numActions() != encoder.actionDim()) {
      throw new IllegalArgumentException("the policy takes " + policy.observationDim()
          + " inputs and " + policy.numActions() + " actions; the encoder needs |s| + d = "
          + (encoder.observationDim() + encoder.latentDim()) + " and its one-hot actions, "
          + encoder.actionDim());
    }
    this.encoder = encoder;
    this.policy = null;
    this.categorical = policy;
    this.obsDim = encoder.observationDim();
    this.latentDim = encoder.latentDim();
    this.mean = new double[latentDim];
    this.variance = new double[latentDim];
    this.z = new double[latentDim];
    this.input = null;
    this.eps = null;
    this.inputRow = new DMatrixRMaj(1, obsDim + latentDim);
    clearZ();
  }

  /** Whether the policy is categorical (discrete actions). */
  public boolean discrete() {
    return categorical != null;
  }

  /** The context encoder. */
  public ContextEncoder encoder() {
    return encoder;
  }

  /** The tanh-Gaussian policy on [s | z]; throws for a {@link #discrete()} agent. */
  public TanhGaussianPolicy policy() {
    if (policy == null) {
      throw new IllegalStateException("a discrete PEARL agent: use categoricalPolicy()");
    }
    return policy;
  }

  /** The categorical policy on [s | z]; throws unless the agent is {@link #discrete()}. */
  public CategoricalPolicy categoricalPolicy() {
    if (categorical == null) {
      throw new IllegalStateException("a continuous PEARL agent: use policy()");
    }
    return categorical;
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
   * A continuous agent's action in the unit box for observation s with the current z:
   * tanh(μ(s, z) + σ(s, z) ε)
   * with ε from {@code rng}, or the deterministic tanh(μ(s, z)) when {@code rng} is null.
   *
   * @param observation s, length |s|. Not modified.
   * @param rng the action noise, or null for the deterministic action. Modified.
   * @param unitOut the action in (−1, 1)^|a|. Modified.
   */
  public void act(double[] observation, Rng rng, double[] unitOut) {
    policy();
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
   * An action index for observation s with the current z: a draw from π(·|s, z) =
   * softmax(f(s, z)) with one {@code rng.nextDouble()} (inverse CDF), or the most probable
   * action (the lowest index among ties) when {@code rng} is null.
   *
   * @param observation s, length |s|. Not modified.
   * @param rng the action's stream, or null for the greedy action. Modified.
   * @return the action in [0, |A|)
   */
  public int actDiscrete(double[] observation, Rng rng) {
    categoricalPolicy();
    if (observation.length != obsDim) {
      throw new IllegalArgumentException("observation must have length " + obsDim + ", got "
          + observation.length);
    }
    System.arraycopy(observation, 0, inputRow.data, 0, obsDim);
    System.arraycopy(z, 0, inputRow.data, obsDim, latentDim);
    tape.reset();
    double[] logits = categorical.network().forward(tape, tape.constant(inputRow)).value().data;
    int k = categorical.numActions();
    int best = Argmax.first(logits, 0, k);
    if (rng == null) {
      return best;
    }
    double sum = 0;
    for (int a = 0; a < k; a++) {
      sum += Math.exp(logits[a] - logits[best]);
    }
    double u = rng.nextDouble() * sum;
    double c = 0;
    for (int a = 0; a < k - 1; a++) {
      c += Math.exp(logits[a] - logits[best]);
      if (u < c) {
        return a;
      }
    }
    return k - 1;
  }

  /**
   * Saves the encoder's and the actor's parameters to one file ({@code ParameterIo}; names
   * {@code encoder.layer0.weight}, ..., {@code policy.layer0.weight}, ...).
   *
   * @param file the file. Modified.
   */
  public void save(Path file) {
    ParameterIo.save(parameters(encoder, discrete() ? categorical.network()
        : policy.network()), file);
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
    ParameterIo.load(parameters(encoder, policy.network()), file);
    return new PearlAgent(encoder, policy);
  }

  /**
   * {@link #load(PearlConfig, int, Box, Path)} for a discrete agent over {@code numActions}
   * actions (saved by a {@link #discrete()} agent).
   */
  public static PearlAgent loadDiscrete(PearlConfig config, int observationDim, int numActions,
      Path file) {
    int[] hidden = new int[config.encoderLayers()];
    Arrays.fill(hidden, config.encoderWidth());
    Rng init = new Rng(0);
    ContextEncoder encoder = new ContextEncoder(observationDim, numActions,
        config.withNextObservation(), config.latentDim(), hidden, init);
    CategoricalPolicy policy = Pearl.categoricalPolicy(config, observationDim, numActions,
        init);
    ParameterIo.load(parameters(encoder, policy.network()), file);
    return new PearlAgent(encoder, policy);
  }

  /** The encoder's and the actor's parameters under prefixed names, sharing their values. */
  private static Module parameters(ContextEncoder encoder, Module policy) {
    List<Parameter> all = new ArrayList<>();
    for (Parameter p : encoder.parameters()) {
      all.add(new Parameter("encoder." + p.name(), p.value()));
    }
    for (Parameter p : policy.parameters()) {
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
