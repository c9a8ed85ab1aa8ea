package org.gridrl.spark;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.stream.Stream;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.gridrl.benchmarks.experiments.Experiments;
import org.gridrl.benchmarks.runner.Progress;
import org.gridrl.benchmarks.runner.Registry;
import org.gridrl.benchmarks.sweep.LocalSweepRunner;
import org.gridrl.benchmarks.sweep.Sweep;
import org.gridrl.benchmarks.sweep.SweepFile;
import org.gridrl.benchmarks.sweep.SweepPlan;
import org.gridrl.benchmarks.sweep.SweepRunner;

/**
 * The overhead of running a sweep on Spark: the wall time of a 20-run sweep of
 * {@code quickstart --quick} (5 slips × 4 seeds) on the local runner (2 threads) and on Spark
 * {@code local[2]} (context already started; its start-up is printed apart), each the best of
 * {@code REPS} (default 3) after one warm-up sweep; overhead = Spark − local, against the goal
 * of 1 s per job plus 20 ms per run. Run with the Spark jars and the -all jar on the class path:
 * {@code java -cp "SPARK_HOME/jars/*:gridrl-spark-VERSION-all.jar"
 * org.gridrl.spark.SweepOverhead [REPS]}.
 */
public final class SweepOverhead {

  private static final int RUNS = 20;

  private SweepOverhead() {
  }

  /** Prints the wall times. */
  public static void main(String[] args) throws Exception {
    System.setProperty("java.awt.headless", "true");
    int reps = args.length > 0 ? Integer.parseInt(args[0]) : 3;
    Path tmp = Files.createTempDirectory("gridrl-overhead");
    Path file = tmp.resolve("sweep.json");
    Files.writeString(file, "{\"experiment\": \"quickstart\", \"quick\": true, \"grid\":"
        + " {\"slip\": [0.05, 0.1, 0.15, 0.2, 0.25]}, \"seeds\": [1, 2, 3, 4]}");
    Registry registry = Experiments.registry();
    SweepPlan plan = SweepFile.read(file, registry, n -> { });
    long t0 = System.nanoTime();
    try (JavaSparkContext spark = new JavaSparkContext(SparkSweepRunner.configure(
        new SparkConf().setMaster("local[2]").setAppName("gridrl sweep overhead")))) {
      double start = (System.nanoTime() - t0) * 1e-9;
      SweepRunner local = new LocalSweepRunner(registry, 2);
      SweepRunner onSpark = new SparkSweepRunner(spark);
      time(plan, local, tmp.resolve("warm-local"));
      time(plan, onSpark, tmp.resolve("warm-spark"));
      double bestLocal = Double.POSITIVE_INFINITY;
      double bestSpark = Double.POSITIVE_INFINITY;
      for (int r = 0; r < reps; r++) {
        bestLocal = Math.min(bestLocal, time(plan, local, tmp.resolve("local-" + r)));
        bestSpark = Math.min(bestSpark, time(plan, onSpark, tmp.resolve("spark-" + r)));
      }
      double overhead = bestSpark - bestLocal;
      double goal = 1.0 + 0.020 * RUNS;
      System.out.printf(Locale.ROOT, "sweep of %d quickstart --quick runs, best of %d:%n"
          + "  local runner, 2 threads: %.2f s%n"
          + "  Spark local[2]:          %.2f s (context start %.2f s, not included)%n"
          + "  overhead: %.2f s per job = %.0f ms per run; goal < %.2f s (1 s + 20 ms x %d):"
          + " %s%n", RUNS, reps, bestLocal, bestSpark, start, overhead, 1000 * overhead / RUNS,
          goal, RUNS, overhead < goal ? "met" : "NOT met");
    } finally {
      delete(tmp);
    }
  }

  private static double time(SweepPlan plan, SweepRunner runner, Path out) throws Exception {
    long t = System.nanoTime();
    Sweep.openFolder(out, false);
    Sweep.run(plan, out, runner, false, Progress.create("sweep", plan.specs().size(),
        new PrintStream(PrintStream.nullOutputStream()), false));
    return (System.nanoTime() - t) * 1e-9;
  }

  private static void delete(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
