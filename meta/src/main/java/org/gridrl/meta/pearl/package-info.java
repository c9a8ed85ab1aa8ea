/**
 * PEARL (Rakelly et al. 2019; the authors' code katerakelly/oyster): a probabilistic context
 * encoder whose per-transition Gaussian factors combine as a product into q(z|c) ({@link
 * org.gridrl.meta.pearl.ProductOfGaussians}, {@link org.gridrl.meta.pearl.ContextEncoder}), the
 * KL to the unit-Gaussian prior and the reparameterised z ({@link
 * org.gridrl.meta.pearl.LatentPosterior}, on {@code core.dist.DiagGaussian}), meta-training with
 * core's SAC on [s | z] and the encoder trained through the critics' loss ({@link
 * org.gridrl.meta.pearl.Pearl#train}, settings {@link org.gridrl.meta.pearl.PearlConfig}), and
 * test-time posterior sampling with a trained or loaded agent ({@link
 * org.gridrl.meta.pearl.PearlAgent}, {@link org.gridrl.meta.pearl.Pearl#evaluate}); for discrete
 * actions (HiddenGoalGrid) the same loop over core's discrete SAC with a categorical policy and
 * one-hot actions in the context ({@link org.gridrl.meta.pearl.Pearl#trainDiscrete}, {@link
 * org.gridrl.meta.pearl.Pearl#evaluateDiscrete}).
 */
package org.gridrl.meta.pearl;
