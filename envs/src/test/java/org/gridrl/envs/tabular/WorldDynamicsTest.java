package org.gridrl.envs.tabular;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gridrl.envs.testing.EnvAsserts.assertClose;

import java.util.stream.Stream;
import org.gridrl.core.mdp.TabularMdp;
import org.gridrl.core.mdp.UniformSlipDynamics;
import org.gridrl.core.planning.SoftValueIteration;
import org.gridrl.core.planning.SoftViConfig;
import org.gridrl.core.planning.SoftViKernel;
import org.gridrl.core.planning.SoftViMethod;
import org.gridrl.core.planning.Solution;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The worlds' {@code dynamics()} against their CSR MDPs: the structure detected in the MDP is
 * the structure handed over, and the grid kernel solves to the CSR kernel's values (maps with
 * walls, terminal goals and ON_ENTER rewards; ObjectWorld; BinaryWorld).
 */
class WorldDynamicsTest {

  static Stream<Arguments> cases() {
    GridWorld.Options o = GridWorld.Options.defaults();
    return Stream.of(
        grid("fourrooms", GridWorld.bundled("fourrooms", o)),
        grid("maze in-state slip 0.2", GridWorld.bundled("maze",
            o.withRewardTiming(GridWorld.RewardTiming.IN_STATE).withGoalTerminal(false)
            .withSlip(0.2))),
        grid("cliff 4 actions slip 0.1", GridWorld.bundled("cliff",
            o.withNumActions(4).withSlip(0.1))),
        grid("open5 no slip", GridWorld.bundled("open5", o.withSlip(0))),
        grid("open 9 slip 0.3", GridWorld.open(9, 0.3, GridWorld.sparseRandomReward(9, 0.2, 3),
            0.9)),
        Arguments.of("objectworld", objectWorld().dynamics(), objectWorld().mdp()),
        Arguments.of("binaryworld", binaryWorld().dynamics(), binaryWorld().mdp()));
  }

  private static Arguments grid(String name, GridWorld w) {
    return Arguments.of(name, w.dynamics(), w.mdp());
  }

  private static ObjectWorld objectWorld() {
    return new ObjectWorld(ObjectWorld.Config.defaults(7).withSize(10));
  }

  private static BinaryWorld binaryWorld() {
    return new BinaryWorld(BinaryWorld.Config.defaults(7).withSize(8));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void detect_mdpOfWorld_givesTheWorldsDynamics(String name, UniformSlipDynamics d,
      TabularMdp mdp) {
    UniformSlipDynamics found = UniformSlipDynamics.detect(mdp);
    assertThat(found).as(name).isNotNull();
    assertClose(d.slip(), found.slip(), 1e-12);
    for (int a = 0; a < d.numActions(); a++) {
      for (int s = 0; s < d.numStates(); s++) {
        if (!mdp.isTerminal(s)) {
          assertThat(found.next(a)[s]).as("next(%d,%d)", s, a).isEqualTo(d.next(a)[s]);
        }
      }
    }
    assertThat(found.stateReward() != null).isEqualTo(d.stateReward() != null);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void gridKernel_everyThreadCountAndMethod_matchesCsr(String name, UniformSlipDynamics d,
      TabularMdp mdp) {
    SoftViConfig csr = SoftViConfig.defaults().withKernel(SoftViKernel.CSR).withTolerance(1e-12);
    Solution expected = SoftValueIteration.solve(mdp, csr);
    for (int threads : new int[] {1, 2, 3}) {
      try (SoftValueIteration.Parallel solver = SoftValueIteration.onThreads(threads, 16)) {
        for (SoftViMethod method : SoftViMethod.values()) {
          SoftViConfig c = SoftViConfig.defaults().withMethod(method).withTolerance(1e-12);
          Solution fromDynamics = solver.solve(d, c, null);
          Solution auto = solver.solve(mdp, c);
          assertClose(expected.v(), fromDynamics.v(), 1e-9);
          assertClose(expected.v(), auto.v(), 1e-9);
          assertClose(expected.q(), fromDynamics.q(), 1e-9);
        }
      }
    }
  }
}
