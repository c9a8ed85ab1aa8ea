package org.gridrl.envs.tabular;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.stream.LongStream;
import org.gridrl.core.mdp.StateFeatures;
import org.gridrl.core.mdp.TabularMdp;
import org.gridrl.core.util.Rng;
import org.gridrl.envs.tabular.BinaryWorld.Config;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class BinaryWorldTest {

  static LongStream seeds() {
    return LongStream.range(200, 216);
  }

  /** Brute force from the documented colouring: the 3×3 counts and the ±1/0 features. */
  @ParameterizedTest
  @MethodSource("seeds")
  void rewardsAndFeatures_matchBruteForce(long seed) {
    int n = 6 + (int) (seed % 5);
    BinaryWorld world = new BinaryWorld(Config.defaults(seed)
        .with(b -> b.size(n).rewardFour(3).rewardFive(-7)));
    Rng rng = new Rng(seed);
    boolean[][] blue = new boolean[n][n];
    for (int r = 0; r < n; r++) {
      for (int c = 0; c < n; c++) {
        blue[r][c] = rng.nextDouble() < 0.5;
        assertThat(world.isBlue(r, c)).isEqualTo(blue[r][c]);
      }
    }
    StateFeatures phi = world.features();
    double[] reward = world.stateReward();
    for (int r = 0; r < n; r++) {
      for (int c = 0; c < n; c++) {
        int s = r * n + c;
        int count = 0;
        double[] expected = new double[9];
        for (int k = 0; k < 9; k++) {
          int rr = r + k / 3 - 1;
          int cc = c + k % 3 - 1;
          boolean inside = rr >= 0 && rr < n && cc >= 0 && cc < n;
          expected[k] = !inside ? 0 : blue[rr][cc] ? 1 : -1;
          count += inside && blue[rr][cc] ? 1 : 0;
        }
        assertThat(phi.row(s)).containsExactly(expected);
        double r0 = count == 4 ? 3 : count == 5 ? -7 : 0;
        assertThat(reward[s]).as("reward at (%d,%d), %d blue", r, c, count).isEqualTo(r0);
        assertThat(world.mdp().reward(s, 2)).isEqualTo(r0);
      }
    }
  }

  /** All blue: corners see 4 blue (+1), edges 6, the interior 9 (both 0). */
  @Test
  void allBlue_cornersPayFour_othersZero() {
    BinaryWorld world = new BinaryWorld(Config.defaults(1).withSize(4).withBlueProbability(1));
    double[] expected = {1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 1};
    assertThat(world.stateReward()).containsExactly(expected);
    // corner (0,0): nw n ne w sw outside; c e s se blue
    assertThat(world.features().row(0)).containsExactly(0, 0, 0, 0, 1, 1, 0, 1, 1);
    assertThat(world.features().names()).containsExactly("nw", "n", "ne", "w", "c", "e", "sw",
        "s", "se");
  }

  /** All red: every inside neighbour −1, outside 0, no cell sees 4 or 5 blue. */
  @Test
  void allRed_featuresMinusOneInsideZeroOutside_rewardZero() {
    BinaryWorld world = new BinaryWorld(Config.defaults(1).withSize(3).withBlueProbability(0));
    assertThat(world.stateReward()).containsOnly(0.0);
    assertThat(world.features().row(4)).containsOnly(-1.0);
    assertThat(world.features().row(8)).containsExactly(-1, -1, 0, -1, -1, 0, 0, 0, 0);
  }

  @Test
  void dynamics_equalObjectWorlds() {
    TabularMdp binary = new BinaryWorld(Config.defaults(5).withSize(7)).mdp();
    TabularMdp object = new ObjectWorld(ObjectWorld.Config.defaults(5).withSize(7)).mdp();
    assertThat(binary.rowStart()).isEqualTo(object.rowStart());
    assertThat(binary.successors()).isEqualTo(object.successors());
    assertThat(binary.probabilities()).isEqualTo(object.probabilities());
    assertThat(binary.gamma()).isEqualTo(0.9);
    assertThat(binary.numActions()).isEqualTo(5);
    assertThat(binary.initialDistribution()).containsOnly(1 / 49.0);
    BinaryWorld w = new BinaryWorld(Config.defaults(5).withSize(7));
    assertThat(w.slip()).isEqualTo(0.375, within(1e-12));
    assertThat(w.nextState(1)[6]).isEqualTo(6);
    assertThat(w.nextState(1)[5]).isEqualTo(6);
  }

  @Test
  void seed_sameSeedSameWorld_otherSeedDifferentWorld() {
    BinaryWorld a = new BinaryWorld(Config.defaults(9));
    BinaryWorld b = new BinaryWorld(Config.defaults(9));
    BinaryWorld c = new BinaryWorld(Config.defaults(9).withSeed(10));
    assertThat(b.features()).isEqualTo(a.features());
    assertThat(b.mdp()).isEqualTo(a.mdp());
    assertThat(c.features()).isNotEqualTo(a.features());
    assertThat(a.numStates()).isEqualTo(1024);
  }

  @ParameterizedTest
  @ValueSource(strings = {"size", "blueProbability", "determinism", "gamma", "rewardFour",
      "rewardFive"})
  void config_rejectsNonsense_namingTheField(String field) {
    Config d = Config.defaults(0);
    assertThatThrownBy(() -> {
      switch (field) {
        case "size" -> d.withSize(0);
        case "blueProbability" -> d.withBlueProbability(-0.5);
        case "determinism" -> d.withDeterminism(Double.NaN);
        case "gamma" -> d.withGamma(1);
        case "rewardFour" -> d.withRewardFour(Double.NaN);
        default -> d.withRewardFive(Double.NEGATIVE_INFINITY);
      }
    }).isInstanceOf(IllegalArgumentException.class).hasMessage(switch (field) {
      case "size" -> "size must be >= 1 with 5*size^2 < 2^31, got 0";
      case "blueProbability" -> "blueProbability must be in [0, 1], got -0.5";
      case "determinism" -> "determinism must be in [0, 1], got NaN";
      case "gamma" -> "gamma must be in [0, 1), got 1.0";
      case "rewardFour" -> "rewardFour must be finite, got NaN";
      default -> "rewardFive must be finite, got -Infinity";
    });
  }

  @Test
  void config_builderAndWith_goThroughTheSameChecks() {
    Config d = Config.defaults(0);
    assertThatThrownBy(() -> BinaryWorldConfigBuilder.builder(d).blueProbability(2).build())
        .hasMessage("blueProbability must be in [0, 1], got 2.0");
    assertThatThrownBy(() -> d.with(b -> b.rewardFour(1).rewardFive(Double.NaN)))
        .hasMessage("rewardFive must be finite, got NaN");
    assertThat(d.with(b -> b.rewardFour(3).rewardFive(-7)))
        .isEqualTo(new Config(32, 0.5, 0.7, 0.9, 3, -7, 0));
  }
}
