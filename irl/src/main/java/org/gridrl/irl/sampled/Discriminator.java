package org.gridrl.irl.sampled;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.gridrl.core.autodiff.Tape;
import org.gridrl.core.autodiff.Tensor;
import org.gridrl.core.nn.Mlp;
import org.gridrl.core.nn.Parameter;
import org.gridrl.core.optim.Adam;
import org.gridrl.core.util.Rng;
import org.gridrl.core.util.TrainingListener;

/**
 * The discriminator kernel of {@link Gail} and {@link Airl}: D_ψ(x) = σ(z_ψ(x, c)) trained on
 * the logistic loss with the expert labelled 1,
 * L(ψ) = E_expert[softplus(−z)] + E_π[softplus(z)] + λ·E_expert‖∇ₓ z‖²
 * (−log σ(z) = softplus(−z) and −log(1 − σ(z)) = softplus(z), both stable for any z; the last
 * term is the R1 gradient penalty of Mescheder, Geiger &amp; Nowozin 2018, "Which training methods
 * for GANs do actually converge?", through the tape's gradient of a gradient). Goodfellow et al.
 * 2014 for the loss; Ho &amp; Ermon 2016 and Fu, Luo &amp; Levine 2018 for its use in imitation.
 *
 * <p>A row is x (the inputs the penalty differentiates: GAIL's (o, a), AIRL's (o, [a,] o')) and
 * optionally c, constants the logit reads but the penalty does not (AIRL's 1 − done and
 * log π(a|o)). Each {@link #update}: for the configured epochs, shuffle the policy rows and take
 * ⌈N_π / m⌉ Adam steps, each on m' = min(m, N_π) policy rows (the last step wraps around to
 * the permutation's start) and as many expert rows, drawn in order from a shuffled cycle over
 * the expert set that carries on across steps and updates and is reshuffled at each wrap; so
 * the discriminator's work follows the policy batch whatever the size of the data. Then z on
 * every row of both classes with the updated ψ, kept in {@link #expertLogits()} and
 * {@link #policyLogits()} for the caller's reward.
 *
 * <p>Reports (through {@link Stats#report}) {@value Metrics#DISC_LOSS} (mean over the last
 * epoch's steps of the first two terms), {@value Metrics#DISC_EXPERT_ACC},
 * {@value Metrics#DISC_POLICY_ACC} and, with λ &gt; 0, {@value Metrics#DISC_GRAD_PENALTY}.
 * A NaN or infinite loss or gradient throws an {@link ArithmeticException} naming the algorithm,
 * the iteration and the quantity. After the first update of given sizes, the steps allocate
 * nothing but the tape's first-pass buffers. Not thread-safe; one per training run.
 */
final class Discriminator {

  /** The logit z_ψ(x, c) of D = σ(z), over the parameters ψ it owns. */
  interface Logit {
    /** ψ, in the order {@link #forward} takes them. */
    List<Parameter> parameters();

    /** Columns of x. */
    int inputDim();

    /** Columns of c, 0 for none. */
    int auxDim();

    /**
     * z for a batch of rows.
     *
     * @param x m × inputDim
     * @param aux m × auxDim, or null when auxDim is 0
     * @param params ψ as tensors, in {@link #parameters()} order
     * @return m × 1
     */
    Tensor forward(Tape tape, Tensor x, Tensor aux, List<Tensor> params);
  }

  /** z = MLP(x): GAIL's discriminator over (o, a). */
  static Logit mlp(Mlp net) {
    return new Logit() {
      @Override
      public List<Parameter> parameters() {
        return net.parameters();
      }

      @Override
      public int inputDim() {
        return net.sizes()[0];
      }

      @Override
      public int auxDim() {
        return 0;
      }

      @Override
      public Tensor forward(Tape tape, Tensor x, Tensor aux, List<Tensor> params) {
        return net.forward(tape, x, params, 0);
      }
    };
  }

  /**
   * What one update reports.
   *
   * @param loss mean over the last epoch's steps of E_E[softplus(−z)] + E_π[softplus(z)]
   * @param gradPenalty mean over the last epoch's steps of E_E‖∇ₓ z‖² (before λ); 0 when off
   * @param expertAccuracy fraction of expert rows with z &gt; 0 after the update
   * @param policyAccuracy fraction of policy rows with z &lt; 0 after the update
   */
  record Stats(double loss, double gradPenalty, double expertAccuracy, double policyAccuracy) {

    /** Emits the disc/ keys; the penalty only when {@code withPenalty}. */
    void report(TrainingListener l, long iteration, boolean withPenalty) {
      l.onScalar(iteration, Metrics.DISC_LOSS, loss);
      l.onScalar(iteration, Metrics.DISC_EXPERT_ACC, expertAccuracy);
      l.onScalar(iteration, Metrics.DISC_POLICY_ACC, policyAccuracy);
      if (withPenalty) {
        l.onScalar(iteration, Metrics.DISC_GRAD_PENALTY, gradPenalty);
      }
    }
  }

  private static final double[] NONE = new double[0];

  private final String algorithm;
  private final Logit logit;
  private final DiscriminatorConfig config;
  private final Rng shuffleRng;
  private final Adam adam;
  private final List<Parameter> parameters;
  private final Tape tape = new Tape();
  private final List<Tensor> params = new ArrayList<>();
  private final List<Tensor> gradTensors = new ArrayList<>();
  private final List<DMatrixRMaj> grads = new ArrayList<>();
  private final List<Tensor> penaltyWrt = new ArrayList<>(1);
  private final List<Tensor> penaltyGrad = new ArrayList<>(1);
  private final DMatrixRMaj xE = new DMatrixRMaj(1, 1);
  private final DMatrixRMaj cE = new DMatrixRMaj(1, 1);
  private final DMatrixRMaj xP = new DMatrixRMaj(1, 1);
  private final DMatrixRMaj cP = new DMatrixRMaj(1, 1);
  private final DMatrixRMaj xView = new DMatrixRMaj(1, 1);
  private final DMatrixRMaj cView = new DMatrixRMaj(1, 1);
  private int[] permE = new int[0];
  private int[] permP = new int[0];
  private double[] logitsE = new double[0];
  private double[] logitsP = new double[0];
  private int cursorE;
  private double stepLoss;
  private double stepPenalty;

  /**
   * A discriminator over the logit's parameters (updated in place).
   *
   * @param algorithm the name in error messages ("GAIL", "AIRL")
   * @param logit z_ψ; its parameters are Modified by updates
   * @param shuffleRng the minibatch stream. Modified.
   */
  Discriminator(String algorithm, Logit logit, DiscriminatorConfig config, Rng shuffleRng) {
    this.algorithm = algorithm;
    this.logit = logit;
    this.config = config;
    this.shuffleRng = shuffleRng;
    this.parameters = logit.parameters();
    List<DMatrixRMaj> values = new ArrayList<>();
    for (Parameter p : parameters) {
      values.add(p.value());
      grads.add(null);
    }
    this.adam = new Adam(values, Adam.Config.defaults().withLearningRate(config.learningRate()));
  }

  /**
   * Trains ψ for the configured epochs on expert against policy rows, then computes z on every
   * row of both.
   *
   * @param expertX N_E × inputDim. Not modified.
   * @param expertAux N_E × auxDim, or null when auxDim is 0. Not modified.
   * @param numExpert N_E ≥ 1
   * @param policyX N_π × inputDim. Not modified.
   * @param policyAux N_π × auxDim, or null. Not modified.
   * @param numPolicy N_π ≥ 1
   * @param iteration for error messages
   * @throws ArithmeticException if a loss or gradient is NaN or infinite
   */
  Stats update(double[] expertX, double[] expertAux, int numExpert, double[] policyX,
      double[] policyAux, int numPolicy, long iteration) {
    ensure(numExpert, numPolicy);
    int m = Math.min(config.minibatchSize(), numPolicy);
    int steps = (numPolicy + m - 1) / m;
    int d = logit.inputDim();
    int k = logit.auxDim();
    xE.reshape(m, d);
    xP.reshape(m, d);
    cE.reshape(m, Math.max(k, 1));
    cP.reshape(m, Math.max(k, 1));
    double loss = 0;
    double penalty = 0;
    for (int epoch = 0; epoch < config.epochs(); epoch++) {
      shuffle(permP);
      loss = 0;
      penalty = 0;
      for (int s = 0; s < steps; s++) {
        for (int j = 0; j < m; j++) {
          copyRow(policyX, policyAux, permP[(s * m + j) % numPolicy], j, xP, cP, d, k);
          if (cursorE == numExpert) {
            shuffle(permE);
            cursorE = 0;
          }
          copyRow(expertX, expertAux, permE[cursorE++], j, xE, cE, d, k);
        }
        step(iteration);
        loss += stepLoss;
        penalty += stepPenalty;
      }
    }
    logits(expertX, expertAux, numExpert, logitsE);
    logits(policyX, policyAux, numPolicy, logitsP);
    int hitE = 0;
    for (int i = 0; i < numExpert; i++) {
      hitE += logitsE[i] > 0 ? 1 : 0;
    }
    int hitP = 0;
    for (int i = 0; i < numPolicy; i++) {
      hitP += logitsP[i] < 0 ? 1 : 0;
    }
    return new Stats(loss / steps, penalty / steps, (double) hitE / numExpert,
        (double) hitP / numPolicy);
  }

  /** z of the expert rows after the last {@link #update}; length ≥ N_E; do not modify. */
  double[] expertLogits() {
    return logitsE;
  }

  /** z of the policy rows after the last {@link #update}; length ≥ N_π; do not modify. */
  double[] policyLogits() {
    return logitsP;
  }

  /**
   * z for n rows with the current ψ (values only).
   *
   * @param x n × inputDim. Not modified.
   * @param aux n × auxDim, or null. Not modified.
   * @param out length ≥ n. Modified.
   * @return out
   */
  double[] logits(double[] x, double[] aux, int n, double[] out) {
    tape.reset();
    xView.data = x;
    xView.numRows = n;
    xView.numCols = logit.inputDim();
    Tensor c = null;
    if (logit.auxDim() > 0) {
      cView.data = aux;
      cView.numRows = n;
      cView.numCols = logit.auxDim();
      c = tape.constant(cView);
    }
    params.clear();
    for (int i = 0, np = parameters.size(); i < np; i++) {
      params.add(tape.constant(parameters.get(i).value()));
    }
    Tensor z = logit.forward(tape, tape.constant(xView), c, params);
    System.arraycopy(z.value().data, 0, out, 0, n);
    tape.reset();
    xView.data = NONE;
    cView.data = NONE;
    return out;
  }

  // one Adam step on the gathered minibatch; sets stepLoss and stepPenalty
  private void step(long iteration) {
    tape.reset();
    params.clear();
    for (int i = 0, np = parameters.size(); i < np; i++) {
      params.add(tape.parameter(parameters.get(i).value()));
    }
    double lambda = config.gradientPenalty();
    boolean penalised = lambda > 0;
    boolean aux = logit.auxDim() > 0;
    Tensor x = penalised ? tape.parameter(xE) : tape.constant(xE);
    Tensor zE = logit.forward(tape, x, aux ? tape.constant(cE) : null, params);
    Tensor zP = logit.forward(tape, tape.constant(xP), aux ? tape.constant(cP) : null, params);
    // −log D on expert rows + −log(1 − D) on policy rows, D = σ(z)
    Tensor loss = tape.add(tape.mean(tape.softplus(tape.neg(zE))), tape.mean(tape.softplus(zP)));
    stepLoss = requireFinite(iteration, Metrics.DISC_LOSS, loss.item());
    stepPenalty = 0;
    Tensor total = loss;
    if (penalised) {
      Tensor penalty = r1Penalty(tape, x, zE, penaltyWrt, penaltyGrad);
      stepPenalty = requireFinite(iteration, Metrics.DISC_GRAD_PENALTY, penalty.item());
      total = tape.add(loss, tape.mul(penalty, lambda));
    }
    List<Tensor> g = tape.grad(total, params, false, gradTensors);
    for (int i = 0; i < g.size(); i++) {
      DMatrixRMaj gi = g.get(i).value();
      for (int j = 0, n = gi.getNumElements(); j < n; j++) {
        if (!Double.isFinite(gi.data[j])) {
          throw new ArithmeticException(algorithm + " iteration " + iteration
              + ": gradient of discriminator." + parameters.get(i).name() + " is " + gi.data[j]
              + " at entry " + j);
        }
      }
      grads.set(i, gi);
    }
    adam.step(grads);
    tape.reset();
  }

  /**
   * The R1 penalty (1/m) Σ_i ‖∇ₓ z_i‖² on the tape, recorded (createGraph) so that it can be
   * differentiated in ψ. Row i's z depends only on row i's x, so ∇ₓ Σ_i z_i holds ∇ₓ z_i in
   * row i.
   *
   * @param x m × d, a leaf gradients flow into
   * @param z m × 1, computed from x
   * @param wrt scratch. Modified.
   * @param gradOut scratch. Modified.
   * @return 1 × 1
   */
  static Tensor r1Penalty(Tape tape, Tensor x, Tensor z, List<Tensor> wrt, List<Tensor> gradOut) {
    wrt.clear();
    wrt.add(x);
    Tensor g = tape.grad(tape.sum(z), wrt, true, gradOut).get(0);
    return tape.mul(tape.sum(tape.square(g)), 1.0 / x.rows());
  }

  private double requireFinite(long iteration, String quantity, double v) {
    if (!Double.isFinite(v)) {
      throw new ArithmeticException(algorithm + " iteration " + iteration + ": " + quantity
          + " is " + v);
    }
    return v;
  }

  // source row `row` into minibatch row j of x and c
  private static void copyRow(double[] x, double[] aux, int row, int j, DMatrixRMaj xOut,
      DMatrixRMaj cOut, int d, int k) {
    System.arraycopy(x, row * d, xOut.data, j * d, d);
    if (k > 0) {
      System.arraycopy(aux, row * k, cOut.data, j * k, k);
    }
  }

  private void shuffle(int[] perm) {
    for (int i = 0; i < perm.length; i++) {
      perm[i] = i;
    }
    shuffleRng.shuffle(perm);
  }

  private void ensure(int numExpert, int numPolicy) {
    if (numExpert < 1 || numPolicy < 1) {
      throw new IllegalArgumentException("the discriminator needs rows of both classes, got "
          + numExpert + " expert and " + numPolicy + " policy rows");
    }
    if (permE.length != numExpert) {
      permE = new int[numExpert];
      logitsE = new double[numExpert];
      cursorE = numExpert; // shuffle before the first draw
    }
    if (permP.length != numPolicy) {
      permP = new int[numPolicy];
      logitsP = new double[numPolicy];
    }
  }

  /** Columns of an encoded action: K for K discrete actions (one-hot), else actionDim. */
  static int actionWidth(int actionDim, int numActions) {
    return numActions > 0 ? numActions : actionDim;
  }

  /**
   * Writes action row t as a one-hot of K (discrete) or as is (continuous).
   *
   * @param actions N × actionDim (a discrete action as its index). Not modified.
   * @param out the destination. Modified.
   * @param at where row t's encoding starts in out
   */
  static void writeAction(double[] actions, int t, int actionDim, int numActions, double[] out,
      int at) {
    if (numActions > 0) {
      Arrays.fill(out, at, at + numActions, 0.0);
      out[at + (int) actions[t]] = 1.0;
    } else {
      System.arraycopy(actions, t * actionDim, out, at, actionDim);
    }
  }

  /**
   * Rows [o_t | enc(a_t)] for t &lt; n: the input of GAIL's D(s, a) and of AIRL's g(s, a).
   *
   * @param obs n × obsDim. Not modified.
   * @param actions n × actionDim. Not modified.
   * @param out n × (obsDim + actionWidth). Modified.
   * @return out
   */
  static double[] stateActionRows(double[] obs, double[] actions, int n, int obsDim,
      int actionDim, int numActions, double[] out) {
    int w = obsDim + actionWidth(actionDim, numActions);
    for (int t = 0; t < n; t++) {
      System.arraycopy(obs, t * obsDim, out, t * w, obsDim);
      writeAction(actions, t, actionDim, numActions, out, t * w + obsDim);
    }
    return out;
  }
}
