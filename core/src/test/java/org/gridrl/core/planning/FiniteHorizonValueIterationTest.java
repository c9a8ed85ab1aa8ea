package org.gridrl.core.planning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.gridrl.core.mdp.TabularMdp;
import org.gridrl.core.testing.NaivePlanning;
import org.gridrl.core.testing.RandomMdps;
import org.gridrl.core.testing.TestBase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Finite-horizon hard VI against brute force: every deterministic time-indexed policy of a small
 * MDP evaluated by its own backward recursion; the solver's V_0 must be the best of them from
 * every state, and its own policies must attain it.
 */
class FiniteHorizonValueIterationTest extends TestBase {

  static Stream<Arguments> cases() {
    return Stream.of(Arguments.of(1L, 3, 2, 3, 0.9, 0.0), Arguments.of(2L, 3, 2, 3, 1.0, 0.0),
        Arguments.of(3L, 4, 2, 2, 0.7, 0.3), Arguments.of(4L, 2, 3, 3, 1.0, 0.5),
        Arguments.of(5L, 3, 2, 1, 0.5, 0.0), Arguments.of(6L, 4, 2, 2, 0.0, 0.25));
  }

  /** V_0 of a time-indexed deterministic policy, actions[t][s], by backward recursion. */
  private static double[] evaluate(TabularMdp mdp, int[][] actions, double c) {
    double[][][] p = NaivePlanning.denseTransitions(mdp);
    int n = mdp.numStates();
    double[] next = new double[n];
    for (int t = actions.length - 1; t >= 0; t--) {
      double[] v = new double[n];
      for (int s = 0; s < n; s++) {
        if (mdp.isTerminal(s)) {
          continue;
        }
        int a = actions[t][s];
        double e = 0;
        for (int s2 = 0; s2 < n; s2++) {
          e += p[s][a][s2] * next[s2];
        }
        v[s] = mdp.reward(s, a) + c * e;
      }
      next = v;
    }
    return next;
  }

  @ParameterizedTest
  @MethodSource("cases")
  void solveFiniteHorizon_isTheBestTimeIndexedPolicy_byBruteForce(long seed, int numStates,
      int numActions, int horizon, double discount, double terminalFraction) {
    TabularMdp mdp = RandomMdps.random(seed, numStates, numActions, 2, 0.9, terminalFraction);
    FiniteHorizonSolution sol = ValueIteration.solveFiniteHorizon(mdp, horizon, discount);
    int perStep = (int) Math.pow(numActions, numStates);
    int total = (int) Math.pow(perStep, horizon);
    double[] best = new double[numStates];
    java.util.Arrays.fill(best, Double.NEGATIVE_INFINITY);
    int[][] actions = new int[horizon][numStates];
    for (int code = 0; code < total; code++) {
      int c = code;
      for (int t = 0; t < horizon; t++) {
        int step = c % perStep;
        c /= perStep;
        for (int s = 0; s < numStates; s++) {
          actions[t][s] = step % numActions;
          step /= numActions;
        }
      }
      double[] v = evaluate(mdp, actions, discount);
      for (int s = 0; s < numStates; s++) {
        best[s] = Math.max(best[s], v[s]);
      }
    }
    assertClose(best, sol.v()[0], 1e-12);
    int[][] own = new int[horizon][numStates];
    for (int t = 0; t < horizon; t++) {
      for (int s = 0; s < numStates; s++) {
        own[t][s] = sol.policies()[t].greedyAction(s);
        assertThat(sol.policies()[t].probability(s, own[t][s])).isEqualTo(1.0);
      }
    }
    assertClose(best, evaluate(mdp, own, discount), 1e-12);
    assertThat(sol.v()[horizon]).containsOnly(0.0);
  }

  @Test
  void solveFiniteHorizon_badArguments_named() {
    TabularMdp mdp = RandomMdps.random(1, 3, 2, 0.9);
    assertThatThrownBy(() -> ValueIteration.solveFiniteHorizon(mdp, 0, 0.9))
        .hasMessage("horizon must be >= 1, got 0");
    assertThatThrownBy(() -> ValueIteration.solveFiniteHorizon(mdp, 2, 1.5))
        .hasMessage("discount must be in [0, 1], got 1.5");
  }
}
