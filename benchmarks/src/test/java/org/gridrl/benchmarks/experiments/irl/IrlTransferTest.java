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
import org.gridrl.core.planning.PolicyEvaluation;
import org.gridrl.core.planning.Solution;
import org.gridrl.core.planning.ValueIteration;
import org.gridrl.envs.continuous.PointMaze;
import org.junit.jupiter.api.Test;

/**
 * irl-transfer's pieces: the changed grid blocks the old expert's path (its value drops), the
 * true reward re-optimised the experiment's way is optimal in the changed grid, the maze expert
 * goes through the gap of either layout, and a seed's row depends only on the seed (not on the
 * thread it ran on). The learned rewards' numbers are the experiment's, reported in
 * docs/results/irl-transfer.md.
 */
class IrlTransferTest {

  /** Every budget at its smallest, both parts: seconds, not minutes. */
  private static final IrlTransferConfig TINY = IrlTransferConfig.quick().with(b -> b
      .numDemos(4).demoLength(8).numEnvs(2).policyHidden(List.of(8)).gclIterations(2)
      .gclEpisodes(1).adversarialIterations(2).maxEntIterations(5).mazeDemoEpisodes(1)
      .mazeStepsPerEnv(16).mazeHidden(List.of(8)).mazeIrlIterations(2).mazeGclIterations(2)
      .mazeTransferIterations(2).threads(2).seeds(List.of(1L, 2L)));

  @Test
  void grids_moveTheBarriersGapFromLeftToRight() {
    IrlTransfer.Grid train = IrlTransfer.grid(false);
    IrlTransfer.Grid changed = IrlTransfer.grid(true);
    assertThat(train.world().isWall(3, 0)).isFalse();
    assertThat(train.world().isWall(3, 7)).isTrue();
    assertThat(changed.world().isWall(3, 0)).isTrue();
    assertThat(changed.world().isWall(3, 7)).isFalse();
    for (int c = 1; c < 7; c++) {
      assertThat(train.world().isWall(3, c)).isTrue();
      assertThat(changed.world().isWall(3, c)).isTrue();
    }
    // r(s) = −(|row − 0| + |col − 3|) / 7, paid in every state, both worlds
    int goal = changed.world().stateAt(0, 3);
    int corner = changed.world().stateAt(7, 0);
    assertThat(changed.mdp().rewards()[goal * 4]).isEqualTo(0.0);
    assertThat(changed.mdp().rewards()[corner * 4 + 2]).isEqualTo(-10 / 7.0);
    assertThat(train.mdp().gamma()).isEqualTo(0.95);
  }

  @Test
  void oldExpertPath_losesItsValueInTheChangedGrid() {
    IrlTransfer.Grid train = IrlTransfer.grid(false);
    IrlTransfer.Grid changed = IrlTransfer.grid(true);
    TabularPolicy expert = ValueIteration.solve(train.mdp()).policy();
    // the old expert's path from below the barrier runs through the old gap (3, 0)
    int s = train.world().stateAt(7, 3);
    boolean throughOldGap = false;
    for (int t = 0; t < 20; t++) {
      throughOldGap |= s == train.world().stateAt(3, 0);
      s = train.world().nextState(expert.greedyAction(s))[s];
    }
    assertThat(throughOldGap).isTrue();
    assertThat(s).isEqualTo(train.world().stateAt(0, 3));
    // run cell by cell in the changed grid it no longer reaches the goal from below: the value
    // of the start below the barrier drops from the optimal one's
    TabularPolicy old = IrlTransfer.transplant(expert, train, changed);
    double[] vOld = PolicyEvaluation.evaluate(changed.mdp(), old);
    double[] vStar = PolicyEvaluation.evaluate(changed.mdp(),
        ValueIteration.solve(changed.mdp()).policy());
    int start = changed.world().stateAt(7, 3);
    assertThat(vOld[start]).isLessThan(vStar[start] - 5);
    double[] vTrain = PolicyEvaluation.evaluate(train.mdp(), expert);
    assertThat(vOld[start]).isLessThan(vTrain[train.world().stateAt(7, 3)] - 5);
    // and its normalised return there is well below 1 (it is 1 in the training grid)
    assertThat(PolicyTables.normalisedReturn(train.mdp(), expert)).isCloseTo(1,
        within(1e-12));
    assertThat(PolicyTables.normalisedReturn(changed.mdp(), old)).isLessThan(0.5);
  }

  @Test
  void trueReward_reoptimisedBySoftVi_isOptimalInTheChangedGrid() {
    IrlTransfer.Grid changed = IrlTransfer.grid(true);
    TabularMdp mdp = changed.mdp();
    Solution optimal = ValueIteration.solve(mdp);
    TabularPolicy pi = IrlTransfer.reoptimise(mdp, mdp.rewards(), 0.05);
    // τ = 0.05 on the unit-std reward leaves a soft policy 5e-4 short of the optimal return
    assertThat(PolicyTables.normalisedReturn(mdp, optimal, pi)).isCloseTo(1,
        within(1e-3));
    // the scaling makes the result independent of the reward's scale and offset
    double[] affine = mdp.rewards().clone();
    for (int i = 0; i < affine.length; i++) {
      affine[i] = 5 * affine[i] + 3;
    }
    TabularPolicy piAffine = IrlTransfer.reoptimise(mdp, affine, 0.05);
    for (int s = 0; s < mdp.numStates(); s++) {
      for (int a = 0; a < mdp.numActions(); a++) {
        assertThat(piAffine.probability(s, a)).isCloseTo(pi.probability(s, a), within(1e-9));
      }
    }
    // a constant reward says nothing: the uniform policy, normalised return 0
    TabularPolicy flat = IrlTransfer.reoptimise(mdp, new double[affine.length], 0.05);
    assertThat(PolicyTables.normalisedReturn(mdp, optimal, flat)).isCloseTo(0,
        within(1e-9));
  }

  @Test
  void mazeController_goesThroughTheGapOfEitherLayout() {
    for (PointMaze.Layout layout : PointMaze.Layout.values()) {
      double ret = IrlTransfer.controllerReturn(layout);
      // under the barrier the point is ≥ 0.15 from the goal: 95 such steps cost ≥ 14
      assertThat(ret).as(layout.toString()).isBetween(-5.0, -3.0);
    }
  }

  @Test
  void aSeedsRow_isTheSameOnOneThreadAndOnTwo_andEveryColumnIsThere() throws Exception {
    IrlTransfer.SeedResult alone = IrlTransfer.runSeed(TINY, 2);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Future<IrlTransfer.SeedResult> one = pool.submit(() -> IrlTransfer.runSeed(TINY, 1));
      Future<IrlTransfer.SeedResult> two = pool.submit(() -> IrlTransfer.runSeed(TINY, 2));
      one.get();
      assertThat(two.get().row()).isEqualTo(alone.row());
      for (String m : IrlTransfer.MAZE_METHODS) {
        assertThat(two.get().curves().get(m)).isEqualTo(alone.curves().get(m));
      }
    } finally {
      pool.shutdownNow();
    }
    Map<String, Double> row = alone.row();
    assertThat(row.keySet()).containsExactlyInAnyOrderElementsOf(IrlTransfer.columns(TINY));
    for (Map.Entry<String, Double> e : row.entrySet()) {
      double v = e.getValue();
      if (e.getKey().startsWith("grid/")) { // ≤ 1: no policy beats the optimal one
        assertThat(v).as(e.getKey()).isLessThanOrEqualTo(1 + 1e-9);
      } else { // 100 steps at most √0.72 from the goal, plus the control cost ≤ 0.002
        assertThat(v).as(e.getKey()).isBetween(-100 * (Math.sqrt(0.72) + 0.002), 0.0);
      }
    }
    assertThat(row.get("grid/train/true")).isCloseTo(1, within(1e-3));
    assertThat(row.get("grid/transfer/true")).isCloseTo(1, within(1e-3));
    assertThat(alone.curves().get("true")).hasSize(2);
  }

  @Test
  void config_refusesUnknownPartsAndNonsense() {
    assertThatThrownBy(() -> IrlTransferConfig.defaults().withParts(List.of("moon")))
        .hasMessage("unknown parts entry 'moon', expected one of [grid, maze]");
    assertThatThrownBy(() -> IrlTransferConfig.defaults().withTemperature(0))
        .hasMessageContaining("temperature");
    assertThatThrownBy(() -> IrlTransferConfig.defaults().withExpertTemperature(-1))
        .hasMessageContaining("expertTemperature");
  }
}
