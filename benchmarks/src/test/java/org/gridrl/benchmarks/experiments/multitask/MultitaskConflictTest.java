package org.gridrl.benchmarks.experiments.multitask;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.gridrl.core.mdp.TabularPolicy;
import org.gridrl.envs.tabular.MultiGoalGrid;
import org.junit.jupiter.api.Test;

/**
 * The bound on policies without the task id ({@link SharedPolicyBound}) against closed forms on
 * the corridor, and trained runs on either side of it.
 */
class MultitaskConflictTest {

  private static final double C = MultiGoalGrid.DEFAULT_STEP_REWARD;
  private static final double GAMMA = 0.95;

  /**
   * On the corridor the averaged task's optimum walks three cells to one goal and, if the episode
   * goes on (the other task), six cells back to the other: J* = c(1+γ+γ²) + γ² for one task and
   * Σ_{t<9} γ^t c + γ^8 for the other, so B = ((J* + J_back)/2 − U)/(J* − U), U the uniform
   * return (the same for both tasks by reflection).
   */
  @Test
  void corridorBound_isWalkToOneEndThenBack() {
    MultiGoalGrid f = MultiGoalGrid.conflictPair();
    double jStar = C * (1 + GAMMA + GAMMA * GAMMA) + GAMMA * GAMMA;
    double jBack = C * (1 - Math.pow(GAMMA, 9)) / (1 - GAMMA) + Math.pow(GAMMA, 8);
    double u = f.uniformReturn(0);
    assertThat(f.uniformReturn(1)).isCloseTo(u, within(1e-12));
    assertThat(f.optimalReturn(0)).isCloseTo(jStar, within(1e-9));
    double expected = ((jStar + jBack) / 2 - u) / (jStar - u);
    assertThat(SharedPolicyBound.meanNormalisedReturn(f)).isCloseTo(expected, within(1e-9));
  }

  /**
   * Brute force over all 4^7 deterministic policies of s alone on the corridor: none exceeds B,
   * and the best reaches one goal and cycles forever in the other task (return c/(1−γ)), since
   * the path from the start can reach only one end without repeating a state.
   */
  @Test
  void corridorDeterministicPoliciesWithoutId_bestReachesOneGoal_belowBound() {
    MultiGoalGrid f = MultiGoalGrid.conflictPair();
    double bound = SharedPolicyBound.meanNormalisedReturn(f);
    int s = f.numStates();
    int[] a = new int[s];
    double best = Double.NEGATIVE_INFINITY;
    for (int code = 0; code < 1 << (2 * s); code++) {
      for (int i = 0; i < s; i++) {
        a[i] = code >> (2 * i) & 3;
      }
      TabularPolicy pi = TabularPolicy.deterministic(a, 4);
      double mean = (f.normalisedReturn(0, pi) + f.normalisedReturn(1, pi)) / 2;
      assertThat(mean).isLessThanOrEqualTo(bound + 1e-12);
      best = Math.max(best, mean);
    }
    double jStar = f.optimalReturn(0);
    double u = f.uniformReturn(0);
    assertThat(best).isCloseTo(((jStar + C / (1 - GAMMA)) / 2 - u) / (jStar - u), within(1e-9));
    assertThat(best).isLessThan(bound - 0.3);
  }

  /** B lies between 0 (the uniform policy has no id either) and 1 (it would need the id). */
  @Test
  void roomsBound_isStrictlyBetweenUniformAndOptimal() {
    double b = SharedPolicyBound.meanNormalisedReturn(MultitaskConflict.world("rooms"));
    assertThat(b).isGreaterThan(0.5).isLessThan(0.9);
  }

  /**
   * Seeded outcome (seed 1, 30 × 64 steps per task): the shared network with the id fits both
   * corridor tasks above the bound, the one without it (trained on the same per-task path) stays
   * below it, as it must, and logs a negative first cosine (the start state's opposite actions).
   */
  @Test
  void trainedRuns_withIdAboveBound_withoutIdBelow() {
    MultiGoalGrid f = MultitaskConflict.world("corridor");
    double bound = SharedPolicyBound.meanNormalisedReturn(f);
    MultitaskMethodsConfig c = MultitaskGridConfig.methods(30, 64, 64);
    MultitaskConflict.RunResult withId = MultitaskConflict.runOne(f, "corridor", "shared-id", 1,
        c);
    MultitaskConflict.RunResult noId = MultitaskConflict.runOne(f, "corridor",
        MultitaskConflict.NO_ID_SUM, 1, c);
    assertThat(withId.meanNormalisedReturn()).isGreaterThan(bound);
    assertThat(noId.meanNormalisedReturn()).isLessThanOrEqualTo(bound);
    assertThat(noId.cosine()[0]).isNegative();
    assertThat(withId.cosine()).hasSize(30);
  }
}
