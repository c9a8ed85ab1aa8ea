/**
 * Meta reinforcement learning.
 *
 * <p>So far: the classical baselines meta-learners are judged against, in
 * {@link org.gridrl.meta.baselines} (bandits: random, greedy, ε-greedy, UCB1, Thompson sampling
 * and the Gittins index policy with exact indices). Planned, each with its own issue and calling
 * the kernels in {@code org.gridrl.core}: RL^2 (a GRU policy from {@code core.nn} trained with
 * {@code core.pg}), MAML with second-order meta-gradients through {@code core.autodiff}, PEARL
 * (latent context + SAC), and PSRL on {@code core.planning}.
 */
package org.gridrl.meta;
