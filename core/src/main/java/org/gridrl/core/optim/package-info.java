/**
 * First-order optimisers that update parameter matrices in place from gradients in the same
 * order: {@link org.gridrl.core.optim.Sgd} (with momentum), {@link org.gridrl.core.optim.Adam},
 * {@link org.gridrl.core.optim.GradClip} (global-norm clipping),
 * {@link org.gridrl.core.optim.Polyak} (target-network averaging) and
 * {@link org.gridrl.core.optim.GradientCombination} (per-task gradients into one direction);
 * learning-rate
 * {@link org.gridrl.core.optim.Schedule}s (constant, linear, cosine, step) applied through
 * {@link org.gridrl.core.optim.Optimizer#setLearningRate(double)}.
 */
package org.gridrl.core.optim;
