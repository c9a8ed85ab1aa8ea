package org.gridrl.envs.tabular;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.gridrl.envs.testing.EnvAsserts.TIGHT;
import static org.gridrl.envs.testing.EnvAsserts.assertClose;
import static org.gridrl.envs.testing.EnvAsserts.assertRowsStochastic;
import static org.gridrl.envs.testing.EnvAsserts.dense;
import static org.gridrl.envs.testing.EnvAsserts.row;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.Random;
import org.gridrl.core.mdp.StateFeatures;
import org.gridrl.core.mdp.TabularMdp;
import org.gridrl.core.mdp.TabularPolicy;
import org.gridrl.envs.tabular.GridWorld.Options;
import org.gridrl.envs.tabular.GridWorld.RewardTiming;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class GridWorldTest {

  private static final int N = 0;
  private static final int E = 1;
  private static final int S = 2;
  private static final int W = 3;
  private static final int STAY = 4;

  // ------------------------------------------------------------------ dynamics by hand

  /**
   * Map ".#." / "..." has states 0 (0,0), 1 (0,2), 2 (1,0), 3 (1,1), 4 (1,2). Slip 0.2 with
   * 4 actions: the intended move gets 0.8 + 0.05, every action 0.05, bumps stay put.
   */
  @Test
  void slip02FourActions_smallMap_matchesHandComputedRows() {
    GridWorld g = GridWorld.parse(".#.\n...", "t", Options.defaults().withSlip(0.2));
    TabularMdp m = g.mdp();
    assertThat(m.numStates()).isEqualTo(5);
    assertThat(m.numActions()).isEqualTo(4);
    // state 0: N, E (wall), W bump -> 0; S -> 2
    assertClose(dense(5, 0, 0.95, 2, 0.05), row(m, 0, N), TIGHT);
    assertClose(dense(5, 0, 0.15, 2, 0.85), row(m, 0, S), TIGHT);
    assertClose(dense(5, 0, 0.95, 2, 0.05), row(m, 0, E), TIGHT);
    // state 3 (1,1): N (wall) and S (border) bump -> 3; E -> 4; W -> 2
    assertClose(dense(5, 3, 0.10, 4, 0.85, 2, 0.05), row(m, 3, E), TIGHT);
    assertClose(dense(5, 3, 0.90, 4, 0.05, 2, 0.05), row(m, 3, N), TIGHT);
    assertClose(dense(5, 3, 0.10, 4, 0.05, 2, 0.85), row(m, 3, W), TIGHT);
    // state 1 (0,2): only S leaves, to 4
    assertClose(dense(5, 1, 0.15, 4, 0.85), row(m, 1, S), TIGHT);
    assertClose(dense(5, 1, 0.95, 4, 0.05), row(m, 1, W), TIGHT);
    assertRowsStochastic(m);
  }

  @Test
  void fiveActions_stayIsAction4_andSlipSpreadsOverFive() {
    GridWorld g = GridWorld.parse("...", "t", Options.defaults().withSlip(0.5).withNumActions(5));
    TabularMdp m = g.mdp();
    // state 1 (middle): N,S bump; E -> 2; W -> 0; stay -> 1. eps/A = 0.1, intended 0.5 + 0.1.
    assertClose(dense(3, 1, 0.6 + 0.1 + 0.1, 2, 0.1, 0, 0.1), row(m, 1, STAY), TIGHT);
    assertClose(dense(3, 1, 0.3, 2, 0.6, 0, 0.1), row(m, 1, E), TIGHT);
    assertThat(g.actionName(STAY)).isEqualTo("stay");
    assertThat(g.actionName(N)).isEqualTo("north");
    assertThat(g.actionName(E)).isEqualTo("east");
    assertThat(g.actionName(S)).isEqualTo("south");
    assertThat(g.actionName(W)).isEqualTo("west");
  }

  @Test
  void noSlip_isDeterministicWithOneSuccessorPerRow() {
    GridWorld g = GridWorld.bundled("fourrooms", Options.defaults());
    TabularMdp m = g.mdp();
    int start = g.stateAt(1, 1);
    assertThat(m.transitionProbability(start, E, g.stateAt(1, 2))).isEqualTo(1.0);
    assertThat(m.transitionProbability(start, N, start)).isEqualTo(1.0);
    for (int row = 0; row < m.numStates() * m.numActions(); row++) {
      int len = m.rowStart()[row + 1] - m.rowStart()[row];
      assertThat(len).isLessThanOrEqualTo(1);
    }
  }

  // ------------------------------------------------------------------ rewards

  /** "S.G": states 0, 1, 2 (goal, terminal); slip 0.2 with 4 actions; step reward −0.1. */
  @Test
  void onEnter_rewardIsExpectedCellValueOfTheSuccessorPlusStep() {
    Options o = Options.defaults().withSlip(0.2).withStepReward(-0.1);
    GridWorld g = GridWorld.parse("S.G", "t", o);
    TabularMdp m = g.mdp();
    assertClose(0.85 - 0.1, m.reward(1, E), TIGHT); // reach G with 0.8 + 0.05
    assertClose(0.05 - 0.1, m.reward(1, N), TIGHT); // only the slip to E reaches G
    assertClose(0.05 - 0.1, m.reward(1, W), TIGHT);
    assertClose(-0.1, m.reward(0, E), TIGHT);
    assertThat(m.isTerminal(2)).isTrue();
    assertThat(m.rowStart()[2 * 4]).isEqualTo(m.rowStart()[3 * 4]); // no transitions from G
    assertThat(m.reward(2, N)).isZero();
  }

  @Test
  void onEnter_bumpingRepaysTheCellItStandsOn_digitsLegendAndLava() {
    Options o = Options.defaults().withSlip(0.2);
    // state 1 = '3', action W: 0.85 to state 0, 0.15 bumping (N, S, E) stays on the 3
    assertClose(0.15 * 3, GridWorld.parse("S3", "t", o).mdp().reward(1, W), TIGHT);
    Options legend = o.withLegend(Map.of('3', -2.0));
    assertClose(0.15 * -2, GridWorld.parse("S3", "t", legend).mdp().reward(1, W), TIGHT);
    // lava default -1, configurable
    assertClose(-0.85, GridWorld.parse("Sx", "t", o).mdp().reward(0, E), TIGHT);
    assertClose(-0.85 * 7, GridWorld.parse("Sx", "t", o.withLavaReward(-7)).mdp().reward(0, E),
        TIGHT);
    assertThat(GridWorld.parse("S9x.G", "t", o).cellValues()).containsExactly(0, 9, -1, 0, 1);
  }

  @Test
  void inState_rewardIsCellValuePlusStepForEveryAction() {
    Options o = Options.defaults().withSlip(0.3).withRewardTiming(RewardTiming.IN_STATE)
        .withGoalTerminal(false).withStepReward(-0.5).withGoalReward(4);
    GridWorld g = GridWorld.parse("S2\nxG", "t", o);
    TabularMdp m = g.mdp();
    double[] expected = {-0.5, 1.5, -1.5, 3.5};
    for (int s = 0; s < 4; s++) {
      for (int a = 0; a < 4; a++) {
        assertThat(m.reward(s, a)).isEqualTo(expected[s]);
      }
    }
    assertThat(m.numTerminals()).isZero();
    assertThat(g.isStateReward()).isTrue();
    assertClose(expected, g.stateReward(), 0);
    assertThatThrownBy(() -> GridWorld.parse("SG", "t", Options.defaults()).stateReward())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("ON_ENTER");
  }

  @Test
  void goals_terminalByDefault_nonTerminalOnRequest() {
    GridWorld terminal = GridWorld.parse("S.G\n..G", "t", Options.defaults());
    assertThat(terminal.mdp().numTerminals()).isEqualTo(2);
    assertThat(terminal.mdp().isTerminal(terminal.stateAt(0, 2))).isTrue();
    assertThat(terminal.mdp().isTerminal(terminal.stateAt(1, 2))).isTrue();
    GridWorld open = GridWorld.parse("S.G\n..G", "t", Options.defaults().withGoalTerminal(false));
    assertThat(open.mdp().numTerminals()).isZero();
    int g = open.stateAt(0, 2);
    // non-terminal goal: standing on it and bumping north re-enters it
    assertClose(1.0, open.mdp().reward(g, N), TIGHT);
    assertClose(1.0, open.mdp().transitionProbability(g, W, open.stateAt(0, 1)), TIGHT);
  }

  // ------------------------------------------------------------------ start distribution

  @Test
  void initialDistribution_uniformOverStartCells() {
    GridWorld g = GridWorld.parse("S..\n.#S\n..G", "t", Options.defaults());
    double[] d0 = g.mdp().initialDistribution();
    double[] expected = new double[g.numStates()];
    expected[g.stateAt(0, 0)] = 0.5;
    expected[g.stateAt(1, 2)] = 0.5;
    assertClose(expected, d0, TIGHT);
  }

  @Test
  void initialDistribution_withoutStart_uniformOverNonTerminalFreeCells() {
    GridWorld g = GridWorld.parse("..\n#G", "t", Options.defaults());
    assertClose(new double[] {0.5, 0.5, 0}, g.mdp().initialDistribution(), TIGHT);
    GridWorld nonTerminal = GridWorld.parse("..\n#G", "t",
        Options.defaults().withGoalTerminal(false));
    assertClose(new double[] {1 / 3.0, 1 / 3.0, 1 / 3.0},
        nonTerminal.mdp().initialDistribution(), TIGHT);
  }

  // ------------------------------------------------------------------ geometry and border

  @Test
  void border_actsAsWall_sameMdpAsTheWalledMap() {
    Options o = Options.defaults().withSlip(0.1).withNumActions(5).withStepReward(-0.01);
    GridWorld bare = GridWorld.parse("S..\n.1.\n..G", "bare", o);
    GridWorld walled = GridWorld.parse("#####\n#S..#\n#.1.#\n#..G#\n#####", "walled", o);
    assertThat(bare.mdp()).isEqualTo(walled.mdp());
    assertThat(bare.height()).isEqualTo(3);
    assertThat(walled.height()).isEqualTo(5);
  }

  @Test
  void statesAreFreeCellsInRowMajorOrder() {
    GridWorld g = GridWorld.parse(".#.\n#..\n...", "t", Options.defaults());
    int[][] expected = {{0, -1, 1}, {-1, 2, 3}, {4, 5, 6}};
    for (int r = 0; r < 3; r++) {
      for (int c = 0; c < 3; c++) {
        assertThat(g.isWall(r, c)).isEqualTo(expected[r][c] < 0);
        if (expected[r][c] >= 0) {
          assertThat(g.stateAt(r, c)).isEqualTo(expected[r][c]);
          assertThat(g.rowOf(expected[r][c])).isEqualTo(r);
          assertThat(g.colOf(expected[r][c])).isEqualTo(c);
        }
      }
    }
    assertThat(g.cell(0, 1)).isEqualTo('#');
    assertThat(g.cell(2, 2)).isEqualTo('.');
    assertThat(g.isWall(-1, 0)).isTrue();
    assertThat(g.isWall(0, 3)).isTrue();
    assertThatThrownBy(() -> g.stateAt(0, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> g.stateAt(3, 0)).isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> g.cell(3, 0)).isInstanceOf(IndexOutOfBoundsException.class);
  }

  @Test
  void features_areOneHot() {
    GridWorld g = GridWorld.bundled("open5", Options.defaults());
    StateFeatures phi = g.features();
    assertThat(phi).isEqualTo(StateFeatures.identity(25));
  }

  @Test
  void renderAscii_greedyArrowsWallsAndGoals() {
    GridWorld g = GridWorld.parse("S.#\n..G", "t", Options.defaults().withNumActions(5));
    // states: 0 (0,0), 1 (0,1), 2 (1,0), 3 (1,1), 4 goal
    int[] actions = {E, S, STAY, E, N};
    String ascii = g.renderAscii(TabularPolicy.deterministic(actions, 5));
    assertThat(ascii).isEqualTo(">v#\no>G\n");
    // ties go to the lowest action: the uniform policy shows north everywhere
    assertThat(g.renderAscii(TabularPolicy.uniform(5, 5))).isEqualTo("^^#\n^^G\n");
  }

  // ------------------------------------------------------------------ bundled maps

  @Test
  void bundledMaps_allLoad_andEveryStartReachesAGoal() {
    assertThat(GridWorld.bundledNames()).contains("fourrooms", "open5", "cliff", "maze");
    for (String name : GridWorld.bundledNames()) {
      GridWorld g = GridWorld.bundled(name, Options.defaults().withSlip(0.1));
      assertRowsStochastic(g.mdp());
      assertThat(g.sourceName()).isEqualTo("bundled:" + name);
      boolean[] reached = reachable(g, g.mdp().initialDistribution());
      boolean goal = false;
      for (int s = 0; s < g.numStates(); s++) {
        goal |= reached[s] && g.cell(g.rowOf(s), g.colOf(s)) == 'G';
      }
      assertThat(goal).as("goal reachable in %s", name).isTrue();
    }
  }

  @Test
  void fourRooms_isSuttonPrecupSingh_104CellsStartTopLeftGoalBottomRight() {
    GridWorld g = GridWorld.bundled("fourrooms", Options.defaults());
    assertThat(g.height()).isEqualTo(13);
    assertThat(g.width()).isEqualTo(13);
    assertThat(g.numStates()).isEqualTo(104);
    assertThat(g.cell(1, 1)).isEqualTo('S');
    assertThat(g.cell(11, 11)).isEqualTo('G');
    assertThat(g.mdp().initialDistribution()[g.stateAt(1, 1)]).isEqualTo(1.0);
    assertThat(g.mdp().isTerminal(g.stateAt(11, 11))).isTrue();
    // the four hallways
    assertThat(g.isWall(3, 6)).isFalse();
    assertThat(g.isWall(10, 6)).isFalse();
    assertThat(g.isWall(6, 2)).isFalse();
    assertThat(g.isWall(7, 9)).isFalse();
  }

  @Test
  void cliff_isFourByTwelveWithTenLavaCells() {
    GridWorld g = GridWorld.bundled("cliff", Options.defaults());
    assertThat(g.height()).isEqualTo(4);
    assertThat(g.width()).isEqualTo(12);
    int lava = 0;
    for (double v : g.cellValues()) {
      lava += v == -1 ? 1 : 0;
    }
    assertThat(lava).isEqualTo(10);
    assertThat(g.cell(3, 0)).isEqualTo('S');
    assertThat(g.cell(3, 11)).isEqualTo('G');
  }

  @Test
  void bundled_unknownName_listsTheKnownOnes() {
    assertThatThrownBy(() -> GridWorld.bundled("nope", Options.defaults()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'nope'").hasMessageContaining("fourrooms")
        .hasMessageContaining("maze");
  }

  @Test
  void load_readsAFile_andErrorsNameIt(@TempDir Path dir) throws IOException {
    Path ok = dir.resolve("ok.txt");
    Files.writeString(ok, "S.\r\n.G\r\n\r\n");
    GridWorld g = GridWorld.load(ok, Options.defaults());
    assertThat(g.numStates()).isEqualTo(4);
    assertThat(g.sourceName()).isEqualTo(ok.toString());
    Path bad = dir.resolve("bad.txt");
    Files.writeString(bad, "S.\n.?");
    assertThatThrownBy(() -> GridWorld.load(bad, Options.defaults()))
        .isInstanceOf(MapFormatException.class)
        .hasMessageStartingWith(bad + ":2:2: ");
  }

  // ------------------------------------------------------------------ structure vs CSR

  static Object[][] randomGrids() {
    Object[][] cases = new Object[24][];
    for (int i = 0; i < cases.length; i++) {
      cases[i] = new Object[] {1000L + i};
    }
    return cases;
  }

  /**
   * For every s, a, s': P(s'|s,a) = (1 − ε)[s' = next(s,a)] + ε/A·#{b : next(s,b) = s'} on
   * random maps with walls, goals, 4 or 5 actions and random slip.
   */
  @ParameterizedTest
  @MethodSource("randomGrids")
  void nextStateStructure_equalsCsr_onRandomMaps(long seed) {
    Random rand = new Random(seed);
    int h = 1 + rand.nextInt(7);
    int w = 1 + rand.nextInt(7);
    StringBuilder map = new StringBuilder();
    String alphabet = "....##G12x";
    for (int r = 0; r < h; r++) {
      for (int c = 0; c < w; c++) {
        map.append(r == 0 && c == 0 ? 'S' : alphabet.charAt(rand.nextInt(alphabet.length())));
      }
      map.append('\n');
    }
    double slip = rand.nextInt(4) == 0 ? 0 : rand.nextDouble();
    int numActions = 4 + rand.nextInt(2);
    Options o = Options.defaults().withSlip(slip).withNumActions(numActions)
        .withGoalTerminal(rand.nextBoolean());
    GridWorld g = GridWorld.parse(map.toString(), "random" + seed, o);
    TabularMdp m = g.mdp();
    assertThat(g.slip()).isEqualTo(slip);
    assertThat(g.isUniformSlip()).isTrue();
    assertRowsStochastic(m);
    int numStates = g.numStates();
    double[] values = g.cellValues();
    for (int s = 0; s < numStates; s++) {
      if (m.isTerminal(s)) {
        continue;
      }
      for (int a = 0; a < numActions; a++) {
        double[] expected = new double[numStates];
        expected[g.nextState(a)[s]] += 1 - slip;
        for (int b = 0; b < numActions; b++) {
          expected[g.nextState(b)[s]] += slip / numActions;
        }
        double[] p = row(m, s, a);
        assertClose(expected, p, TIGHT);
        // ON_ENTER: r(s,a) = sum_s' P(s'|s,a) R(s') + stepReward
        double onEnter = 0;
        for (int t = 0; t < numStates; t++) {
          onEnter += p[t] * values[t];
        }
        assertClose(onEnter, m.reward(s, a), TIGHT);
        // next(s,a) is the neighbour cell, or s when that is a wall or outside
        int r2 = g.rowOf(s) + GridMoves.DR[a];
        int c2 = g.colOf(s) + GridMoves.DC[a];
        int t = g.isWall(r2, c2) ? s : g.stateAt(r2, c2);
        assertThat(g.nextState(a)[s]).isEqualTo(t);
      }
    }
  }

  // ------------------------------------------------------------------ the open benchmark grid

  /** n = 4, slip 0.3, 5 actions: ε/5 = 0.06, intended 0.7 + 0.06 = 0.76. */
  @Test
  void open_cornerEdgeAndInteriorRows_matchHand() {
    double[] reward = new double[16];
    for (int s = 0; s < 16; s++) {
      reward[s] = s * 0.25 - 1;
    }
    GridWorld g = GridWorld.open(4, 0.3, reward, 0.9);
    TabularMdp m = g.mdp();
    assertThat(m.numStates()).isEqualTo(16);
    assertThat(m.numActions()).isEqualTo(5);
    assertThat(m.gamma()).isEqualTo(0.9);
    assertThat(m.numTerminals()).isZero();
    // corner 0 = (0,0), action N: N, W, stay stay put; E -> 1; S -> 4
    assertClose(dense(16, 0, 0.76 + 0.12, 1, 0.06, 4, 0.06), row(m, 0, N), TIGHT);
    assertClose(dense(16, 0, 0.18, 1, 0.76, 4, 0.06), row(m, 0, E), TIGHT);
    // corner 15 = (3,3), action stay: E, S bump too
    assertClose(dense(16, 15, 0.76 + 0.12, 11, 0.06, 14, 0.06), row(m, 15, STAY), TIGHT);
    // edge 1 = (0,1), action S: N and stay stay put; E -> 2; W -> 0; S -> 5
    assertClose(dense(16, 1, 0.12, 2, 0.06, 0, 0.06, 5, 0.76), row(m, 1, S), TIGHT);
    // interior 5 = (1,1), action E: 6 with 0.76, 1, 9, 4, 5 with 0.06 each
    assertClose(dense(16, 6, 0.76, 1, 0.06, 9, 0.06, 4, 0.06, 5, 0.06), row(m, 5, E), TIGHT);
    for (int s = 0; s < 16; s++) {
      assertThat(g.stateAt(s / 4, s % 4)).isEqualTo(s);
      assertThat(m.initialDistribution()[s]).isEqualTo(1 / 16.0);
      for (int a = 0; a < 5; a++) {
        assertThat(m.reward(s, a)).isEqualTo(reward[s]);
      }
    }
    assertClose(reward, g.stateReward(), 0);
    assertRowsStochastic(m);
  }

  /** n = 512 (262,144 states): the structure alone, no CSR; corners, edges and interior. */
  @Test
  void open_large_givesStructureWithoutBuildingCsr() {
    int n = 512;
    double[] reward = GridWorld.sparseRandomReward(n, 0.01, 3);
    GridWorld g = GridWorld.open(n, 0.3, reward, 0.9);
    assertThat(g.numStates()).isEqualTo(n * n);
    assertThat(g.slip()).isEqualTo(0.3);
    int last = n * n - 1;
    assertThat(g.nextState(N)[0]).isZero();
    assertThat(g.nextState(W)[0]).isZero();
    assertThat(g.nextState(E)[0]).isEqualTo(1);
    assertThat(g.nextState(S)[0]).isEqualTo(n);
    assertThat(g.nextState(S)[last]).isEqualTo(last);
    assertThat(g.nextState(E)[last]).isEqualTo(last);
    assertThat(g.nextState(N)[last]).isEqualTo(last - n);
    int interior = 217 * n + 300;
    assertThat(g.nextState(N)[interior]).isEqualTo(interior - n);
    assertThat(g.nextState(W)[interior]).isEqualTo(interior - 1);
    assertThat(g.nextState(STAY)[interior]).isEqualTo(interior);
    assertThat(g.nextState(E)[n - 1]).isEqualTo(n - 1); // right edge
    assertClose(reward, g.stateReward(), 0);
    assertThatThrownBy(g::features).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("262144 states");
  }

  @Test
  void open_validatesItsArguments() {
    assertThatThrownBy(() -> GridWorld.open(0, 0.3, new double[0], 0.9))
        .hasMessageContaining("n must be");
    assertThatThrownBy(() -> GridWorld.open(3, 0.3, new double[8], 0.9))
        .hasMessageContaining("stateReward must have length n*n = 9, got 8");
    assertThatThrownBy(() -> GridWorld.open(3, 1.5, new double[9], 0.9))
        .hasMessageContaining("slip");
    assertThatThrownBy(() -> GridWorld.open(3, 0.3, new double[9], 1.0))
        .hasMessageContaining("gamma");
    double[] nan = new double[9];
    nan[4] = Double.NaN;
    assertThatThrownBy(() -> GridWorld.open(3, 0.3, nan, 0.9))
        .hasMessageContaining("stateReward[4]");
  }

  @Test
  void sparseRandomReward_isSeededSparseAndInRange() {
    double[] a = GridWorld.sparseRandomReward(200, 0.01, 7);
    assertThat(a).isEqualTo(GridWorld.sparseRandomReward(200, 0.01, 7));
    assertThat(a).isNotEqualTo(GridWorld.sparseRandomReward(200, 0.01, 8));
    int nonZero = 0;
    for (double v : a) {
      assertThat(v).isBetween(-1.0, 1.0);
      nonZero += v != 0 ? 1 : 0;
    }
    // 40,000 cells at density 0.01: mean 400, standard deviation about 20
    assertThat(nonZero).isBetween(300, 500);
    assertThat(GridWorld.sparseRandomReward(10, 0, 7)).containsOnly(0.0);
    assertThat(GridWorld.sparseRandomReward(10, 1, 7)).doesNotContain(0.0);
  }

  // ------------------------------------------------------------------ options

  @ParameterizedTest
  @ValueSource(strings = {"slip", "numActions", "gamma", "stepReward", "goalReward",
      "rewardTiming", "lavaReward", "legend", "legendValue"})
  void options_rejectNonsense_namingTheField(String field) {
    Options d = Options.defaults();
    assertThatThrownBy(() -> {
      switch (field) {
        case "slip" -> d.withSlip(Double.NaN);
        case "numActions" -> d.withNumActions(3);
        case "gamma" -> d.withGamma(1);
        case "stepReward" -> d.withStepReward(Double.POSITIVE_INFINITY);
        case "goalReward" -> d.withGoalReward(Double.NaN);
        case "rewardTiming" -> d.withRewardTiming(null);
        case "lavaReward" -> d.withLavaReward(Double.NEGATIVE_INFINITY);
        case "legend" -> d.withLegend(Map.of('0', 1.0));
        case "legendValue" -> d.withLegend(Map.of('3', Double.NaN));
        default -> throw new AssertionError(field);
      }
    }).isInstanceOf(IllegalArgumentException.class).hasMessage(switch (field) {
      case "slip" -> "slip must be in [0, 1], got NaN";
      case "numActions" -> "numActions must be 4 or 5, got 3";
      case "gamma" -> "gamma must be in [0, 1), got 1.0";
      case "stepReward" -> "stepReward must be finite, got Infinity";
      case "goalReward" -> "goalReward must be finite, got NaN";
      case "rewardTiming" -> "rewardTiming must not be null";
      case "lavaReward" -> "lavaReward must be finite, got -Infinity";
      case "legend" -> "legend keys must be digits '1'..'9', got '0'";
      default -> "legend value of '3' must be finite, got NaN";
    });
  }

  @Test
  void options_builderAndWith_goThroughTheSameChecks() {
    Options d = Options.defaults();
    assertThatThrownBy(() -> GridWorldOptionsBuilder.builder(d).slip(2).build())
        .hasMessage("slip must be in [0, 1], got 2.0");
    assertThatThrownBy(() -> d.with(b -> b.gamma(0.9).numActions(6)))
        .hasMessage("numActions must be 4 or 5, got 6");
    Options o = d.with(b -> b.slip(0.2).gamma(0.9).legend(null));
    assertThat(o).isEqualTo(new Options(0.2, 4, 0.9, 0, 1, true, RewardTiming.ON_ENTER, -1,
        Map.of()));
  }

  @Test
  void inStateWithTerminalPayingGoal_isRejectedAtParse_namingTheOptions() {
    Options o = Options.defaults().withRewardTiming(RewardTiming.IN_STATE);
    assertThatThrownBy(() -> GridWorld.parse("S.G", "m", o))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("IN_STATE").hasMessageContaining("goalTerminal")
        .hasMessageContaining("goalReward");
    assertThat(GridWorld.parse("S.G", "m", o.withGoalReward(0)).mdp().numTerminals()).isOne();
    assertThat(GridWorld.parse("S.1", "m", o).numStates()).isEqualTo(3);
  }

  @Test
  void options_defaults() {
    Options d = Options.defaults();
    assertThat(d.slip()).isZero();
    assertThat(d.numActions()).isEqualTo(4);
    assertThat(d.gamma()).isEqualTo(0.95);
    assertThat(d.stepReward()).isZero();
    assertThat(d.goalReward()).isEqualTo(1);
    assertThat(d.goalTerminal()).isTrue();
    assertThat(d.rewardTiming()).isEqualTo(RewardTiming.ON_ENTER);
    assertThat(d.lavaReward()).isEqualTo(-1);
    assertThat(d.legend()).isEmpty();
    assertThat(GridWorld.parse("SG", "t", d).mdp().gamma()).isEqualTo(0.95);
  }

  // ------------------------------------------------------------------ helpers

  private static boolean[] reachable(GridWorld g, double[] d0) {
    boolean[] seen = new boolean[g.numStates()];
    ArrayDeque<Integer> queue = new ArrayDeque<>();
    for (int s = 0; s < seen.length; s++) {
      if (d0[s] > 0) {
        seen[s] = true;
        queue.add(s);
      }
    }
    while (!queue.isEmpty()) {
      int s = queue.poll();
      for (int a = 0; a < g.numActions(); a++) {
        int t = g.nextState(a)[s];
        if (!seen[t]) {
          seen[t] = true;
          queue.add(t);
        }
      }
    }
    return seen;
  }
}
