package org.gridrl.benchmarks.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.DoubleSupplier;
import org.gridrl.benchmarks.experiments.irl.MaxEntIterationBenchmark;
import org.gridrl.core.mdp.MdpFormat;
import org.gridrl.core.util.MemoryBudget;
import org.gridrl.irl.FeaturesCsv;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code gridrl bench maxent}: one MaxEnt IRL iteration timed beside the numpy/scipy yardstick
 * (../shared/perf/maxent_numpy.py) in one run, on the same files.
 *
 * <p>The world is ObjectWorld N×N (seed 1; {@link MaxEntIterationBenchmark.Workload}, the JMH
 * class's), its MDP written in the text format ({@link MdpFormat}) and its features as the CSV
 * that {@code gridrl irl --features} and the yardstick read ({@link FeaturesCsv}), into
 * {@code --dir} or a temporary folder deleted afterwards. Measures, each timed as the best of
 * {@code --repeat} blocks of {@code --block} calls after a JIT warm-up, the blocks interleaved
 * round by round so that load on the machine hits all alike:
 * <ul>
 *   <li>{@code iteration}: the yardstick's work, r = Φw, T backward soft Bellman steps keeping
 *       π_t, T forward visitation steps from d0 with γ^t weights, E[μ] = ΦᵀD;</li>
 *   <li>its parts {@code reward} (Φw), {@code backward}, {@code forward},
 *       {@code feature_expectations};</li>
 *   <li>{@code objective}: what {@code gridrl irl maxent} runs per iteration, the objective
 *       and gradient of {@code MaxEntObjective} (which adds the demonstrations' log-likelihood
 *       and D − D̂) and Φᵀ(D − D̂).</li>
 * </ul>
 * With {@code --yardstick FILE.py} the script runs once per round as a subprocess with
 * {@code OPENBLAS_NUM_THREADS=1} (it times itself: best of 5 blocks of 100 after 50 warm-up
 * iterations) and the best of its rounds is reported. Before timing, E[μ] of the iteration is
 * checked against the objective's (else exit 1). Output, JSON lines:
 * {"measure":..,"us":..,"median_us":..,"cpu_us":..,...} per measure (µs per call: the best
 * and median block by wall clock, and the best by the thread's CPU time, which time-slicing on
 * a loaded machine does not inflate; the yardstick reports wall clock only),
 * then {"ratio":"iteration/numpy","value":..,"target":0.5} and
 * {"ratio":"objective/numpy","value":..}.
 */
@Command(name = "maxent", mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {"Time one MaxEnt IRL iteration (r = Phi w, T backward soft Bellman steps, T"
        + " forward visitation steps, E[mu] = Phi^T D) and its parts on ObjectWorld NxN"
        + " (seed 1), and the objective + gradient that 'gridrl irl maxent' runs;"
        + " optionally the numpy/scipy yardstick on the same files.",
        "Prints one JSON line per measure and ratio lines."})
public final class BenchMaxEntCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Option(names = "--size", paramLabel = "N", defaultValue = "32",
      description = "Side of the ObjectWorld grid (default 32).")
  int size;

  @Option(names = "--features", paramLabel = "continuous|discrete", defaultValue = "continuous",
      description = "ObjectWorld's feature set (default continuous: 4 distances; discrete:"
          + " 4(N-1) indicators).")
  String features;

  @Option(names = "--horizon", paramLabel = "T", defaultValue = "8",
      description = "The horizon T (default 8).")
  int horizon;

  @Option(names = "--repeat", paramLabel = "R", defaultValue = "5",
      description = "Timed blocks per measure, the best reported; also the yardstick's runs"
          + " (default 5).")
  int repeat;

  @Option(names = "--block", paramLabel = "B", defaultValue = "100",
      description = "Calls per timed block (default 100, as the yardstick).")
  int block;

  @Option(names = "--warmup-ms", paramLabel = "MS", defaultValue = "3000",
      description = "JIT warm-up time over all measures, in ms (default 3000).")
  int warmupMs;

  /** {@code --yardstick} (maxent_numpy.py MDP FEATURES T) and {@code --python}. */
  @Mixin
  Yardstick numpy;

  @Option(names = "--dir", paramLabel = "DIR",
      description = "Write the MDP (objectworld.mdp) and features (features.csv) here and keep"
          + " them. Default: a temporary folder, deleted afterwards.")
  Path dir;

  /** A picocli-instantiated command; prints to the command line's output stream. */
  public BenchMaxEntCommand() {
  }

  /** Runs {@code maxent ARGS} on its own. */
  public static void main(String[] args) {
    CommandLine cmd = new CommandLine(new BenchMaxEntCommand());
    cmd.setParameterExceptionHandler((ex, a) -> {
      System.err.println("gridrl: " + ex.getMessage());
      return 2;
    });
    System.exit(cmd.execute(args));
  }

  /** One timed thing: its name in the output and one call returning a value to keep alive. */
  private record Measure(String name, DoubleSupplier call) {
  }

  /** E[μ] of the iteration and of the objective agree to this (relative to max(1, |E[μ]|∞)). */
  static final double AGREEMENT = 1e-9;

  @Override
  public Integer call() throws Exception {
    CommandLine cl = spec.commandLine();
    if (!(size >= 2 && size <= 512)) {
      throw new ParameterException(cl, "--size must be in [2, 512], got " + size);
    }
    if (!features.equals("continuous") && !features.equals("discrete")) {
      throw new ParameterException(cl, "--features must be continuous or discrete, got '"
          + features + "'");
    }
    if (horizon < 1 || repeat < 1 || block < 1 || warmupMs < 0) {
      throw new ParameterException(cl, "--horizon, --repeat and --block must be >= 1 and"
          + " --warmup-ms >= 0, got " + horizon + ", " + repeat + ", " + block + " and "
          + warmupMs);
    }
    long states = (long) size * size; // ObjectWorld N×N, 5 actions; 128 sampled demonstrations
    HeapCheck.require("--horizon " + horizon + " (" + HeapCheck.finiteHorizonWords(states, 5)
        + ", ObjectWorld " + size + "x" + size + ")", MemoryBudget.plus(
        HeapCheck.finiteHorizon(horizon, states, 5, true), MemoryBudget.times(horizon, 128 * 8)));
    numpy.check();
    PrintWriter out = cl.getOut();
    MaxEntIterationBenchmark.Workload work =
        new MaxEntIterationBenchmark.Workload(size, features, horizon);
    double disagreement = work.disagreement();
    if (!(disagreement <= AGREEMENT)) {
      cl.getErr().println("gridrl: E[mu] of the iteration and of the objective disagree: "
          + disagreement + " (expected <= " + AGREEMENT + ")");
      return 1;
    }
    final boolean temporary = dir == null;
    final Path folder = temporary ? Files.createTempDirectory("gridrl-maxent-") : dir;
    Files.createDirectories(folder);
    final Path mdpFile = folder.resolve("objectworld.mdp");
    final Path featuresFile = folder.resolve("features.csv");
    try {
      MdpFormat.write(work.world().mdp(), mdpFile);
      try (Writer w = Files.newBufferedWriter(featuresFile, StandardCharsets.UTF_8)) {
        FeaturesCsv.write(work.features(), w);
      }
      return time(work, out, mdpFile, featuresFile);
    } finally {
      if (temporary) {
        Files.deleteIfExists(mdpFile);
        Files.deleteIfExists(featuresFile);
        Files.deleteIfExists(folder);
      }
    }
  }

  private int time(MaxEntIterationBenchmark.Workload work, PrintWriter out, Path mdpFile,
      Path featuresFile) throws IOException, InterruptedException {
    List<Measure> measures = List.of(
        new Measure("iteration", work::iteration),
        new Measure("reward", work::reward),
        new Measure("backward", work::backward),
        new Measure("forward", work::forward),
        new Measure("feature_expectations", work::featureExpectations),
        new Measure("objective", work::objective));
    List<DoubleSupplier> calls = measures.stream().map(Measure::call).toList();
    double sink = RoundTimes.warmUp(calls, warmupMs);
    RoundTimes times = new RoundTimes(measures.size(), repeat);
    double[] numpyUs = new double[numpy.given() ? repeat : 0];
    for (int r = 0; r < repeat; r++) {
      sink += times.round(calls, r, block);
      if (numpy.given()) {
        numpyUs[r] = numpy.microseconds("maxent_iteration_us", mdpFile.toString(),
            featuresFile.toString(), Integer.toString(horizon));
      }
    }
    final int numStates = work.world().mdp().numStates();
    final int numActions = work.world().mdp().numActions();
    final int k = work.features().numFeatures();
    double[] best = new double[measures.size()];
    for (int i = 0; i < measures.size(); i++) {
      best[i] = times.best(i);
      out.printf(Locale.ROOT, "{\"measure\":\"%s\",\"us\":%.1f,\"median_us\":%.1f,"
          + "\"cpu_us\":%.1f,\"blocks\":%d,\"block\":%d,\"states\":%d,\"actions\":%d,"
          + "\"features\":%d,\"horizon\":%d}%n", measures.get(i).name(), best[i],
          times.median(i), times.bestCpu(i), repeat, block, numStates, numActions, k, horizon);
    }
    final double disagreement = work.disagreement(); // runs the iteration last
    final double[] mu = work.expectedFeatures();
    out.printf(Locale.ROOT, "{\"check\":\"e_mu\",\"sum\":%.15g,\"first\":%.15g,"
        + "\"objective_disagreement\":%.2e}%n", sum(mu), mu[0], disagreement);
    if (numpy.given()) {
      double numpyBest = RoundTimes.min(numpyUs);
      out.printf(Locale.ROOT, "{\"measure\":\"numpy\",\"us\":%.1f,\"median_us\":%.1f,"
          + "\"runs\":%d,\"states\":%d,\"actions\":%d,\"features\":%d,\"horizon\":%d}%n",
          numpyBest, RoundTimes.median(numpyUs), repeat, numStates, numActions, k, horizon);
      out.printf(Locale.ROOT, "{\"ratio\":\"iteration/numpy\",\"value\":%.3f,"
          + "\"target\":0.5}%n", best[0] / numpyBest);
      out.printf(Locale.ROOT, "{\"ratio\":\"objective/numpy\",\"value\":%.3f}%n",
          best[measures.size() - 1] / numpyBest);
    }
    out.flush();
    if (sink == 42.4242) { // keeps the results alive; never true in practice
      spec.commandLine().getErr().println();
    }
    return 0;
  }

  private static double sum(double[] x) {
    double s = 0;
    for (double v : x) {
      s += v;
    }
    return s;
  }
}
