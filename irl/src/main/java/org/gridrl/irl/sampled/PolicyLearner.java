package org.gridrl.irl.sampled;

/**
 * The policy learner of an adversarial imitation method ({@link Gail}, {@link Airl}): how π is
 * improved on the discriminator's reward between discriminator updates.
 */
public enum PolicyLearner {
  /**
   * On-policy {@code core.pg.Ppo} (Schulman et al. 2017): each iteration collects a fresh batch
   * with the sampler's environments, rewards it with the updated discriminator and takes one PPO
   * update. Tabular and continuous actions.
   */
  PPO,
  /**
   * Off-policy {@code core.pg.Sac} (Haarnoja et al. 2018) on one environment with continuous,
   * bounded actions: each iteration is a number of SAC steps, every update on a replayed
   * minibatch whose rewards the current discriminator recomputes
   * ({@code core.pg.ReplayReward}), then a discriminator update on transitions drawn from the
   * replay buffer (as Kostrikov et al. 2019, "Discriminator-Actor-Critic", run GAIL
   * off-policy).
   */
  SAC
}
