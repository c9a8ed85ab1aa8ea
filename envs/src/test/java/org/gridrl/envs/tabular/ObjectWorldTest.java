package org.gridrl.envs.tabular;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.gridrl.envs.testing.EnvAsserts.TIGHT;
import static org.gridrl.envs.testing.EnvAsserts.assertClose;
import static org.gridrl.envs.testing.EnvAsserts.assertRowsStochastic;
import static org.gridrl.envs.testing.EnvAsserts.dense;
import static org.gridrl.envs.testing.EnvAsserts.row;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.gridrl.core.mdp.StateFeatures;
import org.gridrl.core.mdp.TabularMdp;
import org.gridrl.core.util.Rng;
import org.gridrl.envs.tabular.ObjectWorld.Config;
import org.gridrl.envs.tabular.ObjectWorld.WorldObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ObjectWorldTest {

  static Stream<Arguments> smallWorlds() {
    List<Arguments> cases = new ArrayList<>();
    int[] sizes = {6, 7, 8, 10};
    for (int i = 0; i < 16; i++) {
      // dense objects so that small worlds hold every colour, some with 3 colours
      cases.add(Arguments.of(sizes[i % 4], 2 + i % 3 / 2, 0.05 + 0.1 * (i % 3), 50L + i));
    }
    return cases.stream();
  }

  /**
   * Brute force: for every cell and every cell that holds an object, the squared distance
   * between centres; nearest per colour; reward by the rule, features by their definition.
   */
  @ParameterizedTest
  @MethodSource("smallWorlds")
  void rewardsAndFeatures_matchBruteForce(int n, int numColours, double p, long seed) {
    Config config = Config.defaults(seed).with(b -> b.size(n).numColours(numColours)
        .objectProbability(p).rewardBoth(2).rewardFirstOnly(-3).rewardNeither(0.5));
    ObjectWorld world = new ObjectWorld(config);
    int[][] inner = new int[n][n];
    int[][] outer = new int[n][n];
    for (int[] r : inner) {
      Arrays.fill(r, -1);
    }
    for (WorldObject o : world.objects()) {
      inner[o.row()][o.col()] = o.innerColour();
      outer[o.row()][o.col()] = o.outerColour();
    }
    StateFeatures cont = world.continuousFeatures();
    StateFeatures disc = world.discreteFeatures();
    assertThat(cont.numFeatures()).isEqualTo(2 * numColours);
    assertThat(disc.numFeatures()).isEqualTo(2 * numColours * (n - 1));
    double[] reward = world.stateReward();
    for (int r = 0; r < n; r++) {
      for (int c = 0; c < n; c++) {
        double[] nearest = new double[2 * numColours];
        Arrays.fill(nearest, Math.sqrt(2) * n);
        for (int r2 = 0; r2 < n; r2++) {
          for (int c2 = 0; c2 < n; c2++) {
            if (inner[r2][c2] < 0) {
              continue;
            }
            double d = Math.hypot(r - r2, c - c2);
            nearest[inner[r2][c2]] = Math.min(nearest[inner[r2][c2]], d);
            nearest[numColours + outer[r2][c2]] = Math.min(nearest[numColours + outer[r2][c2]], d);
          }
        }
        int s = r * n + c;
        assertClose(nearest, cont.row(s), TIGHT);
        for (int j = 0; j < 2 * numColours; j++) {
          for (int d = 1; d < n; d++) {
            assertThat(disc.get(s, j * (n - 1) + d - 1)).isEqualTo(nearest[j] < d ? 1.0 : 0.0);
          }
        }
        double d0 = nearest[numColours];
        double d1 = nearest[numColours + 1];
        double expected = d0 < 3 && d1 < 2 ? 2 : d0 < 3 ? -3 : 0.5;
        assertThat(reward[s]).as("reward at (%d,%d)", r, c).isEqualTo(expected);
        for (int a = 0; a < 5; a++) {
          assertThat(world.mdp().reward(s, a)).isEqualTo(expected);
        }
      }
    }
    assertThat(world.features()).isEqualTo(cont);
  }

  /** The documented generation: row-major cells, u < p, then inner, then outer colour. */
  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 99})
  void objects_followTheDocumentedDraws(long seed) {
    Config config = Config.defaults(seed).withSize(12).withObjectProbability(0.2);
    Rng rng = new Rng(seed);
    List<WorldObject> expected = new ArrayList<>();
    for (int r = 0; r < 12; r++) {
      for (int c = 0; c < 12; c++) {
        if (rng.nextDouble() < 0.2) {
          int in = rng.nextInt(2);
          expected.add(new WorldObject(r, c, in, rng.nextInt(2)));
        }
      }
    }
    assertThat(new ObjectWorld(config).objects()).isEqualTo(expected);
  }

  @Test
  void objectDensity_isAboutP() {
    int count = 0;
    for (long seed = 0; seed < 10; seed++) {
      count += new ObjectWorld(Config.defaults(seed)).objects().size();
    }
    // 10 worlds x 1024 cells x 0.05 = 512, standard deviation about 22
    assertThat(count).isBetween(430, 600);
  }

  /** N = 5: intended move 0.7, each other action's move 0.075, border bumps stay put. */
  @Test
  void transitions_followThe07And0075Pattern_withBorderAccumulation() {
    ObjectWorld world = new ObjectWorld(Config.defaults(4).withSize(5));
    TabularMdp m = world.mdp();
    assertThat(m.numActions()).isEqualTo(5);
    assertThat(m.gamma()).isEqualTo(0.9);
    assertThat(m.numTerminals()).isZero();
    // corner 0: N, W, stay all stay put
    assertClose(dense(25, 0, 0.7 + 0.15, 1, 0.075, 5, 0.075), row(m, 0, 0), TIGHT);
    assertClose(dense(25, 0, 0.225, 1, 0.7, 5, 0.075), row(m, 0, 1), TIGHT);
    assertClose(dense(25, 0, 0.7 + 0.15, 1, 0.075, 5, 0.075), row(m, 0, 4), TIGHT);
    // edge 2 = (0,2), action S: N and stay put
    assertClose(dense(25, 2, 0.15, 3, 0.075, 1, 0.075, 7, 0.7), row(m, 2, 2), TIGHT);
    // interior 12 = (2,2), action W
    assertClose(dense(25, 11, 0.7, 7, 0.075, 13, 0.075, 17, 0.075, 12, 0.075), row(m, 12, 3),
        TIGHT);
    assertRowsStochastic(m);
    for (int s = 0; s < 25; s++) {
      assertThat(m.initialDistribution()[s]).isEqualTo(1 / 25.0);
    }
    // the same kernel as a uniform slip of 5 * 0.3 / 4 = 0.375
    assertThat(world.isUniformSlip()).isTrue();
    assertClose(0.375, world.slip(), TIGHT);
    for (int s = 0; s < 25; s++) {
      for (int a = 0; a < 5; a++) {
        double[] expected = new double[25];
        expected[world.nextState(a)[s]] += 1 - world.slip();
        for (int b = 0; b < 5; b++) {
          expected[world.nextState(b)[s]] += world.slip() / 5;
        }
        assertClose(expected, row(m, s, a), TIGHT);
      }
    }
  }

  @Test
  void lowDeterminism_isNotAUniformSlip() {
    ObjectWorld world = new ObjectWorld(Config.defaults(1).withSize(4).withDeterminism(0.1));
    assertThat(world.isUniformSlip()).isFalse();
    assertThatThrownBy(world::slip).isInstanceOf(IllegalStateException.class);
    assertClose(dense(16, 5, 0.1, 1, 0.225, 6, 0.225, 9, 0.225, 4, 0.225),
        row(world.mdp(), 5, 4), TIGHT);
  }

  @Test
  void noObjects_featuresAreSqrt2N_andRewardIsNeither() {
    ObjectWorld world = new ObjectWorld(Config.defaults(1).withSize(6).withObjectProbability(0));
    assertThat(world.objects()).isEmpty();
    assertThat(world.continuousFeatures().data()).containsOnly(Math.sqrt(2) * 6);
    assertThat(world.discreteFeatures().data()).containsOnly(0.0);
    assertThat(world.stateReward()).containsOnly(0.0);
  }

  @Test
  void seed_sameSeedSameWorld_otherSeedDifferentWorld() {
    ObjectWorld a = new ObjectWorld(Config.defaults(11));
    ObjectWorld b = new ObjectWorld(Config.defaults(11));
    ObjectWorld transfer = new ObjectWorld(Config.defaults(11).withSeed(12));
    assertThat(b.objects()).isEqualTo(a.objects());
    assertThat(b.mdp()).isEqualTo(a.mdp());
    assertThat(b.continuousFeatures()).isEqualTo(a.continuousFeatures());
    assertThat(b.discreteFeatures()).isEqualTo(a.discreteFeatures());
    assertThat(transfer.objects()).isNotEqualTo(a.objects());
    assertThat(transfer.continuousFeatures()).isNotEqualTo(a.continuousFeatures());
    assertThat(transfer.config().size()).isEqualTo(32);
  }

  @Test
  void toolkitScale_paysPlus5Minus10AndZero() {
    Config c = Config.toolkitScale(3);
    assertThat(c.rewardBoth()).isEqualTo(5);
    assertThat(c.rewardFirstOnly()).isEqualTo(-10);
    assertThat(c.rewardNeither()).isZero();
    double[] plain = new ObjectWorld(Config.defaults(3)).stateReward();
    double[] scaled = new ObjectWorld(c).stateReward();
    for (int s = 0; s < plain.length; s++) {
      assertThat(scaled[s]).isEqualTo(plain[s] == 1 ? 5 : plain[s] == -1 ? -10 : 0);
    }
  }

  @Test
  void defaults_areTheToolkitWorld() {
    Config c = Config.defaults(0);
    assertThat(c.size()).isEqualTo(32);
    assertThat(c.numColours()).isEqualTo(2);
    assertThat(c.objectProbability()).isEqualTo(0.05);
    assertThat(c.determinism()).isEqualTo(0.7);
    assertThat(c.gamma()).isEqualTo(0.9);
    ObjectWorld w = new ObjectWorld(c);
    assertThat(w.numStates()).isEqualTo(1024);
    assertThat(w.features().names()).containsExactly("inner0", "inner1", "outer0", "outer1");
    assertThat(w.discreteFeatures().names().get(31)).isEqualTo("inner1<1");
  }

  @ParameterizedTest
  @ValueSource(strings = {"size", "numColours", "objectProbability", "determinism", "gamma",
      "rewardBoth", "rewardFirstOnly", "rewardNeither"})
  void config_rejectsNonsense_namingTheField(String field) {
    Config d = Config.defaults(0);
    assertThatThrownBy(() -> {
      switch (field) {
        case "size" -> d.withSize(1);
        case "numColours" -> d.withNumColours(1);
        case "objectProbability" -> d.withObjectProbability(Double.NaN);
        case "determinism" -> d.withDeterminism(1.1);
        case "gamma" -> d.withGamma(-0.1);
        case "rewardBoth" -> d.withRewardBoth(Double.NaN);
        case "rewardFirstOnly" -> d.withRewardFirstOnly(Double.POSITIVE_INFINITY);
        default -> d.withRewardNeither(Double.NaN);
      }
    }).isInstanceOf(IllegalArgumentException.class).hasMessage(switch (field) {
      case "size" -> "size must be >= 2 with 5*size^2 < 2^31, got 1";
      case "numColours" -> "numColours must be >= 2, got 1";
      case "objectProbability" -> "objectProbability must be in [0, 1], got NaN";
      case "determinism" -> "determinism must be in [0, 1], got 1.1";
      case "gamma" -> "gamma must be in [0, 1), got -0.1";
      case "rewardBoth" -> "rewardBoth must be finite, got NaN";
      case "rewardFirstOnly" -> "rewardFirstOnly must be finite, got Infinity";
      default -> "rewardNeither must be finite, got NaN";
    });
  }

  @Test
  void config_builderAndWith_goThroughTheSameChecks() {
    Config d = Config.defaults(0);
    assertThatThrownBy(() -> ObjectWorldConfigBuilder.builder(d).size(70_000).build())
        .hasMessage("size must be >= 2 with 5*size^2 < 2^31, got 70000");
    assertThatThrownBy(() -> d.with(b -> b.rewardBoth(1).determinism(-1)))
        .hasMessage("determinism must be in [0, 1], got -1.0");
    Config c = d.with(b -> b.size(5).seed(9));
    assertThat(c).isEqualTo(new Config(5, 2, 0.05, 0.7, 0.9, 1, -1, 0, 9));
  }
}
