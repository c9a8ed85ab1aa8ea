package org.gridrl.core.mdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.gridrl.core.testing.TestBase;
import org.junit.jupiter.api.Test;

class TabularMdpTest extends TestBase {

  @Test
  void build_repeatedTransitionsAddUp_andRowsAreSorted() {
    TabularMdp m = TabularMdp.builder(3, 1).gamma(0.5)
        .transition(0, 0, 2, 0.25).transition(0, 0, 1, 0.5).transition(0, 0, 2, 0.25)
        .transition(1, 0, 1, 1).transition(2, 0, 0, 1).build();
    assertThat(m.transitionProbability(0, 0, 2)).isEqualTo(0.5);
    assertThat(m.transitionProbability(0, 0, 1)).isEqualTo(0.5);
    assertThat(m.transitionProbability(0, 0, 0)).isEqualTo(0.0);
    assertThat(m.successors()).containsExactly(1, 2, 1, 0);
    assertThat(m.rowStart()).containsExactly(0, 2, 3, 4);
    assertThat(m.initialDistribution()).containsExactly(1.0 / 3, 1.0 / 3, 1.0 / 3);
  }

  @Test
  void build_rowNotSummingToOne_namesStateAndAction() {
    assertThatThrownBy(() -> TabularMdp.builder(2, 2).transition(0, 0, 1, 1)
        .transition(0, 1, 1, 0.4).transition(1, 0, 0, 1).transition(1, 1, 0, 1).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("state 0 action 1").hasMessageContaining("0.4");
  }

  @Test
  void build_terminalRowMayBeEmpty() {
    TabularMdp m = TabularMdp.builder(2, 1).transition(0, 0, 1, 1).terminal(1).build();
    assertThat(m.isTerminal(1)).isTrue();
    assertThat(m.numTerminals()).isEqualTo(1);
  }

  @Test
  void builder_rejectsBadValues() {
    assertThatThrownBy(() -> TabularMdp.builder(2, 1).gamma(1.5))
        .hasMessageContaining("gamma must be in [0, 1], got 1.5");
    assertThatThrownBy(() -> TabularMdp.builder(2, 1).gamma(Double.NaN))
        .hasMessageContaining("gamma must be in [0, 1], got NaN");
    assertThatThrownBy(() -> TabularMdp.builder(2, 1).transition(0, 0, 2, 1))
        .hasMessageContaining("next state 2 out of range [0, 2)");
    assertThatThrownBy(() -> TabularMdp.builder(2, 1).transition(0, 0, 1, -0.1))
        .hasMessageContaining("-0.1");
    assertThatThrownBy(() -> TabularMdp.builder(2, 1).reward(0, 0, Double.NaN))
        .hasMessageContaining("not finite");
    assertThatThrownBy(() -> TabularMdp.builder(2, 1).initialDistribution(new double[] {0.5, 0.6}))
        .hasMessageContaining("sums to 1.1");
  }

  @Test
  void withStateRewards_liftsToEveryAction() {
    TabularMdp m = TabularMdp.builder(2, 2).transition(0, 0, 0, 1).transition(0, 1, 1, 1)
        .transition(1, 0, 1, 1).transition(1, 1, 0, 1).build()
        .withStateRewards(new double[] {3, -1});
    assertThat(m.rewards()).containsExactly(3, 3, -1, -1);
  }

  @Test
  void gammaOne_isAnUndiscountedMdp() {
    TabularMdp m = TabularMdp.builder(2, 1).gamma(1.0).transition(0, 0, 1, 1)
        .transition(1, 0, 1, 1).build();
    assertThat(m.gamma()).isEqualTo(1.0);
    assertThat(m.withGamma(0.5).withGamma(1.0)).isEqualTo(m);
    assertThatThrownBy(() -> m.withGamma(1.01)).hasMessageContaining("gamma must be in [0, 1]");
  }
}
