package org.gridrl.irl.sampled;

import java.util.Set;

/**
 * The metric keys of the sample-based IRL methods, each spelled once. Every method of this
 * package reports only these, plus the keys of the policy learner's update
 * ({@code core.pg.Metrics}: {@code losses/...}), through a
 * {@link org.gridrl.core.util.TrainingListener}, one row per iteration (pinned by
 * {@code SampledMetricsTest}):
 * <ul>
 *   <li>discriminator methods ({@code Gail}, {@code Airl}): {@value #DISC_LOSS},
 *       {@value #DISC_EXPERT_ACC}, {@value #DISC_POLICY_ACC} (and {@value #DISC_GRAD_PENALTY}
 *       with a gradient penalty), {@value #REWARD_MEAN}, {@value #POLICY_RETURN};</li>
 *   <li>{@code GuidedCostLearning}: {@value #REWARD_LOSS}, {@value #REWARD_LOG_Z},
 *       {@value #REWARD_ESS} (and {@value #REWARD_LCR}, {@value #REWARD_MONO} with the
 *       regularisers),
 *       {@value #REWARD_MEAN}, {@value #POLICY_RETURN};</li>
 *   <li>{@code BehaviourCloning}: {@value #BC_NLL}, {@value #BC_ACCURACY}.</li>
 * </ul>
 * {@value #REWARD_CORR} and {@value #POLICY_NORMALISED_RETURN} are reported by callers that know
 * the truth (the experiments, from {@code core.planning}); they are declared here so that every
 * run of the family speaks one vocabulary.
 */
public final class Metrics {

  /** Discriminator: mean logistic loss of the iteration's last epoch, expert labelled 1. */
  public static final String DISC_LOSS = "disc/loss";
  /** Discriminator: fraction of expert rows with D &gt; 1/2, after the update. */
  public static final String DISC_EXPERT_ACC = "disc/expert_acc";
  /** Discriminator: fraction of policy rows with D &lt; 1/2, after the update. */
  public static final String DISC_POLICY_ACC = "disc/policy_acc";
  /** Discriminator: the gradient penalty E[‖∇ₓ logit‖²] over the expert rows (R1), before its weight. */
  public static final String DISC_GRAD_PENALTY = "disc/grad_penalty";
  /** GCL: the IOC loss, −(1/N) Σ_demo R_θ(τ) + log Ẑ (+ the regulariser). */
  public static final String REWARD_LOSS = "reward/loss";
  /** GCL: the importance-sampled log Ẑ = log (1/M) Σ_j exp(R_θ(τ_j)) / q̄(τ_j). */
  public static final String REWARD_LOG_Z = "reward/log_z";
  /** GCL: the effective sample size of the normalised weights over M, (Σw)² / (M Σw²). */
  public static final String REWARD_ESS = "reward/ess";
  /** GCL: the local-constant-rate regulariser's value (before its weight). */
  public static final String REWARD_LCR = "reward/lcr";
  /** GCL: the monotonic-progress regulariser's value along the demos (before its weight). */
  public static final String REWARD_MONO = "reward/mono";
  /** The learned reward's mean over the iteration's policy steps (what the policy learner saw). */
  public static final String REWARD_MEAN = "reward/mean";
  /** Pearson r of the learned reward with the true one, reported by callers that know it. */
  public static final String REWARD_CORR = "reward/corr";
  /** Mean true undiscounted return of the episodes that ended in the iteration's batch. */
  public static final String POLICY_RETURN = "policy/return";
  /** (J − J_unif) / (J* − J_unif) by exact policy evaluation, reported by callers that know it. */
  public static final String POLICY_NORMALISED_RETURN = "policy/normalised_return";
  /** Behaviour cloning: mean −log π(a|s) over the expert rows, after the epoch. */
  public static final String BC_NLL = "bc/nll";
  /** Behaviour cloning, discrete actions: fraction of expert rows whose action is π's mode. */
  public static final String BC_ACCURACY = "bc/accuracy";

  /** Every key above. */
  public static final Set<String> ALL = Set.of(DISC_LOSS, DISC_EXPERT_ACC, DISC_POLICY_ACC,
      DISC_GRAD_PENALTY, REWARD_LOSS, REWARD_LOG_Z, REWARD_ESS, REWARD_LCR, REWARD_MONO,
      REWARD_MEAN, REWARD_CORR, POLICY_RETURN, POLICY_NORMALISED_RETURN, BC_NLL, BC_ACCURACY);

  private Metrics() {
  }
}
