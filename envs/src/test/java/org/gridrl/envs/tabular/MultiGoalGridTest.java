package org.gridrl.envs.tabular;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.gridrl.envs.testing.EnvAsserts.TIGHT;
import static org.gridrl.envs.testing.EnvAsserts.assertClose;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.gridrl.core.env.Box;
import org.gridrl.core.env.Env;
import org.gridrl.core.env.OneHotTask;
import org.gridrl.core.env.Step;
import org.gridrl.core.env.TimeLimit;
import org.gridrl.core.mdp.TabularMdp;
import org.gridrl.core.mdp.TabularPolicy;
import org.gridrl.core.planning.PolicyEvaluation;
import org.gridrl.envs.tabular.MultiGoalGrid.Cell;
import org.gridrl.envs.tabular.MultiGoalGrid.Task;
import org.gridrl.envs.testing.EnvAsserts;
import org.junit.jupiter.api.Test;

/**
 * {@link MultiGoalGrid}: each task's MDP against stepping its environment and against the map's
 * moves, the one-hot observations, the exact optimal returns and the conflicts of the presets.
 */
class MultiGoalGridTest {

  private static final int NORTH = 0;
  private static final int EAST = 1;
  private static final int SOUTH = 2;
  private static final int WEST = 3;

  /**
   * "...." over ".#.." over "....": 11 states; task "a" (0,0) → (2,3) with a penalty cell (1,2)
   * worth −0.5 and step −0.1; task "b" (2,3) → (0,0), step 0.
   */
  private static MultiGoalGrid small() {
    return MultiGoalGrid.of("....\n.#..\n....", "small", List.of(
        new Task("a", new Cell(0, 0), new Cell(2, 3), -0.1, List.of(new Cell(1, 2)), -0.5),
        new Task("b", new Cell(2, 3), new Cell(0, 0), 0.0, null, 0)));
  }

  @Test
  void mdp_rewardsAndMoves_areTheTasksOnTheSharedMap() {
    MultiGoalGrid f = small();
    assertThat(f.numStates()).isEqualTo(11);
    assertThat(f.numActions()).isEqualTo(4);
    GridWorld w = f.world(0);
    int penalty = w.stateAt(1, 2);
    for (int k = 0; k < 2; k++) {
      TabularMdp m = f.mdp(k);
      Task t = f.tasks().get(k);
      assertThat(m.initialDistribution()[f.startState(k)]).isEqualTo(1.0);
      for (int s = 0; s < f.numStates(); s++) {
        assertThat(m.isTerminal(s)).isEqualTo(s == f.goalState(k));
        if (m.isTerminal(s)) {
          continue;
        }
        for (int a = 0; a < 4; a++) {
          int next = w.nextState(a)[s];
          double expected = t.stepReward() + (next == f.goalState(k) ? 1.0 : 0.0)
              + (k == 0 && next == penalty ? -0.5 : 0.0);
          assertThat(m.reward(s, a)).isEqualTo(expected);
          assertThat(m.transitionProbability(s, a, next)).isEqualTo(1.0);
        }
      }
    }
  }

  /**
   * For every task, every state reachable from the start without passing the goal, and every
   * action: replays a shortest path to the state in a fresh env(k), takes the action and
   * compares observation, reward and termination with the MDP's row.
   */
  @Test
  void env_agreesWithMdp_onEveryStateAndAction() {
    MultiGoalGrid f = small();
    for (int k = 0; k < f.numTasks(); k++) {
      TabularMdp m = f.mdp(k);
      List<List<Integer>> paths = pathsFromStart(f, k);
      int covered = 0;
      for (int s = 0; s < f.numStates(); s++) {
        if (paths.get(s) == null) {
          continue;
        }
        covered++;
        for (int a = 0; a < 4; a++) {
          Env<double[], Integer> env = f.env(k);
          double[] o = env.reset(7);
          for (int b : paths.get(s)) {
            o = env.step(b).observation();
          }
          assertThat(o).isEqualTo(oneHot(f.numStates(), s));
          Step<double[]> step = env.step(a);
          int next = m.successors()[m.rowStart()[s * 4 + a]];
          assertThat(step.observation()).isEqualTo(oneHot(f.numStates(), next));
          assertThat(step.reward()).isEqualTo(m.reward(s, a));
          assertThat(step.terminated()).isEqualTo(m.isTerminal(next));
        }
      }
      assertThat(covered).isEqualTo(f.numStates() - 1);
    }
  }

  private static List<List<Integer>> pathsFromStart(MultiGoalGrid f, int k) {
    GridWorld w = f.world(k);
    List<List<Integer>> path = new ArrayList<>();
    for (int s = 0; s < f.numStates(); s++) {
      path.add(null);
    }
    ArrayDeque<Integer> queue = new ArrayDeque<>();
    path.set(f.startState(k), List.of());
    queue.add(f.startState(k));
    while (!queue.isEmpty()) {
      int s = queue.poll();
      for (int a = 0; a < 4; a++) {
        int t = w.nextState(a)[s];
        if (path.get(t) == null && t != f.goalState(k)) {
          List<Integer> p = new ArrayList<>(path.get(s));
          p.add(a);
          path.set(t, p);
          queue.add(t);
        }
      }
    }
    return path;
  }

  private static double[] oneHot(int n, int i) {
    double[] o = new double[n];
    o[i] = 1;
    return o;
  }

  @Test
  void env_withTaskId_appendsOneHotIdAndKeepsTheTimeLimit() {
    MultiGoalGrid f = MultiGoalGrid.mt10();
    int s = f.numStates();
    int k = f.numTasks();
    List<Env<double[], Integer>> envs = f.envs(true);
    assertThat(envs).hasSize(10);
    for (int i = 0; i < k; i++) {
      Env<double[], Integer> env = envs.get(i);
      assertThat(env).isInstanceOf(OneHotTask.class);
      assertThat(((OneHotTask<Integer>) env).inner()).isInstanceOf(TimeLimit.class);
      assertThat(((Box) env.observationSpace()).dim()).isEqualTo(s + k);
      double[] expected = new double[s + k];
      expected[f.startState(i)] = 1;
      expected[s + i] = 1;
      assertThat(env.reset(3)).isEqualTo(expected);
    }
    Env<double[], Integer> plain = f.env(4);
    assertThat(((Box) plain.observationSpace()).dim()).isEqualTo(s);
    assertThat(plain.reset(0)).isEqualTo(oneHot(s, f.startState(4)));
    // task 4 starts in the north-east corner (0, 8): north bumps the border every step
    Step<double[]> last = null;
    for (int t = 0; t < f.horizon(); t++) {
      last = plain.step(NORTH);
      assertThat(last.truncated()).isEqualTo(t == f.horizon() - 1);
    }
    assertThat(last.reward()).isEqualTo(MultiGoalGrid.DEFAULT_STEP_REWARD);
  }

  @Test
  void conflictPair_oppositeOptimalActionsAlongTheCorridor() {
    MultiGoalGrid f = MultiGoalGrid.conflictPair();
    assertThat(f.numStates()).isEqualTo(7);
    assertThat(f.startState(0)).isEqualTo(3).isEqualTo(f.startState(1));
    assertThat(f.horizon()).isEqualTo(6);
    boolean[][] west = f.optimalActions(0);
    boolean[][] east = f.optimalActions(1);
    for (int s = 1; s <= 5; s++) {
      assertThat(west[s]).as("task west at %s", s).containsExactly(false, false, false, true);
      assertThat(east[s]).as("task east at %s", s).containsExactly(false, true, false, false);
    }
    assertThat(f.optimal(0).policy().greedyAction(3)).isEqualTo(WEST);
    assertThat(f.optimal(1).policy().greedyAction(3)).isEqualTo(EAST);
    assertThat(f.unavoidableStates(0)).containsExactly(1, 2, 3);
    assertThat(f.unavoidableStates(1)).containsExactly(3, 4, 5);
    assertThat(f.conflictingPairs()).containsExactly(new int[] {0, 1});
    assertThat(f.conflictState(0, 1)).isEqualTo(3);
  }

  /** J* = c·(1 + γ + γ²) + γ²·1: three steps of cost c, the goal's +1 paid on the third. */
  @Test
  void conflictPair_optimalReturn_isTheClosedForm() {
    MultiGoalGrid f = MultiGoalGrid.conflictPair();
    double g = 0.95;
    double c = MultiGoalGrid.DEFAULT_STEP_REWARD;
    double expected = c * (1 + g + g * g) + g * g;
    assertClose(expected, f.optimalReturn(0), 1e-9);
    assertClose(expected, f.optimalReturn(1), 1e-9);
    assertThat(f.reachesGoal(0, f.optimal(0).policy())).isTrue();
    assertThat(f.reachesGoal(1, f.optimal(1).policy())).isTrue();
    assertThat(f.reachesGoal(1, f.optimal(0).policy())).isFalse();
    assertThat(f.reachesGoal(0, f.optimal(1).policy())).isFalse();
    assertClose(1.0, f.normalisedReturn(0, f.optimal(0).policy()), 1e-12);
    assertClose(0.0, f.normalisedReturn(1, TabularPolicy.uniform(7, 4)), 1e-12);
    // pi*_west on task east walks to the west end and bumps: c/(1 − γ) forever
    assertClose(c / (1 - g), f.policyReturn(1, f.optimal(0).policy()), 1e-9);
  }

  @Test
  void mt10_everyTaskSolvable_andTheCorridorPairsConflict() {
    MultiGoalGrid f = MultiGoalGrid.mt10();
    assertThat(f.numTasks()).isEqualTo(10);
    assertThat(f.numStates()).isEqualTo(57);
    assertThat(f.horizon()).isEqualTo(32);
    assertEveryTaskSolvable(f);
    List<int[]> pairs = f.conflictingPairs();
    assertThat(pairs).hasSize(16).contains(new int[] {0, 1}, new int[] {6, 7});
    assertOptimalOfOneFailsTheOther(f, pairs);
  }

  @Test
  void mt50_everyTaskSolvable_andHasConflicts() {
    MultiGoalGrid f = MultiGoalGrid.mt50();
    assertThat(f.numTasks()).isEqualTo(50);
    assertThat(f.numStates()).isEqualTo(200);
    assertEveryTaskSolvable(f);
    List<int[]> pairs = f.conflictingPairs();
    assertThat(f.horizon()).isEqualTo(40);
    assertThat(pairs).hasSize(186).contains(new int[] {0, 1});
    assertOptimalOfOneFailsTheOther(f, pairs);
  }

  private static void assertEveryTaskSolvable(MultiGoalGrid f) {
    TabularPolicy uniform = TabularPolicy.uniform(f.numStates(), f.numActions());
    for (int k = 0; k < f.numTasks(); k++) {
      double jUniform = PolicyEvaluation.evaluate(f.mdp(k), uniform)[f.startState(k)];
      assertThat(f.uniformReturn(k)).isEqualTo(jUniform);
      double jStar = f.optimalReturn(k);
      assertThat(jStar).as("task %s", f.taskName(k)).isGreaterThan(jUniform);
      // deterministic shortest path of n steps: c·(1 − γ^n)/(1 − γ) + γ^(n−1)
      int n = f.shortestPathLength(k);
      double c = MultiGoalGrid.DEFAULT_STEP_REWARD;
      double g = f.gamma();
      assertClose(c * (1 - Math.pow(g, n)) / (1 - g) + Math.pow(g, n - 1), jStar, 1e-9);
      assertThat(f.reachesGoal(k, f.optimal(k).policy())).as("task %s", f.taskName(k)).isTrue();
      assertThat(n).isLessThanOrEqualTo(f.horizon() / 2);
    }
  }

  /** For every conflicting pair (i, j) each task's optimal greedy policy fails the other task. */
  private static void assertOptimalOfOneFailsTheOther(MultiGoalGrid f, List<int[]> pairs) {
    for (int[] p : pairs) {
      assertThat(f.reachesGoal(p[1], f.optimal(p[0]).policy())).as("pi*_%s on task %s", p[0],
          p[1]).isFalse();
      assertThat(f.reachesGoal(p[0], f.optimal(p[1]).policy())).as("pi*_%s on task %s", p[1],
          p[0]).isFalse();
    }
  }

  @Test
  void reachesGoal_oneTableForBothCorridorTasks_failsOne() {
    MultiGoalGrid f = MultiGoalGrid.mt10();
    // one table for tasks 0 and 1 fails one of them: east in the corridor fails
    // corridor-west, west fails corridor-east
    int[] actions = new int[f.numStates()];
    Arrays.fill(actions, EAST);
    TabularPolicy allEast = TabularPolicy.deterministic(actions, 4);
    assertThat(f.reachesGoal(0, allEast)).isTrue();
    assertThat(f.reachesGoal(1, allEast)).isFalse();
  }

  @Test
  void slip_keepsRowsStochastic_andTheSameStates() {
    MultiGoalGrid f = MultiGoalGrid.of(MultiGoalGrid.MT10_MAP, "slip",
        List.of(Task.of("a", 3, 0, 3, 8)), MultiGoalGrid.Options.defaults().withSlip(0.2));
    EnvAsserts.assertRowsStochastic(f.mdp(0));
    assertThat(f.mdp(0).transitionProbability(f.startState(0), EAST,
        f.world(0).stateAt(3, 1))).isCloseTo(0.8 + 0.05, within(TIGHT));
  }

  @Test
  void badTasks_giveOneLineNamingTaskAndCell() {
    String map = "...\n.#.";
    assertThatThrownBy(() -> MultiGoalGrid.of(map, "m", List.of(Task.of("a", 0, 0, 0, 2),
        Task.of("b", 1, 1, 0, 0))))
        .hasMessage("m: task 1 (b): start (1, 1) is a wall");
    assertThatThrownBy(() -> MultiGoalGrid.of(map, "m", List.of(Task.of("a", 0, 0, 2, 2))))
        .hasMessage("m: task 0 (a): goal (2, 2) is outside the 2x3 map (rows 0..1, columns 0..2)");
    assertThatThrownBy(() -> MultiGoalGrid.of(map, "m", List.of(Task.of("a", 0, 0, 0, 0))))
        .hasMessage("m: task 0 (a): goal (0, 0) is the start cell");
    assertThatThrownBy(() -> MultiGoalGrid.of(map, "m", List.of(Task.of("a", 0, 0, 0, 2),
        Task.of("a", 0, 2, 0, 0))))
        .hasMessage("m: task 1 (a): name is used by an earlier task");
    assertThatThrownBy(() -> MultiGoalGrid.of(map, "m", List.of(new Task("a", new Cell(0, 0),
        new Cell(0, 2), 0, List.of(new Cell(0, 2)), -1))))
        .hasMessage("m: task 0 (a): penalty cell (0, 2) is the goal");
    assertThatThrownBy(() -> MultiGoalGrid.of(".#.", "m", List.of(Task.of("a", 0, 0, 0, 2))))
        .hasMessage("m: task 0 (a): goal (0, 2) cannot be reached from start (0, 0)");
    assertThatThrownBy(() -> MultiGoalGrid.of("..\n.S", "m", List.of(Task.of("a", 0, 0, 0, 1))))
        .isInstanceOf(MapFormatException.class)
        .hasMessage("m:2:2: 'S' in a multi-goal map (only # and . are allowed: the tasks place"
            + " starts, goals and penalties)");
    assertThatThrownBy(() -> MultiGoalGrid.of("..\n.", "m", List.of(Task.of("a", 0, 0, 0, 1))))
        .isInstanceOf(MapFormatException.class)
        .hasMessageStartingWith("m:2:2: row 2 has width 1");
    assertThatThrownBy(() -> MultiGoalGrid.of(map, "m", List.of()))
        .hasMessage("m: the family needs at least one task");
    assertThatThrownBy(() -> MultiGoalGrid.mt10().mdp(10))
        .hasMessage("mt10: task index 10 out of range [0, 10)");
  }
}
