/**
 * RL² (Duan et al. 2016): a recurrent policy whose hidden state, carried across the episodes of a
 * trial, is the learned adaptation rule, trained with PPO through time ({@link
 * org.gridrl.meta.rl2.Rl2}), or with the paper's TRPO step on core's trust region ({@link
 * org.gridrl.meta.rl2.Rl2TrustRegion}), with a categorical head over discrete actions or a diagonal
 * Gaussian head (rllab's {@code GaussianGRUPolicy}: state-independent learned log σ) over
 * continuous ones, one loop for both; {@link org.gridrl.meta.rl2.Rl2Tasks} adapts the bandit,
 * random-MDP and hidden-goal task families to trials, {@link org.gridrl.meta.rl2.Rl2BoxTasks}
 * continuous-action families such as PEARL's sparse point robot, and {@link
 * org.gridrl.meta.rl2.Rl2Policy} acts trial by trial on new tasks from trained or loaded
 * parameters.
 */
package org.gridrl.meta.rl2;
