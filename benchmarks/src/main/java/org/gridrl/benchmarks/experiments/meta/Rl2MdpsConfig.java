package org.gridrl.benchmarks.experiments.meta;

import io.soabase.recordbuilder.core.RecordBuilder;
import java.util.List;
import org.gridrl.benchmarks.runner.ExperimentConfig;
import org.gridrl.core.util.Check;
import org.gridrl.meta.baselines.MdpEpsilonGreedy;
import org.gridrl.meta.baselines.TabulaRlBeb;
import org.gridrl.meta.baselines.TabulaRlUcrl2;
import org.gridrl.meta.rl2.Rl2Config;

/**
 * Settings of {@code rl2-mdps} ({@code RandomMdp.Spec.rl2()}: S = 10, A = 5, H = 10). Each seed
 * is a block of {@code trialsPerSeed} trials per cell: cell c (n episodes) of seed s runs every
 * method on {@code MdpTrials} with seed {@code new Rng(s).fork(c).nextLong()} (common random
 * numbers across methods); the table pools the blocks. A grid of two or more constants is tuned
 * per cell on {@code tuningTrials} trials from {@code tuningSeed}; the default grids hold one
 * constant each: for BEB and UCRL2 (TabulaRL's agents, {@code TrialMethods.mdp}) the point of
 * Duan et al.'s 21-point {@code scaling} grid ({@code MdpBaselineTuning.tabulaRlScalings()})
 * that was best at every n when the whole grid was tuned per n (docs/results/meta.md), which
 * halves the run time.
 *
 * @param episodes the n of the grid (10, 25, 50, 75, 100)
 * @param methods the columns, in Table 2's order ("rl2" trains one network per cell)
 * @param trialsPerSeed trials per cell and seed (100)
 * @param tuningTrials trials per cell and grid point when tuning (200)
 * @param tuningSeed the tuning seed (1000)
 * @param bebGrid BEB's κ candidates, TabulaRL's {@code scaling} ({10^−2.8} =
 *     {@code TabulaRlBeb.TUNED_SCALING_RL2})
 * @param ucrl2Grid UCRL2's κ candidates, TabulaRL's {@code scaling} ({10^−0.4} =
 *     {@code TabulaRlUcrl2.TUNED_SCALING_RL2})
 * @param epsilonGrid ε-greedy's ε candidates ({0.1} = {@code MdpEpsilonGreedy.TABULA_RL_EPSILON},
 *     the smallest of the ε grid of Duan et al.'s script, for TabulaRL's ε-greedy)
 * @param rl2 RL²'s settings for every cell (when "rl2" is among the methods): one network per
 *     cell, trained with these settings, the cell's entry of {@code rl2Iterations} and the seed
 *     {@code new Rng(rl2.seed()).fork(c).nextLong()} for cell c
 * @param rl2Iterations RL²'s training iterations per n, an entry for every n of
 *     {@code episodes} ({@link Rl2Budget})
 * @param rl2Networks "" to train RL² (the default), or the {@code rl2/} folder of an earlier run
 *     (or the run folder holding it) whose saved networks are evaluated instead, copied into this
 *     run's {@code rl2/}: every cell's {@code CELL.json} and {@code CELL.training.json} must be
 *     there, trained with this config's {@code rl2.hidden}
 * @param threads (cell, method) tasks run on this many threads; the numbers do not depend on it
 * @param seeds the trial blocks
 */
@RecordBuilder
public record Rl2MdpsConfig(List<Integer> episodes, List<String> methods, int trialsPerSeed,
    int tuningTrials, long tuningSeed, List<Double> bebGrid, List<Double> ucrl2Grid,
    List<Double> epsilonGrid, Rl2Config rl2, List<Rl2Budget> rl2Iterations, String rl2Networks,
    int threads, List<Long> seeds)
    implements ExperimentConfig<Rl2MdpsConfig>, Rl2MdpsConfigBuilder.With {

  /** Validates every field; messages name the value. */
  public Rl2MdpsConfig {
    episodes = List.copyOf(Check.notEmpty("episodes", episodes));
    episodes.forEach(n -> Check.positive("episodes", n));
    methods = List.copyOf(Check.notEmpty("methods", methods));
    for (String m : methods) {
      Check.argument(List.of(Rl2Published.MDP_METHODS).contains(m),
          "unknown method '%s' (one of %s)", m, List.of(Rl2Published.MDP_METHODS));
    }
    Check.argument(trialsPerSeed >= 2, "trialsPerSeed must be >= 2, got %s", trialsPerSeed);
    Check.positive("tuningTrials", tuningTrials);
    bebGrid = List.copyOf(Check.notEmpty("bebGrid", bebGrid));
    bebGrid.forEach(b -> Check.nonNegativeFinite("bebGrid", b));
    ucrl2Grid = List.copyOf(Check.notEmpty("ucrl2Grid", ucrl2Grid));
    ucrl2Grid.forEach(c -> Check.nonNegativeFinite("ucrl2Grid", c));
    epsilonGrid = List.copyOf(Check.notEmpty("epsilonGrid", epsilonGrid));
    epsilonGrid.forEach(e -> Check.unitInterval("epsilonGrid", e));
    Check.notNull("rl2", rl2);
    rl2Iterations = Rl2Budget.check(rl2Iterations, episodes, "episodes");
    PublishedTable.checkNetworks(rl2Networks, methods,
        Rl2Mdps.cells(episodes).stream().map(Rl2Mdps.Cell::key).toList());
    Check.positive("threads", threads);
    seeds = ExperimentConfig.checkSeeds(seeds);
  }

  /** The full run: RL²'s five episode counts, 4 × 100 = 400 trials per cell. */
  public static Rl2MdpsConfig defaults() {
    return new Rl2MdpsConfig(List.of(10, 25, 50, 75, 100), List.of(Rl2Published.MDP_METHODS),
        100, 200, 1000L, List.of(TabulaRlBeb.TUNED_SCALING_RL2),
        List.of(TabulaRlUcrl2.TUNED_SCALING_RL2),
        List.of(MdpEpsilonGreedy.TABULA_RL_EPSILON), RL2,
        Rl2Budget.of(10, 300, 25, 150, 50, 80, 75, 50, 100, 40), "", 2,
        List.of(1L, 2L, 3L, 4L));
  }

  /** RL²'s settings: those shared with the bandit table ({@code Rl2BanditsConfig.RL2_SHARED}). */
  static final Rl2Config RL2 = Rl2BanditsConfig.RL2_SHARED;

  /** RL²'s iterations for a number of episodes (its entry in {@code rl2Iterations}). */
  public int rl2Iterations(int n) {
    return Rl2Budget.iterationsFor(rl2Iterations, n);
  }

  /**
   * The quick run: n ∈ {10, 25}, 2 × 25 trials per cell, RL² trained for a few iterations of 8
   * trials (a smoke run of the whole pipeline, not a result).
   */
  public static Rl2MdpsConfig quick() {
    return defaults().with(b -> b.episodes(List.of(10, 25)).trialsPerSeed(25).tuningTrials(25)
        .seeds(List.of(1L, 2L)).rl2(RL2.withTrialsPerIteration(8).withMinibatchTrials(8))
        .rl2Iterations(Rl2Budget.of(10, 3, 25, 2)));
  }

  /** The candidates of a tuned method (empty for one without a constant). */
  public List<Double> grid(String method) {
    return switch (method) {
      case "beb" -> bebGrid;
      case "ucrl2" -> ucrl2Grid;
      case "epsilon-greedy" -> epsilonGrid;
      default -> List.of();
    };
  }

  @Override
  public Rl2MdpsConfig withSeeds(List<Long> newSeeds) {
    return Rl2MdpsConfigBuilder.With.super.withSeeds(newSeeds);
  }
}
