/**
 * Sweeps ({@code gridrl sweep FILE}): one experiment over the cross product of a grid of config
 * settings and a list of seeds, one run ({@link org.gridrl.benchmarks.sweep.RunSpec}: a config and
 * one seed) per folder, written by the runner of {@code gridrl run}, and {@code sweep.csv},
 * {@code sweep.json} and plots over the runs. A {@link org.gridrl.benchmarks.sweep.SweepRunner}
 * executes the specs: {@link org.gridrl.benchmarks.sweep.LocalSweepRunner} on a thread pool here,
 * the {@code gridrl-spark} module on an Apache Spark cluster; each run is pure in its spec, so the
 * files do not depend on which runner, or how many threads, ran it.
 */
package org.gridrl.benchmarks.sweep;
