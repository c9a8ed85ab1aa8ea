package org.gridrl.benchmarks.experiments.irl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.gridrl.core.mdp.TabularMdp;
import org.gridrl.core.mdp.TabularPolicy;
import org.gridrl.core.pg.PolicyTables;
import org.gridrl.core.planning.ValueIteration;
import org.junit.jupiter.api.Test;

/**
 * irl-adversarial-grid's plumbing on tiny budgets: the worlds are what the docs say, a seed's
 * row depends only on the seed (not on the thread it ran on), and every number is in the range
 * its definition allows. The full run's claims (GAIL and AIRL at least 0.9 on the grid, AIRL's
 * correlation above GAIL's) are the experiment's, reported in docs/results/irl-adversarial.md.
 */
class IrlAdversarialTest {

  private static final IrlAdversarialConfig TINY = IrlAdversarialConfig.quick().with(b -> b
      .numDemos(8).demoLength(10).numEnvs(2).bcEpochs(5).gclIterations(2).gclEpisodes(1)
      .adversarialIterations(3).maxEntIterations(20).threads(2).seeds(List.of(1L, 2L)));

  @Test
  void grid_isThe8x8MapWithAGoalAndLava_andItsExpertIsOptimal() {
    IrlAdversarial.World w = IrlAdversarial.world("grid", 1);
    TabularMdp mdp = w.mdp();
    assertThat(w.grid().height()).isEqualTo(8);
    assertThat(w.grid().width()).isEqualTo(8);
    assertThat(mdp.numStates()).isEqualTo(64 - 10); // 10 wall cells
    assertThat(mdp.gamma()).isEqualTo(0.9);
    double[] r = w.grid().stateReward();
    assertThat(r).contains(1.0, -1.0);
    TabularPolicy expert = ValueIteration.solve(mdp).policy();
    assertThat(PolicyTables.normalisedReturn(mdp, expert)).isCloseTo(1, within(1e-12));
    IrlAdversarial.World ow = IrlAdversarial.world("objectworld", 1);
    assertThat(ow.mdp().numStates()).isEqualTo(256);
    assertThat(ow.observationDim()).isEqualTo(256 + ow.features().numFeatures());
  }

  @Test
  void aSeedsRow_isTheSameOnOneThreadAndOnTwo_andEveryNumberIsInItsRange() throws Exception {
    Map<String, Double> alone = IrlAdversarial.runSeed(TINY, 2).row();
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Future<IrlAdversarial.SeedResult> one = pool.submit(() -> IrlAdversarial.runSeed(TINY, 1));
      Future<IrlAdversarial.SeedResult> two = pool.submit(() -> IrlAdversarial.runSeed(TINY, 2));
      one.get();
      assertThat(two.get().row()).isEqualTo(alone);
    } finally {
      pool.shutdownNow();
    }
    assertThat(alone.keySet()).containsExactlyInAnyOrderElementsOf(IrlAdversarial.columns(TINY));
    for (Map.Entry<String, Double> e : alone.entrySet()) {
      double v = e.getValue();
      if (e.getKey().contains("/return/")) { // ≤ 1: no policy beats the optimal one
        assertThat(v).as(e.getKey()).isLessThanOrEqualTo(1 + 1e-9);
      } else if (e.getKey().contains("/evd/")) { // ≥ 0 up to the solver's tolerance
        assertThat(v).as(e.getKey()).isGreaterThanOrEqualTo(-1e-6);
      } else {
        assertThat(v).as(e.getKey()).isBetween(-1.0, 1.0);
      }
    }
  }

  @Test
  void config_refusesUnknownWorldsAndMethods() {
    assertThatThrownBy(() -> IrlAdversarialConfig.defaults().withWorlds(List.of("moon")))
        .hasMessage("unknown worlds entry 'moon', expected one of [grid, objectworld]");
    assertThatThrownBy(() -> IrlAdversarialConfig.defaults().withMethods(List.of("gail",
        "gail"))).hasMessage("methods lists an entry twice: [gail, gail]");
  }
}
