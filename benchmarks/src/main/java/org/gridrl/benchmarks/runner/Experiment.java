package org.gridrl.benchmarks.runner;

import java.time.Duration;

/**
 * One experiment of the {@code gridrl} command: a name ({@code gridrl run NAME}), a one-line
 * description, a config record holding every hyperparameter and the seeds, a {@code --quick}
 * variant that finishes in about a minute, and the run itself.
 *
 * <p>{@link #run} writes its results through the {@link RunContext} as it goes: one {@code
 * metrics.csv} row per iteration and seed, {@link RunContext#seedComplete} after each seed (which
 * rewrites {@code summary.json}), plots at the end. It must take all randomness from the config's
 * seeds, so a rerun with the same config gives the same numbers.
 *
 * @param <C> the config record
 */
public interface Experiment<C extends ExperimentConfig<C>> {

  /** The name on the command line: lower case, digits and '-' only. */
  String name();

  /** One line saying what the experiment shows. */
  String description();

  /**
   * How long {@code gridrl run NAME} takes, the full run or {@code --quick}: the wall time
   * measured on a 2-core machine with nothing else running (JVM start included), which
   * {@code gridrl list} shows; implementations say in a comment when and how it was measured.
   */
  Duration expectedRunTime(boolean quick);

  /** The full configuration (the numbers a report quotes). */
  C defaultConfig();

  /** The {@code --quick} configuration: same code path, about a minute or less. */
  C quickConfig();

  /**
   * Runs the experiment, writing through {@code ctx}.
   *
   * @param config the configuration. Not modified.
   * @param ctx the output folder and writers. Modified.
   * @throws Exception any failure; the runner records it in {@code summary.json} as the status
   */
  void run(C config, RunContext ctx) throws Exception;
}
