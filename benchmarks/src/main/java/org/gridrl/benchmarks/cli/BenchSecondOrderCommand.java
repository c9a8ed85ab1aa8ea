package org.gridrl.benchmarks.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.DoubleSupplier;
import org.gridrl.benchmarks.jmh.SecondOrderWorkload;
import org.gridrl.core.linalg.ImplGemm;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code gridrl bench second-order}: issue 15's speed item, second-order gradients on the
 * shapes of ../shared/perf/torch_second_order.py ({@link SecondOrderWorkload#yardstick}: MLP
 * 32 → 64 → 64 → 5 tanh, batch 256, float64, L = mean((f(X) − Y)²)), on the calling thread,
 * beside PyTorch ({@code hvp} and {@code maml} of the script, one thread). Measures, each the
 * best of {@code --repeat} blocks of {@code --block} calls after a JIT warm-up, the blocks
 * interleaved round by round so that load hits all alike:
 * <ul>
 *   <li>{@code grad}: ∇_θ L, first order (the floor every second-order pass contains);</li>
 *   <li>{@code hvp}: H v = ∇_θ(∇_θ L · v) through {@code Tape.grad(..., createGraph = true)};</li>
 *   <li>{@code maml}: ∇_θ L(θ − α∇_θ L(θ; X, Y); X2, Y2), α = 0.1, through the inner step
 *       (second order);</li>
 *   <li>{@code fomaml}: the first-order meta-gradient on the same batch (the inner gradient a
 *       constant).</li>
 * </ul>
 * With {@code --yardstick torch_second_order.py} the script runs twice per round as a
 * subprocess with one BLAS thread (arguments {@code hvp}, then {@code maml}; it times itself,
 * best of 5 blocks of 50 calls after 100 warm-up calls, wall clock) and the best runs are the
 * {@code torch_hvp} and {@code torch_maml} measures; {@code --torch-hvp-us} and
 * {@code --torch-maml-us} stand in for times measured earlier. Output, JSON lines:
 * {"products":"vector (512-bit)"} or "scalar" (which path {@code ImplGemm} runs, after waiting for
 * its warm-up), {"measure":..,"us":..,"median_us":..,"cpu_us":..,...} per measure (µs per call: the best and
 * median block by wall clock, the best by the thread's CPU time), then
 * {"ratio":"maml/fomaml","value":..,"cpu":..,"target":3}, {"ratio":"hvp/grad",..} and, with
 * torch times, {"ratio":"hvp/torch","value":..,"target":1} and {"ratio":"maml/torch",..}.
 */
@Command(name = "second-order", mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {"Time second-order gradients of an MLP loss (32 -> 64 -> 64 -> 5 tanh, batch"
        + " 256, float64, mean squared error) on one thread: the plain gradient, a"
        + " Hessian-vector product, MAML's meta-gradient through one inner SGD step (alpha 0.1)"
        + " and the first-order meta-gradient; interleaved; optionally the PyTorch yardstick"
        + " torch_second_order.py (run with the arguments hvp and maml).",
        "Prints one JSON line per measure and ratio lines (targets: hvp/torch and maml/torch"
            + " <= 1, maml/fomaml <= 3)."})
public final class BenchSecondOrderCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Option(names = "--repeat", paramLabel = "R", defaultValue = "5",
      description = "Timed blocks per measure, the best reported; also the yardstick's runs"
          + " (default 5).")
  int repeat;

  @Option(names = "--block", paramLabel = "B", defaultValue = "50",
      description = "Calls per timed block (default 50, as the yardstick).")
  int block;

  @Option(names = "--warmup-ms", paramLabel = "MS", defaultValue = "3000",
      description = "JIT warm-up time over all measures, in ms (default 3000).")
  int warmupMs;

  @Option(names = "--torch-hvp-us", paramLabel = "US",
      description = "PyTorch's microseconds per Hessian-vector product measured earlier (the"
          + " \"us\" of torch_second_order.py hvp), used when --yardstick is not given.")
  Double torchHvpUs;

  @Option(names = "--torch-maml-us", paramLabel = "US",
      description = "PyTorch's microseconds per meta-gradient measured earlier (the \"us\" of"
          + " torch_second_order.py maml), used when --yardstick is not given.")
  Double torchMamlUs;

  @Option(names = "--yardstick", paramLabel = "FILE.py",
      description = "The PyTorch yardstick script torch_second_order.py from ../shared/perf,"
          + " run twice per round (arguments hvp, then maml) with OPENBLAS_NUM_THREADS=1."
          + " Default: not run.")
  Path torchScript;

  @Option(names = "--python", paramLabel = "EXE", defaultValue = "python3",
      description = "The Python interpreter for --yardstick, one with torch (default python3;"
          + " Debian's python3-torch needs /usr/bin/python3).")
  String python;

  /** A picocli-instantiated command; prints to the command line's output stream. */
  public BenchSecondOrderCommand() {
  }

  private static final List<String> NAMES = List.of("grad", "hvp", "maml", "fomaml");

  @Override
  public Integer call() throws Exception {
    CommandLine cl = spec.commandLine();
    if (repeat < 1 || block < 1 || warmupMs < 0) {
      throw new ParameterException(cl, "--repeat and --block must be >= 1 and --warmup-ms >= 0,"
          + " got " + repeat + ", " + block + " and " + warmupMs);
    }
    for (Double us : new Double[] {torchHvpUs, torchMamlUs}) {
      if (us != null && !(us > 0 && Double.isFinite(us))) {
        throw new ParameterException(cl, "--torch-hvp-us and --torch-maml-us must be positive"
            + " numbers, got " + us);
      }
    }
    Yardstick torch = Yardstick.of(spec, torchScript, python);
    if ((torchHvpUs != null || torchMamlUs != null) && torch.given()) {
      throw new ParameterException(cl,
          "--torch-hvp-us and --torch-maml-us exclude --yardstick");
    }
    torch.check();
    PrintWriter out = cl.getOut();
    if (!ImplGemm.awaitVector(60_000)) {
      cl.getErr().println("gridrl: the matrix products run on the scalar path; with"
          + " JAVA_OPTS='--add-modules jdk.incubator.vector' they run on the Vector API (the same"
          + " results, faster)");
    }
    out.printf(Locale.ROOT, "{\"products\":\"%s\"}%n", ImplGemm.path());
    SecondOrderWorkload work = SecondOrderWorkload.yardstick(0);
    List<DoubleSupplier> calls = List.of(work::grad, work::hvp, work::maml,
        work::firstOrderMaml);
    double sink = RoundTimes.warmUp(calls, warmupMs);
    RoundTimes times = new RoundTimes(calls.size(), repeat);
    double[] torchHvp = new double[torch.given() ? repeat : 0];
    double[] torchMaml = new double[torch.given() ? repeat : 0];
    for (int r = 0; r < repeat; r++) {
      sink += times.round(calls, r, block);
      if (torch.given()) {
        torchHvp[r] = torch.microseconds("us", "hvp");
        torchMaml[r] = torch.microseconds("us", "maml");
      }
    }
    for (int i = 0; i < calls.size(); i++) {
      out.printf(Locale.ROOT, "{\"measure\":\"%s\",\"us\":%.1f,\"median_us\":%.1f,"
          + "\"cpu_us\":%.1f,\"blocks\":%d,\"block\":%d,\"threads\":1}%n",
          NAMES.get(i), times.best(i), times.median(i), times.bestCpu(i), repeat, block);
    }
    double hvpTorch = torchHvpUs == null ? Double.NaN : torchHvpUs;
    double mamlTorch = torchMamlUs == null ? Double.NaN : torchMamlUs;
    if (torch.given()) {
      hvpTorch = RoundTimes.min(torchHvp);
      mamlTorch = RoundTimes.min(torchMaml);
      out.printf(Locale.ROOT, "{\"measure\":\"torch_hvp\",\"us\":%.1f,\"median_us\":%.1f,"
          + "\"runs\":%d,\"threads\":1}%n", hvpTorch, RoundTimes.median(torchHvp), repeat);
      out.printf(Locale.ROOT, "{\"measure\":\"torch_maml\",\"us\":%.1f,\"median_us\":%.1f,"
          + "\"runs\":%d,\"threads\":1}%n", mamlTorch, RoundTimes.median(torchMaml), repeat);
    } else {
      if (torchHvpUs != null) {
        out.printf(Locale.ROOT, "{\"measure\":\"torch_hvp\",\"us\":%.1f,\"given\":true}%n",
            hvpTorch);
      }
      if (torchMamlUs != null) {
        out.printf(Locale.ROOT, "{\"measure\":\"torch_maml\",\"us\":%.1f,\"given\":true}%n",
            mamlTorch);
      }
    }
    out.printf(Locale.ROOT, "{\"ratio\":\"maml/fomaml\",\"value\":%.3f,\"cpu\":%.3f,"
        + "\"target\":3}%n", times.best(2) / times.best(3), times.bestCpu(2) / times.bestCpu(3));
    out.printf(Locale.ROOT, "{\"ratio\":\"hvp/grad\",\"value\":%.3f,\"cpu\":%.3f}%n",
        times.best(1) / times.best(0), times.bestCpu(1) / times.bestCpu(0));
    if (!Double.isNaN(hvpTorch)) {
      out.printf(Locale.ROOT, "{\"ratio\":\"hvp/torch\",\"value\":%.3f,\"target\":1}%n",
          times.best(1) / hvpTorch);
    }
    if (!Double.isNaN(mamlTorch)) {
      out.printf(Locale.ROOT, "{\"ratio\":\"maml/torch\",\"value\":%.3f,\"target\":1}%n",
          times.best(2) / mamlTorch);
    }
    out.flush();
    if (sink == 42.4242) { // keeps the results alive; never true in practice
      cl.getErr().println();
    }
    return 0;
  }
}
