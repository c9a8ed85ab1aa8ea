package org.gridrl.envs.continuous;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.gridrl.envs.testing.EnvAsserts.TIGHT;
import static org.gridrl.envs.testing.EnvAsserts.assertClose;

import java.util.ArrayList;
import java.util.List;
import org.gridrl.core.env.Box;
import org.gridrl.core.env.Step;
import org.gridrl.core.util.Rng;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PointNavigationTest {

  private static final Goal G = new Goal(0.3, 0.4);

  @Test
  void reset_startsAtOrigin_withSpacesOfTheReference() {
    PointNavigation env = PointNavigation.withGoal(G);
    assertClose(new double[] {0, 0}, env.reset(7), 0);
    assertThat(env.actionSpace()).isEqualTo(Box.uniform(2, -0.1, 0.1));
    assertThat(env.observationSpace())
        .isEqualTo(Box.uniform(2, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY));
    assertThat(env.elapsedSteps()).isZero();
  }

  @Test
  void step_clipsEachCoordinateOfTheVelocity() {
    PointNavigation env = PointNavigation.withGoal(G);
    env.reset(0);
    Step<double[]> s = env.step(new double[] {0.5, -0.03});
    assertClose(new double[] {0.1, -0.03}, s.observation(), 0);
    s = env.step(new double[] {-7, -1e9});
    assertClose(new double[] {0.0, -0.13}, s.observation(), TIGHT);
    assertClose(-Math.hypot(0.3, 0.53), s.reward(), TIGHT);
  }

  @Test
  void step_rewardIsMinusDistanceAfterTheMove_byHand() {
    PointNavigation env = PointNavigation.withGoal(G);
    env.reset(0);
    double[][] actions = {{0.1, 0.1}, {-0.2, 0.05}, {0.0, 1.0}};
    // positions (0.1, 0.1), (0.0, 0.15), (0.0, 0.25)
    double[] expected = {-Math.hypot(0.2, 0.3), -Math.hypot(0.3, 0.25), -Math.hypot(0.3, 0.15)};
    for (int t = 0; t < 3; t++) {
      Step<double[]> s = env.step(actions[t]);
      assertClose(expected[t], s.reward(), TIGHT);
      assertThat(s.done()).isFalse();
    }
    assertClose(new double[] {0.0, 0.25}, env.position(), TIGHT);
  }

  @Test
  void step_doesNotModifyTheAction() {
    PointNavigation env = PointNavigation.withGoal(G);
    env.reset(0);
    double[] a = {3.0, -3.0};
    env.step(a);
    assertThat(a).containsExactly(3.0, -3.0);
  }

  @Test
  void episode_isTruncatedExactlyAtStep100() {
    PointNavigation env = PointNavigation.withGoal(G);
    env.reset(0);
    double[] stay = {0, 0};
    for (int t = 1; t < 100; t++) {
      Step<double[]> s = env.step(stay);
      assertThat(s.done()).as("step %d", t).isFalse();
      assertClose(-0.5, s.reward(), TIGHT);
    }
    Step<double[]> last = env.step(stay);
    assertThat(last.truncated()).isTrue();
    assertThat(last.terminated()).isFalse();
    assertThatThrownBy(() -> env.step(stay)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("truncated at the horizon of 100 steps after 100 steps");
  }

  @Test
  void episode_terminatesWhenBothCoordinatesAreWithinTolerance() {
    PointNavigation env = PointNavigation.withGoal(0.105, 0.0);
    env.reset(0);
    Step<double[]> s = env.step(new double[] {0.1, 0.0});
    assertThat(s.terminated()).isTrue();
    assertThat(s.truncated()).isFalse();
    assertClose(-0.005, s.reward(), TIGHT);
    assertThatThrownBy(() -> env.step(new double[] {0, 0}))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("terminated at the goal");

    PointNavigation far = PointNavigation.withGoal(0.111, 0.0);
    far.reset(0);
    assertThat(far.step(new double[] {0.1, 0.0}).terminated()).as("0.011 away").isFalse();
  }

  @Test
  void straightLine_reachesGoalInFourSteps_byHand() {
    // g = (0.3, 0.4): ‖g‖∞ = 0.4, steps of (0.075, 0.1) of length 0.125, d = 0.5
    PointNavigation env = PointNavigation.withGoal(G);
    env.reset(0);
    double[] expected = {-0.375, -0.25, -0.125, 0.0};
    for (int t = 0; t < 4; t++) {
      Step<double[]> s = env.step(new double[] {0.075, 0.1});
      assertClose(expected[t], s.reward(), 1e-12);
      assertThat(s.terminated()).as("step %d", t + 1).isEqualTo(t == 3);
    }
    assertClose(-0.75, PointNavigation.straightLineReturn(G), 1e-12);
    assertClose(-(0.375 + 0.5 * 0.25 + 0.25 * 0.125), PointNavigation.straightLineReturn(G, 0.5),
        1e-12);
  }

  @Test
  void optimalReturn_byHand() {
    // clip policy: (0.1, 0.1), (0.2, 0.2), (0.3, 0.3), (0.3, 0.4)
    double expected = -(Math.sqrt(0.13) + Math.sqrt(0.05) + 0.1);
    assertClose(expected, PointNavigation.optimalReturn(G), 1e-12);
    assertThat(PointNavigation.optimalReturn(G))
        .isGreaterThan(PointNavigation.straightLineReturn(G));
  }

  /** −Σ_t ‖g‖₂ · r_t / ‖g‖∞ with r_t = max(0, ‖g‖∞ − 0.1 t), up to the first r_t &lt; 0.01. */
  private static double straightLineClosedForm(Goal g) {
    double inf = Math.max(Math.abs(g.x()), Math.abs(g.y()));
    double d = Math.hypot(g.x(), g.y());
    double ret = 0;
    for (int t = 1; t <= 100; t++) {
      double remaining = Math.max(0, inf - 0.1 * t);
      ret -= remaining * d / inf;
      if (remaining < 0.01) {
        break;
      }
    }
    return ret;
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12})
  void straightLineReturn_matchesClosedForm_andIsBelowOptimal_randomGoals(long seed) {
    Rng rng = new Rng(seed);
    for (int i = 0; i < 20; i++) {
      Goal g = PointNavigation.goals().sample(rng);
      double straight = PointNavigation.straightLineReturn(g);
      assertClose(straightLineClosedForm(g), straight, 1e-9);
      double optimal = PointNavigation.optimalReturn(g);
      assertThat(optimal).isGreaterThanOrEqualTo(straight - 1e-12);
      // no random policy near the greedy one does better than the optimum
      for (int k = 0; k < 5; k++) {
        assertThat(perturbedGreedyReturn(g, rng)).isLessThanOrEqualTo(optimal + 1e-12);
      }
    }
  }

  private static double perturbedGreedyReturn(Goal g, Rng rng) {
    PointNavigation env = PointNavigation.withGoal(g);
    double[] p = env.reset(0);
    double ret = 0;
    boolean done = false;
    while (!done) {
      double[] a = {g.x() - p[0] + 0.05 * rng.nextGaussian(),
          g.y() - p[1] + 0.05 * rng.nextGaussian()};
      Step<double[]> s = env.step(a);
      ret += s.reward();
      p = s.observation();
      done = s.done();
    }
    return ret;
  }

  @Test
  void straightAndOptimal_agreeOnTheDiagonal() {
    Goal g = new Goal(-0.35, 0.35);
    assertClose(PointNavigation.optimalReturn(g), PointNavigation.straightLineReturn(g), 1e-12);
  }

  @Test
  void goals_areUniformInTheSquare_meanAndVarianceWithin5Sigma() {
    int n = 20_000;
    List<Goal> goals = PointNavigation.goals().sample(n, new Rng(42));
    double[] sum = new double[2];
    double[] sumSq = new double[2];
    for (Goal g : goals) {
      double[] xy = g.toArray();
      for (int i = 0; i < 2; i++) {
        assertThat(xy[i]).isBetween(-0.5, 0.5);
        sum[i] += xy[i];
        sumSq[i] += xy[i] * xy[i];
      }
    }
    for (int i = 0; i < 2; i++) {
      double mean = sum[i] / n;
      double var = sumSq[i] / n - mean * mean;
      assertThat(Math.abs(mean)).as("mean %d", i).isLessThan(5 * Math.sqrt(1.0 / 12 / n));
      // Var[(x − μ)²] for U[−1/2, 1/2] is 1/80 − 1/144 = 1/180
      assertThat(Math.abs(var - 1.0 / 12)).as("variance %d", i)
          .isLessThan(5 * Math.sqrt(1.0 / 180 / n));
    }
  }

  @Test
  void randomGoals_sameSeedSameGoalAndEpisode_differentSeedDifferentGoal() {
    PointNavigation a = PointNavigation.withRandomGoals();
    PointNavigation b = PointNavigation.withRandomGoals();
    assertThat(a.goal()).isNull();
    List<Double> ra = rollout(a, 99);
    List<Double> rb = rollout(b, 99);
    assertThat(a.goal()).isEqualTo(b.goal())
        .isEqualTo(PointNavigation.goals().sample(new Rng(99)));
    assertThat(ra).isEqualTo(rb);
    a.reset(100);
    assertThat(a.goal()).isNotEqualTo(b.goal());
    assertThat(Math.abs(a.goal().x())).isLessThanOrEqualTo(0.5);
  }

  private static List<Double> rollout(PointNavigation env, long seed) {
    env.reset(seed);
    Rng actions = new Rng(seed + 1);
    List<Double> out = new ArrayList<>();
    boolean done = false;
    while (!done) {
      Step<double[]> s = env.step(new double[] {actions.nextGaussian() * 0.1,
          actions.nextGaussian() * 0.1});
      out.add(s.reward());
      out.add(s.observation()[0]);
      out.add(s.observation()[1]);
      done = s.done();
    }
    return out;
  }

  @Test
  void setTask_fixesTheGoal_andNeedsAReset() {
    PointNavigation env = PointNavigation.withRandomGoals();
    env.reset(1);
    env.setTask(G);
    assertThatThrownBy(() -> env.step(new double[] {0, 0}))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("reset");
    env.reset(5);
    assertThat(env.goal()).isEqualTo(G);
    assertClose(-0.5, env.step(new double[] {0, 0}).reward(), TIGHT);
    assertThatThrownBy(() -> env.setTask(null)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void badActions_areRejectedWithTheValue() {
    PointNavigation env = PointNavigation.withGoal(G);
    assertThatThrownBy(() -> env.step(new double[] {0, 0}))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("step before reset");
    env.reset(0);
    assertThatThrownBy(() -> env.step(null)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must not be null");
    assertThatThrownBy(() -> env.step(new double[] {0.1, 0.2, 0.3}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("2 coordinates").hasMessageContaining("[0.1, 0.2, 0.3]");
    assertThatThrownBy(() -> env.step(new double[] {0.1, Double.NaN}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("action[1]")
        .hasMessageContaining("NaN");
    assertThatThrownBy(() -> env.step(new double[] {Double.NEGATIVE_INFINITY, 0}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("action[0]")
        .hasMessageContaining("-Infinity");
    // a rejected action does not advance the episode
    assertThat(env.elapsedSteps()).isZero();
    assertClose(new double[] {0, 0}, env.position(), 0);
  }

  @Test
  void goal_rejectsNonFiniteCoordinates() {
    assertThatThrownBy(() -> new Goal(Double.NaN, 0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("NaN");
    assertThatThrownBy(() -> Goal.of(new double[] {1})).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("2 coordinates");
    assertThatThrownBy(() -> PointNavigation.straightLineReturn(G, 1.5))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1.5");
  }
}
