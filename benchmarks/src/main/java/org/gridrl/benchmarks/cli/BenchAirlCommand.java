package org.gridrl.benchmarks.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.DoubleSupplier;
import java.util.stream.Collectors;
import org.gridrl.benchmarks.experiments.irl.AirlIterationBenchmark;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code gridrl bench airl}: one AIRL iteration timed beside its two parts run alone, side by
 * side in one run (issue 12's speed item: the iteration should cost at most 1.2× the sum of its
 * parts).
 *
 * <p>The workload is {@link AirlIterationBenchmark.Workload}: N environments × T steps (8 × 512
 * = 4,096 by default) of the 8×8 grid of irl-adversarial-grid (one-hot observations, 4 moves,
 * 32 demonstrations of the optimal policy) or of PointNavigation (a Gaussian policy, 32 episodes
 * of a noisy straight-line controller); π, V, g and h MLPs 64-64 (tanh); AIRL's default
 * settings otherwise (PPO: 4 epochs of minibatches of 128; discriminator: minibatches of 256
 * expert and 256 policy rows) with one discriminator epoch by default. Measures, on the calling
 * thread, each timed as the best of {@code --repeat} blocks of {@code --block} calls after a JIT
 * warm-up, the blocks interleaved round by round so that load on the machine hits all alike:
 * <ul>
 *   <li>{@code iteration}: what {@code Airl.train} runs per iteration after collecting, on one
 *       fixed batch: log π of the current policy on the expert and policy rows, the
 *       discriminator's epoch(s) with z on every row after it, r = f − log π, the PPO update
 *       (collection excluded);</li>
 *   <li>{@code discriminator}: the discriminator's update alone on the same rows;</li>
 *   <li>{@code ppo}: the PPO update alone on the same batch and rewards;</li>
 *   <li>{@code collect}: collecting a batch of N·T steps with the current policy;</li>
 *   <li>{@code iteration_with_collection}: a whole iteration of {@code Airl.train}, collection
 *       included.</li>
 * </ul>
 * Output, JSON lines per world: {"measure":..,"world":..,"us":..,"median_us":..,"cpu_us":..,
 * "blocks":..,"block":..,"steps":..,"expert_rows":..,"hidden":..,"disc_epochs":..} per measure
 * (µs per call: the best and the median block by wall clock, and the best by the thread's CPU
 * time, which time-slicing on a loaded machine does not inflate), then
 * {"ratio":"iteration/parts","value":..,"cpu":..,"target":1.2,"world":..} with value =
 * us(iteration) / (us(discriminator) + us(ppo)) and cpu the same quotient of the cpu_us, and
 * {"ratio":"iteration_with_collection/parts_with_collection","value":..,"cpu":..,"world":..}
 * with {@code collect} added to the parts.
 */
@Command(name = "airl", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = {"Time one AIRL iteration (log pi, a discriminator epoch, r = f - log pi, a"
        + " PPO update; N x T steps, MLPs 64-64) beside its parts run alone (the"
        + " discriminator's update, the PPO update, collection) on the 8x8 grid of"
        + " irl-adversarial-grid and on PointNavigation.",
        "Prints one JSON line per measure and ratio lines."})
public final class BenchAirlCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Option(names = "--world", paramLabel = "grid|point", split = ",", defaultValue = "grid,point",
      description = "Worlds, comma separated (default grid,point).")
  List<String> worlds;

  @Option(names = "--envs", paramLabel = "N", defaultValue = "8",
      description = "Environments sampled in lock step (default 8).")
  int envs;

  @Option(names = "--steps", paramLabel = "T", defaultValue = "512",
      description = "Steps per environment and batch (default 512; batch = N x T).")
  int steps;

  @Option(names = "--hidden", paramLabel = "H", split = ",", defaultValue = "64,64",
      description = "Hidden layers of pi, V, g and h, comma separated (default 64,64).")
  List<Integer> hidden;

  @Option(names = "--disc-epochs", paramLabel = "E", defaultValue = "1",
      description = "Discriminator epochs per iteration (default 1; AIRL's default is 2).")
  int discEpochs;

  @Option(names = "--repeat", paramLabel = "R", defaultValue = "10",
      description = "Timed blocks per measure, the best reported (default 10).")
  int repeat;

  @Option(names = "--block", paramLabel = "B", defaultValue = "1",
      description = "Calls per timed block (default 1).")
  int block;

  @Option(names = "--warmup-ms", paramLabel = "MS", defaultValue = "3000",
      description = "JIT warm-up time per world over all measures, in ms (default 3000).")
  int warmupMs;

  @Option(names = "--seed", paramLabel = "S", defaultValue = "1",
      description = "Seed of the demonstrations, networks and sampler (default 1).")
  long seed;

  /** A picocli-instantiated command; prints to the command line's output stream. */
  public BenchAirlCommand() {
  }

  /** Runs {@code airl ARGS} on its own. */
  public static void main(String[] args) {
    CommandLine cmd = new CommandLine(new BenchAirlCommand());
    cmd.setParameterExceptionHandler((ex, a) -> {
      System.err.println("gridrl: " + ex.getMessage());
      return 2;
    });
    System.exit(cmd.execute(args));
  }

  /** The measures, in output order. */
  static final List<String> MEASURES = List.of("iteration", "discriminator", "ppo", "collect",
      "iteration_with_collection");

  /** The target of iteration/parts (issue 12). */
  static final double TARGET = 1.2;

  /** One timed thing: its name in the output and one call returning a value to keep alive. */
  private record Measure(String name, DoubleSupplier call) {
  }

  @Override
  public Integer call() {
    CommandLine cl = spec.commandLine();
    for (String w : worlds) {
      if (!AirlIterationBenchmark.Workload.WORLDS.contains(w)) {
        throw new ParameterException(cl, "--world must be grid or point, got '" + w + "'");
      }
    }
    if (envs < 1 || steps < 1 || discEpochs < 1 || repeat < 1 || block < 1 || warmupMs < 0) {
      throw new ParameterException(cl, "--envs, --steps, --disc-epochs, --repeat and --block"
          + " must be >= 1 and --warmup-ms >= 0, got " + envs + ", " + steps + ", " + discEpochs
          + ", " + repeat + ", " + block + " and " + warmupMs);
    }
    if ((long) envs * steps > 1 << 20) {
      throw new ParameterException(cl, "--envs x --steps must be at most 1048576, got "
          + (long) envs * steps);
    }
    for (int h : hidden) {
      if (h < 1 || h > 4096) {
        throw new ParameterException(cl, "--hidden sizes must be in [1, 4096], got " + hidden);
      }
    }
    PrintWriter out = cl.getOut();
    double sink = 0;
    for (String w : worlds) {
      sink += time(w, out);
    }
    out.flush();
    if (sink == 42.4242) { // keeps the results alive; never true in practice
      cl.getErr().println();
    }
    return 0;
  }

  private double time(String world, PrintWriter out) {
    AirlIterationBenchmark.Workload work = new AirlIterationBenchmark.Workload(world, envs,
        steps, hidden, discEpochs, seed);
    List<Measure> measures = List.of(
        new Measure("iteration", work::iteration),
        new Measure("discriminator", work::discriminator),
        new Measure("ppo", work::ppo),
        new Measure("collect", work::collect),
        new Measure("iteration_with_collection", work::iterationWithCollection));
    List<DoubleSupplier> calls = measures.stream().map(Measure::call).toList();
    double sink = RoundTimes.warmUp(calls, warmupMs);
    RoundTimes times = new RoundTimes(measures.size(), repeat);
    for (int r = 0; r < repeat; r++) {
      sink += times.round(calls, r, block);
    }
    String hiddenText = hidden.stream().map(String::valueOf).collect(Collectors.joining("-"));
    double[] us = new double[measures.size()];
    double[] cpu = new double[measures.size()];
    for (int i = 0; i < measures.size(); i++) {
      us[i] = times.best(i);
      cpu[i] = times.bestCpu(i);
      out.printf(Locale.ROOT, "{\"measure\":\"%s\",\"world\":\"%s\",\"us\":%.1f,"
          + "\"median_us\":%.1f,\"cpu_us\":%.1f,\"blocks\":%d,\"block\":%d,\"steps\":%d,"
          + "\"expert_rows\":%d,\"hidden\":\"%s\",\"disc_epochs\":%d}%n", measures.get(i).name(),
          world, us[i], times.median(i), cpu[i], repeat, block, work.steps(), work.expertRows(),
          hiddenText, discEpochs);
    }
    // quotients of the printed (rounded) times, so that a reader can check them
    double[] p = round(us);
    double[] c = round(cpu);
    printRatio(out, "iteration/parts", p[0] / (p[1] + p[2]), c[0] / (c[1] + c[2]), TARGET,
        world);
    printRatio(out, "iteration_with_collection/parts_with_collection",
        p[4] / (p[1] + p[2] + p[3]), c[4] / (c[1] + c[2] + c[3]), Double.NaN, world);
    return sink;
  }

  /** Each entry rounded as printed (0.1 µs). */
  private static double[] round(double[] us) {
    double[] r = new double[us.length];
    for (int i = 0; i < us.length; i++) {
      r[i] = Double.parseDouble(String.format(Locale.ROOT, "%.1f", us[i]));
    }
    return r;
  }

  /** {"ratio":name,"value":wall[,"cpu":cpu][,"target":target],"world":world}. */
  private static void printRatio(PrintWriter out, String name, double wall, double cpu,
      double target, String world) {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "{\"ratio\":\"%s\",\"value\":%.3f", name, wall));
    if (!Double.isNaN(cpu)) {
      sb.append(String.format(Locale.ROOT, ",\"cpu\":%.3f", cpu));
    }
    if (!Double.isNaN(target)) {
      sb.append(",\"target\":").append(target);
    }
    out.println(sb.append(",\"world\":\"").append(world).append("\"}"));
  }
}
