package org.gridrl.benchmarks.experiments.multitask;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.gridrl.benchmarks.runner.Interruptions;
import org.gridrl.core.mdp.TabularPolicy;
import org.gridrl.envs.tabular.MultiGoalGrid;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scoring of {@code multitask-grid} against exact answers, and the eight methods' equal
 * budgets and determinism.
 */
class MultitaskGridTest {

  private static final double TOL = 1e-9;

  @TempDir
  Path tmp;

  @Test
  void score_optimalTablesOnMt10_succeedEverywhereWithNormalisedReturnOne() {
    MultiGoalGrid mt10 = MultiGoalGrid.mt10();
    List<TabularPolicy> optimal = new ArrayList<>();
    for (int k = 0; k < mt10.numTasks(); k++) {
      optimal.add(mt10.optimal(k).policy());
    }

    MultitaskMethods.Scores s = MultitaskMethods.score(mt10, optimal);

    assertThat(s.successRate()).isEqualTo(1.0);
    for (int k = 0; k < mt10.numTasks(); k++) {
      assertThat(s.normalisedReturn()[k]).as("task %d", k).isCloseTo(1.0, within(TOL));
      assertThat(s.greedyNormalisedReturn()[k]).as("task %d", k).isCloseTo(1.0, within(TOL));
    }
    assertThat(s.meanNormalisedReturn()).isCloseTo(1.0, within(TOL));
  }

  @Test
  void score_uniformTablesOnMt10_haveNormalisedReturnZeroAndNoSuccess() {
    MultiGoalGrid mt10 = MultiGoalGrid.mt10();
    TabularPolicy uniform = TabularPolicy.uniform(mt10.numStates(), mt10.numActions());
    List<TabularPolicy> tables = new ArrayList<>();
    for (int k = 0; k < mt10.numTasks(); k++) {
      tables.add(uniform);
    }

    MultitaskMethods.Scores s = MultitaskMethods.score(mt10, tables);

    // the uniform policy's greedy action is north everywhere (ties to the lowest index): it walks
    // into the north wall of every start, none of which is below its goal
    assertThat(s.successRate()).isEqualTo(0.0);
    for (int k = 0; k < mt10.numTasks(); k++) {
      assertThat(s.normalisedReturn()[k]).as("task %d", k).isCloseTo(0.0, within(1e-12));
    }
  }

  /**
   * Brute force over all 4^7 deterministic tables of the 1×7 corridor: none without the task id
   * is optimal for both of its conflicting tasks (the best reaches normalised return 1 on one
   * only), while the two optimal tables, one per task (what a policy with the id can be), score
   * 1 on both.
   */
  @Test
  void score_conflictPair_noSingleTableIsOptimalForBothTasks() {
    MultiGoalGrid pair = MultiGoalGrid.conflictPair();
    assertThat(pair.conflictingPairs()).hasSize(1);
    int s = pair.numStates();
    int a = pair.numActions();
    int[] actions = new int[s];
    double bestMin = Double.NEGATIVE_INFINITY;
    int bothOptimal = 0;
    for (int code = 0; code < (int) Math.pow(a, s); code++) {
      for (int st = 0, c = code; st < s; st++, c /= a) {
        actions[st] = c % a;
      }
      TabularPolicy pi = TabularPolicy.deterministic(actions, a);
      MultitaskMethods.Scores sc = MultitaskMethods.score(pair, List.of(pi, pi));
      double min = Math.min(sc.normalisedReturn()[0], sc.normalisedReturn()[1]);
      bestMin = Math.max(bestMin, min);
      if (min > 1 - TOL) {
        bothOptimal++;
      }
    }
    assertThat(bothOptimal).isZero();
    assertThat(bestMin).isLessThan(1 - 1e-3);

    MultitaskMethods.Scores withId = MultitaskMethods.score(pair,
        List.of(pair.optimal(0).policy(), pair.optimal(1).policy()));
    assertThat(withId.successRate()).isEqualTo(1.0);
    assertThat(withId.meanNormalisedReturn()).isCloseTo(1.0, within(TOL));
  }

  @Test
  void train_everyMethod_samplesTheSameStepsPerTaskAndRepeatsBitForBit() {
    MultiGoalGrid pair = MultiGoalGrid.conflictPair();
    MultitaskMethodsConfig c = MultitaskGridConfig.methods(4, 8, 16);
    assertThat(c.stepsPerTask()).isEqualTo(32);
    assertThat(c.dnc().ppo().iterations() + c.dnc().globalIterations()).isEqualTo(4);
    for (String m : MultitaskMethods.NAMES) {
      MultitaskMethods.Trained t = MultitaskMethods.train(m, pair.envs(false), c, 7);
      MultitaskMethods.Trained again = MultitaskMethods.train(m, pair.envs(false), c, 7);

      assertThat(t.steps()).as(m).containsExactly(16, 32, 48, 64);
      assertThat(t.policies().numTasks()).as(m).isEqualTo(2);
      MultitaskMethods.Scores s = MultitaskMethods.score(pair, t.policies());
      MultitaskMethods.Scores s2 = MultitaskMethods.score(pair, again.policies());
      assertThat(s2.normalisedReturn()).as(m).containsExactly(s.normalisedReturn());
      assertThat(again.meanReturn()).as(m).containsExactly(t.meanReturn());
    }
  }

  @Test
  void config_unequalBudgets_areRejectedNamingBoth() {
    MultitaskMethodsConfig c = MultitaskGridConfig.methods(8, 16, 32);
    assertThatThrownBy(() -> c.withDistral(c.distral().withPpo(c.distral().ppo()
        .withIterations(9)))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("8 x 16").hasMessageContaining("9 x 16");
    assertThatThrownBy(() -> c.withDnc(c.dnc().withGlobalIterations(3)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("(6 + 3) x 16");
    assertThatThrownBy(() -> MultitaskGridConfig.defaults()
        .withMethods(List.of("pcgrad", "shared-id")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("order");
  }

  @Test
  void run_oneThreadOrTwo_writesTheSameMetricsAndPrintsTheSameTable() throws Exception {
    MultitaskGridConfig c = MultitaskGridConfig.quick().with(b -> b.taskSets(List.of("mt10"))
        .methods(List.of("independent", "pcgrad", "dnc"))
        .mt10(MultitaskGridConfig.methods(3, 8, 64)).seeds(List.of(1L, 2L, 3L)));

    String one = Interruptions.run(new MultitaskGrid(), c.withThreads(1), true, tmp.resolve("1"));
    String two = Interruptions.run(new MultitaskGrid(), c.withThreads(2), true, tmp.resolve("2"));

    assertThat(Files.readAllBytes(tmp.resolve("2/metrics.csv")))
        .isEqualTo(Files.readAllBytes(tmp.resolve("1/metrics.csv")));
    assertThat(Interruptions.withoutWallTime(two).replace(tmp.resolve("2").toString(), "DIR"))
        .isEqualTo(Interruptions.withoutWallTime(one).replace(tmp.resolve("1").toString(), "DIR"));
  }
}
