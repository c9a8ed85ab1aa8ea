package org.gridrl.envs.meta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.gridrl.core.env.Step;
import org.gridrl.core.util.Rng;
import org.junit.jupiter.api.Test;

/** Hand cases of VariBAD's GridNavi dynamics (environments/navigation/gridworld.py). */
class HiddenGoalGridTest {

  /** Cell x·n + y on a 5×5 grid. */
  private static int cell(int x, int y) {
    return x * 5 + y;
  }

  @Test
  void candidateGoals_areTheCellsOutsideTheStartBlock_21On5x5_5On3x3() {
    assertThat(HiddenGoalGrid.candidateGoals(5)).hasSize(21)
        .doesNotContain(cell(0, 0), cell(0, 1), cell(1, 0), cell(1, 1))
        .contains(cell(2, 0), cell(0, 2), cell(4, 4));
    // 3x3: (0,2), (1,2), (2,0), (2,1), (2,2) as x*3+y
    assertThat(HiddenGoalGrid.candidateGoals(3)).containsExactly(2, 5, 6, 7, 8);
  }

  @Test
  void move_upRightDownLeftStay_clampAtTheBorder() {
    assertThat(HiddenGoalGrid.move(5, cell(0, 0), HiddenGoalGrid.UP)).isEqualTo(cell(0, 1));
    assertThat(HiddenGoalGrid.move(5, cell(0, 0), HiddenGoalGrid.RIGHT)).isEqualTo(cell(1, 0));
    assertThat(HiddenGoalGrid.move(5, cell(0, 0), HiddenGoalGrid.DOWN)).isEqualTo(cell(0, 0));
    assertThat(HiddenGoalGrid.move(5, cell(0, 0), HiddenGoalGrid.LEFT)).isEqualTo(cell(0, 0));
    assertThat(HiddenGoalGrid.move(5, cell(2, 3), HiddenGoalGrid.STAY)).isEqualTo(cell(2, 3));
    assertThat(HiddenGoalGrid.move(5, cell(4, 4), HiddenGoalGrid.UP)).isEqualTo(cell(4, 4));
    assertThat(HiddenGoalGrid.move(5, cell(4, 4), HiddenGoalGrid.RIGHT)).isEqualTo(cell(4, 4));
    assertThat(HiddenGoalGrid.move(5, cell(4, 4), HiddenGoalGrid.DOWN)).isEqualTo(cell(4, 3));
    assertThat(HiddenGoalGrid.move(5, cell(4, 4), HiddenGoalGrid.LEFT)).isEqualTo(cell(3, 4));
    assertThatThrownBy(() -> HiddenGoalGrid.move(5, 0, 5)).hasMessageContaining("got 5");
  }

  @Test
  void step_paysOneOnArrivalAndWhileStaying_minusATenthElsewhere_neverTerminates() {
    HiddenGoalGrid grid = new HiddenGoalGrid(5, 6, 4, cell(2, 0));
    assertThat(grid.reset(123)).containsExactly(0, 0);
    Step<double[]> s = grid.step(HiddenGoalGrid.RIGHT);
    assertThat(s.observation()).containsExactly(1, 0);
    assertThat(s.reward()).isEqualTo(-0.1);
    s = grid.step(HiddenGoalGrid.RIGHT);
    assertThat(s.observation()).containsExactly(2, 0);
    assertThat(s.reward()).isEqualTo(1.0);
    assertThat(s.terminated()).isFalse();
    s = grid.step(HiddenGoalGrid.STAY);
    assertThat(s.reward()).isEqualTo(1.0);
    s = grid.step(HiddenGoalGrid.DOWN); // clamped: still on the goal
    assertThat(s.observation()).containsExactly(2, 0);
    assertThat(s.reward()).isEqualTo(1.0);
    s = grid.step(HiddenGoalGrid.UP);
    assertThat(s.reward()).isEqualTo(-0.1);
    assertThat(s.truncated()).isFalse();
    s = grid.step(HiddenGoalGrid.DOWN);
    assertThat(s.reward()).isEqualTo(1.0);
    assertThat(s.truncated()).isTrue();
    assertThat(s.terminated()).isFalse();
    assertThatThrownBy(() -> grid.step(0)).isInstanceOf(IllegalStateException.class);
    // next episode of the trial: back at the start, same goal
    assertThat(grid.reset(0)).containsExactly(0, 0);
    assertThat(grid.goal()).isEqualTo(cell(2, 0));
  }

  @Test
  void step_rejectsBadActions_andStepsBeforeReset() {
    HiddenGoalGrid grid = HiddenGoalGrid.varibad(cell(4, 4));
    assertThatThrownBy(() -> grid.step(1)).isInstanceOf(IllegalStateException.class);
    grid.reset(0);
    assertThatThrownBy(() -> grid.step(5)).hasMessageContaining("got 5");
    assertThatThrownBy(() -> grid.step(null)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void constructor_rejectsGoalsInTheStartBlock_andTinyGrids() {
    assertThatThrownBy(() -> new HiddenGoalGrid(5, 15, 4, cell(1, 1)))
        .hasMessageContaining("got 6");
    assertThatThrownBy(() -> new HiddenGoalGrid(2, 15, 4, 3)).hasMessageContaining("size");
    assertThatThrownBy(() -> new HiddenGoalGrid(5, 0, 4, 24)).hasMessageContaining("horizon");
    assertThatThrownBy(() -> new HiddenGoalGrid(5, 15, 0, 24))
        .hasMessageContaining("episodesPerTrial");
  }

  @Test
  void tasks_drawTheGoalUniformlyByOneNextIntOverTheCandidates() {
    Rng rng = new Rng(5);
    Rng same = new Rng(5);
    int[] candidates = HiddenGoalGrid.candidateGoals(5);
    int[] counts = new int[25];
    int n = 21_000;
    for (int i = 0; i < n; i++) {
      HiddenGoalGrid g = HiddenGoalGrid.tasks(5, 15, 4).sample(rng);
      assertThat(g.goal()).isEqualTo(candidates[same.nextInt(21)]);
      counts[g.goal()]++;
    }
    // each count ~ Binomial(n, 1/21): mean 1000, sd 30.5; 5 sd either side
    for (int c : candidates) {
      assertThat(counts[c]).isBetween(848, 1152);
    }
    HiddenGoalGrid g = HiddenGoalGrid.tasks(3, 7, 2).sample(new Rng(1));
    assertThat(g.horizon()).isEqualTo(7);
    assertThat(g.episodesPerTrial()).isEqualTo(2);
    assertThat(g.observationSpace().high()).containsExactly(2, 2);
  }
}
