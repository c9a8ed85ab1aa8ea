/**
 * The classical baselines meta-learners are judged against, each a policy over one trial's
 * history. Bandits ({@link org.gridrl.meta.baselines.BanditPolicy}): random, greedy and
 * ε-greedy on posterior means ({@link org.gridrl.meta.baselines.EpsilonGreedy}), UCB1, Thompson
 * sampling, and the Gittins index policy with exact indices
 * ({@link org.gridrl.meta.baselines.GittinsIndex}, calibration by backward induction over Beta
 * posteriors with a stated truncation bound); {@link org.gridrl.meta.baselines.BanditTrials}
 * runs one on fresh tasks and records each trial's total reward and pseudo-regret.
 *
 * <p>Tabular MDPs ({@link org.gridrl.meta.baselines.MdpTrialPolicy}, on
 * {@code envs.mdp.RandomMdp}): random, greedy and ε-greedy on the posterior-mean model
 * ({@link org.gridrl.meta.baselines.MdpEpsilonGreedy}, Dirichlet/Normal posterior
 * {@link org.gridrl.meta.baselines.MdpPosterior}), BEB ({@link org.gridrl.meta.baselines.Beb}),
 * UCRL2 ({@link org.gridrl.meta.baselines.Ucrl2}) and posterior sampling
 * ({@link org.gridrl.meta.baselines.Psrl}), each planned by core's finite-horizon value
 * iteration except UCRL2's extended VI; {@link org.gridrl.meta.baselines.MdpTrials} runs one
 * over trials of several episodes, {@link org.gridrl.meta.baselines.MdpBaselineTuning} picks a
 * constant on a separate seed set.
 *
 * <p>The hidden-goal grid ({@code envs.meta.HiddenGoalGrid}, {@link
 * org.gridrl.meta.baselines.HiddenGoalPolicy} over a {@link org.gridrl.meta.baselines.GoalBelief}):
 * the oracle that knows the goal ({@link org.gridrl.meta.baselines.HiddenGoalOracle}), search
 * paths with exact values ({@link org.gridrl.meta.baselines.GoalSearchPolicy}) and the
 * Bayes-optimal planner over the belief for the whole trial
 * ({@link org.gridrl.meta.baselines.GoalSearchPlanner}: exact by a memoised DP where it fits,
 * otherwise certified upper and lower bounds).
 */
package org.gridrl.meta.baselines;
