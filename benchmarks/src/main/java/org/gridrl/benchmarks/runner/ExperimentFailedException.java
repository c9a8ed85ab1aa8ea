package org.gridrl.benchmarks.runner;

import java.nio.file.Path;

/**
 * An experiment's run failed; {@code summary.json} says {@code "failed: <reason>"} and the output
 * folder keeps what was written before the failure. The message is one line.
 */
public final class ExperimentFailedException extends RuntimeException {

  private final transient Path outputDir;

  /** The run of {@code experiment} writing into {@code outputDir} failed because of {@code cause}. */
  public ExperimentFailedException(String experiment, Path outputDir, String reason,
      Throwable cause) {
    super(experiment + " failed: " + reason + " (partial results kept in " + outputDir + ")",
        cause);
    this.outputDir = outputDir;
  }

  /** The output folder, holding what the run finished. */
  public Path outputDir() {
    return outputDir;
  }
}
