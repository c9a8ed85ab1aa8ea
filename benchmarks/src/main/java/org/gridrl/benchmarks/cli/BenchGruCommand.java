package org.gridrl.benchmarks.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.DoubleSupplier;
import org.gridrl.benchmarks.jmh.GruWorkload;
import org.gridrl.benchmarks.jmh.Rl2UpdateWorkload;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code gridrl bench gru}: issue 14's speed item, forward + backpropagation through time of a
 * GRU cell on the yardstick's shapes ({@link GruWorkload#yardstick}: in 8, hidden 64, 100 steps,
 * batch 16, float64, L = (1/T) Σ_t mean_b((h_t · w_read)²)), on the calling thread, beside
 * PyTorch ({@code ../shared/perf/torch_second_order.py gru}, {@code torch.nn.GRUCell} in a
 * Python loop, one thread). First the two Java versions' gradients are checked to agree (else
 * exit 1). Measures, each the best of {@code --repeat} blocks of {@code --block} calls after a
 * JIT warm-up, the blocks interleaved round by round so that load hits all alike:
 * <ul>
 *   <li>{@code autodiff}: {@code Gru.unroll} and the loss on the tape, {@code Tape.grad} (what
 *       RL² trains with);</li>
 *   <li>{@code unfused}: the same with the cell spelled out in the tape's elementwise ops, as
 *       {@code Gru} recorded it before the fused {@code Tape.gruCell} (the fusion's speed-up, in
 *       the same run);</li>
 *   <li>{@code hand}: explicit BPTT through {@code Gemm}, the input products and the weight
 *       gradients of all steps as single products (the floor for the tape);</li>
 *   <li>{@code rl2_update}: one whole RL² PPO update ({@link Rl2UpdateWorkload}:
 *       {@code Rl2.update} on 16 sampled trials of 100 steps of {@code Rl2Tasks.bandits(5, 100)}, H = 64, 8 epochs
 *       of one minibatch of all 16 trials; the batch sampled once, outside the timing), µs per
 *       update.</li>
 * </ul>
 * With {@code --yardstick torch_second_order.py} the script runs once per round as a subprocess
 * with one BLAS thread ({@code gru} as its argument; it times itself, best of 5 blocks of 10
 * calls after 20 warm-up calls, wall clock) and its best run is the {@code torch} measure; with
 * {@code --torch-us US} a time measured earlier stands in for it. Output, JSON lines:
 * {"measure":..,"us":..,"median_us":..,"cpu_us":..,"gflops":..,...} per measure (µs per call:
 * the best and median block by wall clock, the best by the thread's CPU time; {@code rl2_update}
 * with {@code "steps"} and {@code "gradient_steps"} in place of {@code "gflops"}), then
 * {"ratio":"autodiff/hand","value":..,"cpu":..}, {"ratio":"autodiff/unfused",..} and, with a
 * torch time,
 * {"ratio":"autodiff/torch","value":..,"target":0.5} and {"ratio":"hand/torch","value":..}
 * (torch times itself by wall clock only).
 */
@Command(name = "gru", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = {"Time forward + backpropagation through time of a GRU cell (in 8, hidden 64,"
        + " 100 steps, batch 16, float64, loss on a linear read-out of every hidden state) on"
        + " one thread: autodiff (Gru on the tape), the same unfused and hand-written BPTT,"
        + " one whole RL² PPO update (16 trials of 100 steps, H 64); interleaved;"
        + " optionally the PyTorch yardstick torch_second_order.py (run with the argument gru).",
        "Prints one JSON line per measure and ratio lines (target: autodiff/torch <= 0.5)."})
public final class BenchGruCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Option(names = "--repeat", paramLabel = "R", defaultValue = "5",
      description = "Timed blocks per measure, the best reported; also the yardstick's runs"
          + " (default 5).")
  int repeat;

  @Option(names = "--block", paramLabel = "B", defaultValue = "10",
      description = "Calls per timed block (default 10, as the yardstick).")
  int block;

  @Option(names = "--warmup-ms", paramLabel = "MS", defaultValue = "3000",
      description = "JIT warm-up time over all measures, in ms (default 3000).")
  int warmupMs;

  @Option(names = "--torch-us", paramLabel = "US",
      description = "PyTorch's microseconds per call measured earlier (the \"us\" of"
          + " torch_second_order.py gru), used when --yardstick is not given.")
  Double torchUs;

  @Option(names = "--yardstick", paramLabel = "FILE.py",
      description = "The PyTorch yardstick script torch_second_order.py from ../shared/perf,"
          + " run once per round with the argument gru and OPENBLAS_NUM_THREADS=1. Default: not"
          + " run.")
  Path torchScript;

  @Option(names = "--python", paramLabel = "EXE", defaultValue = "python3",
      description = "The Python interpreter for --yardstick, one with torch (default python3;"
          + " Debian's python3-torch needs /usr/bin/python3).")
  String python;

  /** A picocli-instantiated command; prints to the command line's output stream. */
  public BenchGruCommand() {
  }

  /** One timed thing: its name in the output and one call returning a value to keep alive. */
  private record Measure(String name, DoubleSupplier call) {
  }

  @Override
  public Integer call() throws Exception {
    CommandLine cl = spec.commandLine();
    if (repeat < 1 || block < 1 || warmupMs < 0) {
      throw new ParameterException(cl, "--repeat and --block must be >= 1 and --warmup-ms >= 0,"
          + " got " + repeat + ", " + block + " and " + warmupMs);
    }
    if (torchUs != null && !(torchUs > 0 && Double.isFinite(torchUs))) {
      throw new ParameterException(cl, "--torch-us must be a positive number, got " + torchUs);
    }
    Yardstick torch = Yardstick.of(spec, torchScript, python);
    if (torchUs != null && torch.given()) {
      throw new ParameterException(cl, "--torch-us and --yardstick exclude each other");
    }
    torch.check();
    PrintWriter out = cl.getOut();
    GruWorkload work = GruWorkload.yardstick(0);
    double disagreement = work.maxGradientDisagreement();
    if (!(disagreement < 1e-12)) {
      cl.getErr().println("gridrl: the GRU versions disagree: max |gradient difference| "
          + disagreement + " (expected < 1e-12)");
      return 1;
    }
    Rl2UpdateWorkload update = Rl2UpdateWorkload.issue14();
    List<Measure> measures = List.of(
        new Measure("autodiff", work::autodiff),
        new Measure("unfused", work::autodiffUnfused),
        new Measure("hand", work::handWritten),
        new Measure("rl2_update", update::update));
    List<DoubleSupplier> calls = measures.stream().map(Measure::call).toList();
    double sink = RoundTimes.warmUp(calls, warmupMs);
    RoundTimes times = new RoundTimes(measures.size(), repeat);
    double[] torchRuns = new double[torch.given() ? repeat : 0];
    for (int r = 0; r < repeat; r++) {
      sink += times.round(calls, r, block);
      if (torch.given()) {
        torchRuns[r] = torch.microseconds("us", "gru");
      }
    }
    for (int i = 0; i < 3; i++) {
      out.printf(Locale.ROOT, "{\"measure\":\"%s\",\"us\":%.1f,\"median_us\":%.1f,"
          + "\"cpu_us\":%.1f,\"gflops\":%.2f,\"blocks\":%d,\"block\":%d,\"threads\":1}%n",
          measures.get(i).name(), times.best(i), times.median(i), times.bestCpu(i),
          work.flops() / (times.best(i) * 1e3), repeat, block);
    }
    out.printf(Locale.ROOT, "{\"measure\":\"rl2_update\",\"us\":%.1f,\"median_us\":%.1f,"
        + "\"cpu_us\":%.1f,\"steps\":%d,\"gradient_steps\":%d,\"blocks\":%d,\"block\":%d,"
        + "\"threads\":1}%n", times.best(3), times.median(3), times.bestCpu(3), update.steps(),
        update.gradientSteps(), repeat, block);
    double torchBest = Double.NaN;
    if (torch.given()) {
      torchBest = RoundTimes.min(torchRuns);
      out.printf(Locale.ROOT, "{\"measure\":\"torch\",\"us\":%.1f,\"median_us\":%.1f,"
          + "\"runs\":%d,\"threads\":1}%n", torchBest, RoundTimes.median(torchRuns), repeat);
    } else if (torchUs != null) {
      torchBest = torchUs;
      out.printf(Locale.ROOT, "{\"measure\":\"torch\",\"us\":%.1f,\"given\":true}%n", torchBest);
    }
    out.printf(Locale.ROOT, "{\"ratio\":\"autodiff/hand\",\"value\":%.3f,\"cpu\":%.3f}%n",
        times.best(0) / times.best(2), times.bestCpu(0) / times.bestCpu(2));
    out.printf(Locale.ROOT, "{\"ratio\":\"autodiff/unfused\",\"value\":%.3f,\"cpu\":%.3f}%n",
        times.best(0) / times.best(1), times.bestCpu(0) / times.bestCpu(1));
    if (!Double.isNaN(torchBest)) {
      out.printf(Locale.ROOT, "{\"ratio\":\"autodiff/torch\",\"value\":%.3f,\"target\":0.5}%n",
          times.best(0) / torchBest);
      out.printf(Locale.ROOT, "{\"ratio\":\"hand/torch\",\"value\":%.3f}%n",
          times.best(2) / torchBest);
    }
    out.flush();
    if (sink == 42.4242) { // keeps the results alive; never true in practice
      cl.getErr().println();
    }
    return 0;
  }
}
