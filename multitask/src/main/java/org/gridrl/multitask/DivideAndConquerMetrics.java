package org.gridrl.multitask;

import java.util.List;

/**
 * The metric keys of {@link DivideAndConquer}, each spelled once, in the {@code dnc/} namespace.
 * Iterations 1..I are the local phase, I+1..I+G the global PPO phase.
 */
public final class DivideAndConquerMetrics {

  /**
   * Local phase: the mean over contexts of the mean undiscounted return of the local policy's
   * episodes that ended in the batch; global phase: the global policy's, over all contexts.
   */
  public static final String EPISODIC_RETURN = "dnc/episodic_return";

  /**
   * Local phase: the mean over contexts and steps of α Σ_{j≠i} (log π_i(a_t|s_t) −
   * log π_j(a_t|s_t)), the penalty subtracted from the reward.
   */
  public static final String PENALTY = "dnc/penalty";

  /** The mean PPO policy loss (over contexts in the local phase). */
  public static final String POLICY_LOSS = "dnc/policy_loss";

  /**
   * In iterations that distil: (1/N) Σ_i Σ_{t ∈ batch i} KL(π_i(·|s_t) ‖ π_G(·|s_t)) before the
   * last distillation step.
   */
  public static final String DISTILL_KL = "dnc/distill_kl";

  /** Every key above, in order. */
  public static final List<String> ALL = List.of(EPISODIC_RETURN, PENALTY, POLICY_LOSS,
      DISTILL_KL);

  private DivideAndConquerMetrics() {
  }
}
