package org.gridrl.core.pg;

import static org.gridrl.core.pg.SoftCritics.checkFinite;
import static org.gridrl.core.pg.SoftCritics.leaves;

import java.util.ArrayList;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.gridrl.core.autodiff.Tape;
import org.gridrl.core.autodiff.Tensor;
import org.gridrl.core.nn.Mlp;
import org.gridrl.core.nn.Module;
import org.gridrl.core.nn.Parameter;
import org.gridrl.core.optim.Adam;
import org.gridrl.core.util.Rng;

/**
 * SAC for discrete actions on one minibatch (Christodoulou 2019, "Soft Actor-Critic for Discrete
 * Action Settings", Algorithm 1): the critics give Q_i(s, ·) for all |A| actions and every
 * expectation over π is a sum over actions, so nothing is sampled:
 * <ol>
 *   <li>y = r + γ(1 − d) Σ_a π(a|s')[min_i Q_targ,i(s', a) − α log π(a|s')]
 *       ({@link DiscreteSacLosses#softTarget});
 *   <li>critics: L_Qi = ½ mean (Q_i(s, a) − y)², one Adam step on L_Q1 + L_Q2;
 *   <li>actor: J_π = mean_s Σ_a π(a|s)[α log π(a|s) − min_i Q_i(s, a)], critics held fixed
 *       ({@link DiscreteSacLosses#actor});
 *   <li>temperature (with {@code autotune}): J(log α) = −log α · (E_s Σ_a π log π + H̄), H̄ =
 *       0.98 log |A| by default (the paper's target entropy);
 *   <li>targets: θ_targ ← (1 − ρ)θ_targ + ρθ.
 * </ol>
 * With fixed α its fixed point is soft Q-learning's: Q = r + γ E_{s'} α log Σ_a exp(Q(s', a)/α)
 * and π = softmax(Q/α), which is {@code core.planning.SoftValueIteration} at temperature τ = α.
 *
 * <p>The critics, their targets and optimiser, the temperature and the finiteness checks are
 * {@link SacLearner}'s ({@code SoftCritics}); only the critics' shape (s → |A|) and the two
 * exact expectations differ. Actions in a minibatch are indices 0 .. |A| − 1 in its B × 1
 * {@code actions}. As {@link SacLearner}, {@link #update(ReplayBuffer.Minibatch, long,
 * DMatrixRMaj)} can also return ∂(L_Q1 + L_Q2)/∂s, so that PEARL's encoder (meta.pearl) is
 * trained through the critics. Reference code: p-christ/Deep-Reinforcement-Learning-Algorithms-
 * with-PyTorch {@code SAC_Discrete.py}. Not thread-safe.
 */
public final class DiscreteSacLearner {

  /** The paper's target entropy as a fraction of the maximum, H̄ = 0.98 log |A|. */
  public static final double TARGET_ENTROPY_FRACTION = 0.98;

  private final SacConfig config;
  private final CategoricalPolicy policy;
  private final Module actor;
  private final int numActions;
  private final SoftCritics critics;
  private final Adam actorOptimizer;
  private final double targetEntropy;
  private final SacLearner.Stats stats = new SacLearner.Stats();

  private final Tape tape = new Tape();
  private final DMatrixRMaj target;
  private final DMatrixRMaj minQ;
  private final int[] actionIndex;
  private final List<Tensor> criticParams = new ArrayList<>();
  private final List<Tensor> actorParams = new ArrayList<>();
  private final List<Tensor> frozen0 = new ArrayList<>();
  private final List<Tensor> frozen1 = new ArrayList<>();
  private final List<Tensor> frozen2 = new ArrayList<>();
  private final List<Tensor> grads = new ArrayList<>();

  /**
   * {@link #DiscreteSacLearner(SacConfig, CategoricalPolicy, double, Rng)} with the paper's
   * target entropy 0.98 log |A|.
   */
  public DiscreteSacLearner(SacConfig config, CategoricalPolicy policy, Rng init) {
    this(config, policy, TARGET_ENTROPY_FRACTION * Math.log(policy.numActions()), init);
  }

  /**
   * The critics Q₁, Q₂ (s → |A|, {@code config}'s hidden sizes, ReLU, Xavier-uniform) from
   * {@code init}, targets copied from them, α = {@code config.initialAlpha()}. The config's
   * log σ bounds are unused.
   *
   * @param policy the actor being trained. Modified by {@link #update}.
   * @param targetEntropy H̄, the entropy the temperature steers toward (autotune only)
   * @param init the initialisation stream the actor was drawn from. Modified.
   */
  public DiscreteSacLearner(SacConfig config, CategoricalPolicy policy, double targetEntropy,
      Rng init) {
    this.config = config;
    this.policy = policy;
    this.actor = policy.network();
    this.numActions = policy.numActions();
    this.targetEntropy = targetEntropy;
    int[] criticSizes = TanhGaussianPolicy.sizes(policy.observationDim(), config.hiddenWidth(),
        config.hiddenLayers(), numActions);
    this.critics = new SoftCritics(criticSizes, config, init);
    List<DMatrixRMaj> actorValues = new ArrayList<>();
    for (Parameter p : actor.parameters()) {
      actorValues.add(p.value());
    }
    this.actorOptimizer = new Adam(actorValues,
        Adam.Config.defaults().withLearningRate(config.policyLearningRate()));
    int b = config.batchSize();
    this.target = new DMatrixRMaj(b, 1);
    this.minQ = new DMatrixRMaj(b, numActions);
    this.actionIndex = new int[b];
  }

  /** The temperature α = exp(log α). */
  public double alpha() {
    return critics.alpha();
  }

  /** The target entropy H̄. */
  public double targetEntropy() {
    return targetEntropy;
  }

  /** The critic {@code q1}, s → Q₁(s, ·). */
  public Mlp q1() {
    return critics.q1;
  }

  /** The critic {@code q2}, s → Q₂(s, ·). */
  public Mlp q2() {
    return critics.q2;
  }

  /** The critic {@code q1Target}, s → Q_targ,1(s, ·). */
  public Mlp q1Target() {
    return critics.q1Target;
  }

  /** The critic {@code q2Target}, s → Q_targ,2(s, ·). */
  public Mlp q2Target() {
    return critics.q2Target;
  }

  /**
   * One update of critics, actor and temperature on a minibatch, then the targets.
   *
   * @param batch (s, a, r, s', d), a the action's index in the B × 1 actions. Not modified.
   * @param step the environment step, for error messages
   * @return the update's statistics, in a holder overwritten by the next update
   * @throws ArithmeticException if a loss or gradient is NaN or infinite
   */
  public SacLearner.Stats update(ReplayBuffer.Minibatch batch, long step) {
    return update(batch, step, null);
  }

  /**
   * {@link #update(ReplayBuffer.Minibatch, long)} that also writes ∂(L_Q1 + L_Q2)/∂s (taken in
   * step 2, before the critics' Adam step); with {@code observationGradient} null it is that
   * method, and otherwise its numbers are the same too.
   *
   * @param batch (s, a, r, s', d), a the action's index in the B × 1 actions. Not modified.
   * @param step the environment step, for error messages
   * @param observationGradient B × obsDim, or null. Modified.
   * @return the update's statistics, in a holder overwritten by the next update
   * @throws ArithmeticException if a loss or gradient is NaN or infinite
   */
  public SacLearner.Stats update(ReplayBuffer.Minibatch batch, long step,
      DMatrixRMaj observationGradient) {
    SoftCritics.checkObservationShape(observationGradient, batch.observations);
    int b = batch.size();
    if (batch.actions.numCols != 1 || b != actionIndex.length) {
      throw new IllegalArgumentException("the minibatch must hold " + actionIndex.length
          + " rows with one action index each, got " + b + "×" + batch.actions.numCols);
    }
    for (int i = 0; i < b; i++) {
      double a = batch.actions.data[i];
      if (!(a >= 0 && a < numActions && a == Math.rint(a))) {
        throw new IllegalArgumentException("action in row " + i + " must be an index in [0, "
            + numActions + "), got " + a);
      }
      actionIndex[i] = (int) a;
    }
    Mlp q1 = critics.q1;
    Mlp q2 = critics.q2;
    double alpha = alpha();

    // 1. the soft target y = r + γ(1 − d) Σ_a π(a|s')[min Q_targ(s', a) − α log π(a|s')]
    tape.reset();
    Tensor next = tape.constant(batch.nextObservations);
    Tensor logPiNext = tape.logSoftmax(actor.forward(tape, next,
        TanhGaussianPolicy.constants(tape, actor, frozen0), 0));
    Tensor q1Next = critics.q1Target.forward(tape, next,
        TanhGaussianPolicy.constants(tape, critics.q1Target, frozen1), 0);
    Tensor q2Next = critics.q2Target.forward(tape, next,
        TanhGaussianPolicy.constants(tape, critics.q2Target, frozen2), 0);
    DiscreteSacLosses.softTarget(batch.rewards, batch.terminated, logPiNext.value(),
        q1Next.value(), q2Next.value(), config.gamma(), alpha, target);

    // 2. critics: L_Qi = ½ mean (Q_i(s, a) − y)², one Adam step on L_Q1 + L_Q2
    tape.reset();
    criticParams.clear();
    leaves(tape, q1, criticParams);
    leaves(tape, q2, criticParams);
    int n1 = q1.parameters().size();
    Tensor s = observationGradient == null ? tape.constant(batch.observations)
        : tape.parameter(batch.observations);
    if (observationGradient != null) {
      criticParams.add(s);
    }
    Tensor y = tape.constant(target);
    Tensor q1a = tape.gather(q1.forward(tape, s, criticParams, 0), actionIndex);
    Tensor q2a = tape.gather(q2.forward(tape, s, criticParams, n1), actionIndex);
    Tensor l1 = PgLosses.valueMse(tape, q1a, y);
    Tensor l2 = PgLosses.valueMse(tape, q2a, y);
    stats.q1Loss = checkFinite(l1.item(), Metrics.Q1_LOSS, step);
    stats.q2Loss = checkFinite(l2.item(), Metrics.Q2_LOSS, step);
    stats.q1Mean = SoftCritics.mean(q1a.value());
    tape.grad(tape.add(l1, l2), criticParams, false, grads);
    if (observationGradient != null) {
      observationGradient.setTo(grads.remove(grads.size() - 1).value());
    }
    critics.stepCritics(grads, step);

    // 3. actor: J_π = mean_s Σ_a π(a|s)(α log π(a|s) − min_i Q_i(s, a)), critics held fixed
    tape.reset();
    actorParams.clear();
    for (Parameter p : actor.parameters()) {
      actorParams.add(tape.parameter(p.value()));
    }
    Tensor obs = tape.constant(batch.observations);
    Tensor q1All = q1.forward(tape, obs, TanhGaussianPolicy.constants(tape, q1, frozen1), 0);
    Tensor q2All = q2.forward(tape, obs, TanhGaussianPolicy.constants(tape, q2, frozen2), 0);
    Tensor logPi = tape.logSoftmax(actor.forward(tape, obs, actorParams, 0));
    Tensor loss = DiscreteSacLosses.actor(tape, logPi, q1All.value(), q2All.value(), alpha,
        minQ);
    stats.policyLoss = checkFinite(loss.item(), Metrics.POLICY_LOSS, step);
    double meanPiLogPi = meanPiLogPi(logPi.value());
    stats.entropy = -meanPiLogPi;
    tape.grad(loss, actorParams, false, grads);
    actorOptimizer.step(critics.checkedValues(grads, Metrics.POLICY_LOSS, actor, null, step));

    // 4. temperature: J(log α) = −log α · (E Σ_a π log π + H̄), one Adam step on log α
    critics.stepTemperature(config.autotune(), meanPiLogPi, targetEntropy, stats, step);

    // 5. targets: θ_targ ← (1 − ρ)θ_targ + ρθ
    critics.updateTargets(config.polyak());
    return stats;
  }

  /** mean_i Σ_a π_ia log π_ia, the negative mean entropy. */
  private static double meanPiLogPi(DMatrixRMaj logPi) {
    double s = 0;
    for (int i = 0, n = logPi.getNumElements(); i < n; i++) {
      s += Math.exp(logPi.data[i]) * logPi.data[i];
    }
    return s / logPi.numRows;
  }
}
