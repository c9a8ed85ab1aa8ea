/**
 * Continuous 2-D point worlds for policy-gradient, multi-task and meta-RL experiments, each an
 * {@link org.gridrl.core.env.Env} over {@code double[]} positions and velocities that follows
 * its paper's reference code: {@link org.gridrl.envs.continuous.PointNavigation} (MAML's goal
 * navigation, goals uniform in [−0.5, 0.5]²), {@link org.gridrl.envs.continuous.SparsePointRobot}
 * (PEARL's sparse-reward half-circle goals), {@link org.gridrl.envs.continuous.PointMaze}
 * (AIRL's shifting maze, as a kinematic point), and the fixed multi-task family
 * {@link org.gridrl.envs.continuous.MultiGoalPoint} (PointNavigation with K fixed goals and a
 * one-hot task id). Goals are {@link org.gridrl.envs.continuous.Goal}
 * records, drawn from each class's {@link org.gridrl.core.env.TaskDistribution}.
 */
package org.gridrl.envs.continuous;
