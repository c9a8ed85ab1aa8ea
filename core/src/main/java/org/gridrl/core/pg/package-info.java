/**
 * The shared policy-gradient kernels. Data: {@link org.gridrl.core.pg.Batch} and
 * {@link org.gridrl.core.pg.Trajectory} (on-policy experience with terminated / truncated
 * flags), filled by the seeded vectorised {@link org.gridrl.core.pg.Sampler}. Estimators:
 * {@link org.gridrl.core.pg.Returns} (discounted reward-to-go) and
 * {@link org.gridrl.core.pg.Gae} (generalised advantage estimation). Losses:
 * {@link org.gridrl.core.pg.PgLosses} (score-function, PPO clipped surrogate, clipped value
 * loss) on core.autodiff tensors. Algorithms, each a config record and a {@code train} whose
 * steps are the lecture's steps: {@link org.gridrl.core.pg.Reinforce} (Williams 1992, with a
 * learned baseline), {@link org.gridrl.core.pg.A2c} (Mnih et al. 2016, synchronous),
 * {@link org.gridrl.core.pg.Ppo} (Schulman et al. 2017, clipped). Policies:
 * {@link org.gridrl.core.pg.Policy} with a categorical head (core.dist.Categorical) or a
 * diagonal Gaussian head (core.dist.DiagGaussian) on a core.nn.Mlp.
 */
package org.gridrl.core.pg;
