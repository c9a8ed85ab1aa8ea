/**
 * The experiments of {@code gridrl run}, registered in {@link
 * org.gridrl.benchmarks.experiments.Experiments#registry()}: {@code quickstart} (FourRooms solved
 * by soft and hard value iteration).
 */
package org.gridrl.benchmarks.experiments;
