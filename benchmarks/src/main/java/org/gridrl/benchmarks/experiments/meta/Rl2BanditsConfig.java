package org.gridrl.benchmarks.experiments.meta;

import io.soabase.recordbuilder.core.RecordBuilder;
import java.util.List;
import org.gridrl.benchmarks.runner.ExperimentConfig;
import org.gridrl.core.util.Check;

/**
 * Settings of {@code rl2-bandits}. Each seed is a block of {@code trialsPerSeed} trials per
 * cell: cell c (n, k) of seed s runs every method on {@code BanditTrials} with seed
 * {@code new Rng(s).fork(c).nextLong()}, so the methods of a cell face the same tasks and reward
 * streams; the table pools the blocks (4 × 250 = 1000 trials per cell, the paper's count). The
 * constants are tuned per cell first, on {@code tuningTrials} trials from {@code tuningSeed}
 * (cell c: {@code new Rng(tuningSeed).fork(c).nextLong()}), disjoint from the reported seeds.
 *
 * @param pulls the n of the grid (10, 100, 500)
 * @param arms the k of the grid (5, 10, 50)
 * @param methods the columns, in Table 1's order; "rl2" is reported as not yet trained
 * @param trialsPerSeed trials per cell and seed (250)
 * @param tuningTrials trials per cell and grid point when tuning (500)
 * @param tuningSeed the tuning seed (1000)
 * @param ucbGrid UCB1's c candidates
 * @param epsilonGrid ε-greedy's ε candidates
 * @param gittinsGrid the Gittins discount γ candidates ({0.9}: every index is a calibration
 *     DP, and the n = 500 cells reach tens of thousands of posteriors, so each extra γ costs
 *     minutes; the hook is here for a longer run)
 * @param threads (cell, method) tasks run on this many threads; the numbers do not depend on it
 * @param seeds the trial blocks
 */
@RecordBuilder
public record Rl2BanditsConfig(List<Integer> pulls, List<Integer> arms, List<String> methods,
    int trialsPerSeed, int tuningTrials, long tuningSeed, List<Double> ucbGrid,
    List<Double> epsilonGrid, List<Double> gittinsGrid, int threads, List<Long> seeds)
    implements ExperimentConfig<Rl2BanditsConfig>, Rl2BanditsConfigBuilder.With {

  /** Validates every field; messages name the value. */
  public Rl2BanditsConfig {
    pulls = List.copyOf(Check.notEmpty("pulls", pulls));
    arms = List.copyOf(Check.notEmpty("arms", arms));
    for (int n : pulls) {
      Check.positive("pulls", n);
    }
    for (int k : arms) {
      Check.argument(k >= 2, "arms must be >= 2, got %s", k);
    }
    methods = List.copyOf(Check.notEmpty("methods", methods));
    for (String m : methods) {
      Check.argument(List.of(Rl2Published.BANDIT_METHODS).contains(m),
          "unknown method '%s' (one of %s)", m, List.of(Rl2Published.BANDIT_METHODS));
    }
    Check.argument(trialsPerSeed >= 2, "trialsPerSeed must be >= 2, got %s", trialsPerSeed);
    Check.positive("tuningTrials", tuningTrials);
    ucbGrid = List.copyOf(Check.notEmpty("ucbGrid", ucbGrid));
    ucbGrid.forEach(c -> Check.nonNegativeFinite("ucbGrid", c));
    epsilonGrid = List.copyOf(Check.notEmpty("epsilonGrid", epsilonGrid));
    epsilonGrid.forEach(e -> Check.unitInterval("epsilonGrid", e));
    gittinsGrid = List.copyOf(Check.notEmpty("gittinsGrid", gittinsGrid));
    gittinsGrid.forEach(g -> Check.argument(g > 0 && g < 1,
        "gittinsGrid discounts must be in (0, 1), got %s", g));
    Check.positive("threads", threads);
    seeds = ExperimentConfig.checkSeeds(seeds);
  }

  /** The full run: RL²'s 3 × 3 grid, 4 × 250 = 1000 trials per cell. */
  public static Rl2BanditsConfig defaults() {
    return new Rl2BanditsConfig(List.of(10, 100, 500), List.of(5, 10, 50),
        List.of(Rl2Published.BANDIT_METHODS), 250, 500, 1000L,
        List.of(0.01, 0.02, 0.05, 0.1, 0.2, 0.3, 0.5),
        List.of(0.005, 0.01, 0.02, 0.05, 0.1, 0.2),
        List.of(0.9), 2, List.of(1L, 2L, 3L, 4L));
  }

  /** The quick run: the same grid, 2 × 25 trials per cell, 50 tuning trials. */
  public static Rl2BanditsConfig quick() {
    return defaults().with(b -> b.trialsPerSeed(25).tuningTrials(50).seeds(List.of(1L, 2L)));
  }

  /** The candidates of a tuned method (empty for one without a constant). */
  public List<Double> grid(String method) {
    return switch (method) {
      case "ucb1" -> ucbGrid;
      case "epsilon-greedy" -> epsilonGrid;
      case "gittins" -> gittinsGrid;
      default -> List.of();
    };
  }

  @Override
  public Rl2BanditsConfig withSeeds(List<Long> newSeeds) {
    return Rl2BanditsConfigBuilder.With.super.withSeeds(newSeeds);
  }
}
