/**
 * The experiment runner every gridrl experiment uses: an {@link
 * org.gridrl.benchmarks.runner.Experiment} (name, description, config record with its seeds,
 * a {@code --quick} variant) is run by {@link org.gridrl.benchmarks.runner.ExperimentRunner},
 * which hands it a {@link org.gridrl.benchmarks.runner.RunContext}. The context writes the
 * output folder as the run goes: {@code metrics.csv} (flushed each row), {@code summary.json}
 * (rewritten after each seed, with a status field), PNG plots ({@link
 * org.gridrl.benchmarks.runner.Plots}), and shows progress on stderr. A run that is stopped
 * keeps everything it finished.
 */
package org.gridrl.benchmarks.runner;
