package org.gridrl.benchmarks.experiments.irl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The toolkit-scale ObjectWorld is the same world as the default one with rewards +5/−10/0. */
class WorldsTest {

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 7})
  void toolkitWorld_sameObjects_rewardsScaledAsTheToolkit(long seed) {
    Worlds.World unit = Worlds.draw(IrlSweepConfig.defaults("objectworld"), seed);
    Worlds.World toolkit = Worlds.draw(IrlSweepConfig.defaults("objectworld-toolkit"), seed);
    assertThat(toolkit.size()).isEqualTo(32);
    assertThat(toolkit.features("continuous")).isEqualTo(unit.features("continuous"));
    int both = 0;
    int firstOnly = 0;
    for (int s = 0; s < unit.trueReward().length; s++) {
      double u = unit.trueReward()[s];
      double expected = u == 1 ? 5 : u == -1 ? -10 : 0;
      assertThat(u).isIn(1.0, -1.0, 0.0);
      assertThat(toolkit.trueReward()[s]).as("state %d", s).isEqualTo(expected);
      both += u == 1 ? 1 : 0;
      firstOnly += u == -1 ? 1 : 0;
    }
    assertThat(both).isPositive();
    assertThat(firstOnly).isPositive();
  }

  @ParameterizedTest
  @ValueSource(strings = {"objectworld", "objectworld-toolkit", "binaryworld"})
  void defaults_featureSetsOfEachWorld(String world) {
    List<String> expected = switch (world) {
      case "objectworld" -> List.of("continuous", "discrete");
      case "objectworld-toolkit" -> List.of("continuous");
      default -> List.of("binary");
    };
    assertThat(IrlSweepConfig.defaults(world).featureSets()).isEqualTo(expected);
  }

  @org.junit.jupiter.api.Test
  void unknownWorld_messageListsTheWorlds() {
    assertThatThrownBy(() -> IrlSweepConfig.defaults("objectwrld"))
        .hasMessage("world must be one of [objectworld, objectworld-toolkit, binaryworld], got"
            + " objectwrld");
  }
}
