package org.gridrl.spark;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.gridrl.benchmarks.cli.ErrorHandling;
import org.gridrl.benchmarks.cli.Io;
import org.gridrl.benchmarks.cli.SweepCommand;
import org.gridrl.benchmarks.sweep.Sweep;
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
    // the folder is on the driver: say where in full
    Path dir = (out != null ? out : Sweep.defaultOut(file)).toAbsolutePath();
    return SweepCommand.sweep(file, dir, resume, metric, SparkSweepRunner.STANDARD.registry(),
        new SparkSweepRunner(spark), " on Spark " + spark.version() + " (" + spark.master()
            + ")", io);
  }
}
