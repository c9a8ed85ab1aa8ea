package org.gridrl.meta.pearl;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.gridrl.core.autodiff.Tape;
import org.gridrl.core.autodiff.Tensor;
import org.gridrl.core.nn.Activation;
import org.gridrl.core.nn.Init;
import org.gridrl.core.nn.Linear;
import org.gridrl.core.nn.Mlp;
import org.gridrl.core.nn.Module;
import org.gridrl.core.nn.Parameter;
import org.gridrl.core.util.Rng;

/**
 * PEARL's permutation-invariant context encoder (Rakelly et al. 2019, §4.1): an MLP f_φ maps each
 * transition c_n = (s, a, r[, s']) to a Gaussian factor Ψ_φ(z|c_n) = N(μ_n, diag σ²_n) with
 * [μ_n | ρ_n] = f_φ(c_n) and σ²_n = softplus(ρ_n), and q_φ(z|c_{1..N}) = Π_n Ψ_φ(z|c_n)
 * renormalised ({@link ProductOfGaussians}); z = μ + σ ⊙ ε is drawn by {@link
 * LatentPosterior#rsample}.
 *
 * <p>As the authors' code, katerakelly/oyster {@code launch_experiment.py} ({@code MlpEncoder},
 * hidden sizes [200, 200, 200], output 2·latent, input obs + action + reward, plus the next
 * observation only if {@code use_next_obs_in_context}), {@code rlkit/torch/networks.py}
 * ({@code Mlp}: ReLU hidden layers, linear output) and {@code rlkit/torch/sac/agent.py}
 * ({@code infer_posterior}: μ the first {@code latent_dim} outputs, σ² the softplus of the
 * rest). Initialisation as rlkit's {@code Mlp}: hidden weights U(±1/√k) with k = torch's
 * {@code weight.size(0)} ({@code ptu.fanin_init}), which is the layer's output width, hidden
 * biases 0.1, output weights and biases U(±3·10⁻³).
 *
 * <p>A transition's row is {@link #encode}'s layout: [s | a | r | s'] (s' only when the encoder
 * was built with it). Parameters, in order: the MLP's {@code layer0.weight, layer0.bias, ...}.
 */
public final class ContextEncoder implements Module {

  /** The authors' encoder hidden sizes, [200, 200, 200]. */
  public static final int[] REFERENCE_HIDDEN = {200, 200, 200};

  /** The authors' output-layer initialisation bound ({@code init_w = 3e-3}). */
  static final double OUTPUT_INIT = 3e-3;
  /** The authors' hidden bias initialisation ({@code b_init_value = 0.1}). */
  static final double HIDDEN_BIAS = 0.1;

  private final int observationDim;
  private final int actionDim;
  private final boolean withNextObservation;
  private final int latentDim;
  private final Mlp network;

  /**
   * An encoder initialised from {@code rng}.
   *
   * @param observationDim |s| ≥ 1
   * @param actionDim |a| ≥ 1
   * @param withNextObservation whether s' is part of a transition's row
   * @param latentDim d ≥ 1 (the network has 2d outputs)
   * @param hidden hidden widths, each ≥ 1 (may be empty: a linear encoder)
   * @param rng the initialisation stream. Modified.
   */
  public ContextEncoder(int observationDim, int actionDim, boolean withNextObservation,
      int latentDim, int[] hidden, Rng rng) {
    if (observationDim < 1 || actionDim < 1 || latentDim < 1) {
      throw new IllegalArgumentException("observationDim, actionDim and latentDim must be >= 1,"
          + " got " + observationDim + ", " + actionDim + ", " + latentDim);
    }
    this.observationDim = observationDim;
    this.actionDim = actionDim;
    this.withNextObservation = withNextObservation;
    this.latentDim = latentDim;
    int[] sizes = new int[hidden.length + 2];
    sizes[0] = inputDim(observationDim, actionDim, withNextObservation);
    for (int l = 0; l < hidden.length; l++) {
      if (hidden[l] < 1) {
        throw new IllegalArgumentException("hidden width " + l + " must be >= 1, got "
            + hidden[l]);
      }
      sizes[l + 1] = hidden[l];
    }
    sizes[sizes.length - 1] = 2 * latentDim;
    Init hiddenInit = (w, r) -> uniform(w.data, w.getNumElements(), 1 / Math.sqrt(w.numCols), r);
    Init outputInit = (w, r) -> uniform(w.data, w.getNumElements(), OUTPUT_INIT, r);
    this.network = new Mlp(sizes, Activation.RELU, hiddenInit, outputInit, rng);
    List<Linear> layers = network.layers();
    for (int l = 0; l + 1 < layers.size(); l++) {
      Arrays.fill(layers.get(l).bias().data, HIDDEN_BIAS);
    }
    DMatrixRMaj lastBias = layers.get(layers.size() - 1).bias();
    uniform(lastBias.data, lastBias.getNumElements(), OUTPUT_INIT, rng);
  }

  /** The width of a transition's row: |s| + |a| + 1, plus |s| with the next observation. */
  public static int inputDim(int observationDim, int actionDim, boolean withNextObservation) {
    return observationDim + actionDim + 1 + (withNextObservation ? observationDim : 0);
  }

  /** The width of a transition's row for this encoder. */
  public int inputDim() {
    return inputDim(observationDim, actionDim, withNextObservation);
  }

  /** |s|. */
  public int observationDim() {
    return observationDim;
  }

  /** |a|. */
  public int actionDim() {
    return actionDim;
  }

  /** Whether a transition's row holds s'. */
  public boolean withNextObservation() {
    return withNextObservation;
  }

  /** d, the latent size. */
  public int latentDim() {
    return latentDim;
  }

  /** The MLP f_φ (inputs {@link #inputDim()}, outputs 2d). */
  public Mlp network() {
    return network;
  }

  @Override
  public List<Parameter> parameters() {
    return network.parameters();
  }

  /** The raw outputs [μ | ρ] of every row of {@code x}, n × 2d. */
  @Override
  public Tensor forward(Tape tape, Tensor x, List<Tensor> params, int offset) {
    return network.forward(tape, x, params, offset);
  }

  /**
   * The factors of each transition: μ_n = f(c_n)[0, d), σ²_n = softplus(f(c_n)[d, 2d)), each
   * n × d.
   *
   * @param tape the tape. Modified.
   * @param context n × {@link #inputDim()} transitions of one task, n ≥ 1
   * @param params the encoder's parameter tensors from {@code offset}
   * @return {μ, σ²}
   */
  public Tensor[] factors(Tape tape, Tensor context, List<Tensor> params, int offset) {
    if (context.cols() != inputDim() || context.rows() < 1) {
      throw new IllegalArgumentException("context is " + context.rows() + "×" + context.cols()
          + "; the encoder takes n >= 1 rows of " + inputDim());
    }
    Tensor out = forward(tape, context, params, offset);
    int n = context.rows();
    Tensor mu = tape.slice(out, 0, n, 0, latentDim);
    Tensor var = tape.softplus(tape.slice(out, 0, n, latentDim, 2 * latentDim));
    return new Tensor[] {mu, var};
  }

  /**
   * q(z|c) = Π_n N(μ_n, diag σ²_n), differentiable in the parameters.
   *
   * @param tape the tape. Modified.
   * @param context n × {@link #inputDim()} transitions of one task, n ≥ 1
   * @param params the encoder's parameter tensors from {@code offset}
   */
  public LatentPosterior infer(Tape tape, Tensor context, List<Tensor> params, int offset) {
    Tensor[] f = factors(tape, context, params, offset);
    return ProductOfGaussians.combine(tape, f[0], f[1]);
  }

  /** {@link #infer(Tape, Tensor, List, int)} with this encoder's own parameters as leaves. */
  public LatentPosterior infer(Tape tape, Tensor context) {
    return infer(tape, context, bind(tape, new ArrayList<>()), 0);
  }

  /**
   * Writes one transition's row [s | a | r | s'] (s' only if {@code withNextObservation}) at
   * {@code out[offset ..]}.
   *
   * @param s the observation. Not modified.
   * @param a the action. Not modified.
   * @param r the reward
   * @param next s', ignored unless {@code withNextObservation}. Not modified.
   * @param out the destination. Modified.
   * @param offset the row's first index in {@code out}
   */
  public void encode(double[] s, double[] a, double r, double[] next, double[] out, int offset) {
    if (s.length != observationDim || a.length != actionDim
        || (withNextObservation && next.length != observationDim)) {
      throw new IllegalArgumentException("a transition needs |s| = |s'| = " + observationDim
          + " and |a| = " + actionDim + ", got " + s.length + ", " + a.length
          + (withNextObservation ? ", " + next.length : ""));
    }
    System.arraycopy(s, 0, out, offset, observationDim);
    System.arraycopy(a, 0, out, offset + observationDim, actionDim);
    out[offset + observationDim + actionDim] = r;
    if (withNextObservation) {
      System.arraycopy(next, 0, out, offset + observationDim + actionDim + 1, observationDim);
    }
  }

  private static void uniform(double[] x, int n, double bound, Rng rng) {
    for (int i = 0; i < n; i++) {
      x[i] = rng.nextDouble(-bound, bound);
    }
  }
}
