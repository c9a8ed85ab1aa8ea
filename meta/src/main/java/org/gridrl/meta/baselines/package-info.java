/**
 * The classical baselines meta-learners are judged against, each a policy over one trial's
 * history. Bandits ({@link org.gridrl.meta.baselines.BanditPolicy}): random, greedy and
 * ε-greedy on posterior means ({@link org.gridrl.meta.baselines.EpsilonGreedy}), UCB1, Thompson
 * sampling, and the Gittins index policy with exact indices
 * ({@link org.gridrl.meta.baselines.GittinsIndex}, calibration by backward induction over Beta
 * posteriors with a stated truncation bound); {@link org.gridrl.meta.baselines.BanditTrials}
 * runs one on fresh tasks and records each trial's total reward and pseudo-regret.
 */
package org.gridrl.meta.baselines;
