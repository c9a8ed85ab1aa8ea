/**
 * Probability distributions over actions whose parameters are core.autodiff tensors, so
 * log-probabilities, entropies and KL divergences are differentiable: {@link
 * org.gridrl.core.dist.Categorical} (from logits) and {@link org.gridrl.core.dist.DiagGaussian}
 * (mean and log standard deviation), each with sampling from a seeded
 * {@link org.gridrl.core.util.Rng}; the Gaussian also has the reparameterised sample
 * x = μ + σ ⊙ ε. {@link org.gridrl.core.dist.TanhGaussian} is SAC's squashed Gaussian
 * a = tanh(μ + σ ⊙ ε), whose log-probability carries the stable change-of-variables correction
 * log(1 − tanh(u)²) = 2·(log 2 − u − softplus(−2u)). {@link org.gridrl.core.dist.Dirichlet}
 * samples gamma and Dirichlet variates (Marsaglia–Tsang) for task distributions and posterior
 * sampling.
 */
package org.gridrl.core.dist;
