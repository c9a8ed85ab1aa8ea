package org.gridrl.benchmarks.experiments.meta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.gridrl.benchmarks.experiments.meta.TrialMethods.Pooled;
import org.gridrl.envs.bandit.BernoulliBandit;
import org.gridrl.meta.baselines.BanditTrials;
import org.gridrl.meta.baselines.EpsilonGreedy;
import org.gridrl.meta.baselines.RandomPolicy;
import org.junit.jupiter.api.Test;

class Rl2BanditsTest {

  private static final int TRIALS = 4000;

  // E[Σ r] of the uniform policy = n·E[μ] = n/2 for μ ~ U(0, 1)
  @Test
  void randomRow_isHalfThePulls_withinThreeStandardErrors() {
    for (Rl2Bandits.Cell c : List.of(new Rl2Bandits.Cell(0, 10, 5),
        new Rl2Bandits.Cell(1, 100, 10))) {
      Pooled p = Pooled.of(Rl2Bandits.totals("random", Double.NaN, "lowest", c, TRIALS, 11));
      assertThat(p.mean()).as(c.label()).isCloseTo(c.pulls() / 2.0,
          within(3 * p.standardError()));
    }
  }

  // E[n·max of k uniforms] = n·k/(k + 1)
  @Test
  void oracleRow_isNTimesTheMeanOfTheLargestOfKUniforms_withinThreeStandardErrors() {
    for (Rl2Bandits.Cell c : List.of(new Rl2Bandits.Cell(0, 10, 5),
        new Rl2Bandits.Cell(1, 500, 50))) {
      Pooled p = Pooled.of(Rl2Bandits.oracle(c, TRIALS, 12));
      assertThat(p.mean()).as(c.label()).isCloseTo(c.pulls() * c.arms() / (c.arms() + 1.0),
          within(3 * p.standardError()));
    }
  }

  // the oracle's tasks are the ones BanditTrials draws with the same seed
  @Test
  void oracle_seesTheTasksOfTheTrials() {
    Rl2Bandits.Cell c = new Rl2Bandits.Cell(0, 10, 5);
    BanditTrials.Outcome o = BanditTrials.run(new RandomPolicy(), BernoulliBandit.tasks(5, 10),
        50, 3);
    double[] oracle = Rl2Bandits.oracle(c, 50, 3);
    for (int i = 0; i < 50; i++) {
      // pseudo-regret of trial i is Σ_t (max μ − μ_{a_t}) ≤ n·max μ, = 0 only if every pull is best
      assertThat(o.pseudoRegret()[i]).isLessThanOrEqualTo(oracle[i] + 1e-12);
    }
  }

  @Test
  void argmax_takesTheLargestMean_firstOnTies() {
    assertThat(Rl2Bandits.argmax(new double[] {1, 3, 3, 2})).isEqualTo(1);
    assertThat(Rl2Bandits.argmax(new double[] {5})).isZero();
  }

  // ε = 1 is the uniform policy (n/2 = 50 at n = 100); ε = 0.01 is near greedy (~75)
  @Test
  void tuning_picksTheBetterEpsilon_andScoresEachOnTheTuningSeed() throws Exception {
    Rl2BanditsConfig config = Rl2BanditsConfig.quick().with(b -> b.pulls(List.of(100))
        .arms(List.of(5)).methods(List.of("epsilon-greedy")).epsilonGrid(List.of(1.0, 0.01))
        .tuningTrials(400).threads(2));
    Map<String, Map<String, Rl2Bandits.Tuning>> tuned = Rl2Bandits.tune(config);
    Rl2Bandits.Tuning t = tuned.get("n100_k5").get("epsilon-greedy");
    assertThat(t.value()).isEqualTo(0.01);
    Rl2Bandits.Cell c = Rl2Bandits.cells(config).get(0);
    double[] uniform = Rl2Bandits.totals("epsilon-greedy", 1.0, config.ties(), c, 400,
        Rl2Bandits.cellSeed(config.tuningSeed(), c));
    assertThat(t.means()[0]).isEqualTo(Pooled.of(uniform).mean());
    assertThat(t.means()[0]).isCloseTo(50, within(3 * Pooled.of(uniform).standardError()));
  }

  @Test
  void pooledBlocks_equalOneBlockOfAllTrials() {
    double[] a = {3, 5, 8, 1};
    double[] b = {2, 9, 4};
    Pooled both = Pooled.of(a).plus(Pooled.of(b));
    BanditTrials.Outcome all = new BanditTrials.Outcome(new double[] {3, 5, 8, 1, 2, 9, 4},
        new double[7], new double[7]);
    assertThat(both.mean()).isCloseTo(32.0 / 7, within(1e-12));
    assertThat(both.standardError()).isCloseTo(all.standardError(), within(1e-12));
  }

  @Test
  void rl2Column_standsBesideThePublishedNumber() {
    Rl2BanditsConfig config = Rl2BanditsConfig.quick().with(b -> b.pulls(List.of(10))
        .arms(List.of(5)));
    // made-up results: RL² is the 7th method, mean 0.7·10 + 0.01·6
    assertThat(MetaFixtures.rl2BanditsTable(config).get(1)).contains("7.06±0.09 (6.7)");
  }

  @Test
  void rl2Iterations_needsOneEntryPerN_namedInTheMessage() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Rl2BanditsConfig.quick()
        .withPulls(List.of(10, 20))).hasMessage("rl2Iterations has no entry for n = 20 (one of"
            + " pulls); give {\"n\": 20, \"iterations\": I}");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Rl2BanditsConfig.quick()
        .withRl2Iterations(Rl2Budget.of(10, 3, 100, 2, 500, 1, 10, 4)))
        .hasMessage("rl2Iterations gives n = 10 twice");
    assertThat(Rl2BanditsConfig.defaults().rl2Iterations(100)).isEqualTo(1000);
    assertThat(Rl2MdpsConfig.defaults().rl2Iterations(25)).isEqualTo(150);
  }

  @Test
  void published_quotesTheIssuesCells() {
    assertThat(Rl2Published.bandit(10, 5, "thompson")).hasValue(5.7);
    assertThat(Rl2Published.bandit(500, 10, "greedy")).hasValue(395.0);
    assertThat(Rl2Published.mdp(100, "ucrl2")).hasValue(1942.1);
    assertThat(Rl2Published.mdp(10, "rl2")).hasValue(156.2);
    assertThat(Rl2Published.bandit(20, 5, "random")).isEmpty();
  }

  // greedy's ties as the config says: lowest (numpy's argmax, the default) or uniform
  @Test
  void ties_chooseGreedysTieBreak_lowestByDefault() {
    Rl2Bandits.Cell c = new Rl2Bandits.Cell(0, 100, 10);
    assertThat(Rl2BanditsConfig.defaults().ties()).isEqualTo("lowest");
    double[] lowest = Rl2Bandits.totals("greedy", Double.NaN, "lowest", c, 200, 5);
    double[] uniform = Rl2Bandits.totals("greedy", Double.NaN, "uniform", c, 200, 5);
    var tasks = BernoulliBandit.tasks(10, 100);
    assertThat(lowest).isEqualTo(BanditTrials.run(EpsilonGreedy.lowestTie(0), tasks, 200, 5)
        .totalReward());
    assertThat(uniform).isEqualTo(BanditTrials.run(EpsilonGreedy.greedy(), tasks, 200, 5)
        .totalReward());
    assertThat(lowest).isNotEqualTo(uniform);
    // the other methods do not break ties this way: the same trials either way
    assertThat(Rl2Bandits.totals("ucb1", 0.2, "lowest", c, 50, 5))
        .isEqualTo(Rl2Bandits.totals("ucb1", 0.2, "uniform", c, 50, 5));
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Rl2BanditsConfig.quick()
        .withTies("first")).hasMessage("ties must be \"lowest\" or \"uniform\", got \"first\"");
  }

  // made-up cells at chosen z: the fit counts them, sums (z/√2)² and averages z/√2 per column
  @Test
  void fit_countsTheCellsWithin2Se_andSumsTheSquaredZDifferences() {
    Rl2BanditsConfig config = Rl2BanditsConfig.quick().with(b -> b.pulls(List.of(10, 100))
        .arms(List.of(5)).methods(List.of("random", "greedy")));
    double[][] z = {{1, 1.9}, {-3, 0}}; // [cell][method]
    Map<String, Map<String, Pooled>> pooled = new java.util.LinkedHashMap<>();
    List<Rl2Bandits.Cell> cells = Rl2Bandits.cells(config);
    for (int c = 0; c < 2; c++) {
      Map<String, Pooled> perMethod = new java.util.LinkedHashMap<>();
      for (int m = 0; m < 2; m++) {
        String method = config.methods().get(m);
        double se = 0.1;
        double mean = Rl2Published.bandit(cells.get(c).pulls(), 5, method).getAsDouble()
            + z[c][m] * se;
        double n = 1000;
        double sd = se * Math.sqrt(n);
        perMethod.put(method, new Pooled(n, n * mean, (n - 1) * sd * sd + n * mean * mean));
      }
      pooled.put(cells.get(c).key(), perMethod);
    }
    Rl2Bandits table = new Rl2Bandits();
    Map<String, PublishedTable.Fit> fit = table.fit(table.plan(config), pooled);

    assertThat(fit).containsOnlyKeys("random", "greedy", "all baselines");
    PublishedTable.Fit random = fit.get("random");
    assertThat(random.cells()).isEqualTo(2);
    assertThat(random.within2Se()).isEqualTo(1);
    assertThat(random.sumSquares()).isCloseTo(0.5 + 4.5, within(1e-6));
    assertThat(random.meanZDifference()).isCloseTo(-1 / Math.sqrt(2), within(1e-6));
    assertThat(fit.get("greedy").within2Se()).isEqualTo(2);
    PublishedTable.Fit all = fit.get("all baselines");
    assertThat(all.cells()).isEqualTo(4);
    assertThat(all.within2Se()).isEqualTo(3);
    assertThat(all.sumSquares()).isCloseTo(5 + 1.9 * 1.9 / 2, within(1e-6));
    assertThat(all.meanZDifference()).isCloseTo((1 + 1.9 - 3) / 4 / Math.sqrt(2), within(1e-6));
    assertThat(all.expectedWithin()).isCloseTo(4 * 0.8427, within(1e-9));
  }
}
