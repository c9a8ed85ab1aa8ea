/**
 * Probability distributions over actions whose parameters are core.autodiff tensors, so
 * log-probabilities, entropies and KL divergences are differentiable: {@link
 * org.gridrl.core.dist.Categorical} (from logits) and {@link org.gridrl.core.dist.DiagGaussian}
 * (mean and log standard deviation), each with sampling from a seeded
 * {@link org.gridrl.core.util.Rng}; the Gaussian also has the reparameterised sample
 * x = μ + σ ⊙ ε.
 */
package org.gridrl.core.dist;
