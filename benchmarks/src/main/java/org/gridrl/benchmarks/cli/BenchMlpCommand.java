package org.gridrl.benchmarks.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;
import org.gridrl.benchmarks.jmh.MlpWorkload;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code gridrl bench mlp}: issue 5's MLP speed ratios measured side by side in one run.
 *
 * <p>The workload is {@link MlpWorkload} (forward + backward of the MLP 32→64→64→5, tanh,
 * float64, MSE, batch 256), on the calling thread. First the variants' gradients are checked to
 * agree (else exit 1). Then every variant — {@code hand} (hand-written backprop through
 * {@code Gemm}), {@code autodiff} (the tape through core.nn's {@code Mlp}), {@code ejml} (the
 * hand-written backprop through EJML's {@code CommonOps_DDRM}) — is warmed up, and timed in
 * {@code --rounds} interleaved rounds of about {@code --round-ms} each, so load on the machine
 * hits all alike; with {@code --yardstick FILE.py} the numpy script (which times itself and
 * prints {"mlp_fwd_bwd_us": ..}) runs once per round as a subprocess with
 * {@code OPENBLAS_NUM_THREADS=1}. Each variant reports its best round:
 * {"variant":..,"us_per_step":..,"median_us":..,"rounds":..}; Java variants add
 * "cpu_us_per_step" (best round by the thread's CPU time, which time-slicing on a loaded machine
 * does not inflate) and "gflops" (from the wall-clock best). Then ratio lines of the wall-clock
 * bests, {"ratio":"autodiff/hand","value":..,"cpu":..,"target":1.25} ("cpu" = the same ratio
 * of CPU-time bests) and, with the yardstick, {"ratio":"autodiff/numpy","value":..,"target":1.5}
 * (numpy times itself by wall clock only).
 */
@Command(name = "mlp", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = {"Time forward + backward of the MLP 32-64-64-5 (tanh, float64, MSE, batch"
        + " 256) on one thread: hand-written (Gemm), autodiff (core.nn Mlp on the tape) and"
        + " EJML's generic products, interleaved; optionally the numpy yardstick.",
        "Prints one JSON line per variant (best round) and ratio lines."})
public final class BenchMlpCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Option(names = "--rounds", paramLabel = "R", defaultValue = "15",
      description = "Interleaved timed rounds per variant; the best is reported (default 15).")
  int rounds;

  @Option(names = "--round-ms", paramLabel = "MS", defaultValue = "200",
      description = "Time per variant per round, in ms (default 200).")
  int roundMs;

  @Option(names = "--warmup-ms", paramLabel = "MS", defaultValue = "3000",
      description = "JIT warm-up time per Java variant, in ms (default 3000).")
  int warmupMs;

  /** {@code --yardstick} (mlp_numpy.py, no arguments) and {@code --python}. */
  @Mixin
  Yardstick numpy;

  /** A picocli-instantiated command; prints to the command line's output stream. */
  public BenchMlpCommand() {
  }

  /** Runs {@code mlp ARGS} on its own. */
  public static void main(String[] args) {
    CommandLine cmd = new CommandLine(new BenchMlpCommand());
    cmd.setParameterExceptionHandler((ex, a) -> {
      System.err.println("gridrl: " + ex.getMessage());
      return 2;
    });
    System.exit(cmd.execute(args));
  }

  /** One timed thing: a name and one step returning a value to keep alive. */
  private record Variant(String name, DoubleSupplier step) {
  }

  @Override
  public Integer call() throws Exception {
    CommandLine cl = spec.commandLine();
    if (rounds < 1) {
      throw new ParameterException(cl, "--rounds must be >= 1, got " + rounds);
    }
    if (roundMs < 1 || warmupMs < 0) {
      throw new ParameterException(cl, "--round-ms must be >= 1 and --warmup-ms >= 0, got "
          + roundMs + " and " + warmupMs);
    }
    numpy.check();
    PrintWriter out = cl.getOut();
    MlpWorkload work = new MlpWorkload(0);
    double disagreement = work.maxGradientDisagreement();
    if (!(disagreement < 1e-12)) {
      cl.getErr().println("gridrl: the MLP variants disagree: max |gradient difference| "
          + disagreement + " (expected < 1e-12)");
      return 1;
    }
    List<Variant> variants = List.of(
        new Variant("hand", () -> work.handWritten().data[0]),
        new Variant("autodiff", work::autodiffMlp),
        new Variant("ejml", () -> work.ejmlGeneric().data[0]));
    double sink = 0;
    long warmupNs = TimeUnit.MILLISECONDS.toNanos(warmupMs);
    for (int slice = 0; slice < 4; slice++) { // interleaved, so every variant is compiled alike
      for (Variant v : variants) {
        sink += runFor(v, warmupNs / 4, new long[1]);
      }
    }
    RoundTimes times = new RoundTimes(variants.size(), rounds);
    double[] numpyUs = new double[numpy.given() ? rounds : 0];
    long roundNs = TimeUnit.MILLISECONDS.toNanos(roundMs);
    for (int r = 0; r < rounds; r++) {
      for (int i = 0; i < variants.size(); i++) {
        long[] steps = new long[1];
        times.start();
        sink += runFor(variants.get(i), roundNs, steps);
        times.stop(i, r, steps[0]);
      }
      if (numpy.given()) {
        numpyUs[r] = numpy.microseconds("mlp_fwd_bwd_us");
      }
    }
    double flops = MlpWorkload.flops();
    double[] best = new double[variants.size()];
    double[] bestCpu = new double[variants.size()];
    for (int i = 0; i < variants.size(); i++) {
      best[i] = times.best(i);
      bestCpu[i] = times.bestCpu(i);
      out.printf(Locale.ROOT, "{\"variant\":\"%s\",\"us_per_step\":%.1f,\"median_us\":%.1f,"
          + "\"cpu_us_per_step\":%.1f,\"gflops\":%.2f,\"rounds\":%d,\"threads\":1,"
          + "\"batch\":%d}%n", variants.get(i).name(), best[i], times.median(i), bestCpu[i],
          flops / (best[i] * 1e3), rounds, MlpWorkload.BATCH);
    }
    double numpyBest = Double.NaN;
    if (numpy.given()) {
      numpyBest = RoundTimes.min(numpyUs);
      out.printf(Locale.ROOT, "{\"variant\":\"numpy\",\"us_per_step\":%.1f,\"median_us\":%.1f,"
          + "\"rounds\":%d,\"threads\":1,\"batch\":%d}%n", numpyBest,
          RoundTimes.median(numpyUs), rounds, MlpWorkload.BATCH);
    }
    printRatio(out, "autodiff/hand", best[1] / best[0], bestCpu[1] / bestCpu[0], 1.25);
    printRatio(out, "ejml/hand", best[2] / best[0], bestCpu[2] / bestCpu[0], Double.NaN);
    if (numpy.given()) {
      printRatio(out, "autodiff/numpy", best[1] / numpyBest, Double.NaN, 1.5);
      printRatio(out, "hand/numpy", best[0] / numpyBest, Double.NaN, Double.NaN);
    }
    out.flush();
    if (sink == 42.4242) { // keeps the results alive; never true in practice
      cl.getErr().println();
    }
    return 0;
  }

  /** {"ratio":name,"value":wall[,"cpu":cpu][,"target":target]}; NaN parts are left out. */
  private static void printRatio(PrintWriter out, String name, double wall, double cpu,
      double target) {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "{\"ratio\":\"%s\",\"value\":%.3f", name, wall));
    if (!Double.isNaN(cpu)) {
      sb.append(String.format(Locale.ROOT, ",\"cpu\":%.3f", cpu));
    }
    if (!Double.isNaN(target)) {
      sb.append(",\"target\":").append(target);
    }
    out.println(sb.append('}'));
  }

  /** Runs {@code v} in batches of 16 steps until {@code ns} have passed; counts the steps. */
  private static double runFor(Variant v, long ns, long[] steps) {
    double sink = 0;
    long start = System.nanoTime();
    do {
      for (int k = 0; k < 16; k++) {
        sink += v.step().getAsDouble();
      }
      steps[0] += 16;
    } while (System.nanoTime() - start < ns);
    return sink;
  }
}
