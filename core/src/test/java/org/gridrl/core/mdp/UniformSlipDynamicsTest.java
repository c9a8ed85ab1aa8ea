package org.gridrl.core.mdp;

import static org.assertj.core.api.Assertions.assertThat;

import org.gridrl.core.testing.TestBase;
import org.junit.jupiter.api.Test;

/**
 * The per-MDP cache of {@link UniformSlipDynamics#detect} and the γ of the dynamics (the
 * detection itself is tested with the grid kernel in core.planning's SoftViEngineTest).
 */
class UniformSlipDynamicsTest extends TestBase {

  /** A ring of 5 states, 2 actions (forward, back), slip 0.2, state reward s. */
  private static UniformSlipDynamics ring() {
    int[][] next = new int[2][5];
    double[] reward = new double[5];
    for (int s = 0; s < 5; s++) {
      next[0][s] = (s + 1) % 5;
      next[1][s] = (s + 4) % 5;
      reward[s] = s;
    }
    return UniformSlipDynamics.of(next, 0.2, 0.9, reward, null, null, null);
  }

  @Test
  void detect_derivedMdps_shareTheMovesFoundOnce_otherMdpsFindTheirOwn() {
    TabularMdp mdp = ring().toMdp();
    UniformSlipDynamics found = UniformSlipDynamics.detect(mdp);
    assertThat(found.slip()).isCloseTo(0.2, org.assertj.core.api.Assertions.within(1e-12));
    // withRewards / withGamma / withInitialDistribution share the transitions and the moves
    TabularMdp derived = mdp.withStateRewards(new double[] {1, 0, 0, 0, 2}).withGamma(1.0)
        .withInitialDistribution(new double[] {1, 0, 0, 0, 0});
    UniformSlipDynamics again = UniformSlipDynamics.detect(derived);
    assertThat(again.nextTables()).isSameAs(found.nextTables());
    assertThat(again.stateReward()).containsExactly(1, 0, 0, 0, 2);
    assertThat(again.gamma()).isEqualTo(1.0);
    // an equal MDP built anew has its own cache (no global state)
    UniformSlipDynamics fresh = UniformSlipDynamics.detect(ring().toMdp());
    assertThat(fresh.nextTables()).isNotSameAs(found.nextTables()).isEqualTo(found.nextTables());
  }

  @Test
  void detect_notUniformSlip_isRememberedAsNull() {
    TabularMdp mdp = TabularMdp.builder(2, 2).transition(0, 0, 0, 0.5).transition(0, 0, 1, 0.5)
        .transition(0, 1, 0, 0.3).transition(0, 1, 1, 0.7).transition(1, 0, 1, 1)
        .transition(1, 1, 0, 1).build();
    assertThat(UniformSlipDynamics.detect(mdp)).isNull();
    assertThat(UniformSlipDynamics.detect(mdp.withGamma(0.5))).isNull();
  }

  @Test
  void withGamma_keepsMovesAndRewards_acceptsOne() {
    UniformSlipDynamics d = ring();
    UniformSlipDynamics undiscounted = d.withGamma(1.0);
    assertThat(undiscounted.gamma()).isEqualTo(1.0);
    assertThat(undiscounted.nextTables()).isSameAs(d.nextTables());
    assertThat(undiscounted.stateReward()).isSameAs(d.stateReward());
    assertThat(undiscounted.withGamma(0.9)).isEqualTo(d);
    assertThat(d.withGamma(0.9)).isSameAs(d);
    assertThat(undiscounted.toMdp()).isEqualTo(d.toMdp().withGamma(1.0));
  }
}
