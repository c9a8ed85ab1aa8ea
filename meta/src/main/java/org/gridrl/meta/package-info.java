/**
 * Meta reinforcement learning.
 *
 * <p>So far: the classical and Bayes-optimal baselines meta-learners are judged against, in
 * {@link org.gridrl.meta.baselines}: bandits (random, greedy, ε-greedy, UCB1, Thompson sampling
 * and the Gittins index policy with exact indices), random tabular MDPs (greedy and ε-greedy on
 * the posterior-mean model, BEB, UCRL2, PSRL on {@code core.planning}) and the hidden-goal grid
 * (the oracle and the exact Bayes-optimal search). Planned, each calling the kernels in
 * {@code org.gridrl.core}: RL^2 (a GRU policy from {@code core.nn} trained with
 * {@code core.pg}), MAML with second-order meta-gradients through {@code core.autodiff}, PEARL
 * (latent context + SAC).
 */
package org.gridrl.meta;
