package org.gridrl.meta.baselines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.HashMap;
import java.util.Map;
import org.gridrl.core.env.Step;
import org.gridrl.core.util.Rng;
import org.gridrl.envs.meta.HiddenGoalGrid;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The hidden-goal planners against independent references: an expectimax over every history of
 * a 3×3 trial (the best deterministic history-dependent policy, with the posterior kept as an
 * explicit probability vector), the oracle's closed form, random search paths, and simulation
 * through the environment.
 */
class GoalSearchPlannerTest {

  private static final double TIGHT = 1e-12;

  // ---------------------------------------------------------------- brute force (independent)

  /**
   * max over deterministic history-dependent policies of E[Σ r] from this node, by expectimax
   * over the full history tree: unknown goal → posterior p (explicit), branch on "found"/"not
   * found" with their probabilities; known goal → plain DP (memoised; history no longer matters).
   */
  private static final class Expectimax {
    final int n;
    final int h;
    final int episodes;
    final Map<Long, Double> known = new HashMap<>();

    Expectimax(int n, int h, int episodes) {
      this.n = n;
      this.h = h;
      this.episodes = episodes;
    }

    /** p[c] = posterior on cell c; the goal is not yet found. */
    double unknown(int cell, int t, int e, double[] p) {
      if (t == h) {
        return unknown(0, 0, e + 1, p);
      }
      if (e == episodes) {
        return 0;
      }
      double best = Double.NEGATIVE_INFINITY;
      for (int a = 0; a < 5; a++) {
        int next = HiddenGoalGrid.move(n, cell, a);
        double found = p[next];
        double v = 0;
        if (found > 0) {
          v += found * (1.0 + knownValue(next, t + 1, e, next));
        }
        if (found < 1) {
          double[] q = p.clone();
          q[next] = 0;
          double z = 1 - found;
          for (int c = 0; c < q.length; c++) {
            q[c] /= z;
          }
          v += z * (-0.1 + unknown(next, t + 1, e, q));
        }
        best = Math.max(best, v);
      }
      return best;
    }

    double knownValue(int cell, int t, int e, int goal) {
      if (t == h) {
        return knownValue(0, 0, e + 1, goal);
      }
      if (e == episodes) {
        return 0;
      }
      long key = ((cell * 64L + t) * 16 + e) * 64 + goal;
      Double cached = known.get(key);
      if (cached != null) {
        return cached;
      }
      double best = Double.NEGATIVE_INFINITY;
      for (int a = 0; a < 5; a++) {
        int next = HiddenGoalGrid.move(n, cell, a);
        best = Math.max(best, (next == goal ? 1.0 : -0.1) + knownValue(next, t + 1, e, goal));
      }
      known.put(key, best);
      return best;
    }

    double root() {
      double[] p = new double[n * n];
      int[] c = HiddenGoalGrid.candidateGoals(n);
      for (int g : c) {
        p[g] = 1.0 / c.length;
      }
      return unknown(0, 0, 0, p);
    }
  }

  @ParameterizedTest(name = "3x3, H = {0}, E = {1}")
  @CsvSource({"1, 1", "2, 1", "4, 1", "2, 2", "3, 2", "4, 2", "2, 3", "3, 3", "1, 4"})
  void bayesOptimal_3x3_equalsExpectimaxOverEveryHistory(int horizon, int episodes) {
    GoalSearchSetting s = new GoalSearchSetting(3, horizon, episodes);
    double brute = new Expectimax(3, horizon, episodes).root();
    GoalSearchPolicy pi = GoalSearchPlanner.bayesOptimal(s);
    assertThat(GoalSearchPlanner.bayesOptimalValue(s)).isCloseTo(brute, within(TIGHT));
    assertThat(pi.expectedReturn()).isCloseTo(brute, within(TIGHT));
    assertThat(GoalSearchPlanner.upperBound(s, episodes)).isCloseTo(brute, within(TIGHT));
    double sum = 0;
    for (double r : pi.episodeReturns()) {
      sum += r;
    }
    assertThat(sum).isCloseTo(pi.expectedReturn(), within(TIGHT));
  }

  @Test
  void bayesOptimal_3x3_H3E2_isTheHandSolvedSearch() {
    // 3x3, H = 3, E = 2; candidates (0,2), (1,2), (2,0), (2,1), (2,2); one oracle episode pays
    // 1.9 (d = 2), 0.8 (d = 3), -0.3 (d = 4). Episode 1 goes up, up, right: goal (0,2) found
    // at step 2 (-0.1 + 1 + 1 = 1.9, then 1.9), (1,2) at step 3 (0.8, then 0.8). Episode 2
    // searches the rest right, right, up: (2,0) pays -0.3 + 1.9, (2,1) -0.3 + 0.8, (2,2)
    // -0.3 - 0.3. Sum 3.8 + 1.6 + 1.6 + 0.5 - 0.6 = 6.9 over 5 goals: 1.38 (0.36 + 1.02).
    GoalSearchSetting s = new GoalSearchSetting(3, 3, 2);
    GoalSearchPolicy pi = GoalSearchPlanner.bayesOptimal(s);
    assertThat(GoalSearchPlanner.bayesOptimalValue(s)).isCloseTo(1.38, within(TIGHT));
    assertThat(pi.path()).containsExactly(1, 1, 2, 2, 2, 1);
    assertThat(pi.episodeReturns()).containsExactly(new double[] {0.36, 1.02}, within(TIGHT));
    assertThat(pi.episodeReturns(2)).containsExactly(new double[] {1.9, 1.9}, within(TIGHT));
    assertThat(pi.episodeReturns(8)).containsExactly(new double[] {-0.3, -0.3}, within(TIGHT));
  }

  // ---------------------------------------------------------------- the oracle's closed form

  @Test
  void oracle_5x5_equalsClosedFormOverDistances() {
    // Candidates by distance d from (0,0) on 5x5: d = 2..8 with counts 2, 4, 5, 4, 3, 2, 1
    // (21 cells, Σ count·d = 96). One episode returns -0.1(d - 1) + (H - d + 1) = 16.1 - 1.1 d
    // for H = 15, so E[R_episode] = (21·16.1 - 1.1·96)/21 = 232.5/21 and the trial 4x that.
    GoalSearchSetting s = GoalSearchSetting.varibad();
    double perEpisode = (21 * 16.1 - 1.1 * 96) / 21;
    assertThat(HiddenGoalOracle.expectedReturn(s)).isCloseTo(4 * perEpisode, within(TIGHT));
    assertThat(HiddenGoalOracle.expectedReturn(s)).isCloseTo(930.0 / 21, within(TIGHT));
    for (double r : HiddenGoalOracle.episodeReturns(s)) {
      assertThat(r).isCloseTo(perEpisode, within(TIGHT));
    }
  }

  @Test
  void oracle_3x3_equalsClosedForm_andFarGoalsNeverReachedPayMinusATenthPerStep() {
    // 3x3 candidates: d = 2 (two), 3 (two), 4 (one). H = 3: d ≤ 3 gives -0.1(d-1) + (4 - d),
    // d = 4 > H gives -0.3. (2·1.9 + 2·0.8 - 0.3)/5 = 5.1/5 per episode.
    GoalSearchSetting s = new GoalSearchSetting(3, 3, 2);
    assertThat(HiddenGoalOracle.expectedReturn(s)).isCloseTo(2 * 5.1 / 5, within(TIGHT));
  }

  @Test
  void oracle_rolledOutThroughTheEnv_earnsItsClosedFormForEveryGoal() {
    GoalSearchSetting s = GoalSearchSetting.varibad();
    for (int g : s.candidates()) {
      HiddenGoalGrid grid = HiddenGoalGrid.varibad(g);
      double total = rollout(grid, new HiddenGoalOracle(grid))[4];
      assertThat(total).isCloseTo(4 * s.oracleEpisodeReturn(g), within(1e-9));
      int d = HiddenGoalGrid.distance(5, 0, g);
      assertThat(s.oracleEpisodeReturn(g)).isCloseTo(-0.1 * (d - 1) + (15 - d + 1), within(TIGHT));
    }
  }

  // ---------------------------------------------------------------- orderings

  @Test
  void bayesOptimal_3x3_beatsEverySeededRandomSearchPath_andStaysBelowTheOracle() {
    GoalSearchSetting s = new GoalSearchSetting(3, 3, 3);
    double best = GoalSearchPlanner.bayesOptimalValue(s);
    assertThat(best).isLessThanOrEqualTo(HiddenGoalOracle.expectedReturn(s));
    Rng rng = new Rng(345);
    for (int i = 0; i < 500; i++) {
      int[] path = new int[9];
      for (int k = 0; k < path.length; k++) {
        path[k] = rng.nextInt(5);
      }
      assertThat(new GoalSearchPolicy(s, path).expectedReturn())
          .isLessThanOrEqualTo(best + TIGHT);
    }
  }

  @Test
  void bayesOptimal_3x3_H3E2_isTheBestOfAllSearchPaths() {
    // every deterministic policy that plays the oracle once the goal is known is a search path
    // of E·H actions: enumerate all 5^6 = 15625 of them
    GoalSearchSetting s = new GoalSearchSetting(3, 3, 2);
    double best = Double.NEGATIVE_INFINITY;
    int[] path = new int[6];
    for (int code = 0; code < 15625; code++) {
      for (int k = 0, c = code; k < 6; k++, c /= 5) {
        path[k] = c % 5;
      }
      best = Math.max(best, new GoalSearchPolicy(s, path).expectedReturn());
    }
    assertThat(GoalSearchPlanner.bayesOptimalValue(s)).isCloseTo(best, within(TIGHT));
  }

  @Test
  void setting_rejectsTinyGridsAndEmptyTrials() {
    assertThatThrownBy(() -> new GoalSearchSetting(2, 3, 2)).hasMessageContaining("size");
    assertThatThrownBy(() -> new GoalSearchSetting(3, 0, 2)).hasMessageContaining("horizon");
    assertThatThrownBy(() -> new GoalSearchSetting(3, 3, 0)).hasMessageContaining("episodes");
    assertThatThrownBy(() -> new GoalSearchPolicy(new GoalSearchSetting(3, 3, 2), new int[5]))
        .hasMessageContaining("got 5");
  }

  // ---------------------------------------------------------------- VariBAD's 5x5 trial

  @Test
  void varibad_storedPathMeetsTheOneEpisodeRevealBound_soItIsBayesOptimal() {
    GoalSearchSetting s = GoalSearchSetting.varibad();
    GoalSearchBounds b = GoalSearchPlanner.bounds(s, GoalSearchPlanner.bayesOptimal(s), 1);
    // both are exact integers of tenths over K = 21: 7815 / 210
    assertThat(b.lower()).isCloseTo(7815.0 / 210, within(TIGHT));
    assertThat(b.upper()).isCloseTo(7815.0 / 210, within(TIGHT));
    assertThat(b.isExact()).isTrue();
    assertThat(b.upper()).isLessThan(HiddenGoalOracle.expectedReturn(s));
    // per episode: 84/21 = 4.0 in the first, then every goal is known: the oracle's 232.5/21
    double[] perEpisode = b.policy().episodeReturns();
    assertThat(perEpisode[0]).isCloseTo(4.0, within(TIGHT));
    for (int e = 1; e < 4; e++) {
      assertThat(perEpisode[e]).isCloseTo(232.5 / 21, within(TIGHT));
    }
    assertThat(perEpisode[0] + perEpisode[1] + perEpisode[2] + perEpisode[3])
        .isCloseTo(b.lower(), within(TIGHT));
  }

  @Test
  void varibad_recedingOneEpisodePolicies_areFeasibleLowerBoundsBelowTheUpperBound() {
    GoalSearchSetting s = GoalSearchSetting.varibad();
    double upper = GoalSearchPlanner.upperBound(s, 1);
    GoalSearchPolicy giveUp = GoalSearchPlanner.receding(s, 1,
        GoalSearchPlanner.Continuation.GIVE_UP);
    GoalSearchPolicy reveal = GoalSearchPlanner.receding(s, 1,
        GoalSearchPlanner.Continuation.REVEAL);
    // golden (deterministic DP, lowest action on ties): 7683/210 and 7727/210
    assertThat(giveUp.expectedReturn()).isCloseTo(7683.0 / 210, within(TIGHT));
    assertThat(reveal.expectedReturn()).isCloseTo(7727.0 / 210, within(TIGHT));
    assertThat(giveUp.expectedReturn()).isLessThanOrEqualTo(upper);
    assertThat(reveal.expectedReturn()).isLessThanOrEqualTo(upper);
  }

  @Test
  void varibad_bayesOptimalPolicy_simulatedThroughTheEnvWithSeededGoals_matchesItsExactValue() {
    GoalSearchSetting s = GoalSearchSetting.varibad();
    GoalSearchPolicy pi = GoalSearchPlanner.bayesOptimal(s);
    Rng rng = new Rng(345);
    int trials = 2000;
    double sum = 0;
    double sumSq = 0;
    for (int i = 0; i < trials; i++) {
      HiddenGoalGrid grid = HiddenGoalGrid.tasks(5, 15, 4).sample(rng);
      double[] r = rollout(grid, pi);
      double[] exact = pi.episodeReturns(grid.goal());
      for (int e = 0; e < 4; e++) {
        assertThat(r[e]).isCloseTo(exact[e], within(1e-9));
      }
      sum += r[4];
      sumSq += r[4] * r[4];
    }
    double mean = sum / trials;
    double se = Math.sqrt((sumSq / trials - mean * mean) / trials);
    assertThat(mean).isCloseTo(pi.expectedReturn(), within(4 * se));
  }

  @Test
  void solveWindow_overTheStateCap_failsNamingIt() {
    assertThatThrownBy(() -> GoalSearchPlanner.solveWindow(GoalSearchSetting.varibad(), 0, 0, 1,
        GoalSearchPlanner.Continuation.REVEAL, 1000))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("1000");
    assertThatThrownBy(() -> GoalSearchPlanner.solveWindow(GoalSearchSetting.varibad(), 0, 0, 1,
        GoalSearchPlanner.Continuation.NONE, 1000)).hasMessageContaining("NONE");
  }

  // ---------------------------------------------------------------- the belief

  @Test
  void goalBelief_uniformOverUnvisitedCandidates_untilTheGoalPaysOne() {
    GoalBelief b = new GoalBelief(new GoalSearchSetting(3, 3, 2));
    // 3x3 candidates 2, 5, 6, 7, 8 (cell x*3+y)
    assertThat(b.probability(2)).isCloseTo(0.2, within(TIGHT));
    b.observe(HiddenGoalGrid.UP, 1, -0.1); // (0,1): not a candidate
    assertThat(b.probability(2)).isCloseTo(0.2, within(TIGHT));
    b.observe(HiddenGoalGrid.UP, 2, -0.1); // (0,2): ruled out
    assertThat(b.probability(2)).isZero();
    assertThat(b.probability(8)).isCloseTo(0.25, within(TIGHT));
    b.observe(HiddenGoalGrid.RIGHT, 5, 1.0); // (1,2): found
    assertThat(b.goal()).isEqualTo(5);
    assertThat(b.probability(5)).isEqualTo(1.0);
    assertThat(b.episode()).isEqualTo(1);
    assertThat(b.step()).isZero();
    assertThat(b.cell()).isZero();
    assertThatThrownBy(() -> b.observe(HiddenGoalGrid.UP, 2, -0.1))
        .hasMessageContaining("nextCell");
  }

  /** Returns R_0..R_{E−1} and their sum at index E, one trial through the Env. */
  private static double[] rollout(HiddenGoalGrid grid, HiddenGoalPolicy policy) {
    GoalSearchSetting s = GoalSearchSetting.of(grid);
    GoalBelief belief = new GoalBelief(s);
    double[] r = new double[s.episodes() + 1];
    for (int e = 0; e < s.episodes(); e++) {
      grid.reset(e);
      boolean done = false;
      while (!done) {
        int a = policy.act(belief);
        Step<double[]> step = grid.step(a);
        belief.observe(a, grid.cell(), step.reward());
        r[e] += step.reward();
        r[s.episodes()] += step.reward();
        done = step.done();
      }
    }
    return r;
  }
}
