package org.gridrl.benchmarks.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.DoubleSupplier;
import org.gridrl.benchmarks.jmh.PerTaskGradientBenchmark;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code gridrl bench pcgrad}: issue 13's speed item, one PPO minibatch step on T tasks by
 * core.pg's per-task path with PCGrad beside the plain summed step, in one run
 * ({@link PerTaskGradientBenchmark.Workload}: T = 50 tasks, observations e_s ⊕ e_k of a
 * 200-state world, π 250 → 32 → 32 → 4 with 9,220 parameters, V 250 → 32 → 32 → 1, 32 rows per
 * task). Measures, each the best of {@code --repeat} blocks of {@code --block} calls after a JIT
 * warm-up, the blocks interleaved round by round so that load on the machine hits all alike:
 * <ul>
 *   <li>{@code summed}: {@code Ppo.update} without a combination, one epoch and one minibatch of
 *       T·m rows: value predictions, GAE, one forward/backward pass on the summed loss, Adam;</li>
 *   <li>{@code pcgrad}: the same with per-task gradients (T passes, one per task's rows) and
 *       PCGrad on the policy's and on the value's T gradients;</li>
 *   <li>{@code per_task_sum}: the per-task path with the plain sum (the T passes without
 *       PCGrad's Gram matrix and projections).</li>
 * </ul>
 * Output, JSON lines: {"measure":..,"us":..,"median_us":..,"cpu_us":..,...} per measure (µs per
 * call: the best and median block by wall clock, the best by the thread's CPU time), then
 * {"ratio":"pcgrad/summed","value":..,"cpu":..,"target":2.0} and
 * {"ratio":"per_task_sum/summed","value":..,"cpu":..}.
 */
@Command(name = "pcgrad", mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {"Time one PPO minibatch step on T tasks by the per-task gradient path with"
        + " PCGrad beside the plain summed step, in one run (50 tasks, a 250-32-32-4 policy of"
        + " 9,220 parameters, 32 rows per task by default).",
        "Prints one JSON line per measure and ratio lines (target: pcgrad/summed <= 2)."})
public final class BenchPcGradCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Option(names = "--tasks", paramLabel = "T", defaultValue = "50",
      description = "Number of tasks (default 50).")
  int tasks;

  @Option(names = "--states", paramLabel = "S", defaultValue = "200",
      description = "States of the world; the input is S + T wide (default 200).")
  int states;

  @Option(names = "--hidden", paramLabel = "H", defaultValue = "32",
      description = "Width of each of the two tanh hidden layers of pi and V (default 32).")
  int hidden;

  @Option(names = "--rows", paramLabel = "M", defaultValue = "32",
      description = "Rows per task in the minibatch (default 32).")
  int rows;

  @Option(names = "--repeat", paramLabel = "R", defaultValue = "5",
      description = "Timed blocks per measure, the best reported (default 5).")
  int repeat;

  @Option(names = "--block", paramLabel = "B", defaultValue = "20",
      description = "Calls per timed block (default 20).")
  int block;

  @Option(names = "--warmup-ms", paramLabel = "MS", defaultValue = "3000",
      description = "JIT warm-up time over all measures, in ms (default 3000).")
  int warmupMs;

  /** A picocli-instantiated command; prints to the command line's output stream. */
  public BenchPcGradCommand() {
  }

  /** One timed thing: its name in the output and one call returning a value to keep alive. */
  private record Measure(String name, DoubleSupplier call) {
  }

  @Override
  public Integer call() {
    CommandLine cl = spec.commandLine();
    if (!(tasks >= 1 && tasks <= 1000 && states >= 1 && states <= 100_000 && hidden >= 1
        && hidden <= 1024 && rows >= 2 && rows <= 10_000)) {
      throw new ParameterException(cl, "--tasks must be in [1, 1000], --states in [1, 100000],"
          + " --hidden in [1, 1024] and --rows in [2, 10000], got " + tasks + ", " + states
          + ", " + hidden + " and " + rows);
    }
    if (repeat < 1 || block < 1 || warmupMs < 0) {
      throw new ParameterException(cl, "--repeat and --block must be >= 1 and --warmup-ms >= 0,"
          + " got " + repeat + ", " + block + " and " + warmupMs);
    }
    PrintWriter out = cl.getOut();
    PerTaskGradientBenchmark.Workload work = new PerTaskGradientBenchmark.Workload(tasks,
        states, List.of(hidden, hidden), rows, true, 1L);
    List<Measure> measures = List.of(
        new Measure("summed", work::summed),
        new Measure("pcgrad", work::pcgrad),
        new Measure("per_task_sum", work::perTaskSum));
    List<DoubleSupplier> calls = measures.stream().map(Measure::call).toList();
    double sink = RoundTimes.warmUp(calls, warmupMs);
    RoundTimes times = new RoundTimes(measures.size(), repeat);
    for (int r = 0; r < repeat; r++) {
      sink += times.round(calls, r, block);
    }
    int policyParams = PerTaskGradientBenchmark.Workload.parameterCount(work.policy().network());
    int valueParams = PerTaskGradientBenchmark.Workload.parameterCount(work.value());
    for (int i = 0; i < measures.size(); i++) {
      out.printf(Locale.ROOT, "{\"measure\":\"%s\",\"us\":%.1f,\"median_us\":%.1f,"
          + "\"cpu_us\":%.1f,\"blocks\":%d,\"block\":%d,\"tasks\":%d,\"rows_per_task\":%d,"
          + "\"policy_parameters\":%d,\"value_parameters\":%d}%n", measures.get(i).name(),
          times.best(i), times.median(i), times.bestCpu(i), repeat, block, tasks, rows,
          policyParams, valueParams);
    }
    out.printf(Locale.ROOT, "{\"ratio\":\"pcgrad/summed\",\"value\":%.3f,\"cpu\":%.3f,"
        + "\"target\":2.0}%n", times.best(1) / times.best(0), times.bestCpu(1) / times.bestCpu(0));
    out.printf(Locale.ROOT, "{\"ratio\":\"per_task_sum/summed\",\"value\":%.3f,\"cpu\":%.3f}%n",
        times.best(2) / times.best(0), times.bestCpu(2) / times.bestCpu(0));
    out.flush();
    if (sink == 42.4242) { // keeps the results alive; never true in practice
      cl.getErr().println();
    }
    return 0;
  }
}
