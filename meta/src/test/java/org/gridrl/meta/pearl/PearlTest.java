package org.gridrl.meta.pearl;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.gridrl.core.nn.Parameter;
import org.gridrl.core.util.MetricsHistory;
import org.gridrl.core.util.MetricsRecorder;
import org.gridrl.envs.continuous.Goal;
import org.gridrl.envs.continuous.SparsePointRobot;
import org.junit.jupiter.api.Test;

/**
 * PEARL's training loop on the sparse point robot at a tiny scale: determinism, the metrics it
 * declares, the exact count of environment steps the authors' collection schedule implies, and
 * test-time posterior sampling.
 */
class PearlTest {

  static PearlConfig tiny(long seed) {
    return PearlConfig.sparsePointRobot().with(b -> b.encoderWidth(16).encoderLayers(1)
        .netWidth(32).netLayers(2).iterations(3).metaBatch(2).initialSteps(40)
        .tasksPerIteration(1).stepsPrior(20).stepsPosterior(20).extraRlStepsPosterior(20)
        .trainStepsPerIteration(10).batchSize(16).embeddingBatchSize(8).bufferCapacity(500)
        .seed(seed));
  }

  static List<SparsePointRobot> tasks(int n) {
    List<SparsePointRobot> envs = new ArrayList<>();
    for (Goal g : SparsePointRobot.referenceGoals(n)) {
      envs.add(new SparsePointRobot(g));
    }
    return envs;
  }

  static PearlResult train(PearlConfig config, MetricsRecorder listener) {
    return Pearl.train(tasks(4), (env, step) -> -env.lastDistance(), config, listener);
  }

  @Test
  void train_sameSeed_sameNumbers_otherSeed_otherNumbers() {
    PearlResult a = train(tiny(5), null);
    PearlResult b = train(tiny(5), null);
    PearlResult c = train(tiny(6), null);
    MetricsHistory ha = a.history();
    for (String key : Pearl.METRICS) {
      assertThat(b.history().series(key)).as(key).containsExactly(ha.series(key));
    }
    List<Parameter> pa = a.agent().encoder().parameters();
    List<Parameter> pb = b.agent().encoder().parameters();
    for (int i = 0; i < pa.size(); i++) {
      assertThat(pb.get(i).value().data).containsExactly(pa.get(i).value().data);
    }
    assertThat(c.history().series(Pearl.KL)).isNotEqualTo(ha.series(Pearl.KL));
    // provenance rebuilds the run
    PearlResult again = train((PearlConfig) a.provenance().config(), null);
    assertThat(again.history().series(Pearl.KL)).containsExactly(ha.series(Pearl.KL));
  }

  /**
   * Steps: every task's initial 40 (two whole 20-step paths each, 4 tasks), then 20 + 20 + 20
   * per iteration for its one refreshed task: 160 + 60·i after iteration i.
   */
  @Test
  void train_reportsItsDeclaredMetrics_andTheStepsOfTheSchedule() {
    MetricsRecorder rec = new MetricsRecorder();
    PearlResult r = train(tiny(1), rec);
    assertThat(r.history().series(Pearl.STEPS)).containsExactly(220, 280, 340);
    assertThat(r.environmentSteps()).isEqualTo(340);
    for (MetricsRecorder.Row row : rec.rows()) {
      assertThat(Pearl.METRICS).containsAll(row.values().keySet());
      assertThat(row.values().keySet()).allMatch(k -> k.contains("/"));
    }
    assertThat(rec.rows()).hasSize(3);
    for (double kl : r.history().series(Pearl.KL)) {
      assertThat(kl).isFinite().isGreaterThanOrEqualTo(0.0);
    }
    assertThat(r.provenance().algorithm()).isEqualTo("pearl");
  }
}
