/**
 * Policy-gradient experiments: {@code pg-fourrooms} (REINFORCE, A2C and PPO from core.pg on
 * FourRooms, scored by exact policy evaluation against value iteration).
 */
package org.gridrl.benchmarks.experiments.pg;
