package org.gridrl.benchmarks.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.gridrl.benchmarks.runner.Experiment;
import org.gridrl.benchmarks.runner.ExperimentConfig;
import org.gridrl.benchmarks.runner.ExperimentFailedException;
import org.gridrl.benchmarks.runner.ExperimentRunner;
import org.gridrl.benchmarks.runner.OutputFolder;
import org.gridrl.benchmarks.runner.Registry;
import org.gridrl.benchmarks.runner.SummaryJson;

/**
 * One run of a sweep, executed by {@link ExperimentRunner} (the runner of {@code gridrl run}) into
 * its folder, which then holds the same files as a {@code gridrl run} folder. Every runner of
 * sweeps executes its specs through {@link #execute}, so a run's files and numbers depend only on
 * its spec.
 */
public final class SweepRun {

  private static final PrintStream QUIET = new PrintStream(PrintStream.nullOutputStream());

  private SweepRun() {
  }

  /**
   * Runs {@code spec} into {@code dir} (replacing the files of an earlier attempt there); a run
   * that fails is returned as {@code failed: <why>}, in the words its summary.json records.
   *
   * @param spec the run. Not modified.
   * @param registry where its experiment is found
   * @param dir the run's folder
   * @return its status and final metrics
   */
  public static RunResult execute(RunSpec spec, Registry registry, Path dir) {
    try {
      Experiment<?> experiment = registry.find(spec.experiment()).orElseThrow(
          () -> new IllegalArgumentException("unknown experiment '" + spec.experiment() + "'"));
      return executeTyped(experiment, spec, dir);
    } catch (ExperimentFailedException e) {
      return new RunResult(spec.index(), recordedStatus(dir)
          .orElse("failed: " + e.getMessage()), Map.of());
    } catch (Exception e) {
      return new RunResult(spec.index(), "failed: " + oneLine(e), Map.of());
    }
  }

  private static <C extends ExperimentConfig<C>> RunResult executeTyped(
      Experiment<C> experiment, RunSpec spec, Path dir) throws IOException {
    @SuppressWarnings("unchecked")
    Class<C> type = (Class<C>) experiment.defaultConfig().getClass();
    C config = SweepFile.MAPPER.readValue(spec.configJson(), type);
    OutputFolder folder = OutputFolder.open(dir, OutputFolder.Existing.OVERWRITE,
        experiment.name(), config);
    ExperimentRunner.Result result = ExperimentRunner.run(experiment, config, spec.quick(),
        folder, QUIET, QUIET, false);
    return new RunResult(spec.index(), RunResult.COMPLETE,
        result.summary().finalMetrics().get(spec.seed()));
  }

  /**
   * The result of {@code spec} if {@code dir} holds it complete: a summary.json of the same
   * experiment and config (seed included) whose status is {@code complete}; otherwise empty (the
   * run must be executed). How {@code gridrl sweep --resume} skips finished runs.
   */
  public static Optional<RunResult> completed(RunSpec spec, Path dir) {
    Path file = dir.resolve("summary.json");
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      SummaryJson.Recorded rec = SummaryJson.read(file);
      JsonNode config = SweepFile.MAPPER.readTree(spec.configJson());
      Map<String, Double> finals = rec.finalMetrics().get(spec.seed());
      if (!rec.experiment().equals(spec.experiment()) || !RunResult.COMPLETE.equals(rec.status())
          || !rec.config().equals(config) || finals == null) {
        return Optional.empty();
      }
      return Optional.of(new RunResult(spec.index(), RunResult.COMPLETE, finals));
    } catch (IOException e) {
      return Optional.empty(); // unreadable: run it again
    }
  }

  private static Optional<String> recordedStatus(Path dir) {
    try {
      return Optional.of(SummaryJson.read(dir.resolve("summary.json")).status())
          .filter(s -> s.startsWith("failed: "));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static String oneLine(Throwable e) {
    String msg = e.getMessage();
    if (msg == null || msg.isBlank()) {
      msg = e.getClass().getSimpleName();
    } else if (!(e instanceof IllegalArgumentException || e instanceof IOException)) {
      msg = e.getClass().getSimpleName() + ": " + msg;
    }
    return msg.replace('\n', ' ').replace('\r', ' ').trim();
  }
}
