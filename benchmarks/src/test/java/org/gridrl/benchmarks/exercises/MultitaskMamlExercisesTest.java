package org.gridrl.benchmarks.exercises;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gridrl.benchmarks.exercises.Graded.grade;

import java.util.Arrays;
import java.util.List;
import org.gridrl.benchmarks.exercises.solutions.DistralPriorCountingTerminals;
import org.gridrl.benchmarks.exercises.solutions.DistralPriorReference;
import org.gridrl.benchmarks.exercises.solutions.DistralPriorUniformWeights;
import org.gridrl.benchmarks.exercises.solutions.MamlDescentStep;
import org.gridrl.benchmarks.exercises.solutions.MamlFirstOrderOnly;
import org.gridrl.benchmarks.exercises.solutions.MamlReference;
import org.gridrl.benchmarks.exercises.solutions.PcGradProjectOnto;
import org.gridrl.benchmarks.exercises.solutions.PcGradProjectsOnZeroDot;
import org.gridrl.benchmarks.exercises.solutions.PcGradReference;
import org.junit.jupiter.api.Test;

/**
 * Exercises 8 (PCGrad), 9 (the Distral prior) and 11 (the MAML meta-gradient): every reference
 * solution scores full marks on seeds 1..4; every deliberately wrong one is rejected on the
 * cases it should fail, with a line naming the case and the error, and passes the cases where
 * its mistake makes no difference.
 */
class MultitaskMamlExercisesTest {

  private static final Exercise<PcGradProjection> EIGHT = MultitaskExercises.pcGrad();
  private static final Exercise<DistralPrior> NINE = MultitaskExercises.distralPrior();
  private static final Exercise<MamlMetaGradient> ELEVEN = MamlExercises.mamlMetaGradient();

  @Test
  void references_scoreFullMarks_onSeedsOneToFour() {
    for (long seed = 1; seed <= 4; seed++) {
      Graded eight = grade(EIGHT, new PcGradReference(), seed);
      assertThat(eight.report().allPassed()).as("%s", eight.lines()).isTrue();
      assertThat(eight.score()).startsWith("score: 10/10");
      Graded nine = grade(NINE, new DistralPriorReference(), seed);
      assertThat(nine.report().allPassed()).as("%s", nine.lines()).isTrue();
      assertThat(nine.score()).startsWith("score: 7/7");
      Graded eleven = grade(ELEVEN, new MamlReference(), seed);
      assertThat(eleven.report().allPassed()).as("%s", eleven.lines()).isTrue();
      assertThat(eleven.score()).startsWith("score: 15/15");
    }
  }

  @Test
  void exercises_areRegisteredInNumberOrder_withTheirPages() {
    assertThat(Exercises.byNumber(8)).get().extracting(Exercise::page)
        .isEqualTo("08-pcgrad-projection.md");
    assertThat(Exercises.byNumber(9)).get().extracting(Exercise::page)
        .isEqualTo("09-distral-prior.md");
    assertThat(Exercises.byNumber(11)).get().extracting(Exercise::page)
        .isEqualTo("11-maml-meta-gradient.md");
    List<Integer> numbers = Exercises.all().stream().map(Exercise::number).toList();
    assertThat(numbers).isSorted();
    for (int n : new int[] {8, 9, 11}) {
      assertThat(Exercises.statement(Exercises.byNumber(n).orElseThrow()))
          .startsWith("# Exercise " + n + ":");
    }
  }

  @Test
  void pcGrad_projectingOntoInsteadOfAway_failsEveryCaseWithAConflict() {
    Graded g = grade(EIGHT, new PcGradProjectOnto(), 1);
    assertThat(g.caseLine("no conflict")).contains("PASS");
    assertThat(g.caseLine("one task")).contains("PASS");
    // each conflicting g_i^PC is replaced by its component along g_j: g_0 → (1/5, −2/5),
    // g_1 → (−1, 0), g_2 → (2/5, −4/5), so d = (−0.4, −1.2) instead of (0.4, −0.2)
    assertThat(g.caseLine("orders (1,2) (0,2) (0,1)")).contains("FAIL")
        .contains("at parameter 1: d = -1.20000, expected -0.200000");
    assertThat(g.caseLine("exact opposition")).contains("FAIL").contains("expected 0.00000");
    assertThat(g.caseLine("T=10 n=20")).contains("FAIL").contains("largest error");
    assertThat(g.score()).startsWith("score: 4/10");
  }

  @Test
  void pcGrad_projectingWhenTheDotProductIsZero_getsNaN_onTheZeroGradientCases() {
    Graded g = grade(EIGHT, new PcGradProjectsOnZeroDot(), 1);
    assertThat(g.caseLine("g_1 = 0 never conflicts")).contains("FAIL")
        .contains("d(parameter 0) is NaN");
    assertThat(g.caseLine("every gradient zero")).contains("FAIL").contains("is NaN");
    assertThat(g.score()).startsWith("score: 8/10");
  }

  @Test
  void pcGrad_ignoringTheOrders_passesOnlyTheExampleWhoseOrdersAreTheIndexOrder() {
    // visiting the others in index order (0, 1, 2 without i) is the first example's order, not
    // the second's: the order matters, d = (0.4, −0.2) against (0.8, 0.2)
    PcGradProjection indexOrder = (gradients, orders) -> {
      int t = gradients.length;
      int[][] byIndex = new int[t][];
      for (int i = 0; i < t; i++) {
        final int skip = i;
        byIndex[i] = java.util.stream.IntStream.range(0, t).filter(j -> j != skip).toArray();
      }
      return new PcGradReference().combine(gradients, byIndex);
    };
    Graded g = grade(EIGHT, indexOrder, 1);
    assertThat(g.caseLine("orders (1,2) (0,2) (0,1)")).contains("PASS");
    assertThat(g.caseLine("orders (2,1) (2,0) (1,0)")).contains("FAIL")
        .contains("largest error 0.400000"); // (0.4, −0.2) against (0.8, 0.2)
  }

  @Test
  void distral_uniformWeights_passOnlyWithOneTaskThatVisitsEveryState() {
    Graded g = grade(NINE, new DistralPriorUniformWeights(), 1);
    assertThat(g.caseLine("one task")).contains("PASS");
    assertThat(g.caseLine("state 4 on neither")).contains("FAIL").contains("at state");
    assertThat(g.caseLine("visitations of different mass")).contains("FAIL")
        .contains("largest error");
    assertThat(g.caseLine("soft-optimal")).contains("FAIL");
    assertThat(g.score()).startsWith("score: 1/7");
  }

  @Test
  void distral_countingArrivalsAtTerminals_failsOnlyTheCasesWithTerminals() {
    Graded g = grade(NINE, new DistralPriorCountingTerminals(), 1);
    assertThat(g.caseLine("terminal states that differ")).contains("FAIL").contains("at state");
    assertThat(g.caseLine("two terminals per task")).contains("FAIL");
    assertThat(g.caseLine("T=3 S=6 A=3:")).contains("PASS");
    assertThat(g.score()).startsWith("score: 5/7");
  }

  @Test
  void maml_firstOrderAsTheMetaGradient_failsTheSecondOrderCasesWhereTheHessianTermIsNotZero() {
    Graded g = grade(ELEVEN, new MamlFirstOrderOnly(), 1);
    // the case names state the Hessian term's size; it is what the first-order answer misses
    assertThat(g.caseLine("softmax of a linear map): grad F"))
        .contains("|alpha H_tr grad J_test| = 0.11 |grad F|").contains("FAIL")
        .contains("at parameter");
    assertThat(g.caseLine("a large inner step): grad F")).contains("FAIL");
    assertThat(g.caseLine("theta' = theta): grad F")).contains("PASS");
    assertThat(g.caseLine("H_tr = 0): grad F")).contains("PASS");
    assertThat(g.caseLine("softmax of a linear map): grad J_test(theta') (first order)"))
        .contains("PASS");
    assertThat(g.score()).startsWith("score: 12/15");
  }

  @Test
  void maml_descentStep_failsEveryCaseWithANonZeroStep() {
    Graded g = grade(ELEVEN, new MamlDescentStep(), 1);
    assertThat(g.caseLine("softmax of a linear map): theta' (inner step)")).contains("FAIL")
        .contains("largest error");
    assertThat(g.caseLine("theta' = theta): theta'")).contains("PASS");
    assertThat(g.caseLine("H_tr = 0): grad F")).contains("PASS");
    assertThat(g.score()).startsWith("score: 6/15");
  }

  @Test
  void maml_aWrongLengthPassedToTheObjective_failsWithOneLine() {
    MamlMetaGradient shortTheta = new MamlReference() {
      @Override
      public double[] innerStep(double[] theta, Objective train, double alpha) {
        return train.gradient(Arrays.copyOf(theta, theta.length - 1));
      }
    };
    Graded g = grade(ELEVEN, shortTheta, 1);
    assertThat(g.lines().get(0)).contains("FAIL").contains("threw IllegalArgumentException:"
        + " the objective's theta must have length 9 (one per parameter), got 8");
  }
}
