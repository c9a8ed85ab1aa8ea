package org.gridrl.benchmarks.experiments.meta;

import io.soabase.recordbuilder.core.RecordBuilder;
import java.util.List;
import org.gridrl.benchmarks.runner.ExperimentConfig;
import org.gridrl.core.util.Check;
import org.gridrl.meta.rl2.Rl2Config;

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
 * @param methods the columns, in Table 1's order ("rl2" trains one network per cell)
 * @param trialsPerSeed trials per cell and seed (250)
 * @param tuningTrials trials per cell and grid point when tuning (500)
 * @param tuningSeed the tuning seed (1000)
 * @param ucbGrid UCB1's c candidates ({0, 0.1, ..., 1}, the grid of Duan et al.'s script)
 * @param epsilonGrid ε-greedy's ε candidates ({0, 0.1, ..., 1}, the grid of Duan et al.'s script:
 *     a finer grid finds ε = 0.02–0.05 at n = 500, and an ε-greedy stronger than the paper's)
 * @param ties how greedy and ε-greedy break ties among the arms of the largest posterior mean:
 *     "lowest" (the default) takes the lowest-numbered, as numpy's {@code argmax} in Duan et al.'s
 *     baseline script does, "uniform" draws one uniformly
 * @param gittinsGrid the Gittins discount γ candidates ({0.9, 0.99}: the first two of the
 *     {0.9, 0.99, 0.999, 0.9999} of Duan et al.'s script; every index is exact up to a truncation
 *     at depth N with γ^N/(1−γ) ≤ 1e−6, 153 at γ = 0.9 and 1833 at 0.99, all of a cell's
 *     posteriors computed at once ({@code TrialMethods.gittinsTable}, seconds at 0.99), but
 *     20713 at 0.999: about K·N²/2 ≈ 10¹² backups per table, out of the default run's reach)
 * @param rl2 RL²'s settings for every cell (when "rl2" is among the methods): one network per
 *     cell, trained with these settings, the cell's entry of {@code rl2Iterations} and the seed
 *     {@code new Rng(rl2.seed()).fork(c).nextLong()} for cell c
 * @param rl2Iterations RL²'s training iterations per n, an entry for every n of
 *     {@code pulls} ({@link Rl2Budget})
 * @param rl2Networks "" to train RL² (the default), or the {@code rl2/} folder of an earlier run
 *     (or the run folder holding it) whose saved networks are evaluated instead, copied into this
 *     run's {@code rl2/}: every cell's {@code CELL.json} and {@code CELL.training.json} must be
 *     there, trained with this config's {@code rl2.hidden}
 * @param threads (cell, method) tasks run on this many threads; the numbers do not depend on it
 * @param seeds the trial blocks
 */
@RecordBuilder
public record Rl2BanditsConfig(List<Integer> pulls, List<Integer> arms, List<String> methods,
    int trialsPerSeed, int tuningTrials, long tuningSeed, List<Double> ucbGrid,
    List<Double> epsilonGrid, String ties, List<Double> gittinsGrid, Rl2Config rl2,
    List<Rl2Budget> rl2Iterations, String rl2Networks, int threads, List<Long> seeds)
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
    Check.argument(TrialMethods.TIE_RULES.contains(ties),
        "ties must be \"lowest\" or \"uniform\", got \"%s\"", ties);
    gittinsGrid = List.copyOf(Check.notEmpty("gittinsGrid", gittinsGrid));
    gittinsGrid.forEach(g -> Check.argument(g > 0 && g < 1,
        "gittinsGrid discounts must be in (0, 1), got %s", g));
    Check.notNull("rl2", rl2);
    rl2Iterations = Rl2Budget.check(rl2Iterations, pulls, "pulls");
    PublishedTable.checkNetworks(rl2Networks, methods,
        Rl2Bandits.cells(pulls, arms).stream().map(Rl2Bandits.Cell::key).toList());
    Check.positive("threads", threads);
    seeds = ExperimentConfig.checkSeeds(seeds);
  }

  /** The full run: RL²'s 3 × 3 grid, 4 × 250 = 1000 trials per cell. */
  public static Rl2BanditsConfig defaults() {
    return new Rl2BanditsConfig(List.of(10, 100, 500), List.of(5, 10, 50),
        List.of(Rl2Published.BANDIT_METHODS), 250, 500, 1000L,
        PAPER_GRID, PAPER_GRID, "lowest",
        List.of(0.9, 0.99), RL2, Rl2Budget.of(10, 1200, 100, 1000, 500, 100), "", 2,
        List.of(1L, 2L, 3L, 4L));
  }

  /** UCB1's c and ε-greedy's ε as Duan et al.'s script searched them: 0, 0.1, ..., 1. */
  static final List<Double> PAPER_GRID = List.of(0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8,
      0.9, 1.0);

  /**
   * RL²'s settings shared by both tables: H = 32, 64 trials per iteration in minibatches of 16,
   * η = 3e−3, c_H = 0.001, c_V = 0.05, advantages standardised per minibatch, the rest
   * {@link Rl2Config#defaults()} (γ 0.99, λ 0.3, ε 0.1, 8 epochs, gradient norm clipped at 0.5),
   * seed 2000; {@code Rl2MdpsConfig} uses them as they are, the bandit table with more trials per
   * iteration ({@link #RL2}). Chosen on k = 5, n = 100 by single runs of seed 1
   * (docs/results/meta.md, "RL²'s settings"): the defaults' c_H = 0.01 kept the policy too random
   * (68.4 after 400 iterations against 72.5 with 0.001), and with c_V = 0.5 and raw advantages
   * the value loss's gradient, returns being tens, fills most of the clipped norm (73.2 after 300
   * iterations with c_V = 0.05 and standardised advantages, against 71.8).
   */
  static final Rl2Config RL2_SHARED = Rl2Config.defaults().with(b -> b.hidden(32)
      .trialsPerIteration(64).minibatchTrials(16).learningRate(3e-3).entropyCoef(0.001)
      .valueCoef(0.05).normalizeAdvantages(true).seed(2000L));

  /**
   * RL²'s settings in every bandit cell: {@link #RL2_SHARED} with 256 trials per iteration in
   * minibatches of 64 (as many gradient steps per epoch, on four times the trials), a GRU of 64
   * units and chrono initialisation of its update gate ({@link Rl2Config#chronoInit()}). At
   * k = 5, n = 100 the shared 64 trials stalled near 71 after 700 iterations, where 256 reached
   * 76.2 in as many iterations; at k = 10, n = 100 the zero gate biases (the GRU halving its
   * state every step at the start) held H = 32, 64 and 128 alike at 76–78, and chrono biases
   * lifted H = 32 to 78.6 and H = 64 to 79.7 within 550–900 iterations (docs/results/meta.md).
   */
  static final Rl2Config RL2 = RL2_SHARED.withTrialsPerIteration(256).withMinibatchTrials(64)
      .withHidden(64).withChronoInit(true);

  /** RL²'s iterations for a number of pulls (its entry in {@code rl2Iterations}). */
  public int rl2Iterations(int n) {
    return Rl2Budget.iterationsFor(rl2Iterations, n);
  }

  /**
   * The quick run: the same grid, 2 × 25 trials per cell, 50 tuning trials, RL² trained for a
   * few iterations of 8 trials (a smoke run of the whole pipeline, not a result).
   */
  public static Rl2BanditsConfig quick() {
    return defaults().with(b -> b.trialsPerSeed(25).tuningTrials(50).seeds(List.of(1L, 2L))
        .rl2(RL2.withTrialsPerIteration(8).withMinibatchTrials(8))
        .rl2Iterations(Rl2Budget.of(10, 4, 100, 2, 500, 1)));
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
