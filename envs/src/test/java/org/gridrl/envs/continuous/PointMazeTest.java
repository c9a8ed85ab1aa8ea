package org.gridrl.envs.continuous;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.gridrl.envs.testing.EnvAsserts.TIGHT;
import static org.gridrl.envs.testing.EnvAsserts.assertClose;

import org.gridrl.core.env.Box;
import org.gridrl.core.env.Step;
import org.gridrl.core.util.Rng;
import org.gridrl.envs.continuous.PointMaze.Layout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class PointMazeTest {

  private static double[] push(PointMaze env, double ax, double ay, int times) {
    double[] p = null;
    for (int i = 0; i < times; i++) {
      p = env.step(new double[] {ax, ay}).observation();
    }
    return p;
  }

  @ParameterizedTest
  @EnumSource(Layout.class)
  void reset_startsBelowTheBarrier(Layout layout) {
    PointMaze env = new PointMaze(layout);
    assertClose(new double[] {0.3, 0.0}, env.reset(1), 0);
    assertThat(env.observationSpace()).isEqualTo(Box.uniform(2, -0.05, 0.55));
    assertThat(env.actionSpace()).isEqualTo(Box.uniform(2, -1, 1));
  }

  @Test
  void reward_isMinusDistanceBeforeTheMove_minusControlCost_byHand() {
    PointMaze env = new PointMaze(Layout.GAP_LEFT);
    env.reset(0);
    Step<double[]> s = env.step(new double[] {1, 0.5});
    assertClose(-0.5 - 0.001 * 1.25, s.reward(), TIGHT);
    assertClose(new double[] {0.35, 0.025}, s.observation(), TIGHT);
    // clipped to (1, −1): cost 0.002, and the distance is from (0.35, 0.025)
    s = env.step(new double[] {3, -2});
    assertClose(-Math.hypot(0.05, 0.475) - 0.002, s.reward(), TIGHT);
    assertClose(new double[] {0.4, -0.025}, s.observation(), TIGHT);

    PointMaze free = new PointMaze(Layout.GAP_RIGHT, 0.0);
    free.reset(0);
    assertClose(-0.5, free.step(new double[] {1, 1}).reward(), TIGHT);
  }

  @Test
  void arena_clampsTheMove() {
    PointMaze env = new PointMaze(Layout.GAP_LEFT);
    env.reset(0);
    double[] p = push(env, 0.4, -1, 3);
    assertClose(new double[] {0.36, -0.05}, p, TIGHT);
  }

  @ParameterizedTest
  @EnumSource(Layout.class)
  void barrier_blocksStraightUp_inBothLayouts(Layout layout) {
    PointMaze env = new PointMaze(layout);
    env.reset(0);
    double[] p = push(env, 0, 1, 5);
    assertClose(new double[] {0.3, 0.25}, p, 1e-12);
    double[] stuck = push(env, 0, 1, 20);
    assertThat(stuck[0]).isEqualTo(p[0]);
    assertThat(stuck[1]).isEqualTo(p[1]).isLessThanOrEqualTo(0.25);
  }

  @Test
  void gapLeft_blocksTheRightDiagonal_andLetsTheLeftDiagonalThrough() {
    PointMaze env = new PointMaze(Layout.GAP_LEFT);
    env.reset(0);
    // (0.35, 0.05) ... (0.55, 0.25), then it slides along the barrier into the corner
    double[] p = push(env, 1, 1, 10);
    assertClose(new double[] {0.55, 0.25}, p, 1e-12);
    env.reset(0);
    // (0.25, 0.05), ..., (0.05, 0.25), (0.0, 0.3), (−0.05, 0.35), (−0.05, 0.4)
    p = push(env, -1, 1, 8);
    assertClose(new double[] {-0.05, 0.4}, p, 1e-12);
  }

  @Test
  void gapRight_blocksTheLeftDiagonal_andLetsTheRightDiagonalThrough() {
    PointMaze env = new PointMaze(Layout.GAP_RIGHT);
    env.reset(0);
    double[] p = push(env, -1, 1, 10);
    assertClose(new double[] {-0.05, 0.25}, p, 1e-12);
    env.reset(0);
    // (0.35, 0.05), ..., (0.55, 0.25), then up the right gap x ∈ [0.45, 0.55]
    p = push(env, 1, 1, 8);
    assertClose(new double[] {0.55, 0.4}, p, 1e-12);
  }

  @Test
  void barrier_blocksFromAbove_andItsEndFaceFromTheSide() {
    PointMaze env = new PointMaze(Layout.GAP_LEFT);
    env.reset(0);
    push(env, -1, 1, 8); // through the left gap to (−0.05, 0.4)
    double[] p = push(env, 1, 0, 3); // (0.1, 0.4), above the barrier
    assertClose(new double[] {0.1, 0.4}, p, 1e-12);
    p = push(env, 0.6, 0, 1); // (0.13, 0.4)
    p = push(env, 0.6, -1, 3); // x 0.16 above the barrier; down to the top face y = 0.35
    assertClose(new double[] {0.22, 0.35}, p, 1e-12);
    // back into the gap (x < 0.15) at barrier height, then push right into the end face
    p = push(env, -1, 0, 2);
    assertClose(new double[] {0.12, 0.35}, p, 1e-12);
    p = push(env, 0, -1, 1); // (0.12, 0.30) inside the band, in the gap
    p = push(env, 1, 0, 3);
    assertThat(p[0]).isEqualTo(PointMaze.GAP_LEFT_BARRIER_START);
    assertClose(0.30, p[1], 1e-12);
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6})
  void randomWalks_neverCrossTheBarrier_orLeaveTheArena(long seed) {
    Rng rng = new Rng(seed);
    for (Layout layout : Layout.values()) {
      PointMaze env = new PointMaze(layout);
      for (int episode = 0; episode < 5; episode++) {
        double[] p = env.reset(episode);
        boolean done = false;
        while (!done) {
          // biased towards the barrier so that collisions are common
          double[] a = {rng.nextDouble(-1.5, 1.5), rng.nextDouble(-1.2, 1.8)};
          Step<double[]> s = env.step(a);
          double[] q = s.observation();
          assertThat(env.observationSpace().contains(q)).as("%s in arena", q).isTrue();
          for (int k = 0; k <= 200; k++) {
            double u = k / 200.0;
            double x = p[0] + u * (q[0] - p[0]);
            double y = p[1] + u * (q[1] - p[1]);
            assertThat(env.insideBarrier(x, y)).as("segment %s -> %s at %s", p, q, u).isFalse();
          }
          p = q;
          done = s.done();
        }
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Layout.class)
  void waypointPolicy_throughTheGap_reachesTheGoal(Layout layout) {
    PointMaze env = new PointMaze(layout);
    double[] p = env.reset(0);
    double gapX = layout == Layout.GAP_LEFT ? 0.05 : 0.5;
    double[][] waypoints = {{gapX, 0.2}, {gapX, 0.4}, {0.3, 0.5}};
    int w = 0;
    int steps = 0;
    while (w < waypoints.length && steps < 100) {
      double[] target = waypoints[w];
      double[] a = {(target[0] - p[0]) / PointMaze.STEP_SIZE,
          (target[1] - p[1]) / PointMaze.STEP_SIZE};
      p = env.step(a).observation();
      steps++;
      if (Math.hypot(target[0] - p[0], target[1] - p[1]) < 1e-12) {
        w++;
      }
    }
    assertThat(w).as("waypoints reached within %d steps", steps).isEqualTo(3);
    assertThat(PointMaze.GOAL.distanceTo(p[0], p[1])).isLessThan(1e-12);
    // the straight path from the start is blocked, so the point needed a detour
    assertThat(steps).isGreaterThan(10);
  }

  @Test
  void episode_isTruncatedExactlyAtStep100() {
    PointMaze env = new PointMaze(Layout.GAP_RIGHT);
    env.reset(0);
    for (int t = 1; t < 100; t++) {
      assertThat(env.step(new double[] {0, 0}).done()).as("step %d", t).isFalse();
    }
    Step<double[]> last = env.step(new double[] {0, 0});
    assertThat(last.truncated()).isTrue();
    assertThat(last.terminated()).isFalse();
    assertThatThrownBy(() -> env.step(new double[] {0, 0}))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("truncated at the horizon of 100 steps");
  }

  @Test
  void badActionsAndOptions_areRejectedWithTheValue() {
    PointMaze env = new PointMaze(Layout.GAP_LEFT);
    assertThatThrownBy(() -> env.step(new double[] {0, 0}))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("step before reset");
    env.reset(0);
    assertThatThrownBy(() -> env.step(new double[0]))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PointMaze")
        .hasMessageContaining("got 0");
    assertThatThrownBy(() -> env.step(new double[] {0, Double.NaN}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("action[1]");
    assertThatThrownBy(() -> new PointMaze(Layout.GAP_LEFT, -0.1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-0.1");
    assertThatThrownBy(() -> new PointMaze(Layout.GAP_LEFT, Double.NaN))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NaN");
    assertThatThrownBy(() -> new PointMaze(null)).isInstanceOf(IllegalArgumentException.class);
  }
}
