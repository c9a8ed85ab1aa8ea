/**
 * Meta-RL experiments: {@code meta-hidden-goal}, RL² on VariBAD's hidden-goal grid against the
 * exact Bayes-optimal planner, the oracle and the random policy, per episode of a trial ({@link
 * org.gridrl.benchmarks.experiments.meta.MetaHiddenGoal}).
 */
package org.gridrl.benchmarks.experiments.meta;
