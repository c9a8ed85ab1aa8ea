package org.gridrl.benchmarks.runner;

import java.time.Duration;

/**
 * One experiment of the {@code gridrl} command: a name ({@code gridrl run NAME}), a one-line
 * description, a config record holding every hyperparameter and the seeds, a {@code --quick}
 * variant (the same code on a shorter protocol), and the run itself.
 *
 * <p>{@link #run} writes its results through the {@link RunContext} as it goes: one {@code
 * metrics.csv} row per iteration and seed, {@link RunContext#seedComplete} after each seed (which
 * rewrites {@code summary.json}), plots at the end. It must take all randomness from the config's
 * seeds, so a rerun with the same config gives the same numbers.
 *
 * <p>Seeds are reported one after the other in the config's order: a seed's rows, then its
 * {@code seedComplete}, then the next seed's (they may be computed in parallel and written in
 * order). A seed that {@link RunContext#kept} returns was finished by the interrupted run this one
 * resumes: {@link #run} skips it (no rows, no {@code seedComplete}) and takes what its tables and
 * plots need from the kept final metrics and rows. Together these make a resumed run write the
 * same {@code metrics.csv} as an uninterrupted one; the runner fails a run that breaks the order.
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

  /**
   * The {@code --quick} configuration: the same code path on a shorter protocol (smaller budgets,
   * fewer seeds or demonstrations); {@link #expectedRunTime} says how long it takes.
   */
  C quickConfig();

  /**
   * What the experiment reproduces, for {@code gridrl describe}: the paper and its table or
   * figure (or the closed form) the numbers are checked against, in a sentence or two. The
   * default is empty, which a test refuses for every registered experiment: override it.
   */
  default String reproduces() {
    return "";
  }

  /**
   * The page that sets our numbers beside the published ones, a path from the repository root
   * (default {@code docs/results/NAME.md}); a test checks that it exists.
   */
  default String resultsPage() {
    return "docs/results/" + name() + ".md";
  }

  /**
   * The config of the smoke test that runs every registered experiment on every build: the same
   * code path as {@link #quickConfig()} (the default), on a budget small enough that all of them
   * together take well under a minute of test time; override it only when the quick config takes
   * more than a few seconds. Nothing but that test uses it.
   */
  default C smokeConfig() {
    return quickConfig();
  }

  /**
   * Checks what the config names outside itself (files or folders it reads) before the output
   * folder is opened: a bad one is an {@link IllegalArgumentException} whose one-line message
   * names the field, which the CLI reports with exit code 2, nothing written. The default checks
   * nothing.
   *
   * @param config the configuration. Not modified.
   */
  default void checkInputs(C config) {
  }

  /**
   * Runs the experiment, writing through {@code ctx}.
   *
   * @param config the configuration. Not modified.
   * @param ctx the output folder and writers. Modified.
   * @throws Exception any failure; the runner records it in {@code summary.json} as the status
   */
  void run(C config, RunContext ctx) throws Exception;
}
