package org.gridrl.core.pg;

import static org.gridrl.core.pg.SoftCritics.checkFinite;
import static org.gridrl.core.pg.SoftCritics.fillGaussian;
import static org.gridrl.core.pg.SoftCritics.leaves;
import static org.gridrl.core.pg.SoftCritics.mean;

import java.util.ArrayList;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.gridrl.core.autodiff.Tape;
import org.gridrl.core.autodiff.Tensor;
import org.gridrl.core.dist.TanhGaussian;
import org.gridrl.core.nn.Mlp;
import org.gridrl.core.optim.Adam;
import org.gridrl.core.util.Rng;
import org.gridrl.core.util.TrainingListener;

/**
 * SAC's gradient update on one minibatch (Haarnoja et al. 2018; the steps of {@link Sac}'s
 * class comment): the actor's Adam optimiser, the twin critics with their Polyak targets and the
 * temperature (SoftCritics, shared with {@link DiscreteSacLearner}), and the scratch that lets
 * an update allocate nothing after the first (the tape's pooled tensors, the noise, the
 * targets, the min-mask, the leaf and gradient lists, the rebound distributions and samples,
 * and the returned {@link Stats} holder). The losses are {@link PgLosses}'. Not thread-safe.
 *
 * <p>Public so that a learner whose observations carry an input learned elsewhere can reuse
 * this update instead of a second SAC: PEARL (meta.pearl) appends its task variable z to s and
 * s', and trains its context encoder through the critics' loss with
 * {@link #update(ReplayBuffer.Minibatch, Rng, long, DMatrixRMaj)}, which also returns
 * ∂(L_Q1 + L_Q2)/∂s. {@link Sac} and {@link MultiTaskSac} own one each.
 */
public final class SacLearner {

  /**
   * The statistics of the last update: a holder overwritten by every update (SAC updates every
   * environment step and must not allocate), read before the next one.
   */
  public static final class Stats {

    /** The keys {@link #report} emits, in order. */
    public static final List<String> KEYS = List.of(Metrics.Q1_LOSS, Metrics.Q2_LOSS,
        Metrics.POLICY_LOSS, Metrics.ALPHA_LOSS, Metrics.ALPHA, Metrics.Q1_MEAN, Metrics.ENTROPY);

    double q1Loss = Double.NaN;
    double q2Loss = Double.NaN;
    double policyLoss = Double.NaN;
    double alphaLoss = Double.NaN;
    double alpha = Double.NaN;
    double q1Mean = Double.NaN;
    double entropy = Double.NaN;

    /** Emits the update's scalars for {@code iteration}, in the order of {@link #KEYS}. */
    public void report(TrainingListener l, long iteration) {
      l.onScalar(iteration, Metrics.Q1_LOSS, q1Loss);
      l.onScalar(iteration, Metrics.Q2_LOSS, q2Loss);
      l.onScalar(iteration, Metrics.POLICY_LOSS, policyLoss);
      l.onScalar(iteration, Metrics.ALPHA_LOSS, alphaLoss);
      l.onScalar(iteration, Metrics.ALPHA, alpha);
      l.onScalar(iteration, Metrics.Q1_MEAN, q1Mean);
      l.onScalar(iteration, Metrics.ENTROPY, entropy);
    }
  }

  private final SacConfig config;
  private final TanhGaussianPolicy policy;
  private final Mlp actor;
  private final SoftCritics critics;
  private final Adam actorOptimizer;
  private final double targetEntropy;
  private final Stats stats = new Stats();

  private final Tape tape = new Tape();
  private final DMatrixRMaj epsCurrent;
  private final DMatrixRMaj epsNext;
  private final DMatrixRMaj target;
  private final DMatrixRMaj minMask;
  private final List<Tensor> criticParams = new ArrayList<>();
  private final List<Tensor> actorParams = new ArrayList<>();
  private final List<Tensor> frozen1 = new ArrayList<>();
  private final List<Tensor> frozen2 = new ArrayList<>();
  private final List<Tensor> grads = new ArrayList<>();
  // distributions and samples rebound on every update (made on the first)
  private TanhGaussian piNext;
  private TanhGaussian piCurrent;
  private TanhGaussian.Sample nextSample;
  private TanhGaussian.Sample currentSample;

  /**
   * The critics Q₁, Q₂ ([s, a] → 1, ReLU, Xavier-uniform) from {@code init} after the actor,
   * targets copied from them, α = {@code config.initialAlpha()}.
   *
   * @param policy the actor being trained. Modified by {@link #update}.
   * @param init the initialisation stream the actor was drawn from. Modified.
   */
  public SacLearner(SacConfig config, TanhGaussianPolicy policy, Rng init) {
    this.config = config;
    this.policy = policy;
    this.actor = policy.network();
    int obsDim = policy.observationDim();
    int actDim = policy.actionDim();
    this.targetEntropy = -actDim;
    int[] criticSizes = TanhGaussianPolicy.sizes(obsDim + actDim, config.hiddenWidth(),
        config.hiddenLayers(), 1);
    this.critics = new SoftCritics(criticSizes, config, init);
    this.actorOptimizer = new Adam(actor.parameterValues(),
        Adam.Config.defaults().withLearningRate(config.policyLearningRate()));
    int b = config.batchSize();
    this.epsCurrent = new DMatrixRMaj(b, actDim);
    this.epsNext = new DMatrixRMaj(b, actDim);
    this.target = new DMatrixRMaj(b, 1);
    this.minMask = new DMatrixRMaj(b, 1);
  }

  /** The temperature α = exp(log α). */
  public double alpha() {
    return critics.alpha();
  }

  /** The critic {@code q1}, on [s, a]. */
  public Mlp q1() {
    return critics.q1;
  }

  /** The critic {@code q2}, on [s, a]. */
  public Mlp q2() {
    return critics.q2;
  }

  /** The critic {@code q1Target}, on [s, a]. */
  public Mlp q1Target() {
    return critics.q1Target;
  }

  /** The critic {@code q2Target}, on [s, a]. */
  public Mlp q2Target() {
    return critics.q2Target;
  }

  /**
   * One update of critics, actor and temperature on a minibatch, then the targets.
   *
   * @param batch (s, a, r, s', d), actions in the unit box. Not modified.
   * @param noise the stream of the reparameterisation noise (first for s', then for s).
   *     Modified.
   * @param step the environment step, for error messages
   * @return the update's statistics, in a holder overwritten by the next update
   * @throws ArithmeticException if a loss or gradient is NaN or infinite
   */
  public Stats update(ReplayBuffer.Minibatch batch, Rng noise, long step) {
    return update(batch, noise, step, null);
  }

  /**
   * {@link #update(ReplayBuffer.Minibatch, Rng, long)} that also writes the gradient of the
   * critics' loss with respect to the observations, ∂(L_Q1 + L_Q2)/∂s (taken in step 2, before
   * the critics' Adam step), so that whatever produced part of s can be trained through the
   * critics. With {@code observationGradient} null it is that method, bit for bit; otherwise
   * the numbers of the update are the same too (s is only also a leaf of the critics' tape).
   *
   * @param batch (s, a, r, s', d), actions in the unit box. Not modified.
   * @param noise the stream of the reparameterisation noise (first for s', then for s).
   *     Modified.
   * @param step the environment step, for error messages
   * @param observationGradient B × obsDim, or null. Modified.
   * @return the update's statistics, in a holder overwritten by the next update
   * @throws ArithmeticException if a loss or gradient is NaN or infinite
   */
  public Stats update(ReplayBuffer.Minibatch batch, Rng noise, long step,
      DMatrixRMaj observationGradient) {
    SoftCritics.checkObservationShape(observationGradient, batch.observations);
    Mlp q1 = critics.q1;
    Mlp q2 = critics.q2;
    Mlp q1Target = critics.q1Target;
    Mlp q2Target = critics.q2Target;
    fillGaussian(noise, epsNext);
    fillGaussian(noise, epsCurrent);
    double alpha = alpha();

    // 1. the soft target y = r + γ(1 − d)(min Q_targ(s', a') − α log π(a'|s')), a' ~ π(·|s')
    tape.reset();
    piNext = policy.distribution(tape, tape.constant(batch.nextObservations),
        TanhGaussianPolicy.constants(tape, actor, frozen1), piNext);
    nextSample = piNext.rsample(epsNext, nextSample);
    Tensor nextSa = tape.concat(tape.constant(batch.nextObservations), nextSample.action(), 1);
    Tensor q1Next = q1Target.forward(tape, nextSa,
        TanhGaussianPolicy.constants(tape, q1Target, frozen1));
    Tensor q2Next = q2Target.forward(tape, nextSa,
        TanhGaussianPolicy.constants(tape, q2Target, frozen2));
    PgLosses.softTarget(batch.rewards, batch.terminated, q1Next.value(), q2Next.value(),
        nextSample.logProb().value(), config.gamma(), alpha, target);

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
    Tensor sa = tape.concat(s, tape.constant(batch.actions), 1);
    Tensor y = tape.constant(target);
    Tensor q1v = q1.forward(tape, sa, criticParams, 0);
    Tensor q2v = q2.forward(tape, sa, criticParams, n1);
    Tensor l1 = PgLosses.valueMse(tape, q1v, y);
    Tensor l2 = PgLosses.valueMse(tape, q2v, y);
    stats.q1Loss = checkFinite(l1.item(), Metrics.Q1_LOSS, step);
    stats.q2Loss = checkFinite(l2.item(), Metrics.Q2_LOSS, step);
    stats.q1Mean = mean(q1v.value());
    tape.grad(tape.add(l1, l2), criticParams, false, grads);
    if (observationGradient != null) {
      observationGradient.setTo(grads.remove(grads.size() - 1).value());
    }
    critics.stepCritics(grads, step);

    // 3. actor: L_π = mean (α log π(ã|s) − min_i Q_i(s, ã)), ã ~ π(·|s), critics held fixed
    tape.reset();
    actorParams.clear();
    leaves(tape, actor, actorParams);
    Tensor obs = tape.constant(batch.observations);
    List<Tensor> q1Fixed = TanhGaussianPolicy.constants(tape, q1, frozen1);
    List<Tensor> q2Fixed = TanhGaussianPolicy.constants(tape, q2, frozen2);
    piCurrent = policy.distribution(tape, obs, actorParams, piCurrent);
    currentSample = piCurrent.rsample(epsCurrent, currentSample);
    double meanLogPi = mean(currentSample.logProb().value());
    Tensor saNew = tape.concat(obs, currentSample.action(), 1);
    Tensor loss = PgLosses.sacActor(tape, currentSample.logProb(),
        q1.forward(tape, saNew, q1Fixed, 0), q2.forward(tape, saNew, q2Fixed, 0), alpha,
        minMask);
    stats.policyLoss = checkFinite(loss.item(), Metrics.POLICY_LOSS, step);
    stats.entropy = -meanLogPi;
    tape.grad(loss, actorParams, false, grads);
    actorOptimizer.step(critics.checkedValues(grads, Metrics.POLICY_LOSS, actor, null, step));

    // 4. temperature: J(log α) = −log α · (mean log π + H̄), one Adam step on log α
    critics.stepTemperature(config.autotune(), meanLogPi, targetEntropy, stats, step);

    // 5. targets: θ_targ ← (1 − ρ)θ_targ + ρθ
    critics.updateTargets(config.polyak());
    return stats;
  }
}
