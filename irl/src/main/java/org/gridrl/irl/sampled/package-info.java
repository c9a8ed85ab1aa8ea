/**
 * Inverse RL from samples: methods that never read the dynamics and learn from transitions
 * ({@link org.gridrl.irl.sampled.Transitions}) on any {@code core.env.Env}, tabular (one-hot or
 * feature observations, categorical policy) or continuous (Gaussian policy), through
 * {@code core.pg.Sampler} and {@code core.pg.Ppo}. Each returns a
 * {@link org.gridrl.irl.sampled.SampledIrlResult} (policy, {@link
 * org.gridrl.irl.sampled.LearnedReward}, history, provenance) and reports the keys of
 * {@link org.gridrl.irl.sampled.Metrics}. On tabular worlds every method is checked against an
 * exact answer from {@code core.planning} in the tests.
 */
package org.gridrl.irl.sampled;
