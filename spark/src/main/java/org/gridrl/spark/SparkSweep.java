package org.gridrl.spark;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.gridrl.benchmarks.cli.ErrorHandling;
import org.gridrl.benchmarks.cli.Io;
import org.gridrl.benchmarks.runner.Progress;
import org.gridrl.benchmarks.sweep.Sweep;
import org.gridrl.benchmarks.sweep.SweepFile;
import org.gridrl.benchmarks.sweep.SweepPlan;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The {@code spark-submit} entry point: {@code spark-submit --master URL --class
 * org.gridrl.spark.SparkSweep gridrl-spark-VERSION-all.jar FILE [--out DIR] [--resume]} runs the
 * sweep file as {@code gridrl sweep} does, its runs as tasks on the cluster
 * ({@link SparkSweepRunner}). The output folder is on the driver: the submitting machine in
 * client mode (the default), the worker that runs the driver in cluster mode. Exit codes as
 * {@code gridrl}: 0 ok, 1 a run failed (the others are kept), 2 a bad option or file.
 */
@Command(name = "gridrl-spark-sweep", mixinStandardHelpOptions = true,
    description = "Run a sweep file (see 'gridrl sweep --help' and docs/sweeps.md) on Spark.")
public final class SparkSweep implements Callable<Integer> {

  private final JavaSparkContext spark;
  private final Io io;

  @Parameters(index = "0", paramLabel = "FILE", description = "The sweep file (JSON).")
  Path file;

  @Option(names = "--out", paramLabel = "DIR",
      description = "Output folder on the driver (default: results/sweep-FILE).")
  Path out;

  @Option(names = "--metric", paramLabel = "NAME",
      description = "The final metric the plots show (default: the first), as 'gridrl sweep'.")
  String metric;

  @Option(names = "--resume",
      description = "Keep the runs the folder holds complete; run the others.")
  boolean resume;

  SparkSweep(JavaSparkContext spark, Io io) {
    this.spark = spark;
    this.io = io;
  }

  /** Starts a Spark context ({@link SparkSweepRunner#configure}), runs the sweep, exits. */
  public static void main(String[] args) {
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
    int code;
    try (JavaSparkContext spark = new JavaSparkContext(
        SparkSweepRunner.configure(new SparkConf()))) {
      code = execute(spark, new Io(System.out, System.err, System.console() != null), args);
    }
    if (code != 0) {
      System.exit(code);
    }
  }

  /** Runs {@code args} on {@code spark}, writing to {@code io}; returns the exit code. */
  public static int execute(JavaSparkContext spark, Io io, String... args) {
    CommandLine cmd = new CommandLine(new SparkSweep(spark, io));
    cmd.setOut(new PrintWriter(new OutputStreamWriter(io.out(), StandardCharsets.UTF_8), true));
    cmd.setErr(new PrintWriter(new OutputStreamWriter(io.err(), StandardCharsets.UTF_8), true));
    cmd.setParameterExceptionHandler(ErrorHandling.parameterHandler(io.err()));
    cmd.setExecutionExceptionHandler(ErrorHandling.executionHandler(io.err()));
    return cmd.execute(args);
  }

  @Override
  public Integer call() throws Exception {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("no such sweep file: " + file);
    }
    SweepPlan plan = SweepFile.read(file, SparkSweepRunner.STANDARD.registry(),
        io.err()::println);
    Path dir = out != null ? out : Sweep.defaultOut(file);
    Sweep.openFolder(dir, resume);
    io.err().printf("gridrl sweep %s on Spark %s (%s): %s%s, %d runs, writing to %s%n", file,
        spark.version(), spark.master(), plan.experiment(), plan.quick() ? " --quick" : "",
        plan.specs().size(), dir.toAbsolutePath());
    Sweep.Outcome outcome;
    try (Progress progress = Progress.create("sweep " + plan.experiment(), plan.specs().size(),
        io.err(), io.interactive())) {
      outcome = Sweep.run(plan, dir, new SparkSweepRunner(spark), resume, progress, metric);
    }
    int n = outcome.results().size();
    io.out().printf("%nsweep of %s: %d runs, %d complete, %d failed; results in %s%n",
        plan.experiment(), n, n - outcome.failed(), outcome.failed(), dir.toAbsolutePath());
    io.out().flush();
    if (outcome.failed() > 0) {
      io.err().println("gridrl: sweep: " + outcome.failed() + " of " + n + " runs failed (their"
          + " errors are in " + dir.resolve("sweep.csv") + ")");
      return ErrorHandling.FAILURE;
    }
    return 0;
  }
}
