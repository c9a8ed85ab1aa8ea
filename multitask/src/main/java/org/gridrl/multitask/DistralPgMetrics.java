package org.gridrl.multitask;

import java.util.List;

/**
 * The metric keys of neural {@link Distral}, each spelled once, in the {@code distral/}
 * namespace of {@link DistralMetrics}; one row per iteration.
 */
public final class DistralPgMetrics {

  /**
   * The mean over tasks of the mean undiscounted return of the episodes that ended in the
   * iteration's batch (tasks where none ended are left out; absent if none ended anywhere).
   */
  public static final String EPISODIC_RETURN = "distral/episodic_return";

  /** The mean over tasks and steps of r_t + (α/β) log π0(a_t|s_t) − (1/β) log π_i(a_t|s_t). */
  public static final String REGULARISED_REWARD = "distral/regularised_reward";

  /** The mean over tasks of the PPO update's policy loss. */
  public static final String POLICY_LOSS = "distral/policy_loss";

  /**
   * (1/N) Σ_i Σ_{t ∈ batch i} KL(π_i(·|s_t) ‖ π0(·|s_t)) before the iteration's last
   * distillation step, N the pooled row count.
   */
  public static final String DISTILL_KL = "distral/distill_kl";

  /** Every key above, in order. */
  public static final List<String> ALL = List.of(EPISODIC_RETURN, REGULARISED_REWARD,
      POLICY_LOSS, DISTILL_KL);

  private DistralPgMetrics() {
  }
}
