/**
 * Random tabular MDPs as a meta-RL task distribution: {@link org.gridrl.envs.mdp.RandomMdp}, RL²'s
 * setting (Duan et al. 2016) of Dirichlet transitions and Gaussian rewards, with its exact
 * {@link org.gridrl.core.mdp.TabularMdp} and finite-horizon optimum.
 */
package org.gridrl.envs.mdp;
