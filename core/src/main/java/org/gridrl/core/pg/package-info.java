/**
 * The policy-gradient family. Data: {@link org.gridrl.core.pg.Batch} and
 * {@link org.gridrl.core.pg.Trajectory} (on-policy experience with terminated / truncated
 * flags), filled by the seeded vectorised {@link org.gridrl.core.pg.Sampler}, and the
 * preallocated {@link org.gridrl.core.pg.ReplayBuffer}. Estimators:
 * {@link org.gridrl.core.pg.Returns} (discounted reward-to-go) and
 * {@link org.gridrl.core.pg.Gae} (generalised advantage estimation). Losses:
 * {@link org.gridrl.core.pg.PgLosses} (score function, PPO clipped surrogate, value and clipped
 * value loss, SAC's soft target, actor and temperature losses) on core.autodiff tensors.
 * Policies: {@link org.gridrl.core.pg.Policy} with a categorical head
 * ({@link org.gridrl.core.pg.CategoricalPolicy}, core.dist.Categorical), a diagonal Gaussian
 * head ({@link org.gridrl.core.pg.GaussianPolicy}) or SAC's squashed Gaussian mapped onto the
 * action box ({@link org.gridrl.core.pg.TanhGaussianPolicy}).
 *
 * <p>Algorithms, each the same shape (a validated config record with defaults and a
 * record-builder; a static {@code train} whose steps are the paper's, each a call into these
 * kernels; a {@link org.gridrl.core.pg.PgResult} with the trained networks, the metrics history,
 * {@code converged} and a {@code Provenance}; metric keys from {@link org.gridrl.core.pg.Metrics}
 * listed in the algorithm's {@code METRICS}): {@link org.gridrl.core.pg.Reinforce} (Williams
 * 1992, with a learned baseline), {@link org.gridrl.core.pg.A2c} (Mnih et al. 2016, synchronous)
 * and {@link org.gridrl.core.pg.Ppo} (Schulman et al. 2017, clipped) on one collect-then-update
 * loop, and off-policy {@link org.gridrl.core.pg.Sac} (Haarnoja et al. 2018: twin Q,
 * Polyak-averaged targets, automatic temperature). Its one-minibatch update exists for continuous
 * actions ({@link org.gridrl.core.pg.SacLearner}) and for discrete ones ({@link
 * org.gridrl.core.pg.DiscreteSacLearner}, Christodoulou 2019: Q(s, ·) over all actions, exact
 * expectations over π, losses {@link org.gridrl.core.pg.DiscreteSacLosses}); both share the
 * critics, targets and temperature.
 */
package org.gridrl.core.pg;
