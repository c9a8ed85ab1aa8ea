package org.gridrl.envs.tabular;

import io.soabase.recordbuilder.core.RecordBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.gridrl.core.mdp.StateFeatures;
import org.gridrl.core.mdp.TabularMdp;
import org.gridrl.core.mdp.TabularPolicy;
import org.gridrl.core.mdp.UniformSlipDynamics;
import org.gridrl.core.util.Check;
import org.gridrl.core.util.Rng;

/**
 * A grid world read from an ASCII map, as a {@link TabularMdp}:
 * P(s'|s,a) = (1 − ε)·[s' = next(s,a)] + (ε/A)·#{b : next(s,b) = s'}, with slip ε and A = 4 or 5
 * actions.
 *
 * <p><b>Map characters.</b> {@code #} wall; {@code .} floor; {@code S} start; {@code G} goal
 * (reward {@link Options#goalReward()}, terminal unless {@link Options#goalTerminal()} is false);
 * {@code 1}–{@code 9} a reward cell worth the digit, or what {@link Options#legend()} says;
 * {@code x} lava, a cell worth {@link Options#lavaReward()} (default −1), the way to write a
 * negative reward without a legend. All rows must have the same width. The border of the array
 * acts as a wall, so a map need not be surrounded by {@code #} (but may be). Trailing blank lines
 * and carriage returns are ignored; nothing else (no spaces, no comments).
 *
 * <p><b>States</b> are the free (non-{@code #}) cells in row-major order, so an open H×W map has
 * s = row·W + col; {@link #stateAt} maps a free cell to its state and rejects a wall, which
 * {@link #isWall} tells apart. <b>Actions</b>: 0 = north (row − 1), 1 = east, 2 = south, 3 = west, 4 = stay
 * (with 5 actions only). A move into a wall or across the border leaves the state unchanged.
 * <b>Slip</b>: with probability ε the chosen action is replaced by one drawn uniformly from all
 * A actions (the chosen one included), which gives the kernel above.
 *
 * <p><b>Which options.</b> {@link Options#defaults()} (no step cost, goal worth 1) suit hard
 * planning and IRL; for soft value iteration use {@link Options#forSoftPlanning()} (step −1,
 * goal 100), under whose soft-optimal policy the goal is reached at τ up to 2: under the
 * defaults the entropy bonus outweighs the goal and the soft policy wanders.
 *
 * <p><b>Rewards.</b> With cell values R(s) and step reward c, {@link RewardTiming#ON_ENTER}
 * (default) pays the cell value on arrival: r(s,a) = Σ_{s'} P(s'|s,a)·R(s') + c, the expected
 * reward of taking a in s (a move that bumps into a wall "arrives" at s again);
 * {@link RewardTiming#IN_STATE} pays it for being there: r(s,a) = R(s) + c. Terminal states have
 * no transitions and r = 0 (planning gives them V = 0).
 *
 * <p><b>Start</b>: d0 is uniform over the {@code S} cells, or over all non-terminal free cells
 * when the map has none.
 *
 * <p><b>Bundled maps</b> ({@link #bundled}, names in {@link #bundledNames()}):
 * {@code fourrooms} (Sutton, Precup &amp; Singh 1999: the 11×11 four-rooms layout inside an outer
 * wall, 104 free cells, start in the top-left corner of the top-left room, goal in the
 * bottom-right corner of the bottom-right room); {@code open5} (5×5 without walls, start
 * top-left, goal bottom-right; the border is the only wall); {@code cliff} (Sutton &amp; Barto's
 * cliff walk, 4×12, start and goal at the bottom corners with lava between; the original's −100
 * and return to start are approximated, without the reset, by options with lava reward −100 and
 * step reward −1, {@code withLavaReward(-100).withStepReward(-1)}: the defaults' lava is −1);
 * {@code maze} (an 11×11 walled maze, start top-left, goal bottom-right).
 *
 * <p><b>Structure</b> for grid kernels: {@link #nextState(int)} and {@link #slip()} give
 * Q(s,a) = r(s,a) + γ[(1 − ε)V(next(s,a)) + ε·mean_b V(next(s,b))] for non-terminal s without
 * the CSR arrays; {@link #mdp()} builds those lazily, once, so a very large {@link #open} world
 * can be solved by a grid kernel without ever holding its CSR transitions.
 */
public final class GridWorld {

  /** When a cell's value R(s) is paid. */
  public enum RewardTiming {
    /** r(s,a) = Σ_{s'} P(s'|s,a)·R(s') + stepReward: paid on entering s'. */
    ON_ENTER,
    /** r(s,a) = R(s) + stepReward: a state reward lifted to every action. */
    IN_STATE
  }

  /**
   * How a map becomes an MDP. Two presets: {@link #defaults()} (for hard planning and IRL) and
   * {@link #forSoftPlanning()} (a step cost and a goal worth 100, so that a soft policy heads for
   * the goal; read the warning on {@code defaults()}). Vary them with the generated
   * {@code withX} methods ({@code Options.defaults().withSlip(0.2)}), several at once with
   * {@code with(b -> b.slip(0.2).gamma(0.9))}, or build one with
   * {@code GridWorldOptionsBuilder.builder(Options.defaults())}; every way goes through the
   * checks of the compact constructor.
   *
   * @param slip ε in [0, 1]: probability that the chosen action is replaced by a uniform draw
   *     over all actions (default 0)
   * @param numActions 4 (N, E, S, W) or 5 (plus stay) (default 4)
   * @param gamma discount in [0, 1) (default 0.95)
   * @param stepReward c added to every r(s,a) of a non-terminal state, finite (default 0;
   *     −1 in {@link #forSoftPlanning()})
   * @param goalReward cell value of {@code G}, finite (default 1; 100 in
   *     {@link #forSoftPlanning()})
   * @param goalTerminal whether {@code G} cells end the episode (default true)
   * @param rewardTiming when cell values are paid (default {@link RewardTiming#ON_ENTER});
   *     {@link #parse} rejects a map with a {@code G} under {@code IN_STATE} with terminal goals
   *     and a non-zero goal reward, since a terminal state's reward is never collected
   * @param lavaReward cell value of {@code x}, finite (default −1)
   * @param legend cell values of digit cells by character ('1'..'9'); a digit not in it is
   *     worth its own value; null means empty (default empty)
   */
  @RecordBuilder
  public record Options(double slip, int numActions, double gamma, double stepReward,
      double goalReward, boolean goalTerminal, RewardTiming rewardTiming, double lavaReward,
      Map<Character, Double> legend) implements GridWorldOptionsBuilder.With {

    /** Validates every field; the message names the field and the value. */
    public Options {
      Check.unitInterval("slip", slip);
      Check.argument(numActions == 4 || numActions == 5, "numActions must be 4 or 5, got %s",
          numActions);
      Check.unitIntervalOpen("gamma", gamma);
      Check.finite("stepReward", stepReward);
      Check.finite("goalReward", goalReward);
      Check.notNull("rewardTiming", rewardTiming);
      Check.finite("lavaReward", lavaReward);
      legend = legend == null ? Map.of() : Map.copyOf(legend);
      for (Map.Entry<Character, Double> e : legend.entrySet()) {
        char ch = e.getKey();
        Check.argument(ch >= '1' && ch <= '9', "legend keys must be digits '1'..'9', got '%s'",
            ch);
        Check.argument(Double.isFinite(e.getValue()),
            "legend value of '%s' must be finite, got %s", ch, e.getValue());
      }
    }

    /**
     * slip 0, 4 actions, γ = 0.95, step reward 0, goal reward 1 (terminal), ON_ENTER, lava −1:
     * the textbook reward for hard planning and for IRL (the irl-gridworld experiment's world is
     * these with a non-terminal goal paid IN_STATE).
     *
     * <p><b>Not for soft planning.</b> With no step cost and a goal worth 1, the entropy bonus of
     * soft value iteration, about τ·log A per step and so τ·log A / (1 − γ) over an endless walk
     * (2.8 at τ = 0.1, 14 at τ = 0.5), outweighs the goal: on every bundled map the soft-optimal
     * policy at τ = 0.1, 0.5 and 1 reaches the goal within 100 steps with probability below
     * 0.001 and wanders instead. For soft value iteration, MaxEnt planning or entropy-regularised
     * policy gradients use {@link #forSoftPlanning()}.
     */
    public static Options defaults() {
      return new Options(0, 4, 0.95, 0, 1, true, RewardTiming.ON_ENTER, -1, Map.of());
    }

    /**
     * {@link #defaults()} with a step reward of −1 and a goal worth 100: the map defaults of
     * {@code gridrl solve} and {@code gridrl render}, under which the soft-optimal policy heads
     * for the goal. Measured on the bundled maps (slip 0 and 0.1): at τ = 0.1, 0.5, 1 and 2 the
     * soft policy reaches the goal within 100 steps with probability above 0.999; at τ = 3 no
     * longer everywhere (0.66 on FourRooms), as the entropy bonus τ·log 4 per step then outweighs
     * the step cost by more than the discounted goal is worth. Hard planning gives the same
     * policy as under the defaults (a shortest path to the goal).
     */
    public static Options forSoftPlanning() {
      return defaults().withStepReward(-1).withGoalReward(100);
    }

    /** The value R of a free cell character. */
    double cellValue(char ch) {
      switch (ch) {
        case 'G':
          return goalReward;
        case 'x':
          return lavaReward;
        case '.':
        case 'S':
          return 0;
        default:
          Double v = legend.get(ch);
          return v != null ? v : ch - '0';
      }
    }
  }

  private static final List<String> BUNDLED = List.of("fourrooms", "open5", "cliff", "maze");
  private static final String RESOURCE_DIR = "/org/gridrl/envs/tabular/maps/";
  private static final String ARROWS = "^>v<o";

  private final String sourceName;
  private final int height;
  private final int width;
  private final char[] cells;
  private final int[] stateOfCell;
  private final int[] cellOfState;
  private final Options options;
  private final GridMoves moves;
  private final double[] cellValue;
  private final boolean[] terminal;
  private final double[] initial; // null = uniform over all states

  private double[] rewardSa;
  private double[] stateRewardCache;
  private TabularMdp mdp;
  private StateFeatures features;

  private GridWorld(String sourceName, int height, int width, char[] cells, int[] stateOfCell,
      int[] cellOfState, Options options, double[] cellValue, boolean[] terminal,
      double[] initial) {
    this.sourceName = sourceName;
    this.height = height;
    this.width = width;
    this.cells = cells;
    this.stateOfCell = stateOfCell;
    this.cellOfState = cellOfState;
    this.options = options;
    this.cellValue = cellValue;
    this.terminal = terminal;
    this.initial = initial;
    this.moves = GridMoves.uniformSlip(height, width, stateOfCell, cellOfState,
        options.numActions(), options.slip());
  }

  // ---------------------------------------------------------------- construction

  /**
   * Parses an ASCII map (see the class comment for the characters).
   *
   * @param mapText the map, one row per line
   * @param sourceName the name errors start with (a file name, "bundled:fourrooms", ...)
   * @param o how the map becomes an MDP ({@link Options#defaults()},
   *     {@link Options#forSoftPlanning()}, ...)
   * @throws IllegalArgumentException for a null argument, naming it
   * @throws MapFormatException naming row and column of the first problem
   */
  public static GridWorld parse(String mapText, String sourceName, Options o) {
    Check.argument(mapText != null, "mapText must not be null (the map, one row per line)");
    Check.argument(sourceName != null, "sourceName must not be null (it starts every error"
        + " message: a file name, \"bundled:fourrooms\", ...)");
    checkOptions(o);
    List<String> rows = new ArrayList<>(Arrays.asList(mapText.split("\n", -1)));
    for (int i = 0; i < rows.size(); i++) {
      String line = rows.get(i);
      if (line.endsWith("\r")) {
        rows.set(i, line.substring(0, line.length() - 1));
      }
    }
    while (!rows.isEmpty() && rows.get(rows.size() - 1).isEmpty()) {
      rows.remove(rows.size() - 1);
    }
    if (rows.isEmpty()) {
      throw new MapFormatException(sourceName, 0, 0, "the map is empty");
    }
    int height = rows.size();
    int width = rows.get(0).length();
    char[] cells = new char[height * width];
    for (int r = 0; r < height; r++) {
      String line = rows.get(r);
      if (line.length() != width) {
        int col = Math.min(line.length(), width) + 1;
        throw new MapFormatException(sourceName, r + 1, col, "row " + (r + 1) + " has width "
            + line.length() + " but row 1 has width " + width + " (all rows must be equally wide)");
      }
      for (int c = 0; c < width; c++) {
        char ch = line.charAt(c);
        if (!isMapChar(ch)) {
          throw new MapFormatException(sourceName, r + 1, c + 1, "unknown character "
              + describe(ch) + " (expected one of # . S G x 1-9)");
        }
        cells[r * width + c] = ch;
      }
    }
    int[] stateOfCell = new int[height * width];
    int numStates = 0;
    int numStarts = 0;
    for (int i = 0; i < cells.length; i++) {
      if (cells[i] == '#') {
        stateOfCell[i] = -1;
      } else {
        stateOfCell[i] = numStates++;
        if (cells[i] == 'S') {
          numStarts++;
        }
      }
    }
    if (numStates == 0) {
      throw new MapFormatException(sourceName, 0, 0, "the map has no free cell (all walls)");
    }
    int[] cellOfState = new int[numStates];
    double[] value = new double[numStates];
    boolean[] terminal = new boolean[numStates];
    int nonTerminal = 0;
    for (int i = 0; i < cells.length; i++) {
      int s = stateOfCell[i];
      if (s >= 0) {
        cellOfState[s] = i;
        value[s] = o.cellValue(cells[i]);
        terminal[s] = cells[i] == 'G' && o.goalTerminal();
        if (!terminal[s]) {
          nonTerminal++;
        }
      }
    }
    if (o.rewardTiming() == RewardTiming.IN_STATE && o.goalTerminal() && o.goalReward() != 0
        && mapText.indexOf('G') >= 0) {
      throw new IllegalArgumentException(sourceName + ": rewardTiming IN_STATE with goalTerminal"
          + " = true never pays goalReward = " + o.goalReward() + " (a terminal state has V = 0);"
          + " set goalTerminal = false or use ON_ENTER");
    }
    if (nonTerminal == 0) {
      throw new MapFormatException(sourceName, 0, 0,
          "every free cell is a terminal goal, so there is no state to start in");
    }
    double[] d0 = new double[numStates];
    for (int s = 0; s < numStates; s++) {
      boolean support = numStarts > 0 ? cells[cellOfState[s]] == 'S' : !terminal[s];
      if (support) {
        d0[s] = 1.0 / (numStarts > 0 ? numStarts : nonTerminal);
      }
    }
    return new GridWorld(sourceName, height, width, cells, stateOfCell, cellOfState, o, value,
        terminal, d0);
  }

  /**
   * Reads a map file (UTF-8; a leading byte-order mark is skipped); errors name the file.
   *
   * @throws UncheckedIOException if the file cannot be read
   * @throws MapFormatException if the map is malformed, is not UTF-8 text (naming the row and
   *     column of the first bad byte), or is too large for the Java heap (naming its size, the
   *     estimate and the heap)
   */
  public static GridWorld load(Path file, Options o) {
    Check.notNull("file", file);
    checkOptions(o);
    return parse(MapFile.read(file, o.numActions()), file.toString(), o);
  }

  /**
   * A map shipped with gridrl (see {@link #bundledNames()}); its source name is
   * {@code bundled:<name>}.
   *
   * @throws IllegalArgumentException for an unknown name, listing the known ones, or null
   *     options
   */
  public static GridWorld bundled(String name, Options o) {
    if (name == null || !BUNDLED.contains(name)) {
      throw new IllegalArgumentException("unknown bundled map " + (name == null ? "null"
          : "'" + name + "'") + "; known maps: " + String.join(", ", BUNDLED));
    }
    checkOptions(o);
    return parse(bundledText(name), "bundled:" + name, o);
  }

  /** Rejects null options, pointing at the two presets. */
  private static void checkOptions(Options o) {
    Check.argument(o != null, "options must not be null (GridWorld.Options.defaults() or"
        + " GridWorld.Options.forSoftPlanning())");
  }

  /** The text of a bundled map. */
  static String bundledText(String name) {
    try (InputStream in = GridWorld.class.getResourceAsStream(RESOURCE_DIR + name + ".txt")) {
      if (in == null) {
        throw new IllegalStateException("bundled map resource missing: " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Names accepted by {@link #bundled}: fourrooms, open5, cliff, maze. */
  public static List<String> bundledNames() {
    return BUNDLED;
  }

  /**
   * The benchmark world of issue 4: an open n×n grid (no walls but the border), 5 actions
   * (N, E, S, W, stay), slip ε (a uniform draw over all 5 actions), state reward
   * r(s,a) = stateReward[s] (IN_STATE, no step reward), no terminals, uniform d0, s = row·n + col.
   *
   * <p>Cheap at any size: the CSR transitions are built only when {@link #mdp()} is first
   * called, so a grid kernel working from {@link #nextState(int)} and {@link #stateReward()} can
   * solve n = 2048 (4.2M states; this world then holds about 180 MB) inside {@code -Xmx1g}. The
   * CSR form costs about 25 transitions of 12 bytes per state with slip &gt; 0 (1.25 GB at
   * n = 2048) and is staged through {@link TabularMdp#builder}; measured with {@code -Xmx1g}:
   * n = 512 builds in 1.4 s, n = 768 in 4.2 s, n = 1024 runs out of memory.
   *
   * @param n side, ≥ 1, n² < 2^31 / 5
   * @param slip ε in [0, 1]
   * @param stateReward r(s), length n², finite. Not modified (copied).
   * @param gamma discount in [0, 1)
   */
  public static GridWorld open(int n, double slip, double[] stateReward, double gamma) {
    if (!(n >= 1 && (long) n * n * 5 < Integer.MAX_VALUE)) {
      throw new IllegalArgumentException("n must be >= 1 with 5*n*n < 2^31, got " + n);
    }
    Options o = new Options(slip, 5, gamma, 0, 0, false, RewardTiming.IN_STATE, -1, Map.of());
    Check.notNull("stateReward", stateReward);
    int numStates = n * n;
    if (stateReward.length != numStates) {
      throw new IllegalArgumentException("stateReward must have length n*n = " + numStates
          + ", got " + stateReward.length);
    }
    double[] value = stateReward.clone();
    for (int s = 0; s < numStates; s++) {
      if (!Double.isFinite(value[s])) {
        throw new IllegalArgumentException("stateReward[" + s + "] is not finite: " + value[s]);
      }
    }
    char[] cells = new char[numStates];
    Arrays.fill(cells, '.');
    int[] identity = new int[numStates];
    for (int s = 0; s < numStates; s++) {
      identity[s] = s;
    }
    return new GridWorld("open" + n, n, n, cells, identity, identity, o, value,
        new boolean[numStates], null);
  }

  /**
   * A seeded sparse state reward for {@link #open}: each of the n² cells, in order s = 0..n²−1,
   * draws u ~ U[0,1) from {@code new Rng(seed)}; if u &lt; density it gets a value drawn
   * uniformly from [−1, 1) (the next draw), else 0. Issue 4's benchmark uses density 0.01.
   *
   * @param density in [0, 1]
   */
  public static double[] sparseRandomReward(int n, double density, long seed) {
    if (!(n >= 1 && (long) n * n < Integer.MAX_VALUE)) {
      throw new IllegalArgumentException("n must be >= 1 with n*n < 2^31, got " + n);
    }
    if (!(density >= 0 && density <= 1)) {
      throw new IllegalArgumentException("density must be in [0, 1], got " + density);
    }
    Rng rng = new Rng(seed);
    double[] r = new double[n * n];
    for (int s = 0; s < r.length; s++) {
      if (rng.nextDouble() < density) {
        r[s] = rng.nextDouble(-1, 1);
      }
    }
    return r;
  }

  private static boolean isMapChar(char ch) {
    return ch == '#' || ch == '.' || ch == 'S' || ch == 'G' || ch == 'x' || (ch >= '1' && ch <= '9');
  }

  private static String describe(char ch) {
    if (ch >= 0x20 && ch < 0x7f) {
      return "'" + ch + "'";
    }
    return String.format("U+%04X", (int) ch);
  }

  // ---------------------------------------------------------------- the MDP

  /**
   * The MDP (built on first call, then shared). Terminal goals have no transitions and r = 0.
   */
  public synchronized TabularMdp mdp() {
    if (mdp == null) {
      mdp = moves.toMdp(options.gamma(), rewards(), initial, terminal);
    }
    return mdp;
  }

  /**
   * r(s,a) at index s·A + a (see the class comment), computed on first call and shared: not to
   * be modified.
   */
  public synchronized double[] rewards() {
    if (rewardSa == null) {
      int numActions = moves.numActions;
      double step = options.stepReward();
      boolean onEnter = options.rewardTiming() == RewardTiming.ON_ENTER;
      double[] r = new double[moves.numStates * numActions];
      for (int s = 0; s < moves.numStates; s++) {
        if (terminal[s]) {
          continue;
        }
        for (int a = 0; a < numActions; a++) {
          r[s * numActions + a] = (onEnter ? moves.expect(s, a, cellValue) : cellValue[s]) + step;
        }
      }
      rewardSa = r;
    }
    return rewardSa;
  }

  /** Whether r(s,a) does not depend on a ({@link RewardTiming#IN_STATE}). */
  public boolean isStateReward() {
    return options.rewardTiming() == RewardTiming.IN_STATE;
  }

  /**
   * The state reward r(s) = R(s) + stepReward (0 for terminal states) with r(s,a) = r(s), length
   * S, for kernels that want S numbers instead of S·A; computed on first call and shared: not to
   * be modified.
   *
   * @throws IllegalStateException for {@link RewardTiming#ON_ENTER}, where r(s,a) depends on a
   */
  public synchronized double[] stateReward() {
    if (!isStateReward()) {
      throw new IllegalStateException("rewardTiming is ON_ENTER: r(s,a) depends on the action,"
          + " use rewards()");
    }
    if (stateRewardCache == null) {
      double[] r = new double[moves.numStates];
      for (int s = 0; s < r.length; s++) {
        r[s] = terminal[s] ? 0 : cellValue[s] + options.stepReward();
      }
      stateRewardCache = r;
    }
    return stateRewardCache;
  }

  /**
   * One-hot state features φ(s) = e_s ({@link StateFeatures#identity}), built on first call. The
   * table is dense S×S, so this is for small worlds only.
   *
   * @throws IllegalStateException when S² does not fit in one array
   */
  public synchronized StateFeatures features() {
    if (features == null) {
      if ((long) moves.numStates * moves.numStates > Integer.MAX_VALUE - 8) {
        throw new IllegalStateException("one-hot features of " + moves.numStates
            + " states need S^2 = " + (long) moves.numStates * moves.numStates
            + " entries, more than one array holds");
      }
      features = StateFeatures.identity(moves.numStates);
    }
    return features;
  }

  /** The cell values R(s) (before timing and step reward), a copy. */
  public double[] cellValues() {
    return cellValue.clone();
  }

  /** The options this world was built with. */
  public Options options() {
    return options;
  }

  /** Where the map came from ("bundled:fourrooms", a file name, "open64", ...). */
  public String sourceName() {
    return sourceName;
  }

  // ---------------------------------------------------------------- structure for grid kernels

  /**
   * The deterministic successor next(s,a) of every state under action a (length S; s itself
   * for a move into a wall or the border, and for a terminal state's every action). Shared: not
   * to be modified.
   */
  public int[] nextState(int a) {
    return moves.nextTable(a);
  }

  /** The slip ε: P(s'|s,a) = (1 − ε)[s' = next(s,a)] + (ε/A)·#{b : next(s,b) = s'}. */
  public double slip() {
    return options.slip();
  }

  /** Always true: a grid world's noise is a uniform draw over all actions. */
  public boolean isUniformSlip() {
    return true;
  }

  /**
   * The structured dynamics for the grid kernel of soft value iteration, built from the move
   * tables without the CSR arrays (so {@link #open} worlds of any size stay cheap): the state
   * reward for {@link RewardTiming#IN_STATE}, else r(s,a) from {@link #rewards()}; γ, terminals
   * and d0 as in {@link #mdp()}. Shares this world's arrays.
   */
  public UniformSlipDynamics dynamics() {
    return UniformSlipDynamics.of(moves.next, moves.slip(), options.gamma(),
        isStateReward() ? stateReward() : null, isStateReward() ? null : rewards(), terminal,
        initial);
  }

  /** Terminal flags, length S, a copy. */
  public boolean[] terminals() {
    return terminal.clone();
  }

  /** Number of states S (free cells). */
  public int numStates() {
    return moves.numStates;
  }

  /** Number of actions A (4 or 5). */
  public int numActions() {
    return moves.numActions;
  }

  // ---------------------------------------------------------------- geometry

  /** Number of map rows. */
  public int height() {
    return height;
  }

  /** Number of map columns. */
  public int width() {
    return width;
  }

  /**
   * The state s of the free cell (row, col), 0-based (row 0 is the map's first line). Only free
   * cells are states: ask {@link #isWall} first when probing cells that may be walls.
   *
   * @throws IllegalArgumentException if (row, col) is a wall, saying so
   * @throws IndexOutOfBoundsException if (row, col) is outside the map, naming its bounds
   */
  public int stateAt(int row, int col) {
    checkInside(row, col);
    int s = stateOfCell[row * width + col];
    if (s < 0) {
      throw new IllegalArgumentException(sourceName + ": (row, col) = (" + row + ", " + col
          + ") is a wall ('#'), which has no state; isWall(row, col) tells walls from free"
          + " cells");
    }
    return s;
  }

  /**
   * The 0-based row of state s.
   *
   * @throws IndexOutOfBoundsException unless 0 ≤ s &lt; S
   */
  public int rowOf(int s) {
    return cellOfState[checkState(s)] / width;
  }

  /**
   * The 0-based column of state s.
   *
   * @throws IndexOutOfBoundsException unless 0 ≤ s &lt; S
   */
  public int colOf(int s) {
    return cellOfState[checkState(s)] % width;
  }

  /**
   * Whether (row, col) is a wall; cells outside the map count as walls. Never throws: the probe
   * to make before {@link #stateAt}.
   */
  public boolean isWall(int row, int col) {
    return row < 0 || row >= height || col < 0 || col >= width
        || stateOfCell[row * width + col] < 0;
  }

  /**
   * The map character at (row, col) (0-based).
   *
   * @throws IndexOutOfBoundsException outside the map, naming its bounds
   */
  public char cell(int row, int col) {
    checkInside(row, col);
    return cells[row * width + col];
  }

  private void checkInside(int row, int col) {
    if (row < 0 || row >= height || col < 0 || col >= width) {
      throw new IndexOutOfBoundsException(sourceName + ": (row, col) = (" + row + ", " + col
          + ") is outside the " + height + "x" + width + " map (rows 0.." + (height - 1)
          + ", columns 0.." + (width - 1) + ")");
    }
  }

  private int checkState(int s) {
    if (s < 0 || s >= cellOfState.length) {
      throw new IndexOutOfBoundsException(sourceName + ": state " + s + " out of range [0, "
          + cellOfState.length + ")");
    }
    return s;
  }

  /** "north", "east", "south", "west" or "stay". */
  public String actionName(int a) {
    if (a < 0 || a >= moves.numActions) {
      throw new IllegalArgumentException("action " + a + " out of range [0, " + moves.numActions
          + ")");
    }
    return GridMoves.NAMES[a];
  }

  /**
   * The map with the greedy action of π (lowest index among ties) in each free cell:
   * {@code ^ > v <} for north, east, south, west, {@code o} for stay; walls {@code #} and goals
   * {@code G}. One line per row, each ending in a newline.
   */
  public String renderAscii(TabularPolicy pi) {
    Check.notNull("pi", pi);
    if (pi.numStates() != moves.numStates || pi.numActions() != moves.numActions) {
      throw new IllegalArgumentException("policy is " + pi.numStates() + "x" + pi.numActions()
          + " but the world has S=" + moves.numStates + ", A=" + moves.numActions);
    }
    StringBuilder sb = new StringBuilder(height * (width + 1));
    for (int r = 0; r < height; r++) {
      for (int c = 0; c < width; c++) {
        char ch = cells[r * width + c];
        if (ch == '#' || ch == 'G') {
          sb.append(ch);
        } else {
          sb.append(ARROWS.charAt(pi.greedyAction(stateOfCell[r * width + c])));
        }
      }
      sb.append('\n');
    }
    return sb.toString();
  }

  @Override
  public String toString() {
    return "GridWorld[" + sourceName + ", " + height + "x" + width + ", S=" + moves.numStates
        + ", A=" + moves.numActions + ", slip=" + options.slip() + "]";
  }
}
