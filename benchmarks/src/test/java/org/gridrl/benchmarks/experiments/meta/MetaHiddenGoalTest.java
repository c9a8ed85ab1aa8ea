package org.gridrl.benchmarks.experiments.meta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.nio.file.Files;
import java.nio.file.Path;
import org.gridrl.benchmarks.runner.Interruptions;
import org.gridrl.core.util.Rng;
import org.gridrl.envs.meta.HiddenGoalGrid;
import org.gridrl.meta.baselines.GoalSearchSetting;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetaHiddenGoalTest {

  private static final double EXACT = 1e-12;

  @Test
  void exactRows_areThePlannersAndOraclesValues() {
    Map<String, double[]> rows = MetaHiddenGoal.exactRows(MetaHiddenGoal.SETTING);
    assertThat(rows.keySet()).containsExactlyElementsOf(MetaHiddenGoal.EXACT);
    double oracleEpisode = 232.5 / 21; // docs/algorithms/meta.md: (21·16.1 − 1.1·96)/21
    assertThat(rows.get("bayes-optimal")).containsExactly(new double[] {4.0, oracleEpisode,
        oracleEpisode, oracleEpisode}, within(1e-9));
    assertThat(Arrays.stream(rows.get("bayes-optimal")).sum()).isCloseTo(7815.0 / 210,
        within(1e-9)); // 37.2143
    assertThat(rows.get("oracle")).containsOnly(oracleEpisode);
    assertThat(Arrays.stream(rows.get("oracle")).sum()).isCloseTo(930.0 / 21, within(1e-9));
  }

  // by hand on a 3×3 grid, H = 1: from (0,0) a random move reaches (0,1) (up) or (1,0) (right)
  // with 1/5 each, neither a candidate (the start's 2×2 block), so every goal pays −0.1
  @Test
  void randomEpisodeReturns_oneStep_isStepReward() {
    assertThat(MetaHiddenGoal.randomEpisodeReturns(new GoalSearchSetting(3, 1, 2)))
        .containsExactly(new double[] {-0.1, -0.1}, within(EXACT));
  }

  // H = 2 on 3×3 (candidates (0,2), (1,2), (2,0), (2,1), (2,2): outside the start's 2×2 block):
  // p_2((0,2)) = P(up, up) = 1/25, p_2((2,0)) = P(right, right) = 1/25, the other three are 3 or 4
  // moves away; the mean over K = 5 of Σ_{t=1,2} (1.1 p_t(g) − 0.1) = (1.1·2/25 − 5·0.2)/5
  @Test
  void randomEpisodeReturns_twoSteps_byHand() {
    double expected = (1.1 * 2 / 25 - 5 * 0.2) / 5;
    assertThat(MetaHiddenGoal.randomEpisodeReturns(new GoalSearchSetting(3, 2, 1))[0])
        .isCloseTo(expected, within(EXACT));
  }

  // the exact value against uniformly random actions through the environment (40 000 episodes,
  // seeded): within 4 standard errors
  @Test
  void randomEpisodeReturns_matchSimulationThroughTheEnv() {
    double exact = MetaHiddenGoal.randomEpisodeReturns(MetaHiddenGoal.SETTING)[0];
    Rng rng = new Rng(345);
    int[] goals = HiddenGoalGrid.candidateGoals(5);
    int n = 40_000;
    double s = 0;
    double ss = 0;
    for (int i = 0; i < n; i++) {
      HiddenGoalGrid env = HiddenGoalGrid.varibad(goals[rng.nextInt(goals.length)]);
      env.reset(rng.nextLong());
      double r = 0;
      for (int t = 0; t < 15; t++) {
        r += env.step(rng.nextInt(HiddenGoalGrid.NUM_ACTIONS)).reward();
      }
      s += r;
      ss += r * r;
    }
    double mean = s / n;
    double se = Math.sqrt((ss / n - mean * mean) / (n - 1));
    assertThat(Math.abs(mean - exact)).isLessThan(4 * se);
  }

  private static MetaHiddenGoalConfig tiny() {
    return MetaHiddenGoalConfig.quick().withRl2(MetaHiddenGoalConfig.rl2(3)
        .withTrialsPerIteration(4).withMinibatchTrials(2).withEpochs(1).withHidden(8))
        .withEvaluationTrials(50).withSeeds(List.of(7L));
  }

  @Test
  void runOne_sameSeed_sameNumbers() {
    MetaHiddenGoal.RunResult a = MetaHiddenGoal.runOne(tiny(), 7);
    MetaHiddenGoal.RunResult b = MetaHiddenGoal.runOne(tiny(), 7);
    assertThat(a.trialReturn()).hasSize(3).containsExactly(b.trialReturn());
    assertThat(a.episodeReturns()).hasSize(4).containsExactly(b.episodeReturns());
    assertThat(a.standardError()).isEqualTo(b.standardError());
    assertThat(MetaHiddenGoal.runOne(tiny(), 8).episodeReturns())
        .isNotEqualTo(a.episodeReturns());
  }

  // the reported s.e. is the sample s.e. of the evaluation's trial returns, σ_{n−1}/√n, and the
  // per-episode means sum to the mean trial return
  @Test
  void runOne_evaluation_isTheRl2EvaluationOfFreshTrials() {
    MetaHiddenGoalConfig config = tiny();
    MetaHiddenGoal.RunResult r = MetaHiddenGoal.runOne(config, 7);
    var tasks = MetaHiddenGoal.tasks();
    var trained = org.gridrl.meta.rl2.Rl2.train(tasks, config.rl2().withSeed(7), null);
    var ev = org.gridrl.meta.rl2.Rl2.evaluate(trained.policy(), tasks, 50,
        MetaHiddenGoal.evaluationSeed(7));
    double[] totals = ev.trialReturns();
    double mean = Arrays.stream(totals).average().orElseThrow();
    double ss = 0;
    for (double x : totals) {
      ss += (x - mean) * (x - mean);
    }
    assertThat(r.standardError()).isCloseTo(Math.sqrt(ss / 49 / 50), within(1e-12));
    assertThat(r.total()).isCloseTo(mean, within(1e-9));
    for (int e = 0; e < 4; e++) {
      assertThat(r.episodeReturns()[e]).isEqualTo(ev.meanEpisodeReturn(e));
    }
    // each episode return lies between 15 steps off the goal and 15 steps on it
    for (double x : r.episodeReturns()) {
      assertThat(x).isBetween(-1.5, 15.0);
    }
  }

  // seeds run in parallel and are written in seed order: one thread and two give the same files
  @Test
  void run_oneThreadOrTwo_sameMetricsAndTable(@TempDir Path dir) throws Exception {
    MetaHiddenGoalConfig config = tiny().withSeeds(List.of(1L, 2L, 3L));
    String one = Interruptions.run(new MetaHiddenGoal(), config.withThreads(1), true,
        dir.resolve("one"));
    String two = Interruptions.run(new MetaHiddenGoal(), config.withThreads(2), true,
        dir.resolve("two"));
    assertThat(Files.readAllBytes(dir.resolve("two/metrics.csv")))
        .isEqualTo(Files.readAllBytes(dir.resolve("one/metrics.csv")));
    assertThat(Interruptions.withoutWallTime(two)).isEqualTo(Interruptions.withoutWallTime(one));
    assertThat(one).contains("bayes-optimal (exact)  4.0000").contains("37.2143");
  }

  @Test
  void table_rl2RowThenExactRows_withGaps() {
    List<String> lines = MetaHiddenGoalFixtures.table(MetaHiddenGoalConfig.quick());
    assertThat(lines).hasSize(5);
    assertThat(lines.get(2)).startsWith("bayes-optimal (exact)").contains("4.0000")
        .contains("37.2143").endsWith("0.0000");
    assertThat(lines.get(3)).startsWith("oracle (exact)").contains("44.2857")
        .endsWith("-7.0714");
  }

  @Test
  void config_rejectsBadValues() {
    MetaHiddenGoalConfig c = MetaHiddenGoalConfig.quick();
    assertThatThrownBy(() -> c.withEvaluationTrials(1))
        .hasMessageContaining("evaluationTrials");
    assertThatThrownBy(() -> c.withThreads(0)).hasMessageContaining("threads");
    assertThatThrownBy(() -> c.withRl2(null)).hasMessageContaining("rl2");
  }
}
