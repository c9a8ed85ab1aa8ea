/**
 * Policy-gradient experiments: {@code pg-point-navigation} (PPO and SAC against the
 * straight-line policy on PointNavigation).
 */
package org.gridrl.benchmarks.experiments.pg;
