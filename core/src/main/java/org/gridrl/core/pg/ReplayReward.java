package org.gridrl.core.pg;

/**
 * A reward computed when a transition is replayed, not when it was stored:
 * r_k = r_φ(s_k, a_k, s'_k, d_k) for every row k of a minibatch drawn from the
 * {@link ReplayBuffer}, with the reward model's parameters φ as they are at that update. An
 * off-policy learner trained on a reward that itself changes during training (AIRL's
 * f(s, a, s') − log π(a|s), Fu, Luo &amp; Levine 2018; GAIL's −log(1 − D(s, a)), Ho &amp; Ermon
 * 2016, as run off-policy by Kostrikov et al. 2019, "Discriminator-Actor-Critic") must not store
 * it: a reward written at acting time would be replayed long after φ moved on.
 *
 * <p>{@link Sac} calls {@link #relabel} on every minibatch it samples, after
 * {@link ReplayBuffer#sample} and before the update, when one is given to
 * {@link Sac#Sac(org.gridrl.core.env.Env, SacConfig, ReplayReward)}; the environment's reward
 * is still stored and reported as the episodic return, but no update reads it. Implementations
 * live with the reward model (core does not know about discriminators); they should allocate
 * nothing per call where they can, since SAC relabels at every environment step.
 */
@FunctionalInterface
public interface ReplayReward {

  /**
   * Writes the reward of every row of the minibatch into {@code batch.rewards}.
   *
   * @param batch the replayed transitions: {@code observations} s, {@code actions} a in SAC's
   *     unit box (−1, 1)^d (map them onto the environment's box with {@code policy}'s
   *     {@link TanhGaussianPolicy#toEnvironment} where the reward reads environment units),
   *     {@code nextObservations} s', {@code terminated} d — Not modified; {@code rewards},
   *     B × 1 — Modified (overwritten).
   * @param policy the policy being trained, as it is at this update (AIRL's reward reads its
   *     log π(a|s)). Not modified.
   * @param step the environment step of the update, for error messages
   * @throws ArithmeticException if a reward is NaN or infinite (naming the algorithm, the step
   *     and the quantity)
   */
  void relabel(ReplayBuffer.Minibatch batch, TanhGaussianPolicy policy, long step);
}
