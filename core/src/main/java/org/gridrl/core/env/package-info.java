/**
 * The environment API shared by every sampling-based algorithm: {@link org.gridrl.core.env.Env}
 * ({@code reset(seed)}, {@code step(action)} giving a {@link org.gridrl.core.env.Step}),
 * observation and action {@link org.gridrl.core.env.Space}s ({@link org.gridrl.core.env.Discrete},
 * {@link org.gridrl.core.env.Box}), {@link org.gridrl.core.env.TabularEnv} (samples a
 * {@link org.gridrl.core.mdp.TabularMdp}), the wrappers {@link org.gridrl.core.env.TimeLimit},
 * {@link org.gridrl.core.env.OneHotTask} (task id appended to the observation),
 * {@link org.gridrl.core.env.NormalizeObservation} (running mean/variance),
 * {@link org.gridrl.core.env.NormalizeAction} (a policy acting in [−1, 1]^d rescaled to the
 * action box and clipped, rllab's {@code normalize}), and
 * {@link org.gridrl.core.env.TaskDistribution} (multi-task and meta-RL task families).
 */
package org.gridrl.core.env;
