/**
 * Multi-armed bandits as environments and task distributions
 * ({@link org.gridrl.envs.bandit.BernoulliBandit}).
 */
package org.gridrl.envs.bandit;
