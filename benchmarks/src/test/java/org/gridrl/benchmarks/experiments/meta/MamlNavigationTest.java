package org.gridrl.benchmarks.experiments.meta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.ejml.data.DMatrixRMaj;
import org.gridrl.benchmarks.runner.ConfigFile;
import org.gridrl.benchmarks.runner.Interruptions;
import org.gridrl.core.autodiff.Tape;
import org.gridrl.core.optim.TrustRegion;
import org.gridrl.core.pg.Batch;
import org.gridrl.core.pg.Policy;
import org.gridrl.core.util.Rng;
import org.gridrl.envs.continuous.Goal;
import org.gridrl.envs.continuous.PointNavigation;
import org.gridrl.meta.maml.Maml;
import org.gridrl.meta.maml.MamlBatch;
import org.gridrl.meta.maml.MamlConfig;
import org.gridrl.meta.maml.MamlTasks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * maml-navigation: the config's checks name the field (and, from a file, the line and column),
 * a tiny run writes its files and reports the oracle's closed form, the files do not depend on
 * the thread count, and the pre-trained baseline's first step is the joint policy gradient
 * through Adam's first step, on MAML's own first batches.
 */
class MamlNavigationTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** A 2 → 4 → 2 policy, 2 iterations of 2 tasks × 1 episode, 3 goals, 1 test episode. */
  private static MamlNavigationConfig tiny() {
    return MamlNavigationConfig.quick().withMaml(MamlNavigationConfig.fullMaml()
            .withIterations(2).withMetaBatchSize(2).withEpisodesPerTask(1)
            .withTestEpisodesPerTask(1))
        .withHidden(List.of(4)).withTestGoals(3).withGoalSeed(9).withSeeds(List.of(1L, 2L));
  }

  // ------------------------------------------------------------------ config

  @Test
  void config_rejectsBadValues_namingFieldAndValue() {
    MamlNavigationConfig c = MamlNavigationConfig.quick();
    assertThatThrownBy(() -> c.withTestGoals(0)).hasMessage("testGoals must be >= 1, got 0");
    assertThatThrownBy(() -> c.withHidden(List.of(100, 0)))
        .hasMessage("hidden[1] must be >= 1, got 0");
    assertThatThrownBy(() -> c.withPretrainLearningRate(0))
        .hasMessageContaining("pretrainLearningRate").hasMessageContaining("0.0");
    assertThatThrownBy(() -> c.withThreads(0)).hasMessage("threads must be >= 1, got 0");
    assertThatThrownBy(() -> c.withMaml(null)).hasMessage("maml must not be null");
    assertThatThrownBy(() -> c.withInitLogStd(Double.NaN)).hasMessageContaining("initLogStd");
    assertThatThrownBy(() -> c.withSeeds(List.of(1L, 1L)))
        .hasMessage("seeds must be distinct, got 1 twice");
  }

  // the outer optimiser is chosen in the file; unset, it stays Adam and the trust region's
  // settings are the reference's
  @Test
  void configFile_outerTrpo_mergesIntoTheQuickConfig(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("c.json");
    Files.writeString(f, "{\"maml\": {\"outer\": \"TRPO\", \"trustRegion\": {\"maxKl\": 0.02}}}",
        StandardCharsets.UTF_8);
    MamlNavigation e = new MamlNavigation();
    MamlNavigationConfig c = ConfigFile.read(f, e.name(), e.quickConfig());
    assertThat(c.maml().outer()).isEqualTo(MamlConfig.Outer.TRPO);
    assertThat(c.maml().trustRegion())
        .isEqualTo(TrustRegion.Config.defaults().withMaxKl(0.02));
    assertThat(c.maml().withOuter(MamlConfig.Outer.ADAM).withTrustRegion(
        TrustRegion.Config.defaults())).isEqualTo(e.quickConfig().maml());
    assertThat(e.quickConfig().maml().outer()).isEqualTo(MamlConfig.Outer.ADAM);
    Files.writeString(f, "{\"maml\": {\"trustRegion\": {\"backtrackRatio\": 1.5}}}",
        StandardCharsets.UTF_8);
    assertThatThrownBy(() -> ConfigFile.read(f, e.name(), e.quickConfig()))
        .hasMessageStartingWith(f + ":1:").hasMessageContaining("backtrackRatio");
  }

  // a config file's error names the file, the line and column, and the nested field
  @Test
  void configFile_badNestedValue_isLocated(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("c.json");
    Files.writeString(f, "{\n  \"testGoals\": 40,\n  \"maml\": {\"innerStepSize\": -1}\n}",
        StandardCharsets.UTF_8);
    MamlNavigation e = new MamlNavigation();
    assertThatThrownBy(() -> ConfigFile.read(f, e.name(), e.quickConfig()))
        .isInstanceOf(ConfigFile.Invalid.class)
        .hasMessageStartingWith(f + ":3:")
        .hasMessageContaining("innerStepSize").hasMessageContaining("-1");
    Files.writeString(f, "{\"hidden\": [32, -4]}", StandardCharsets.UTF_8);
    assertThatThrownBy(() -> ConfigFile.read(f, e.name(), e.quickConfig()))
        .hasMessageStartingWith(f + ":1:").hasMessageEndingWith("hidden[1] must be >= 1, got -4");
  }

  @Test
  void quick_isTheFullRunOnAShorterBudget() {
    MamlNavigationConfig full = MamlNavigationConfig.defaults();
    MamlNavigationConfig quick = MamlNavigationConfig.quick();
    assertThat(quick.seeds()).isEqualTo(full.seeds()).hasSize(5);
    assertThat(quick.testGoals()).isEqualTo(full.testGoals()).isEqualTo(40);
    assertThat(quick.maml().testSteps()).isEqualTo(3);
    assertThat(quick.maml().withIterations(100).withMetaBatchSize(20).withEpisodesPerTask(20)
        .withTestEpisodesPerTask(40)).isEqualTo(full.maml());
    assertThat(full.maml()).isEqualTo(MamlConfig.defaults().withOuterLearningRate(1e-2));
  }

  // ------------------------------------------------------------------ the oracle

  /**
   * −Σ_{t=1}^{n} max(0, d − t s), n = ⌈‖g‖_∞ / 0.1⌉, s = 0.1 d / ‖g‖_∞, d = ‖g‖₂: the straight
   * line from the origin at top speed, written out.
   */
  private static double straightLineClosedForm(Goal g) {
    double d = Math.hypot(g.x(), g.y());
    double inf = Math.max(Math.abs(g.x()), Math.abs(g.y()));
    int n = (int) Math.ceil(inf / PointNavigation.MAX_SPEED);
    double s = PointNavigation.MAX_SPEED * d / inf;
    double r = 0;
    for (int t = 1; t <= n; t++) {
      r -= Math.max(0, d - t * s);
    }
    return r;
  }

  @Test
  void oracle_isTheStraightLineClosedForm_onTheFixedHeldOutGoals() {
    List<Goal> goals = MamlNavigation.testGoals(MamlNavigationConfig.defaults());
    assertThat(goals).hasSize(40)
        .isEqualTo(Maml.heldOutTasks(PointNavigation.goals(), 40, 1L));
    double[] oracle = MamlNavigation.oracleReturns(goals);
    for (int i = 0; i < goals.size(); i++) {
      assertThat(oracle[i]).as("goal %s", goals.get(i))
          .isCloseTo(straightLineClosedForm(goals.get(i)), within(1e-12));
    }
    // a hand case: g = (0.25, 0): 3 steps of 0.1, rewards −0.15, −0.05, 0
    assertThat(straightLineClosedForm(new Goal(0.25, 0))).isCloseTo(-0.2, within(1e-15));
    assertThat(PointNavigation.straightLineReturn(new Goal(0.25, 0)))
        .isCloseTo(-0.2, within(1e-15));
  }

  // ------------------------------------------------------------------ a tiny run

  @Test
  void tinyRun_writesCsvJsonAndPngs_reportsTheOraclesClosedForm_sameFilesOnOneAndTwoThreads(
      @TempDir Path dir) throws Exception {
    MamlNavigationConfig config = tiny();
    String one = Interruptions.run(new MamlNavigation(), config.withThreads(1), true,
        dir.resolve("one"));
    String two = Interruptions.run(new MamlNavigation(), config.withThreads(2), true,
        dir.resolve("two"));
    Path out = dir.resolve("one");
    for (String f : List.of("metrics.csv", "summary.json", "adaptation.png", "training.png")) {
      assertThat(out.resolve(f)).as(f).isNotEmptyFile();
    }
    byte[] png = Files.readAllBytes(out.resolve("adaptation.png"));
    assertThat(png).startsWith(0x89, 'P', 'N', 'G');
    assertThat(Files.readAllBytes(dir.resolve("two/metrics.csv")))
        .isEqualTo(Files.readAllBytes(out.resolve("metrics.csv")));
    assertThat(Interruptions.withoutWallTime(two)).isEqualTo(Interruptions.withoutWallTime(one));

    // metrics.csv: 2 seeds × 2 iterations, the curve columns
    List<String> csv = Files.readAllLines(out.resolve("metrics.csv"));
    assertThat(csv.get(0)).isEqualTo("seed,iteration,maml/pre_update_return,"
        + "maml/post_update_return,maml-first-order/pre_update_return,"
        + "maml-first-order/post_update_return,pretrained/return");
    assertThat(csv).hasSize(1 + 2 * 2);

    JsonNode summary = JSON.readTree(out.resolve("summary.json").toFile());
    List<Goal> goals = Maml.heldOutTasks(PointNavigation.goals(), 3, 9L);
    double closedForm = 0;
    for (Goal g : goals) {
      closedForm += straightLineClosedForm(g) / goals.size();
    }
    JsonNode notes = summary.get("notes");
    assertThat(notes.get("oracle").get("straight_line_return").asDouble())
        .isCloseTo(closedForm, within(1e-12));
    assertThat(notes.get("goals").get(0).get(0).asDouble()).isEqualTo(goals.get(0).x());
    for (String seed : List.of("1", "2")) {
      JsonNode fin = summary.get("finalMetrics").get(seed);
      assertThat(fin.get("eval/oracle").asDouble()).isCloseTo(closedForm, within(1e-12));
      for (String m : MamlNavigation.METHODS) {
        for (int k = 0; k <= 3; k++) {
          // a return of 100 steps of −‖p − g‖ with ‖p‖∞ ≤ 0.1 t: finite and in [−100·1.5, 0]
          assertThat(fin.get(MamlNavigation.finalKey(m, k)).asDouble()).as(m + " " + k)
              .isBetween(-150.0, 0.0);
        }
      }
    }
    assertThat(notes.get("published").get("maml").get(1).asDouble()).isEqualTo(-11.68);
    assertThat(one).contains("oracle (straight line, exact)")
        .contains(String.format("%.2f", closedForm)).contains("-40.41");
  }

  // the random method tests the very initialisation MAML starts from, with the same samplers:
  // its R_0 equals adapt() of newPolicy(Rng(s).fork(0)) on goal i's seeded sampler
  @Test
  void random_isMamlsInitialisation_testedOnTheSeededSamplers() {
    MamlNavigationConfig config = tiny();
    MamlNavigation.MethodRun run = MamlNavigation.runMethod(config, "random", 2);
    Policy p = MamlNavigation.newPolicy(config).apply(new Rng(2).fork(0));
    List<Goal> goals = MamlNavigation.testGoals(config);
    MamlConfig maml = MamlNavigation.mamlConfig(config, 2, false);
    Rng root = new Rng(MamlNavigation.evaluationSeed(2));
    double[][] perGoal = new double[goals.size()][];
    for (int i = 0; i < goals.size(); i++) {
      perGoal[i] = Maml.adapt(p, MamlNavigation.tasks(), goals.get(i), maml, 3,
          root.fork(i).seed()).returns();
    }
    assertThat(run.mean()).containsExactly(MamlNavigation.meanOverGoals(perGoal));
    assertThat(run.curves()).isEmpty();
    // s.e. over goals by hand for step 0
    double m = run.mean()[0];
    double ss = 0;
    for (double[] r : perGoal) {
      ss += (r[0] - m) * (r[0] - m);
    }
    assertThat(run.se()[0]).isCloseTo(Math.sqrt(ss / 2 / 3), within(1e-12));
  }

  // ------------------------------------------------------------------ the pre-trained baseline

  // one iteration = one Adam step on −(1/n) Σ_i ∇J_{B_i}(θ); Adam's first step is
  // θ₁ = θ₀ + η · ḡ / (|ḡ| + ε) coordinate-wise (m̂ = g, √v̂ = |g|), ḡ the mean surrogate
  // gradient over the tasks, recomputed here from MAML's own task and sampler streams
  @Test
  void pretrain_firstIteration_isAdamsFirstStepOnTheMeanPolicyGradient_onMamlsFirstBatches() {
    MamlNavigationConfig config = tiny();
    MamlConfig maml = MamlNavigation.mamlConfig(config, 5, false).withIterations(1)
        .withMetaBatchSize(3).withEpisodesPerTask(2);
    MamlTasks<Goal, double[], double[]> tasks = MamlNavigation.tasks();
    Function<Rng, Policy> newPolicy = MamlNavigation.newPolicy(config);
    Maml.Pretrained trained = Maml.pretrain(tasks, newPolicy, maml, 1e-3);

    Rng root = new Rng(5);
    Policy p0 = newPolicy.apply(root.fork(0));
    List<Goal> drawn = tasks.distribution().sample(3, root.fork(1));
    Rng sampleRoot = root.fork(2);
    List<DMatrixRMaj> theta = p0.parameterValues();
    List<double[]> mean = new ArrayList<>();
    for (DMatrixRMaj t : theta) {
      mean.add(new double[t.getNumElements()]);
    }
    double ret = 0;
    for (int i = 0; i < 3; i++) {
      Batch b = tasks.sampler(drawn.get(i), sampleRoot.fork(i).seed()).collectEpisodes(p0, 2);
      ret += b.meanEpisodeReturn();
      List<DMatrixRMaj> g = new ArrayList<>();
      for (DMatrixRMaj t : theta) {
        g.add(new DMatrixRMaj(t.numRows, t.numCols));
      }
      Maml.metaGradient(p0, theta, List.of(), MamlBatch.of(b, 0.99, true, true), 0.5, false,
          new Tape(), g);
      for (int j = 0; j < theta.size(); j++) {
        for (int k = 0; k < mean.get(j).length; k++) {
          mean.get(j)[k] += g.get(j).data[k] / 3;
        }
      }
    }
    ret /= 3; // summed in task order, then divided, as the code does
    assertThat(trained.curve()).containsExactly(ret);
    List<DMatrixRMaj> after = trained.policy().parameterValues();
    for (int j = 0; j < theta.size(); j++) {
      for (int k = 0; k < mean.get(j).length; k++) {
        double g = mean.get(j)[k];
        double expected = theta.get(j).data[k] + 1e-3 * g / (Math.abs(g) + 1e-8);
        assertThat(after.get(j).data[k]).as("parameter %s[%s]", j, k)
            .isCloseTo(expected, within(1e-12));
      }
    }
    // and its first batches are MAML's first pre-update batches (same tasks, seeds, θ₀)
    var mamlRun = Maml.train(tasks, newPolicy, maml, null);
    assertThat(mamlRun.history().series(Maml.PRE_UPDATE_RETURN)[0]).isEqualTo(ret);
  }
}
