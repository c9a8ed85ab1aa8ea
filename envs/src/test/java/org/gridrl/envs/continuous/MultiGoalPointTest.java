package org.gridrl.envs.continuous;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.gridrl.core.env.Box;
import org.gridrl.core.env.Env;
import org.gridrl.core.env.OneHotTask;
import org.gridrl.core.env.Step;
import org.junit.jupiter.api.Test;

/** {@link MultiGoalPoint}: the goals, the one-hot ids and agreement with PointNavigation. */
class MultiGoalPointTest {

  @Test
  void circle_eightGoalsOfRadiusPointFour() {
    MultiGoalPoint f = MultiGoalPoint.circle();
    assertThat(f.numTasks()).isEqualTo(8);
    assertThat(f.goal(0)).isEqualTo(new Goal(0.4, 0.0));
    assertThat(f.goal(2).x()).isCloseTo(0.0, within(1e-15));
    assertThat(f.goal(2).y()).isEqualTo(0.4);
    assertThat(f.goal(4).x()).isEqualTo(-0.4);
    assertThat(f.goal(1).x()).isCloseTo(0.4 / Math.sqrt(2), within(1e-15));
    for (int k = 0; k < 8; k++) {
      assertThat(Math.hypot(f.goal(k).x(), f.goal(k).y())).isCloseTo(0.4, within(1e-15));
      assertThat(f.taskName(k)).isEqualTo("goal-" + k);
    }
  }

  @Test
  void env_withTaskId_isPointNavigationWithTheIdAppended() {
    MultiGoalPoint f = MultiGoalPoint.of(List.of(new Goal(0.3, 0.0), new Goal(-0.2, 0.1),
        new Goal(0.0, -0.25)));
    List<Env<double[], double[]>> envs = f.envs(true);
    assertThat(envs).hasSize(3);
    for (int k = 0; k < 3; k++) {
      Env<double[], double[]> e = envs.get(k);
      assertThat(e).isInstanceOf(OneHotTask.class);
      assertThat(((Box) e.observationSpace()).dim()).isEqualTo(5);
      double[] expected = {0, 0, 0, 0, 0};
      expected[2 + k] = 1;
      assertThat(e.reset(1)).isEqualTo(expected);
      PointNavigation ref = PointNavigation.withGoal(f.goal(k));
      ref.reset(1);
      Env<double[], double[]> plain = f.env(k);
      plain.reset(1);
      double[] a = {0.07, -0.03};
      for (int t = 0; t < 3; t++) {
        Step<double[]> s = e.step(a);
        Step<double[]> p = plain.step(a);
        Step<double[]> r = ref.step(a);
        assertThat(p.observation()).isEqualTo(r.observation());
        assertThat(s.reward()).isEqualTo(r.reward());
        assertThat(p.reward()).isEqualTo(r.reward());
        assertThat(s.observation()[0]).isEqualTo(r.observation()[0]);
        assertThat(s.observation()[1]).isEqualTo(r.observation()[1]);
        assertThat(s.observation()[2 + k]).isEqualTo(1.0);
      }
    }
    assertThat(f.optimalReturn(0)).isEqualTo(PointNavigation.optimalReturn(new Goal(0.3, 0.0)));
    // (0.3, 0): three steps of 0.1, rewards −0.2, −0.1, −0 (terminates on the third)
    assertThat(f.optimalReturn(0)).isCloseTo(-0.3, within(1e-12));
  }

  @Test
  void badArguments_areNamed() {
    assertThatThrownBy(() -> MultiGoalPoint.of(List.of()))
        .hasMessage("goals must hold at least one goal, got none");
    assertThatThrownBy(() -> MultiGoalPoint.circle(0, 0.4))
        .hasMessage("numGoals must be >= 1, got 0");
    assertThatThrownBy(() -> MultiGoalPoint.circle(3, Double.NaN))
        .hasMessage("radius must be finite and >= 0, got NaN");
    assertThatThrownBy(() -> MultiGoalPoint.circle().env(8))
        .hasMessage("task index 8 out of range [0, 8)");
  }
}
