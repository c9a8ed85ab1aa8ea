package org.gridrl.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.gridrl.benchmarks.examples.IrlExample;
import org.gridrl.core.mdp.TabularMdp;
import org.gridrl.core.mdp.TabularPolicy;
import org.gridrl.envs.tabular.GridWorld;
import org.gridrl.irl.metrics.IrlMetrics;
import org.junit.jupiter.api.Test;

/**
 * The README's IRL example ({@link IrlExample}, shown verbatim there, see
 * {@link LibraryExampleTest}): MaxEnt IRL from 100 seeded demonstrations converges and its
 * learned reward loses less than 1% of what the uniform random policy loses (EVD, computed by
 * the library on the true MDP).
 */
class IrlExampleTest {

  @Test
  void irlExample_converges_andEvdIsBelowOnePercentOfTheUniformPolicys() {
    List<String> out = LibraryExampleTest.stdoutOf(() -> IrlExample.main(new String[0]))
        .lines().toList();

    GridWorld world = GridWorld.bundled("open5", GridWorld.Options.defaults().withSlip(0.3)
        .withGamma(0.9).withGoalTerminal(false)
        .withRewardTiming(GridWorld.RewardTiming.IN_STATE));
    TabularMdp mdp = world.mdp();
    double evdUniform = IrlMetrics.expectedValueDifference(mdp,
        TabularPolicy.uniform(mdp.numStates(), mdp.numActions()));
    assertThat(out).hasSize(2);
    // seeded golden outcome: Adam from w = 0 reaches |grad| < 1e-6 after 1219 steps
    assertThat(out.get(0)).isEqualTo("1219 iterations, converged: true");
    String prefix = "EVD = ";
    String suffix = " (uniform random policy: " + evdUniform + ")";
    assertThat(out.get(1)).startsWith(prefix).endsWith(suffix);
    double evd = Double.parseDouble(out.get(1).substring(prefix.length(),
        out.get(1).length() - suffix.length()));
    assertThat(evdUniform).isGreaterThan(2.6);
    assertThat(evd).isBetween(0.0, 0.01 * evdUniform);
  }
}
