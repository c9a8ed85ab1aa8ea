package org.gridrl.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.gridrl.benchmarks.examples.PpoExample;
import org.gridrl.core.mdp.TabularMdp;
import org.gridrl.core.mdp.TabularPolicy;
import org.gridrl.core.planning.PolicyEvaluation;
import org.gridrl.core.planning.ValueIteration;
import org.gridrl.envs.tabular.GridWorld;
import org.junit.jupiter.api.Test;

/**
 * The README's policy-gradient example ({@link PpoExample}, shown verbatim there, see
 * {@link LibraryExampleTest}): 40 seeded PPO iterations on FourRooms (slip 0.1, step −1, goal
 * 100) lift the exact value of the start from the uniform policy's −19.98 to 15.53, 88% of the
 * way to value iteration's optimum 20.33.
 */
class PpoExampleTest {

  @Test
  void ppoExample_beatsTheUniformPolicy_byMostOfTheWayToTheOptimum() {
    List<String> out = LibraryExampleTest.stdoutOf(() -> PpoExample.main(new String[0]))
        .lines().toList();

    GridWorld world = GridWorld.bundled("fourrooms",
        GridWorld.Options.forSoftPlanning().withSlip(0.1));
    TabularMdp mdp = world.mdp();
    int start = world.stateAt(1, 1);
    double vUniform = PolicyEvaluation.evaluate(mdp,
        TabularPolicy.uniform(mdp.numStates(), mdp.numActions()))[start];
    double vStar = ValueIteration.solve(mdp).v()[start];

    assertThat(out).hasSize(2);
    // 40 iterations of 8 environments x 128 steps (PpoConfig's stepsPerEnv)
    assertThat(out.get(0)).startsWith("40960 steps, return of the last episodes: ");
    String prefix = "V(start): PPO ";
    String suffix = ", uniform random policy " + vUniform;
    assertThat(out.get(1)).startsWith(prefix).endsWith(suffix);
    double vPpo = Double.parseDouble(out.get(1).substring(prefix.length(),
        out.get(1).length() - suffix.length()));

    assertThat(vUniform).isCloseTo(-19.978, within(1e-3));
    assertThat(vStar).isCloseTo(20.331, within(1e-3));
    // seeded golden outcome (one thread, seed 1), and the score it gives
    assertThat(vPpo).isCloseTo(15.52701996172022, within(1e-9));
    assertThat((vPpo - vUniform) / (vStar - vUniform)).isGreaterThan(0.85);
  }
}
