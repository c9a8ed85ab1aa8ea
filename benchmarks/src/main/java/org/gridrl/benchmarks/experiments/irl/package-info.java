/**
 * Inverse RL experiments: {@code irl-gridworld} (every method recovers a reward whose optimal
 * policy matches the expert's), {@code irl-objectworld} and {@code irl-binaryworld} (expected
 * value difference on the training and a transfer world against the number of demonstrations,
 * for max-margin, MaxEnt and deep MaxEnt), with reward heat maps; and the JMH benchmark of one
 * MaxEnt iteration against one soft VI solve plus one visitation pass.
 */
package org.gridrl.benchmarks.experiments.irl;
