package org.gridrl.benchmarks.runner;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A test experiment that takes its time, for killing mid-run: per seed s (the k-th), iterations
 * i = 1..n write {@code loss = s + 1/i}, from i = 2 on also {@code gap = 1/(s·i)} (a column added
 * mid-run), and from the third seed on {@code late = s + i/10} (a column added after the first
 * seeds); it sleeps {@code delayMillis} after each row. Final metric: {@code final = s + 1/n}.
 * The numbers do not depend on the delay.
 */
public class SlowExperiment implements Experiment<SlowExperiment.Config> {

  /** Iterations per seed and the seeds. */
  public record Config(int iterations, List<Long> seeds) implements ExperimentConfig<Config> {
    public Config {
      seeds = ExperimentConfig.checkSeeds(seeds);
    }

    @Override
    public Config withSeeds(List<Long> newSeeds) {
      return new Config(iterations, newSeeds);
    }
  }

  private final long delayMillis;
  /** The seeds this instance ran (not the kept ones), in order. */
  final List<Long> ran = Collections.synchronizedList(new ArrayList<>());

  /** The experiment, sleeping {@code delayMillis} after each row. */
  public SlowExperiment(long delayMillis) {
    this.delayMillis = delayMillis;
  }

  @Override
  public String name() {
    return "slow";
  }

  @Override
  public String description() {
    return "a test experiment that sleeps after each row";
  }

  @Override
  public Duration expectedRunTime(boolean quick) {
    return Duration.ofSeconds(2);
  }

  @Override
  public Config defaultConfig() {
    return new Config(6, List.of(1L, 2L, 3L, 4L));
  }

  @Override
  public Config quickConfig() {
    return new Config(2, List.of(1L));
  }

  @Override
  public void run(Config c, RunContext ctx) throws Exception {
    ctx.metrics().declare("loss");
    for (int k = 0; k < c.seeds().size(); k++) {
      long seed = c.seeds().get(k);
      if (ctx.kept(seed).isPresent()) {
        continue;
      }
      ran.add(seed);
      for (int i = 1; i <= c.iterations(); i++) {
        Map<String, Double> row = new LinkedHashMap<>();
        row.put("loss", seed + 1.0 / i);
        if (i >= 2) {
          row.put("gap", 1.0 / (seed * i));
        }
        if (k >= 2) {
          row.put("late", seed + i / 10.0);
        }
        ctx.row(seed, i, row);
        Thread.sleep(delayMillis);
      }
      ctx.seedComplete(seed, Map.of("final", seed + 1.0 / c.iterations()));
    }
  }

  /**
   * {@code gridrl} with only this experiment registered, sleeping {@code -Dslow.delay} ms (default
   * 60) after each row: the child process the kill tests start.
   */
  public static void main(String[] args) {
    System.setProperty("java.awt.headless", "true");
    Registry registry = new Registry().register(new SlowExperiment(Long.getLong("slow.delay", 60)));
    System.exit(org.gridrl.benchmarks.Main.execute(registry,
        new org.gridrl.benchmarks.cli.Io(System.out, System.err, false), args));
  }
}
