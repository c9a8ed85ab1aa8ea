package org.gridrl.benchmarks.experiments.meta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.gridrl.benchmarks.runner.ConfigFile;
import org.gridrl.benchmarks.runner.Interruptions;
import org.gridrl.core.util.Rng;
import org.gridrl.core.pg.Policy;
import org.gridrl.envs.meta.HiddenGoalGrid;
import org.gridrl.meta.baselines.GoalSearchSetting;
import org.gridrl.meta.maml.Maml;
import org.gridrl.meta.maml.MamlConfig;
import org.gridrl.meta.pearl.Pearl;
import org.gridrl.meta.pearl.PearlEvaluation;
import org.gridrl.meta.pearl.PearlResult;
import org.gridrl.meta.rl2.Rl2Tasks;
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
        .withMaml(tinyMaml()).withPearl(MetaHiddenGoalConfig.pearl(2)
            .withTrainStepsPerIteration(3).withInitialSteps(15).withTasksPerIteration(1))
        .withEvaluationTrials(50).withSeeds(List.of(7L));
  }

  private static MetaHiddenGoalConfig.MamlSettings tinyMaml() {
    MetaHiddenGoalConfig.MamlSettings q = MetaHiddenGoalConfig.maml(3);
    return new MetaHiddenGoalConfig.MamlSettings(q.algorithm().withMetaBatchSize(4),
        List.of(8));
  }

  @Test
  void runOne_sameSeed_sameNumbers() {
    MetaHiddenGoal.RunResult a = MetaHiddenGoal.runOne(tiny(), 7);
    MetaHiddenGoal.RunResult b = MetaHiddenGoal.runOne(tiny(), 7);
    assertThat(a.trialReturn()).hasSize(3).containsExactly(b.trialReturn());
    assertThat(a.episodeReturns()).hasSize(4).containsExactly(b.episodeReturns());
    assertThat(a.standardError()).isEqualTo(b.standardError());
    assertThat(a.mamlPreUpdate()).hasSize(3).containsExactly(b.mamlPreUpdate());
    assertThat(a.mamlEpisodeReturns()).hasSize(4).containsExactly(b.mamlEpisodeReturns());
    MetaHiddenGoal.RunResult c = MetaHiddenGoal.runOne(tiny(), 8);
    assertThat(c.episodeReturns()).isNotEqualTo(a.episodeReturns());
    assertThat(c.mamlEpisodeReturns()).isNotEqualTo(a.mamlEpisodeReturns());
    assertThat(a.pearlCollectReturn()).hasSize(2).containsExactly(b.pearlCollectReturn());
    assertThat(a.pearlEpisodeReturns()).hasSize(4).containsExactly(b.pearlEpisodeReturns());
    assertThat(c.pearlEpisodeReturns()).isNotEqualTo(a.pearlEpisodeReturns());
  }

  // PEARL's per-episode returns are Pearl.evaluateDiscrete's numbers computed directly on the
  // evaluation goals with the agent Pearl.trainDiscrete gives on the 21 goals; its s.e. is the
  // sample s.e. of the trial returns; each return is a sum of 15 rewards in {1, −0.1}, so
  // 10·R + 1.5 = 11·(steps on the goal) is an integer in [0, 165]
  @Test
  void runOne_pearlEpisodes_arePearlEvaluateDiscreteOnTheEvaluationGoals() {
    MetaHiddenGoalConfig config = tiny();
    MetaHiddenGoal.RunResult r = MetaHiddenGoal.runOne(config, 7);
    List<HiddenGoalGrid> tasks = MetaHiddenGoal.pearlTasks();
    assertThat(tasks.stream().mapToInt(HiddenGoalGrid::goal).toArray())
        .containsExactly(HiddenGoalGrid.candidateGoals(5));
    PearlResult trained = Pearl.trainDiscrete(tasks, config.pearl().withSeed(7), null);
    PearlEvaluation e = Pearl.evaluateDiscrete(trained.agent(),
        MetaHiddenGoal.evaluationGoals(7, 50), 4, 15, 1,
        new Rng(MetaHiddenGoal.evaluationSeed(7)).fork(4).seed());
    double[] totals = new double[50];
    for (int i = 0; i < 50; i++) {
      for (int k = 0; k < 4; k++) {
        double onGoal = (10 * e.returns()[i][k] + 15) / 11;
        assertThat(onGoal).isCloseTo(Math.rint(onGoal), within(1e-9));
        assertThat(Math.round(onGoal)).isBetween(0L, 15L);
        totals[i] += e.returns()[i][k];
      }
    }
    for (int k = 0; k < 4; k++) {
      assertThat(r.pearlEpisodeReturns()[k]).isCloseTo(e.meanReturn(k), within(1e-12));
    }
    double m = Arrays.stream(totals).average().orElseThrow();
    double ss = 0;
    for (double x : totals) {
      ss += (x - m) * (x - m);
    }
    assertThat(r.pearlStandardError()).isCloseTo(Math.sqrt(ss / 49 / 50), within(1e-12));
    assertThat(r.pearlCollectReturn())
        .containsExactly(trained.history().series(Pearl.COLLECT_RETURN));
  }

  // MAML plays RL²'s evaluation goals: the goals Rl2.evaluate draws from Rng(1000 + s).fork(0)
  @Test
  void evaluationGoals_areRl2EvaluationsGoals() {
    Rl2Tasks<double[]> tasks = MetaHiddenGoal.tasks();
    Rng rng = new Rng(MetaHiddenGoal.evaluationSeed(7)).fork(0);
    List<HiddenGoalGrid> goals = MetaHiddenGoal.evaluationGoals(7, 200);
    int[] seen = new int[25];
    for (HiddenGoalGrid g : goals) {
      assertThat(g.goal()).isEqualTo(((HiddenGoalGrid) tasks.tasks().sample(rng)).goal());
      seen[g.goal()]++;
    }
    // 200 draws over the 21 candidates: every candidate appears, no start-block cell does
    assertThat(seen[0] + seen[1] + seen[5] + seen[6]).isZero();
    assertThat(Arrays.stream(HiddenGoalGrid.candidateGoals(5)).map(g -> seen[g]).min()
        .orElseThrow()).isPositive();
  }

  // MAML's per-episode returns are Maml.adapt's numbers computed directly, trial by trial, on the
  // evaluation goals: episode 1 is step 0 (the meta-trained θ), episode e + 1 is θ after e inner
  // steps on one episode each; and a trial's episode-e return is a sum of 15 rewards in
  // {1, −0.1}, so 10·R + 1.5 = 11·(steps on the goal) is an integer in [0, 165]
  @Test
  void runOne_mamlEpisodes_areMamlAdaptOnTheEvaluationGoals() {
    MetaHiddenGoalConfig config = tiny();
    MetaHiddenGoal.RunResult r = MetaHiddenGoal.runOne(config, 7);
    MamlConfig maml = config.maml().algorithm().withSeed(7);
    Policy policy = Maml.train(MetaHiddenGoal.mamlTasks(),
        MetaHiddenGoal.mamlPolicy(config.maml()), maml, null).policy();
    List<HiddenGoalGrid> goals = MetaHiddenGoal.evaluationGoals(7, 50);
    Rng samplers = new Rng(MetaHiddenGoal.evaluationSeed(7)).fork(3);
    double[] mean = new double[4];
    double[] totals = new double[50];
    for (int i = 0; i < 50; i++) {
      HiddenGoalGrid env = new HiddenGoalGrid(5, 15, 4, goals.get(i).goal());
      var sampler = new org.gridrl.core.pg.Sampler<double[], Integer>(List.of(env),
          org.gridrl.core.pg.Sampler.ObservationEncoder.identity(), 2);
      sampler.reseed(samplers.fork(i).seed());
      Maml.Adaptation a = Maml.adapt(policy, sampler, maml, 3);
      assertThat(a.parameters()).hasSize(4);
      for (int e = 0; e < 4; e++) {
        double onGoal = (10 * a.returns()[e] + 15) / 11;
        assertThat(onGoal).isCloseTo(Math.rint(onGoal), within(1e-9));
        assertThat(Math.round(onGoal)).isBetween(0L, 15L);
        mean[e] += a.returns()[e] / 50;
        totals[i] += a.returns()[e];
      }
    }
    assertThat(r.mamlEpisodeReturns()).containsExactly(mean, within(1e-12));
    double m = Arrays.stream(totals).average().orElseThrow();
    double ss = 0;
    for (double x : totals) {
      ss += (x - m) * (x - m);
    }
    assertThat(r.mamlStandardError()).isCloseTo(Math.sqrt(ss / 49 / 50), within(1e-12));
    assertThat(r.mamlPreUpdate()).hasSize(3);
    for (double x : r.mamlPreUpdate()) {
      assertThat(x).isBetween(-1.5 - 1e-9, 15.0);
    }
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
    assertThat(one).contains("bayes-optimal (exact)  4.0000").contains("37.2143")
        .contains("MAML (3 seeds)").contains("PEARL (3 seeds)");
  }

  @Test
  void table_rl2RowThenExactRows_withGaps() {
    List<String> lines = MetaHiddenGoalFixtures.table(MetaHiddenGoalConfig.quick());
    assertThat(lines).hasSize(7);
    assertThat(lines.get(1)).startsWith("RL² (5 seeds)");
    // MAML's made-up totals 9 + 0.1·seed: mean 9.3, gap 37.2143 − 9.3
    assertThat(lines.get(2)).startsWith("MAML (5 seeds)").contains("9.3")
        .contains(String.format("%.2f", 7815.0 / 210 - 9.3));
    // PEARL's made-up totals 18 + 0.1·seed: mean 18.3, gap 37.2143 − 18.3
    assertThat(lines.get(3)).startsWith("PEARL (5 seeds)").contains("18.3")
        .contains(String.format("%.2f", 7815.0 / 210 - 18.3));
    assertThat(lines.get(4)).startsWith("bayes-optimal (exact)").contains("4.0000")
        .contains("37.2143").endsWith("0.0000");
    assertThat(lines.get(5)).startsWith("oracle (exact)").contains("44.2857")
        .endsWith("-7.0714");
  }

  @Test
  void config_rejectsBadValues() {
    MetaHiddenGoalConfig c = MetaHiddenGoalConfig.quick();
    assertThatThrownBy(() -> c.withEvaluationTrials(1))
        .hasMessageContaining("evaluationTrials");
    assertThatThrownBy(() -> c.withThreads(0)).hasMessageContaining("threads");
    assertThatThrownBy(() -> c.withRl2(null)).hasMessageContaining("rl2");
    assertThatThrownBy(() -> c.withMaml(null)).hasMessage("maml must not be null");
    assertThatThrownBy(() -> c.withPearl(null)).hasMessage("pearl must not be null");
    assertThatThrownBy(() -> c.withPearl(c.pearl().withMaxPathLength(20)))
        .hasMessage("pearl.maxPathLength must be the episode's 15 steps, got 20");
    MamlConfig m = c.maml().algorithm();
    assertThatThrownBy(() -> new MetaHiddenGoalConfig.MamlSettings(m, List.of(32, 0)))
        .hasMessage("hidden[1] must be >= 1, got 0");
    assertThatThrownBy(() -> new MetaHiddenGoalConfig.MamlSettings(m.withTestSteps(2),
        List.of(32))).hasMessage("algorithm.testSteps must be 3 (one before each later episode"
            + " of the trial), got 2");
    assertThatThrownBy(() -> new MetaHiddenGoalConfig.MamlSettings(
        m.withTestEpisodesPerTask(40), List.of(32)))
        .hasMessageContaining("testEpisodesPerTask").hasMessageEndingWith("got 40");
  }

  // a config file's error names the file, the line and column, and the nested field
  @Test
  void configFile_badMamlValue_isLocated(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("c.json");
    MetaHiddenGoal e = new MetaHiddenGoal();
    Files.writeString(f, "{\n  \"evaluationTrials\": 40,\n  \"maml\": {\"algorithm\":"
        + " {\"innerStepSize\": -1}}\n}", StandardCharsets.UTF_8);
    assertThatThrownBy(() -> ConfigFile.read(f, e.name(), e.quickConfig()))
        .isInstanceOf(ConfigFile.Invalid.class).hasMessageStartingWith(f + ":3:")
        .hasMessageContaining("innerStepSize").hasMessageContaining("-1");
    Files.writeString(f, "{\"maml\": {\"hidden\": [32, -4]}}", StandardCharsets.UTF_8);
    assertThatThrownBy(() -> ConfigFile.read(f, e.name(), e.quickConfig()))
        .hasMessageStartingWith(f + ":1:").hasMessageEndingWith("hidden[1] must be >= 1, got -4");
    Files.writeString(f, "{\"maml\": {\"algorithm\": {\"testSteps\": 5}}}",
        StandardCharsets.UTF_8);
    assertThatThrownBy(() -> ConfigFile.read(f, e.name(), e.quickConfig()))
        .hasMessageStartingWith(f + ":1:").hasMessageContaining("testSteps must be 3")
        .hasMessageEndingWith("got 5");
    // a good file merges into the quick config field by field
    Files.writeString(f, "{\"maml\": {\"hidden\": [16]}}", StandardCharsets.UTF_8);
    MetaHiddenGoalConfig read = ConfigFile.read(f, e.name(), e.quickConfig());
    assertThat(read.maml().hidden()).containsExactly(16);
    assertThat(read.maml().algorithm()).isEqualTo(e.quickConfig().maml().algorithm());
  }
}
