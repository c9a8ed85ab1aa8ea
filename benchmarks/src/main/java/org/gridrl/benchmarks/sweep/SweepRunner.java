package org.gridrl.benchmarks.sweep;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * Executes the runs of a sweep: each spec through {@link SweepRun#execute} into
 * {@code outDir/spec.folder()}. {@link LocalSweepRunner} (a thread pool) is the default; the
 * {@code gridrl-spark} module runs them on an Apache Spark cluster. Since each run is pure in its
 * spec, every implementation leaves the same files.
 */
public interface SweepRunner {

  /**
   * Runs {@code specs}.
   *
   * @param specs the runs to execute, in spec order. Not modified.
   * @param outDir the sweep's output folder (exists); each run writes into its folder there
   * @param done called once per run as it finishes (from any thread, one call at a time)
   * @return the results, in the order of {@code specs}
   * @throws IOException if a run's files cannot be written where the runner gathers them
   * @throws InterruptedException if interrupted while waiting for the runs
   */
  List<RunResult> run(List<RunSpec> specs, Path outDir, Consumer<RunResult> done)
      throws IOException, InterruptedException;
}
