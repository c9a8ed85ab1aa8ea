/**
 * Meta reinforcement learning.
 *
 * <p>So far: the classical and Bayes-optimal baselines meta-learners are judged against, in
 * {@link org.gridrl.meta.baselines}: bandits (random, greedy, ε-greedy, UCB1, Thompson sampling
 * and the Gittins index policy with exact indices), random tabular MDPs (greedy and ε-greedy on
 * the posterior-mean model, BEB, UCRL2, PSRL on {@code core.planning}) and the hidden-goal grid
 * (the oracle and the exact Bayes-optimal search). RL² in {@link org.gridrl.meta.rl2}: a GRU
 * policy ({@code core.nn.Gru}) over (observation, previous action, reward, done) whose state
 * persists across a trial's episodes, trained by PPO (core's GAE and clipped loss) with
 * backpropagation through whole trials. MAML in {@link org.gridrl.meta.maml}: exact
 * second-order meta-gradients through the recorded inner policy-gradient step
 * ({@code core.autodiff}), a first-order option, test-time adaptation. PEARL in
 * {@link org.gridrl.meta.pearl}: a context encoder whose Gaussian factors multiply into
 * q(z|c), SAC (core's) conditioned on z, posterior sampling at test time.
 */
package org.gridrl.meta;
