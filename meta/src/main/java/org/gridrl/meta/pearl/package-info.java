/**
 * PEARL (Rakelly et al. 2019): a probabilistic context encoder whose per-transition Gaussian
 * factors combine as a product into q(z|c) ({@link org.gridrl.meta.pearl.ProductOfGaussians},
 * {@link org.gridrl.meta.pearl.ContextEncoder}), the KL to the unit-Gaussian prior and the
 * reparameterised sample of z ({@link org.gridrl.meta.pearl.LatentPosterior}, on {@code
 * core.dist.DiagGaussian}), and the settings of the authors' code ({@link
 * org.gridrl.meta.pearl.PearlConfig}).
 */
package org.gridrl.meta.pearl;
