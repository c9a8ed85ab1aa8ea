/**
 * RL² (Duan et al. 2016): a recurrent policy whose hidden state, carried across the episodes of a
 * trial, is the learned adaptation rule, trained with PPO through time ({@link
 * org.gridrl.meta.rl2.Rl2}); {@link org.gridrl.meta.rl2.Rl2Tasks} adapts the bandit, random-MDP
 * and hidden-goal task families to trials, and {@link org.gridrl.meta.rl2.Rl2Policy} acts trial
 * by trial on new tasks from trained or loaded parameters.
 */
package org.gridrl.meta.rl2;
