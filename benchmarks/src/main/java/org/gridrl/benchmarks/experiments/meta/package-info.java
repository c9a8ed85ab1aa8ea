/**
 * The meta-RL experiments of issue 14: {@code rl2-bandits} (RL²'s Table 1, multi-armed bandits)
 * and {@code rl2-mdps} (RL²'s Table 2, random tabular MDPs), every classical baseline of
 * {@code meta.baselines} beside Duan et al.'s published numbers ({@link
 * org.gridrl.benchmarks.experiments.meta.Rl2Published}), with per-cell tuned constants and a
 * ±2 standard-error check, and RL² trained per cell and scored on the same trials ({@link
 * org.gridrl.benchmarks.experiments.meta.PublishedTable}); and {@code meta-hidden-goal}, RL²,
 * MAML and PEARL on VariBAD's hidden-goal grid against the exact Bayes-optimal planner, the
 * oracle and the random policy, per episode of a trial ({@link
 * org.gridrl.benchmarks.experiments.meta.MetaHiddenGoal}). Issue 15: {@code maml-navigation},
 * MAML (second and first order) on 2-D point navigation against a pre-trained policy, a random
 * initialisation and the straight-line oracle, after 0..3 test-time gradient steps ({@link
 * org.gridrl.benchmarks.experiments.meta.MamlNavigation}).
 */
package org.gridrl.benchmarks.experiments.meta;
