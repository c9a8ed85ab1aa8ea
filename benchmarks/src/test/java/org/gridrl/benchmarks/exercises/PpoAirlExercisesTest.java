package org.gridrl.benchmarks.exercises;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gridrl.benchmarks.exercises.Graded.grade;

import org.gridrl.benchmarks.exercises.solutions.AirlBootstrapsTerminal;
import org.gridrl.benchmarks.exercises.solutions.AirlForgetsLogPi;
import org.gridrl.benchmarks.exercises.solutions.AirlFromD;
import org.gridrl.benchmarks.exercises.solutions.AirlGailReward;
import org.gridrl.benchmarks.exercises.solutions.AirlReference;
import org.gridrl.benchmarks.exercises.solutions.PpoClipMaxInsteadOfMin;
import org.gridrl.benchmarks.exercises.solutions.PpoClipReference;
import org.gridrl.benchmarks.exercises.solutions.PpoClipTieToClipped;
import org.gridrl.benchmarks.exercises.solutions.PpoClipWithoutMin;
import org.junit.jupiter.api.Test;

/**
 * Exercises 6 (the PPO clipped surrogate) and 7 (the AIRL discriminator): the reference
 * solutions score full marks on seeds 1 to 4; each deliberately wrong one is rejected with a
 * line naming the failing case, the quantity and the error, and passes exactly the cases where
 * its mistake does not show.
 */
class PpoAirlExercisesTest {

  private static final Exercise<PpoClippedSurrogate> SIX = PpoExercises.ppoClip();
  private static final Exercise<AirlDiscriminator> SEVEN = AirlExercises.airlDiscriminator();

  @Test
  void references_scoreFullMarks_onSeedsOneToFour() {
    for (long seed = 1; seed <= 4; seed++) {
      Graded six = grade(SIX, new PpoClipReference(), seed);
      assertThat(six.report().allPassed()).as("%s", six.lines()).isTrue();
      assertThat(six.score()).startsWith("score: 9/9");
      Graded seven = grade(SEVEN, new AirlReference(), seed);
      assertThat(seven.report().allPassed()).as("%s", seven.lines()).isTrue();
      assertThat(seven.score()).startsWith("score: 7/7");
    }
  }

  @Test
  void exercisesSixAndSeven_areRegistered_inNumberOrder_withTheirStatements() {
    assertThat(Exercises.byNumber(6)).get().extracting(Exercise::api)
        .isEqualTo(PpoClippedSurrogate.class);
    assertThat(Exercises.byNumber(7)).get().extracting(Exercise::api)
        .isEqualTo(AirlDiscriminator.class);
    assertThat(Exercises.all()).extracting(Exercise::number).isSorted();
    assertThat(Exercises.statement(SIX)).startsWith("# Exercise 6: the PPO clipped surrogate")
        .contains("gridrl exercise check 6");
    assertThat(Exercises.statement(SEVEN)).startsWith("# Exercise 7: the AIRL discriminator")
        .contains("gridrl exercise check 7");
  }

  /**
   * The library's answer on four samples worked by hand, ε = 0.2: ρ = 1.5 with Â = ±1 and
   * ρ = 0.5 with Â = ±1 (log π_old = 0).
   */
  @Test
  void ppoLibrary_onHandCases_clipsOnlyWhereTheClippedTermIsSmaller() {
    double[] lp = {Math.log(1.5), Math.log(1.5), Math.log(0.5), Math.log(0.5)};
    double[] adv = {1, -1, 1, -1};
    double[][] got = PpoExercises.library(lp, new double[4], adv, 0.2);
    // objective: min(1.5, 1.2) = 1.2; min(−1.5, −1.2) = −1.5; min(0.5, 0.8) = 0.5;
    // min(−0.5, −0.8) = −0.8
    assertThat(got[0]).containsExactly(new double[] {1.2, -1.5, 0.5, -0.8},
        org.assertj.core.api.Assertions.within(1e-15));
    // the gradient ρÂ where the unclipped term is the minimum, else 0
    assertThat(got[1]).containsExactly(new double[] {0, -1.5, 0.5, 0},
        org.assertj.core.api.Assertions.within(1e-15));
  }

  @Test
  void edgeRatios_sitOnTheEdgesToTheLastBit() {
    for (double eps : new double[] {0.2, 0.05, 0.1, 0.5}) {
      assertThat(Math.exp(PpoExercises.logOf(1 + eps) - 0.0)).isEqualTo(1 + eps);
      assertThat(Math.exp(PpoExercises.logOf(1 - eps) - 0.0)).isEqualTo(1 - eps);
    }
  }

  @Test
  void clipWithoutMin_failsWhereARatioHasMovedTheWrongWay() {
    Graded g = grade(SIX, new PpoClipWithoutMin(), 1);
    assertThat(g.caseLine("nothing clipped")).contains("PASS");
    assertThat(g.caseLine("rho = 1")).contains("PASS");
    assertThat(g.caseLine("exactly at 1 - eps")).contains("PASS");
    // Â < 0 and ρ > 1 + ε: the min keeps ρÂ, the clip alone gives (1 + ε)Â
    assertThat(g.caseLine("negative advantages")).contains("FAIL")
        .contains("objective: largest error 0.818583 at sample 13");
    assertThat(g.caseLine("across both edges")).contains("FAIL").contains("objective:");
    assertThat(g.score()).startsWith("score: 3/9");
  }

  @Test
  void maxInsteadOfMin_failsWhereverAnythingIsClipped() {
    Graded g = grade(SIX, new PpoClipMaxInsteadOfMin(), 1);
    assertThat(g.caseLine("nothing clipped")).contains("PASS");
    assertThat(g.caseLine("exactly at 1 - eps")).contains("PASS");
    assertThat(g.caseLine("across both edges")).contains("FAIL")
        .contains("objective: largest error 0.866862 at sample 2");
    assertThat(g.caseLine("a batch of 512")).contains("FAIL");
    assertThat(g.score()).startsWith("score: 3/9");
  }

  @Test
  void tieCountedAsClipped_failsOnlyOnTheEdges_inTheGradient() {
    Graded g = grade(SIX, new PpoClipTieToClipped(), 1);
    assertThat(g.caseLine("exactly at 1 - eps")).contains("FAIL")
        .contains("objective: largest error 0.00000")
        .contains("gradient: largest error 1.68071 at sample 2: dobjective/dlogpi = 0.00000");
    assertThat(g.score()).startsWith("score: 8/9");
  }

  @Test
  void gailReward_isRejectedOnEveryCase_byItsReward() {
    Graded g = grade(SEVEN, new AirlGailReward(), 1);
    assertThat(g.report().passed()).isZero();
    assertThat(g.caseLine("no terminals")).contains("FAIL")
        .contains("reward: largest error 1.86632 at transition 2");
  }

  @Test
  void forgettingMinusLogPi_passesOnlyWherePiIsNearOne() {
    Graded g = grade(SEVEN, new AirlForgetsLogPi(), 1);
    assertThat(g.caseLine("pi near 1")).contains("PASS");
    assertThat(g.caseLine("pi near 0")).contains("FAIL")
        .contains("reward: largest error 27.3038 at transition 25");
    assertThat(g.score()).startsWith("score: 1/7");
  }

  @Test
  void hNextKeptAtTerminals_failsTheCasesWithTerminals_exceptAtGammaZero() {
    Graded g = grade(SEVEN, new AirlBootstrapsTerminal(), 1);
    assertThat(g.caseLine("no terminals")).contains("PASS");
    assertThat(g.caseLine("gamma = 0")).contains("PASS");
    assertThat(g.caseLine("terminal successors")).contains("FAIL")
        .contains("D: largest error 0.325344 at transition 30");
    assertThat(g.score()).startsWith("score: 2/7");
  }

  @Test
  void rewardAndLossFromD_cancelNearPiZero_andOverflowAtLargeF() {
    Graded g = grade(SEVEN, new AirlFromD(), 1);
    assertThat(g.caseLine("pi near 0")).contains("FAIL").contains("reward: largest error");
    assertThat(g.caseLine("large |f|")).contains("FAIL")
        .contains("reward: reward(transition 12) is Infinity, expected 40.6551");
    assertThat(g.caseLine("no terminals")).contains("PASS");
    assertThat(g.score()).startsWith("score: 5/7");
  }
}
