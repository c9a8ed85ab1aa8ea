package org.gridrl.benchmarks.exercises;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.gridrl.benchmarks.exercises.Graded.grade;

import org.gridrl.benchmarks.exercises.solutions.DiscountedVisitationReference;
import org.gridrl.benchmarks.exercises.solutions.DiscountedVisitationThroughTerminals;
import org.gridrl.benchmarks.exercises.solutions.GaeEveryEndTerminal;
import org.gridrl.benchmarks.exercises.solutions.GaeReference;
import org.gridrl.benchmarks.exercises.solutions.GittinsIndexPosteriorMean;
import org.gridrl.benchmarks.exercises.solutions.GittinsIndexReference;
import org.gridrl.benchmarks.exercises.solutions.ProductOfGaussiansPlainAverage;
import org.gridrl.benchmarks.exercises.solutions.ProductOfGaussiansReference;
import org.gridrl.benchmarks.exercises.solutions.SoftBellmanBackupReference;
import org.gridrl.benchmarks.exercises.solutions.SoftBellmanBackupUnshifted;
import org.gridrl.benchmarks.exercises.solutions.SoftBellmanBackupWithMax;
import org.junit.jupiter.api.Test;

/**
 * The grader: every reference solution scores full marks on several seeds; every deliberately
 * wrong one is rejected with a line naming the failing case and the error; a solution that
 * returns NaN, the wrong length, throws or never returns fails with a one-line explanation.
 */
class GraderTest {

  private static final Exercise<SoftBellmanBackup> ONE = PlanningExercises.softBellmanBackup();
  private static final Exercise<DiscountedVisitation> TWO =
      PlanningExercises.discountedVisitation();

  private static final Exercise<GittinsIndexExercise> THREE = MetaExercises.gittinsIndex();

  private static final Exercise<ProductOfGaussiansExercise> FOUR =
      MetaExercises.productOfGaussians();

  private static final Exercise<GeneralizedAdvantage> FIVE = PgExercises.gae();

  @Test
  void references_scoreFullMarks_onEverySeedTried() {
    for (long seed = 1; seed <= 4; seed++) {
      Graded one = grade(ONE, new SoftBellmanBackupReference(), seed, 10_000);
      assertThat(one.report().allPassed()).as("%s", one.lines()).isTrue();
      assertThat(one.report().verdicts()).hasSize(8);
      Graded two = grade(TWO, new DiscountedVisitationReference(), seed, 10_000);
      assertThat(two.report().allPassed()).as("%s", two.lines()).isTrue();
      assertThat(two.lines().get(two.lines().size() - 1)).startsWith("score: 6/6");
      Graded three = grade(THREE, new GittinsIndexReference(), seed, 10_000);
      assertThat(three.report().allPassed()).as("%s", three.lines()).isTrue();
      assertThat(three.report().verdicts()).hasSize(9);
      Graded four = grade(FOUR, new ProductOfGaussiansReference(), seed, 10_000);
      assertThat(four.report().allPassed()).as("%s", four.lines()).isTrue();
      assertThat(four.report().verdicts()).hasSize(5);
      Graded five = grade(FIVE, new GaeReference(), seed, 10_000);
      assertThat(five.report().allPassed()).as("%s", five.lines()).isTrue();
      assertThat(five.report().verdicts()).hasSize(6);
    }
  }

  @Test
  void gae_treatingEveryEndAsTerminal_failsWhereASegmentIsCut() {
    Graded g = grade(FIVE, new GaeEveryEndTerminal(), 1, 10_000);
    assertThat(g.caseLine("one terminated step")).contains("PASS");
    // the cut segment's last step loses γV(s'): the error is largest there, at step 5
    assertThat(g.caseLine("cut by the rollout")).contains("FAIL").contains("at step 5:");
    assertThat(g.caseLine("terminated and truncated")).contains("FAIL");
  }

  @Test
  void plainAverageOfMeans_passesOnlyWhereTheVariancesAreEqual() {
    Graded g = grade(FOUR, new ProductOfGaussiansPlainAverage(), 1, 10_000);
    assertThat(g.caseLine("one factor")).contains("PASS");
    assertThat(g.caseLine("two equal variances")).contains("PASS");
    assertThat(g.caseLine("64 factors")).contains("FAIL").contains("at dimension");
    assertThat(g.lines().get(g.lines().size() - 1)).startsWith("score: 2/5");
    ProductOfGaussiansExercise wrongShape = (m, v) -> new double[][] {m[0]};
    assertThat(grade(FOUR, wrongShape, 1, 10_000).lines().get(0))
        .contains("returned 1 arrays; expected {mean, variance}");
  }

  @Test
  void gittinsCases_includeGittinsPublishedIndex() {
    // Gittins' γ = 0.9 table (as reproduced by Christian & Griffiths 2016): ν(1, 1) = 0.7029
    Graded g = grade(THREE, new GittinsIndexReference(), 1, 10_000);
    assertThat(g.caseLine("alpha=1 beta=1 gamma=0.9")).contains("PASS")
        .contains("expected 0.702889");
  }

  @Test
  void posteriorMean_isRejectedOnEveryCase_withTheIndexItMissed() {
    Graded g = grade(THREE, new GittinsIndexPosteriorMean(), 1, 10_000);
    assertThat(g.report().passed()).isZero();
    assertThat(g.caseLine("alpha=1 beta=1 gamma=0.9")).contains("FAIL")
        .contains("nu = 0.500000, expected 0.702889");
  }

  @Test
  void theLibrarysBackup_isTheClosedFormOnTiedActions() {
    // one state, A tied actions of value q: V' = q + τ·log A, whatever V is (γ = 0)
    double[][][] p = {{{1}, {1}, {1}}};
    double[][] r = {{0.7, 0.7, 0.7}};
    double[] v = PlanningExercises.softBackup(p, r, new boolean[1], 0.0, 0.5, new double[] {3});
    assertThat(v[0]).isEqualTo(0.7 + 0.5 * Math.log(3), org.assertj.core.api.Assertions
        .within(1e-15));
  }

  @Test
  void maxInsteadOfLogSumExp_failsOnTies_byTauLogA() {
    Graded g = grade(ONE, new SoftBellmanBackupWithMax(), 1, 10_000);
    assertThat(g.report().allPassed()).isFalse();
    String ties = g.caseLine("all actions tied");
    assertThat(ties).contains("FAIL").contains("largest error " + Verdict.fmt(0.5 * Math.log(4)));
    // τ near 0: the max is right there, so that case passes
    assertThat(g.caseLine("tau near 0")).contains("PASS");
    assertThat(g.caseLine("terminal")).contains("FAIL");
  }

  @Test
  void unshiftedExp_overflows_andTheMessageSaysWhere() {
    Graded g = grade(ONE, new SoftBellmanBackupUnshifted(), 1, 10_000);
    assertThat(g.caseLine("tau near 0")).contains("FAIL").contains("is -Infinity")
        .contains("underflows");
    assertThat(g.caseLine("values near 1000")).contains("FAIL");
    assertThat(g.caseLine("all actions tied")).contains("PASS");
  }

  @Test
  void terminalsPassingMassOn_failOnlyTheCasesWithTerminals() {
    Graded g = grade(TWO, new DiscountedVisitationThroughTerminals(), 1, 10_000);
    assertThat(g.caseLine("two terminal states")).contains("FAIL").contains("at state");
    assertThat(g.caseLine("a terminal)")).contains("FAIL");
    assertThat(g.caseLine("one state")).contains("PASS");
    assertThat(g.caseLine("gamma = 0.99")).contains("PASS");
    assertThat(g.lines().get(g.lines().size() - 1)).startsWith("score: 4/6");
  }

  @Test
  void nanWrongLengthThrowAndEndlessLoop_eachGetOneLine() {
    SoftBellmanBackup nan = (p, r, t, g, tau, v) -> {
      double[] out = new double[p.length];
      java.util.Arrays.fill(out, Double.NaN);
      return out;
    };
    assertThat(grade(ONE, nan, 1, 10_000).lines().get(0))
        .contains("FAIL").contains("V'(state 0) is NaN");
    SoftBellmanBackup shortOne = (p, r, t, g, tau, v) -> new double[0];
    assertThat(grade(ONE, shortOne, 1, 10_000).lines().get(1))
        .contains("returned 0 values of V', expected 4 (one per state)");
    SoftBellmanBackup thrower = (p, r, t, g, tau, v) -> {
      throw new IllegalStateException("not yet");
    };
    assertThat(grade(ONE, thrower, 1, 10_000).lines().get(0))
        .contains("threw IllegalStateException: not yet at GraderTest.java:");
    SoftBellmanBackup endless = (p, r, t, g, tau, v) -> {
      while (!Thread.currentThread().isInterrupted()) {
        Thread.onSpinWait();
      }
      return new double[p.length];
    };
    Graded g = grade(ONE, endless, 1, 50);
    assertThat(g.lines().get(0)).contains("did not finish within 50 ms");
    assertThat(g.report().passed()).isZero();
  }

  @Test
  void load_namesTheClassAndWhatIsWrong() {
    assertThat(Grader.load(ONE, SoftBellmanBackupReference.class.getName(), null))
        .isInstanceOf(SoftBellmanBackupReference.class);
    assertThatThrownBy(() -> Grader.load(ONE, "com.example.Missing", null))
        .hasMessageContaining("class com.example.Missing not found");
    assertThatThrownBy(() -> Grader.load(ONE, DiscountedVisitationReference.class.getName(),
        null)).hasMessageContaining("does not implement SoftBellmanBackup (exercise 1");
  }
}
