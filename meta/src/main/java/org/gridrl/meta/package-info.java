/**
 * Meta reinforcement learning.
 *
 * <p>Planned algorithms (each arrives with its own issue and calls the kernels in
 * {@code org.gridrl.core}): RL^2 (a GRU policy from {@code core.nn} trained with
 * {@code core.pg}), MAML with second-order meta-gradients through {@code core.autodiff}, PEARL
 * (latent context + SAC), and the classical baselines they are judged against (Gittins, UCB1,
 * Thompson sampling, PSRL on {@code core.planning}). Until then this module holds no classes.
 */
package org.gridrl.meta;
