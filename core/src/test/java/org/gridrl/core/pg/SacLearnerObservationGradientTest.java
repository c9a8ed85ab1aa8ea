package org.gridrl.core.pg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.gridrl.core.env.Box;
import org.gridrl.core.nn.Parameter;
import org.gridrl.core.util.MetricsRecorder;
import org.gridrl.core.util.Rng;
import org.junit.jupiter.api.Test;

/**
 * {@link SacLearner#update(ReplayBuffer.Minibatch, Rng, long, DMatrixRMaj)}: the gradient of the
 * critics' loss L_Q1 + L_Q2 with respect to the observations against central finite
 * differences of the reported losses, and an update that asks for it changes nothing else.
 */
class SacLearnerObservationGradientTest {

  private static final SacConfig CONFIG = SacConfig.defaults().with(b -> b.batchSize(5)
      .hiddenWidth(8).hiddenLayers(2).seed(3));
  private static final int OBS = 3;
  private static final int ACT = 2;

  private static SacLearner learner() {
    Rng init = new Rng(17);
    TanhGaussianPolicy policy = TanhGaussianPolicy.mlp(OBS, Box.uniform(ACT, -1, 1),
        CONFIG.hiddenWidth(), CONFIG.hiddenLayers(), CONFIG.logStdMin(), CONFIG.logStdMax(),
        init);
    return new SacLearner(CONFIG, policy, init);
  }

  private static ReplayBuffer.Minibatch batch() {
    Rng rng = new Rng(5);
    ReplayBuffer.Minibatch b = new ReplayBuffer.Minibatch(CONFIG.batchSize(), OBS, ACT);
    for (DMatrixRMaj m : List.of(b.observations, b.actions, b.rewards, b.nextObservations)) {
      for (int i = 0; i < m.getNumElements(); i++) {
        m.data[i] = rng.nextDouble(-0.9, 0.9);
      }
    }
    return b;
  }

  /** L_Q1 + L_Q2 of one update of a fresh learner (as reported, before its Adam step). */
  private static double criticLoss(ReplayBuffer.Minibatch b) {
    MetricsRecorder rec = new MetricsRecorder();
    learner().update(b, new Rng(99), 1).report(rec, 1);
    return rec.history().last(Metrics.Q1_LOSS) + rec.history().last(Metrics.Q2_LOSS);
  }

  @Test
  void observationGradient_matchesFiniteDifferencesOfTheCriticLoss() {
    ReplayBuffer.Minibatch b = batch();
    DMatrixRMaj g = new DMatrixRMaj(CONFIG.batchSize(), OBS);
    learner().update(b, new Rng(99), 1, g);
    double eps = 1e-6;
    for (int i = 0; i < g.getNumElements(); i++) {
      double x0 = b.observations.data[i];
      b.observations.data[i] = x0 + eps;
      double up = criticLoss(b);
      b.observations.data[i] = x0 - eps;
      double down = criticLoss(b);
      b.observations.data[i] = x0;
      assertThat(g.data[i]).as("entry %d", i).isCloseTo((up - down) / (2 * eps), within(1e-8));
    }
    assertThat(g.data).isNotEqualTo(new double[g.getNumElements()]);
  }

  @Test
  void observationGradient_asked_leavesTheUpdateBitForBit() {
    SacLearner plain = learner();
    SacLearner asked = learner();
    DMatrixRMaj g = new DMatrixRMaj(CONFIG.batchSize(), OBS);
    Rng n1 = new Rng(7);
    Rng n2 = new Rng(7);
    for (int step = 1; step <= 3; step++) {
      plain.update(batch(), n1, step);
      asked.update(batch(), n2, step, g);
    }
    for (List<Parameter[]> pair : List.of(
        List.of(plain.q1().parameters().toArray(new Parameter[0]),
            asked.q1().parameters().toArray(new Parameter[0])),
        List.of(plain.q2Target().parameters().toArray(new Parameter[0]),
            asked.q2Target().parameters().toArray(new Parameter[0])))) {
      for (int k = 0; k < pair.get(0).length; k++) {
        assertThat(pair.get(1)[k].value().data).containsExactly(pair.get(0)[k].value().data);
      }
    }
    assertThat(asked.alpha()).isEqualTo(plain.alpha());
    assertThatThrownBy(() -> asked.update(batch(), n2, 4, new DMatrixRMaj(2, OBS)))
        .hasMessageContaining("observationGradient is 2×3");
  }
}
