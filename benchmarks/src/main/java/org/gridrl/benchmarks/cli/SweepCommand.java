package org.gridrl.benchmarks.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.gridrl.benchmarks.runner.Progress;
import org.gridrl.benchmarks.runner.Registry;
import org.gridrl.benchmarks.sweep.LocalSweepRunner;
import org.gridrl.benchmarks.sweep.Sweep;
import org.gridrl.benchmarks.sweep.SweepFile;
import org.gridrl.benchmarks.sweep.SweepPlan;
import org.gridrl.benchmarks.sweep.SweepRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code gridrl sweep FILE [--out DIR] [--threads K] [--metric NAME] [--resume]}: an experiment
 * over a grid of settings and seeds ({@link SweepFile}) on a local thread pool
 * ({@link LocalSweepRunner}).
 */
@Command(name = "sweep", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    showDefaultValues = true,
    description = {"Run an experiment over a grid of config settings and seeds. FILE is JSON:"
        + " {\"experiment\": NAME, \"quick\": true, \"config\": {...}, \"grid\": {\"field\":"
        + " [values]}, \"seeds\": [1, 2]} (quick and config optional; config as in 'run"
        + " --config'). The runs are the cross product of the grid's values (the last field"
        + " varying fastest) and the seeds. Each run writes a folder (run-001, ...) with the"
        + " files of 'gridrl run'; then sweep.csv (one row per run: the grid values, seed,"
        + " status, final metrics), sweep.json (mean ± std per setting) and sweep-FIELD.png"
        + " (a final metric, --metric or the first, against each varied field, with seed"
        + " bands). A run that fails is recorded and the sweep goes on (exit 1 at the end)."
        + " The files do not depend on --threads. See docs/sweeps.md, also for running on a"
        + " Spark cluster."})
public final class SweepCommand implements Callable<Integer> {

  private final Registry registry;
  private final Io io;

  @Parameters(index = "0", paramLabel = "FILE", description = "The sweep file (JSON).")
  Path file;

  @Option(names = "--out", paramLabel = "DIR",
      description = "Output folder (default: results/sweep-FILE, FILE without its extension).")
  Path out;

  @Option(names = "--threads", paramLabel = "K",
      description = "Runs at a time (default: the number of cores).")
  Integer threads;

  @Option(names = "--metric", paramLabel = "NAME",
      description = "The final metric the plots show (default: the first column of metrics in"
          + " sweep.csv). A name the runs do not report is one line listing theirs, after"
          + " sweep.csv and sweep.json are written; --resume with another --metric redraws.")
  String metric;

  @Option(names = "--resume",
      description = "Continue an interrupted sweep in the output folder: keep the runs whose"
          + " folder holds them complete (same experiment and config), run the others.")
  boolean resume;

  /** The sweep command over {@code registry}. */
  public SweepCommand(Registry registry, Io io) {
    this.registry = registry;
    this.io = io;
  }

  @Override
  public Integer call() throws IOException, InterruptedException {
    int k = threads != null ? threads : Runtime.getRuntime().availableProcessors();
    if (k < 1) {
      throw new UsageException("--threads must be >= 1, got " + k);
    }
    return sweep(file, out, resume, metric, registry, new LocalSweepRunner(registry, k),
        ", " + k + " thread" + (k == 1 ? "" : "s"), io);
  }

  /**
   * What {@code gridrl sweep} and the Spark entry point do once their options are read: reads
   * and checks the sweep file, opens the output folder ({@code out}, else
   * {@link Sweep#defaultOut}), runs the plan on {@code runner} with a progress bar, prints the
   * outcome and returns the exit code (0, or {@link ErrorHandling#FAILURE} when a run failed).
   *
   * @param where what runs the runs, for the first line (", 2 threads", " on Spark ...")
   * @throws UsageException if the file is missing; SweepFile's and the folder's own errors
   */
  public static int sweep(Path file, Path out, boolean resume, String metric, Registry registry,
      SweepRunner runner, String where, Io io) throws IOException, InterruptedException {
    if (!Files.isRegularFile(file)) {
      throw new UsageException("no such sweep file: " + file);
    }
    SweepPlan plan = SweepFile.read(file, registry, io.err()::println);
    Path dir = out != null ? out : Sweep.defaultOut(file);
    Sweep.openFolder(dir, resume);
    io.err().printf("gridrl sweep %s: %s%s, %d run%s (%d setting%s x %d seed%s)%s, writing to"
        + " %s%n", file, plan.experiment(), plan.quick() ? " --quick" : "",
        plan.specs().size(), plan.specs().size() == 1 ? "" : "s", plan.settings(),
        plan.settings() == 1 ? "" : "s", plan.seeds().size(), plan.seeds().size() == 1 ? "" : "s",
        where, dir);
    Sweep.Outcome outcome;
    try (Progress progress = Progress.create("sweep " + plan.experiment(), plan.specs().size(),
        io.err(), io.interactive())) {
      outcome = Sweep.run(plan, dir, runner, resume, progress, metric);
    }
    int n = outcome.results().size();
    io.out().printf("%nsweep of %s: %d run%s, %d complete, %d failed%s; results in %s%n",
        plan.experiment(), n, n == 1 ? "" : "s", n - outcome.failed(), outcome.failed(),
        outcome.kept() > 0 ? " (" + outcome.kept() + " kept from the interrupted sweep)" : "",
        dir);
    io.out().flush();
    if (outcome.failed() > 0) {
      io.err().println("gridrl: sweep: " + outcome.failed() + " of " + n + " runs failed (their"
          + " errors are in " + dir.resolve("sweep.csv") + ")");
      return ErrorHandling.FAILURE;
    }
    return 0;
  }
}
