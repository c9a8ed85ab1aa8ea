package org.gridrl.benchmarks.sweep;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.gridrl.benchmarks.runner.Progress;

/**
 * Runs a sweep into its output folder: the runs a {@link SweepRunner} executes (one folder each,
 * {@code run-001}, ...), then {@link SweepTables#writeCsv sweep.csv},
 * {@link SweepTables#writeJson sweep.json} and {@link SweepPlots the plots}. A run that fails is
 * recorded with its error and the others go on. With {@code resume}, a run whose folder holds it
 * complete (same experiment and config, seed included) is kept, not run again, so a sweep that
 * was stopped loses at most the runs that were in flight and ends with the same files.
 */
public final class Sweep {

  /**
   * What a sweep did.
   *
   * @param outDir its output folder
   * @param results every run's result, in spec order
   * @param kept how many runs were kept from an earlier, interrupted sweep
   */
  public record Outcome(Path outDir, List<RunResult> results, int kept) {

    /** The number of runs that failed. */
    public long failed() {
      return results.stream().filter(r -> !r.complete()).count();
    }
  }

  private Sweep() {
  }

  /**
   * The default output folder of a sweep file, {@code results/sweep-NAME} for {@code NAME.json}
   * ({@code gridrl sweep} and the Spark entry point alike).
   */
  public static Path defaultOut(Path file) {
    String name = file.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return Path.of("results", "sweep-" + (dot > 0 ? name.substring(0, dot) : name));
  }

  /**
   * Checks (and creates) the output folder before anything is written: without {@code resume}
   * it must be absent or empty; with it, anything is fine (runs found complete are kept).
   *
   * @throws IllegalArgumentException naming the folder if it is not empty and not resumed
   * @throws IOException if it cannot be read or created
   */
  public static void openFolder(Path outDir, boolean resume) throws IOException {
    if (!resume && Files.isDirectory(outDir)) {
      try (Stream<Path> entries = Files.list(outDir)) {
        if (entries.findAny().isPresent()) {
          throw new IllegalArgumentException(outDir + " is not empty" + (Files.exists(
              outDir.resolve("sweep.csv")) ? " (it holds a sweep)" : "") + ": add --resume to"
              + " continue the sweep in it, or choose a new folder with --out");
        }
      }
    }
    Files.createDirectories(outDir); // a file of that name fails here, naming it
  }

  /**
   * Runs {@code plan} into {@code outDir} (checked by {@link #openFolder}).
   *
   * @param plan the sweep. Not modified.
   * @param outDir the output folder
   * @param runner executes the runs
   * @param resume keep the runs {@code outDir} holds complete
   * @param progress advanced once per run (kept runs at once). Modified.
   * @return the results in spec order
   * @throws IOException if a file cannot be written
   * @throws InterruptedException if interrupted while runs go on
   */
  public static Outcome run(SweepPlan plan, Path outDir, SweepRunner runner, boolean resume,
      Progress progress) throws IOException, InterruptedException {
    return run(plan, outDir, runner, resume, progress, null);
  }

  /**
   * {@link #run(SweepPlan, Path, SweepRunner, boolean, Progress)} whose plots show
   * {@code metric} (null: the first final metric).
   *
   * @throws IllegalArgumentException if {@code metric} is not a final metric of the sweep's
   *     runs, naming the ones it has (after {@code sweep.csv} and {@code sweep.json} are
   *     written: nothing is lost, and {@code --resume} with another metric redraws the plots)
   */
  public static Outcome run(SweepPlan plan, Path outDir, SweepRunner runner, boolean resume,
      Progress progress, String metric) throws IOException, InterruptedException {
    RunResult[] results = new RunResult[plan.specs().size()];
    List<RunSpec> todo = new ArrayList<>();
    int kept = 0;
    for (RunSpec spec : plan.specs()) {
      var done = resume ? SweepRun.completed(spec, outDir.resolve(spec.folder()))
          : java.util.Optional.<RunResult>empty();
      if (done.isPresent()) {
        results[spec.index()] = done.get();
        kept++;
      } else {
        todo.add(spec);
      }
    }
    progress.stepTo(kept);
    if (kept > 0) {
      progress.message(kept + " kept");
    }
    List<RunResult> ran = runner.run(todo, outDir, r -> progress.step());
    for (RunResult r : ran) {
      results[r.index()] = r;
    }
    progress.close();
    List<RunResult> all = List.of(results);
    SweepTables.writeCsv(outDir.resolve("sweep.csv"), plan, all);
    SweepTables.writeJson(outDir.resolve("sweep.json"), plan, all);
    SweepPlots.write(outDir, plan, all, metric);
    return new Outcome(outDir, all, kept);
  }
}
