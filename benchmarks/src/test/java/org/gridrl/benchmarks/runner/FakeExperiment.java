package org.gridrl.benchmarks.runner;

import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A test experiment: for each seed s, iterations i = 1..n write {@code loss = s + 1/i}; the seed's
 * final metric is {@code final = finals[index of s]} (or s when finals is empty). Optionally the
 * metric is NaN at (nanSeed, nanIteration). After every write it reads the files back from disk,
 * so a test can check that they are written as the run goes.
 */
public final class FakeExperiment implements Experiment<FakeExperiment.Config> {

  /** Iterations per seed, final values per seed, where to put a NaN, the seeds. */
  public record Config(int iterations, List<Double> finals, long nanSeed, long nanIteration,
      List<Long> seeds) implements ExperimentConfig<Config> {
    public Config {
      if (!(iterations >= 1)) {
        throw new IllegalArgumentException("iterations must be >= 1, got " + iterations);
      }
      finals = List.copyOf(finals);
      seeds = ExperimentConfig.checkSeeds(seeds);
    }

    @Override
    public Config withSeeds(List<Long> newSeeds) {
      return new Config(iterations, finals, nanSeed, nanIteration, newSeeds);
    }
  }

  private final Config defaults;
  private boolean plot;

  /** A fake experiment whose default config is (3 iterations, seeds 1 and 2). */
  public FakeExperiment() {
    this(new Config(3, List.of(), -1, -1, List.of(1L, 2L)));
  }

  /** A fake experiment with the given default config. */
  public FakeExperiment(Config defaults) {
    this.defaults = defaults;
  }

  /** This experiment, also drawing loss.png at the end (off by default: plots are slow). */
  public FakeExperiment withPlot() {
    plot = true;
    return this;
  }

  /** Lines of metrics.csv seen on disk right after each row was written. */
  final List<List<String>> csvAfterEachRow = new ArrayList<>();
  /** summary.json seen on disk right after each seed completed. */
  final List<String> summaryAfterEachSeed = new ArrayList<>();
  /** The seeds the run skipped because a resumed folder had them. */
  final List<Long> keptSeeds = new ArrayList<>();

  @Override
  public String name() {
    return "fake";
  }

  @Override
  public String description() {
    return "a test experiment";
  }

  @Override
  public Duration expectedRunTime(boolean quick) {
    return quick ? Duration.ofSeconds(1) : Duration.ofMinutes(3);
  }

  @Override
  public Config defaultConfig() {
    return defaults;
  }

  @Override
  public Config quickConfig() {
    return new Config(2, List.of(), -1, -1, List.of(1L));
  }

  @Override
  public void run(Config c, RunContext ctx) throws Exception {
    for (int k = 0; k < c.seeds().size(); k++) {
      long seed = c.seeds().get(k);
      if (ctx.kept(seed).isPresent()) { // finished by the run this one resumes
        keptSeeds.add(seed);
        continue;
      }
      try (MetricsListener listener = ctx.listener(seed)) {
        for (int i = 1; i <= c.iterations(); i++) {
          double loss = seed == c.nanSeed() && i == c.nanIteration() ? Double.NaN : seed + 1.0 / i;
          listener.onScalar(i, "loss", loss);
          listener.onIterationEnd(i, 0.0);
          csvAfterEachRow.add(Files.readAllLines(ctx.file("metrics.csv")));
        }
      }
      Map<String, Double> fin = new LinkedHashMap<>();
      fin.put("final", c.finals().isEmpty() ? (double) seed : c.finals().get(k));
      ctx.seedComplete(seed, fin);
      summaryAfterEachSeed.add(Files.readString(ctx.file("summary.json")));
    }
    if (!plot) {
      return;
    }
    Plots.learningCurve(ctx.file("loss.png"), "loss", "iteration", "loss",
        List.of(Plots.Curve.of("loss", ctx.metrics().series("loss"))), Plots.Band.MIN_MAX, true);
  }

}
