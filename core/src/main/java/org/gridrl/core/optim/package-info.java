/**
 * First-order optimisers that update parameter matrices in place from gradients in the same
 * order: {@link org.gridrl.core.optim.Sgd} (with momentum), {@link org.gridrl.core.optim.Adam},
 * {@link org.gridrl.core.optim.GradClip} (global-norm clipping),
 * {@link org.gridrl.core.optim.Polyak} (target-network averaging) and
 * {@link org.gridrl.core.optim.GradientCombination} (per-task gradients into one direction);
 * learning-rate
 * {@link org.gridrl.core.optim.Schedule}s (constant, linear, cosine, step) applied through
 * {@link org.gridrl.core.optim.Optimizer#setLearningRate(double)}. Second-order pieces:
 * {@link org.gridrl.core.optim.ConjugateGradient} ((A + λI)x = b from products A·v) and
 * {@link org.gridrl.core.optim.TrustRegion} (TRPO's natural-gradient step with its
 * backtracking line search on a surrogate and a KL bound).
 */
package org.gridrl.core.optim;
