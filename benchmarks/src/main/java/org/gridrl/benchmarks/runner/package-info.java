/**
 * The experiment runner every gridrl experiment uses: an {@link
 * org.gridrl.benchmarks.runner.Experiment} (name, description, config record with its seeds,
 * a {@code --quick} variant) is run by {@link org.gridrl.benchmarks.runner.ExperimentRunner},
 * which hands it a {@link org.gridrl.benchmarks.runner.RunContext}. The context writes the
 * output folder as the run goes: {@code metrics.csv} (flushed each row), {@code summary.json}
 * (rewritten after each seed, with a status field), PNG plots ({@link
 * org.gridrl.benchmarks.runner.Plots}), and shows progress on stderr, every file through a
 * temporary name and an atomic rename ({@link org.gridrl.benchmarks.runner.AtomicFiles}). {@link
 * org.gridrl.benchmarks.runner.OutputFolder} checks the folder first: a folder holding another
 * run is refused unless the run resumes it (keeping its finished seeds) or overwrites it. A run
 * that is stopped keeps everything it finished, and resuming it ends with the same {@code
 * metrics.csv} as an uninterrupted run. {@link org.gridrl.benchmarks.runner.ConfigFile} reads a
 * config from {@code --config FILE} or {@code --set FIELD=VALUE}, and {@link
 * org.gridrl.benchmarks.runner.ConfigDocs} gives {@code gridrl describe} each config field's
 * javadoc sentence.
 */
package org.gridrl.benchmarks.runner;
