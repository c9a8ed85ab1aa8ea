/**
 * Policy-gradient experiments: {@code pg-fourrooms} (REINFORCE, A2C and PPO from core.pg on
 * FourRooms, scored by exact policy evaluation against value iteration) and
 * {@code pg-point-navigation} (PPO and SAC on PointNavigation with one fixed goal, against the
 * straight-line policy's return).
 */
package org.gridrl.benchmarks.experiments.pg;
