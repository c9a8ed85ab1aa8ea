package org.gridrl.envs.tabular;

import io.soabase.recordbuilder.core.RecordBuilder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.gridrl.core.env.Box;
import org.gridrl.core.env.Discrete;
import org.gridrl.core.env.Env;
import org.gridrl.core.env.OneHotTask;
import org.gridrl.core.env.Step;
import org.gridrl.core.env.TabularEnv;
import org.gridrl.core.env.TimeLimit;
import org.gridrl.core.mdp.TabularMdp;
import org.gridrl.core.mdp.TabularPolicy;
import org.gridrl.core.planning.PolicyEvaluation;
import org.gridrl.core.planning.Solution;
import org.gridrl.core.planning.ValueIteration;
import org.gridrl.core.util.Check;
import org.gridrl.core.util.Rng;

/**
 * A family of K grid tasks on one map that differ in start, goal and reward: task k is the
 * {@link GridWorld} r_k(s,a) = Σ_{s'} P(s'|s,a)·R_k(s') + c_k with R_k = +1 on its goal g_k
 * (terminal), R_k = p_k on its penalty cells and 0 elsewhere, d0 = its start cell, and the shared
 * dynamics P of the map (deterministic moves unless a slip ε is set): the multi-task setting of
 * Meta-World's MT10/MT50 (Yu et al. 2019) in a world whose every optimal return is exact.
 *
 * <p><b>Presets.</b> {@link #mt10()} (10 tasks on a 9×9 map, two rooms joined by a corridor) and
 * {@link #mt50()} (50 tasks on a 15×15 four-rooms map) are "MT10-style" and "MT50-style": the
 * same task counts as Meta-World's MT10 and MT50, not its robot-arm worlds. Both contain pairs of
 * tasks that cross the same corridor or door in opposite directions, so that in those shared
 * states no action is optimal for both ({@link #conflictingPairs()}): a single policy that does
 * not see the task id cannot be optimal for every task, while one that sees it
 * ({@link #env(int, boolean)}) can. {@link #conflictPair()} is the smallest such case.
 *
 * <p><b>States and actions</b> are those of {@link GridWorld}: the free cells in row-major order
 * (the same numbering for every task, since all tasks share the walls) and 0 = north, 1 = east,
 * 2 = south, 3 = west. Cells are given as (row, col) counted from 0.
 *
 * <p><b>Own families.</b> {@link #of(String, String, List, Options)} takes a map of {@code #}
 * (wall) and {@code .} (floor) and a list of {@link Task}s; every problem is reported in one
 * line naming the source, the task and the cell.
 *
 * <p><b>Episodes.</b> {@link #env(int)} samples task k's MDP ({@link TabularEnv}) with the
 * one-hot state as observation and a time limit of {@link #horizon()} steps (default twice the
 * longest shortest start–goal path of the family); {@link #env(int, boolean)} appends the
 * one-hot task id ({@link OneHotTask}). "Success" ({@link #reachesGoal}) is the greedy policy
 * reaching the goal within the horizon along the intended moves.
 */
public final class MultiGoalGrid {

  /** The step reward c of the preset tasks, −0.01. */
  public static final double DEFAULT_STEP_REWARD = -0.01;
  /** The reward of reaching a task's goal, +1 (paid on arrival; the goal is terminal). */
  public static final double GOAL_REWARD = 1.0;

  private static final double OPTIMAL_TIE = 1e-8;

  /** A cell (row, col), counted from 0. */
  public record Cell(int row, int col) {
    @Override
    public String toString() {
      return "(" + row + ", " + col + ")";
    }
  }

  /**
   * One task of the family.
   *
   * @param name a short name used in messages and tables, not blank
   * @param start the start cell (d0 = 1 there), a floor cell
   * @param goal the goal cell, paid {@link #GOAL_REWARD} on arrival and terminal; ≠ start
   * @param stepReward c added to every step's reward, finite
   * @param penaltyCells cells paid {@code penaltyReward} on arrival (not the start or goal);
   *     null means none
   * @param penaltyReward p, finite
   */
  public record Task(String name, Cell start, Cell goal, double stepReward,
      List<Cell> penaltyCells, double penaltyReward) {

    /** Checks the fields that do not need the map. */
    public Task {
      Check.argument(name != null && !name.isBlank(), "task name must not be blank, got %s",
          name == null ? "null" : "\"" + name + "\"");
      Check.argument(start != null, "task %s: start must not be null", name);
      Check.argument(goal != null, "task %s: goal must not be null", name);
      Check.argument(Double.isFinite(stepReward), "task %s: stepReward must be finite, got %s",
          name, stepReward);
      Check.argument(Double.isFinite(penaltyReward),
          "task %s: penaltyReward must be finite, got %s", name, penaltyReward);
      penaltyCells = penaltyCells == null ? List.of() : List.copyOf(penaltyCells);
    }

    /** A task without penalty cells and step reward {@link #DEFAULT_STEP_REWARD}. */
    public static Task of(String name, int startRow, int startCol, int goalRow, int goalCol) {
      return new Task(name, new Cell(startRow, startCol), new Cell(goalRow, goalCol),
          DEFAULT_STEP_REWARD, List.of(), 0);
    }
  }

  /**
   * How the family's tasks become MDPs and episodes.
   *
   * @param gamma discount in [0, 1) (default 0.95)
   * @param slip ε in [0, 1): the chosen move is replaced by a uniform one with probability ε
   *     (default 0, deterministic)
   * @param horizon episode time limit in steps, ≥ 1, or 0 for twice the longest shortest
   *     start–goal path of the family (default 0)
   */
  @RecordBuilder
  public record Options(double gamma, double slip, int horizon)
      implements MultiGoalGridOptionsBuilder.With {

    /** Validates every field; the message names the field and the value. */
    public Options {
      Check.unitIntervalOpen("gamma", gamma);
      Check.argument(slip >= 0 && slip < 1, "slip must be in [0, 1), got %s", slip);
      Check.nonNegative("horizon", horizon);
    }

    /** γ = 0.95, no slip, automatic horizon. */
    public static Options defaults() {
      return new Options(0.95, 0, 0);
    }
  }

  private final String sourceName;
  private final List<Task> tasks;
  private final List<GridWorld> worlds;
  private final GridWorld layout;
  private final Options options;
  private final int horizon;
  private final int[] startState;
  private final int[] goalState;
  private final int[] shortestPath;
  private Solution[] solutions;
  private List<int[]> conflicts;

  private MultiGoalGrid(String sourceName, List<Task> tasks, List<GridWorld> worlds,
      GridWorld layout, Options options, int[] startState, int[] goalState, int[] shortestPath) {
    this.sourceName = sourceName;
    this.tasks = tasks;
    this.worlds = worlds;
    this.layout = layout;
    this.options = options;
    this.startState = startState;
    this.goalState = goalState;
    this.shortestPath = shortestPath;
    int longest = Arrays.stream(shortestPath).max().orElseThrow();
    this.horizon = options.horizon() > 0 ? options.horizon() : 2 * longest;
  }

  // ---------------------------------------------------------------- construction

  /**
   * A family of tasks on one map.
   *
   * @param mapText the map, {@code #} wall and {@code .} floor, one row per line (as
   *     {@link GridWorld#parse}, without S, G, x or digits: the tasks place those)
   * @param sourceName the name every error starts with
   * @param tasks the tasks, at least one, names distinct
   * @param o γ, slip and horizon
   * @throws MapFormatException for a malformed map, naming row and column (1-based)
   * @throws IllegalArgumentException for a bad task, naming the task and the cell (0-based)
   */
  public static MultiGoalGrid of(String mapText, String sourceName, List<Task> tasks,
      Options o) {
    Check.notNull("options", o);
    Check.argument(tasks != null && !tasks.isEmpty(), "%s: the family needs at least one task",
        sourceName);
    GridWorld.Options base = GridWorld.Options.defaults().withGamma(o.gamma()).withSlip(o.slip());
    GridWorld layout = GridWorld.parse(mapText, sourceName, base);
    for (int r = 0; r < layout.height(); r++) {
      for (int c = 0; c < layout.width(); c++) {
        char ch = layout.cell(r, c);
        if (ch != '#' && ch != '.') {
          throw new MapFormatException(sourceName, r + 1, c + 1, "'" + ch + "' in a multi-goal"
              + " map (only # and . are allowed: the tasks place starts, goals and penalties)");
        }
      }
    }
    List<Task> copy = List.copyOf(tasks);
    Set<String> names = new HashSet<>();
    List<GridWorld> worlds = new ArrayList<>(copy.size());
    int k = copy.size();
    int[] start = new int[k];
    int[] goal = new int[k];
    int[] dist = new int[k];
    for (int i = 0; i < k; i++) {
      Task t = copy.get(i);
      String where = sourceName + ": task " + i + " (" + t.name() + ")";
      Check.argument(names.add(t.name()), "%s: name is used by an earlier task", where);
      checkFloor(layout, t.start(), where, "start");
      checkFloor(layout, t.goal(), where, "goal");
      Check.argument(!t.start().equals(t.goal()), "%s: goal %s is the start cell", where,
          t.goal());
      char[][] grid = new char[layout.height()][layout.width()];
      for (int r = 0; r < layout.height(); r++) {
        for (int c = 0; c < layout.width(); c++) {
          grid[r][c] = layout.cell(r, c);
        }
      }
      for (Cell p : t.penaltyCells()) {
        checkFloor(layout, p, where, "penalty cell");
        Check.argument(!p.equals(t.start()) && !p.equals(t.goal()),
            "%s: penalty cell %s is the %s", where, p, p.equals(t.start()) ? "start" : "goal");
        grid[p.row()][p.col()] = 'x';
      }
      grid[t.start().row()][t.start().col()] = 'S';
      grid[t.goal().row()][t.goal().col()] = 'G';
      StringBuilder text = new StringBuilder();
      for (char[] row : grid) {
        text.append(row).append('\n');
      }
      GridWorld w = GridWorld.parse(text.toString(), sourceName + "#" + t.name(),
          base.withStepReward(t.stepReward()).withGoalReward(GOAL_REWARD)
              .withLavaReward(t.penaltyReward()));
      worlds.add(w);
      start[i] = w.stateAt(t.start().row(), t.start().col());
      goal[i] = w.stateAt(t.goal().row(), t.goal().col());
      dist[i] = shortestPath(w, start[i], goal[i]);
      Check.argument(dist[i] > 0, "%s: goal %s cannot be reached from start %s", where,
          t.goal(), t.start());
    }
    return new MultiGoalGrid(sourceName, copy, List.copyOf(worlds), layout, o, start, goal,
        dist);
  }

  /** {@link #of(String, String, List, Options)} with {@link Options#defaults()}. */
  public static MultiGoalGrid of(String mapText, String sourceName, List<Task> tasks) {
    return of(mapText, sourceName, tasks, Options.defaults());
  }

  private static void checkFloor(GridWorld layout, Cell cell, String where, String what) {
    Check.argument(cell != null, "%s: %s must not be null", where, what);
    int r = cell.row();
    int c = cell.col();
    Check.argument(r >= 0 && r < layout.height() && c >= 0 && c < layout.width(),
        "%s: %s %s is outside the %sx%s map (rows 0..%s, columns 0..%s)", where, what, cell,
        layout.height(), layout.width(), layout.height() - 1, layout.width() - 1);
    Check.argument(!layout.isWall(r, c), "%s: %s %s is a wall", where, what, cell);
  }

  /** Breadth-first distance along the intended moves, −1 if unreachable. */
  private static int shortestPath(GridWorld w, int from, int to) {
    int n = w.numStates();
    int[] d = new int[n];
    Arrays.fill(d, -1);
    int[] queue = new int[n];
    int head = 0;
    int tail = 0;
    d[from] = 0;
    queue[tail++] = from;
    while (head < tail) {
      int s = queue[head++];
      if (s == to) {
        return d[s];
      }
      for (int a = 0; a < w.numActions(); a++) {
        int t = w.nextState(a)[s];
        if (d[t] < 0) {
          d[t] = d[s] + 1;
          queue[tail++] = t;
        }
      }
    }
    return -1;
  }

  // ---------------------------------------------------------------- presets

  /** The 9×9 map of {@link #mt10()}: a west and an east room joined by a corridor in row 3. */
  public static final String MT10_MAP = String.join("\n",
      "...###...",
      "...###...",
      "...###...",
      ".........",
      "...###...",
      "...###...",
      "...###...",
      "...###...",
      "...###...");

  /**
   * Ten tasks on {@link #MT10_MAP} (57 states), γ = 0.95, deterministic, step reward −0.01:
   * four cross the corridor eastwards, four westwards (their optimal actions conflict on the
   * corridor cells: east against west), and one stays in each room. Horizon 32 (twice the
   * longest shortest path, 16).
   */
  public static MultiGoalGrid mt10() {
    List<Task> t = List.of(
        Task.of("corridor-east", 3, 0, 3, 8),
        Task.of("corridor-west", 3, 8, 3, 0),
        Task.of("nw-to-se", 0, 0, 8, 8),
        Task.of("se-to-nw", 8, 8, 0, 0),
        Task.of("ne-to-sw", 0, 8, 8, 0),
        Task.of("sw-to-ne", 8, 0, 0, 8),
        Task.of("mid-to-west", 3, 4, 0, 1),
        Task.of("mid-to-east", 3, 4, 8, 7),
        Task.of("west-room", 0, 0, 8, 2),
        Task.of("east-room", 8, 8, 0, 6));
    return of(MT10_MAP, "mt10", t);
  }

  /**
   * The 15×15 map of {@link #mt50()}: four 7×7 rooms around a cross of walls in row 7 and
   * column 7, joined by one-cell doors at (3, 7), (11, 7), (7, 3) and (7, 11).
   */
  public static final String MT50_MAP = fourRooms();

  private static String fourRooms() {
    StringBuilder sb = new StringBuilder();
    for (int r = 0; r < 15; r++) {
      for (int c = 0; c < 15; c++) {
        boolean wall = r == 7 || c == 7;
        boolean door = (c == 7 && (r == 3 || r == 11)) || (r == 7 && (c == 3 || c == 11));
        sb.append(wall && !door ? '#' : '.');
      }
      if (r < 14) {
        sb.append('\n');
      }
    }
    return sb.toString();
  }

  /**
   * Fifty tasks on {@link #MT50_MAP} (200 states), γ = 0.95, deterministic, step reward −0.01:
   * tasks 0 and 1 go between the centres of the north-west and north-east rooms in opposite
   * directions (conflicting in the door (3, 7) and the cells beside it); tasks 2..49 have start
   * and goal drawn from {@code Rng(50)} among the room cells (not doors), distinct pairs, at
   * least 4 steps apart. Horizon: twice the longest shortest path.
   */
  public static MultiGoalGrid mt50() {
    List<Task> t = new ArrayList<>();
    t.add(Task.of("nw-to-ne", 3, 3, 3, 11));
    t.add(Task.of("ne-to-nw", 3, 11, 3, 3));
    Rng rng = new Rng(50);
    Set<List<Integer>> used = new HashSet<>();
    used.add(List.of(3, 3, 3, 11));
    used.add(List.of(3, 11, 3, 3));
    while (t.size() < 50) {
      int sr = rng.nextInt(15);
      int sc = rng.nextInt(15);
      int gr = rng.nextInt(15);
      int gc = rng.nextInt(15);
      if (sr == 7 || sc == 7 || gr == 7 || gc == 7
          || Math.abs(sr - gr) + Math.abs(sc - gc) < 4 || !used.add(List.of(sr, sc, gr, gc))) {
        continue;
      }
      t.add(Task.of("t" + t.size() + "-" + sr + "." + sc + "-to-" + gr + "." + gc, sr, sc, gr,
          gc));
    }
    return of(MT50_MAP, "mt50", t);
  }

  /** The 1×7 corridor of {@link #conflictPair()}. */
  public static final String CONFLICT_MAP = ".......";

  /**
   * Two tasks on a 1×7 corridor, both starting in the middle (0, 3): task 0 ("west") has its goal
   * at (0, 0), task 1 ("east") at (0, 6). The start is the shared state where task 0's only
   * optimal action is west and task 1's is east; each optimal return is
   * c·(1 + γ + γ²) + γ²·1 (three steps, goal paid on the third). γ = 0.95, step reward −0.01,
   * horizon 6.
   */
  public static MultiGoalGrid conflictPair() {
    return of(CONFLICT_MAP, "conflict-pair", List.of(
        Task.of("west", 0, 3, 0, 0),
        Task.of("east", 0, 3, 0, 6)));
  }

  // ---------------------------------------------------------------- accessors

  /** K, the number of tasks. */
  public int numTasks() {
    return tasks.size();
  }

  /** The tasks, in order (unmodifiable). */
  public List<Task> tasks() {
    return tasks;
  }

  /** Task k's name. */
  public String taskName(int k) {
    return tasks.get(checkTask(k)).name();
  }

  /** S, the number of free cells (the same for every task). */
  public int numStates() {
    return layout.numStates();
  }

  /** A = 4 (north, east, south, west). */
  public int numActions() {
    return layout.numActions();
  }

  /** The episode time limit in steps. */
  public int horizon() {
    return horizon;
  }

  /** γ. */
  public double gamma() {
    return options.gamma();
  }

  /** The options the family was built with. */
  public Options options() {
    return options;
  }

  /** The name errors and worlds start with ("mt10", a file name, ...). */
  public String sourceName() {
    return sourceName;
  }

  /** Task k's start state. */
  public int startState(int k) {
    return startState[checkTask(k)];
  }

  /** Task k's goal state (terminal in task k only). */
  public int goalState(int k) {
    return goalState[checkTask(k)];
  }

  /** The length of task k's shortest start–goal path along the intended moves. */
  public int shortestPathLength(int k) {
    return shortestPath[checkTask(k)];
  }

  /**
   * Task k as a {@link GridWorld} (its map with S, G and x placed), for rendering
   * ({@link GridWorld#renderAscii}) and (row, col) ↔ state lookups.
   */
  public GridWorld world(int k) {
    return worlds.get(checkTask(k));
  }

  /** Task k's MDP: shared dynamics, its own rewards, d0 on its start, its goal terminal. */
  public TabularMdp mdp(int k) {
    return worlds.get(checkTask(k)).mdp();
  }

  /** Every task's MDP, in task order. */
  public List<TabularMdp> mdps() {
    List<TabularMdp> out = new ArrayList<>(numTasks());
    for (int k = 0; k < numTasks(); k++) {
      out.add(mdp(k));
    }
    return Collections.unmodifiableList(out);
  }

  private int checkTask(int k) {
    if (k < 0 || k >= tasks.size()) {
      throw new IllegalArgumentException(sourceName + ": task index " + k + " out of range [0, "
          + tasks.size() + ")");
    }
    return k;
  }

  // ---------------------------------------------------------------- episodes

  /**
   * Task k as an episode: observation the one-hot state e_s ∈ R^S, action an Integer in
   * [0, A), reward r_k(s, a), terminated on the goal, truncated after {@link #horizon()} steps.
   * A new environment on every call.
   */
  public Env<double[], Integer> env(int k) {
    return env(k, false);
  }

  /**
   * {@link #env(int)}, with the one-hot task id appended when {@code withTaskId}: observation
   * [e_s, e_k] ∈ R^{S+K} ({@link OneHotTask}, outermost wrapper).
   */
  public Env<double[], Integer> env(int k, boolean withTaskId) {
    Env<double[], Integer> e = new TimeLimit<>(new OneHotState(new TabularEnv(mdp(k))), horizon);
    return withTaskId ? new OneHotTask<>(e, k, numTasks()) : e;
  }

  /** {@link #env(int, boolean)} for every task, in task order (env i is task i). */
  public List<Env<double[], Integer>> envs(boolean withTaskId) {
    List<Env<double[], Integer>> out = new ArrayList<>(numTasks());
    for (int k = 0; k < numTasks(); k++) {
      out.add(env(k, withTaskId));
    }
    return out;
  }

  /**
   * Whether the greedy action of π (argmax, ties to the lowest index) followed from task k's
   * start along the intended moves reaches task k's goal within {@link #horizon()} steps: the
   * "success" of a policy on task k. With slip 0 this is exactly whether the greedy policy's
   * episode ends at the goal; with slip &gt; 0 it is the success of its noise-free rollout.
   *
   * @param pi an S×A policy. Not modified.
   */
  public boolean reachesGoal(int k, TabularPolicy pi) {
    checkTask(k);
    Check.notNull("pi", pi);
    Check.argument(pi.numStates() == numStates() && pi.numActions() == numActions(),
        "policy is %sx%s but the family has S=%s, A=%s", pi.numStates(), pi.numActions(),
        numStates(), numActions());
    int s = startState[k];
    for (int t = 0; t < horizon; t++) {
      s = layout.nextState(pi.greedyAction(s))[s];
      if (s == goalState[k]) {
        return true;
      }
    }
    return false;
  }

  /**
   * Task k's hard-VI solution (ValueIteration, tolerance 1e-10), computed once per family.
   */
  public synchronized Solution optimal(int k) {
    checkTask(k);
    if (solutions == null) {
      solutions = new Solution[numTasks()];
    }
    if (solutions[k] == null) {
      solutions[k] = ValueIteration.solve(mdp(k));
    }
    return solutions[k];
  }

  /** J*_k = V*_k(start_k), task k's optimal return. */
  public double optimalReturn(int k) {
    return optimal(k).v()[startState(k)];
  }

  /**
   * J^π_k = V^π_k(start_k), the exact discounted return of π on task k
   * ({@link PolicyEvaluation#evaluate}).
   *
   * @param pi an S×A policy. Not modified.
   */
  public double policyReturn(int k, TabularPolicy pi) {
    checkTask(k);
    Check.notNull("pi", pi);
    return PolicyEvaluation.evaluate(mdp(k), pi)[startState[k]];
  }

  /** J^unif_k, the return of the uniform policy on task k. */
  public double uniformReturn(int k) {
    return policyReturn(k, TabularPolicy.uniform(numStates(), numActions()));
  }

  /**
   * The normalised return (J^π_k − J^unif_k)/(J*_k − J^unif_k): 1 for an optimal policy, 0 for
   * the uniform one (the issue's measure of fitting the training tasks).
   *
   * @param pi an S×A policy. Not modified.
   */
  public double normalisedReturn(int k, TabularPolicy pi) {
    double unif = uniformReturn(k);
    return (policyReturn(k, pi) - unif) / (optimalReturn(k) - unif);
  }

  /**
   * The states every optimal path of task k passes through (start included, goal excluded), in
   * ascending order: s is on it when, in the graph of intended moves of task k's optimal actions
   * (Q*_k(s,a) ≥ V*_k(s) − 1e-8, hard VI), the goal cannot be reached from the start without s.
   */
  public int[] unavoidableStates(int k) {
    boolean[][] opt = optimalActions(k);
    int n = numStates();
    List<Integer> out = new ArrayList<>();
    boolean[] reach = reachable(k, opt, -1);
    for (int s = 0; s < n; s++) {
      if (reach[s] && s != goalState[k]
          && (s == startState[k] || !reachable(k, opt, s)[goalState[k]])) {
        out.add(s);
      }
    }
    return out.stream().mapToInt(Integer::intValue).toArray();
  }

  /**
   * The optimal action sets of task k: {@code [s][a]} is true when Q*_k(s,a) ≥ V*_k(s) − 1e-8.
   */
  public boolean[][] optimalActions(int k) {
    Solution sol = optimal(k);
    int n = numStates();
    int a = numActions();
    boolean[][] opt = new boolean[n][a];
    for (int s = 0; s < n; s++) {
      for (int b = 0; b < a; b++) {
        opt[s][b] = sol.q(s, b) >= sol.v()[s] - OPTIMAL_TIE;
      }
    }
    return opt;
  }

  /** States reachable from task k's start by optimal intended moves, never entering avoid. */
  private boolean[] reachable(int k, boolean[][] opt, int avoid) {
    int n = numStates();
    boolean[] seen = new boolean[n];
    int[] stack = new int[n];
    int top = 0;
    seen[startState[k]] = true;
    stack[top++] = startState[k];
    while (top > 0) {
      int s = stack[--top];
      if (s == goalState[k]) {
        continue;
      }
      for (int a = 0; a < numActions(); a++) {
        int t = layout.nextState(a)[s];
        if (opt[s][a] && !seen[t] && t != avoid) {
          seen[t] = true;
          stack[top++] = t;
        }
      }
    }
    return seen;
  }

  /**
   * The pairs (i, j), i &lt; j, whose optimal actions conflict: some state that every optimal
   * path of task i and every optimal path of task j pass through ({@link #unavoidableStates})
   * has disjoint optimal action sets (hard VI). For such a pair no policy without the task id is
   * optimal for both tasks (with slip 0: each task's optimal policies visit that state and must
   * act there optimally); one with the id can. Computed once per family.
   *
   * @return pairs {i, j} in lexicographic order (unmodifiable; the arrays are fresh copies)
   */
  public synchronized List<int[]> conflictingPairs() {
    if (conflicts == null) {
      int k = numTasks();
      boolean[][][] opt = new boolean[k][][];
      boolean[][] unavoidable = new boolean[k][numStates()];
      for (int i = 0; i < k; i++) {
        opt[i] = optimalActions(i);
        for (int s : unavoidableStates(i)) {
          unavoidable[i][s] = true;
        }
      }
      List<int[]> out = new ArrayList<>();
      for (int i = 0; i < k; i++) {
        for (int j = i + 1; j < k; j++) {
          if (conflictState(opt[i], opt[j], unavoidable[i], unavoidable[j]) >= 0) {
            out.add(new int[] {i, j});
          }
        }
      }
      conflicts = out;
    }
    List<int[]> copy = new ArrayList<>(conflicts.size());
    for (int[] p : conflicts) {
      copy.add(p.clone());
    }
    return Collections.unmodifiableList(copy);
  }

  /**
   * The lowest state where tasks i and j conflict (unavoidable for both, disjoint optimal
   * actions), or −1 if none.
   */
  public int conflictState(int i, int j) {
    boolean[] ui = new boolean[numStates()];
    boolean[] uj = new boolean[numStates()];
    for (int s : unavoidableStates(i)) {
      ui[s] = true;
    }
    for (int s : unavoidableStates(j)) {
      uj[s] = true;
    }
    return conflictState(optimalActions(i), optimalActions(j), ui, uj);
  }

  private int conflictState(boolean[][] oi, boolean[][] oj, boolean[] ui, boolean[] uj) {
    for (int s = 0; s < numStates(); s++) {
      if (!ui[s] || !uj[s]) {
        continue;
      }
      boolean shared = false;
      for (int a = 0; a < numActions(); a++) {
        shared |= oi[s][a] && oj[s][a];
      }
      if (!shared) {
        return s;
      }
    }
    return -1;
  }

  @Override
  public String toString() {
    return "MultiGoalGrid[" + sourceName + ", " + layout.height() + "x" + layout.width() + ", S="
        + numStates() + ", K=" + numTasks() + ", horizon=" + horizon + ", slip=" + options.slip()
        + "]";
  }

  /** A {@link TabularEnv} whose observation is the one-hot state e_s ∈ R^S. */
  private static final class OneHotState implements Env<double[], Integer> {
    private final TabularEnv env;
    private final Box observationSpace;
    private final Discrete actionSpace;

    OneHotState(TabularEnv env) {
      this.env = env;
      this.observationSpace = Box.uniform(env.mdp().numStates(), 0, 1);
      this.actionSpace = env.actionSpace();
    }

    @Override
    public Box observationSpace() {
      return observationSpace;
    }

    @Override
    public Discrete actionSpace() {
      return actionSpace;
    }

    @Override
    public double[] reset(long seed) {
      return oneHot(env.resetState(seed));
    }

    @Override
    public Step<double[]> step(Integer action) {
      Check.argument(action != null, "action must not be null");
      int s = env.stepState(action);
      return new Step<>(oneHot(s), env.lastReward(), env.terminated(), false);
    }

    private double[] oneHot(int s) {
      double[] o = new double[observationSpace.dim()];
      o[s] = 1;
      return o;
    }

    @Override
    public String toString() {
      return "OneHotState[" + env + "]";
    }
  }
}
