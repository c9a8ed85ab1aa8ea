package org.gridrl.meta.rl2;

import static org.assertj.core.api.Assertions.assertThat;

import org.gridrl.core.nn.Parameter;
import org.junit.jupiter.api.Test;

/**
 * Pins the categorical RL² path bit for bit: the literals below were printed (with
 * {@code Double.toString}, which round-trips) by the code of commit 7a97abf, before the Gaussian
 * head shared its sampling loop and loss. Any change to the order of the random draws, the tape's
 * operations or the update shows up here as a different last digit.
 */
class Rl2GoldenTest {

  @Test
  void categorical_hiddenGoal_threeIterations_matchesTheRecordedNumbers() {
    Rl2Tasks<double[]> tasks = Rl2Tasks.hiddenGoal(3, 4, 2);
    Rl2Config config = Rl2Config.defaults().withIterations(3).withTrialsPerIteration(8)
        .withMinibatchTrials(4).withEpochs(2).withHidden(8).withSeed(13);
    Rl2Result a = Rl2.train(tasks, config, null);
    assertThat(a.history().series(Rl2.TRIAL_RETURN))
        .containsExactly(-0.525, -0.8000000000000002, -0.38750000000000007);
    assertThat(a.history().series(Rl2.LAST_EPISODE_RETURN))
        .containsExactly(-0.39999999999999997, -0.39999999999999997, 0.012499999999999983);
    assertThat(a.history().series(Rl2.POLICY_LOSS))
        .containsExactly(0.062474396020362824, 0.11049259202194149, 0.03524510263891292);
    assertThat(a.history().series(Rl2.VALUE_LOSS))
        .containsExactly(0.033047914288469316, 0.01399861255759887, 0.042735491430708025);
    assertThat(a.history().series(Rl2.ENTROPY))
        .containsExactly(1.5922471665132634, 1.5958972519288293, 1.5949391835871765);
    assertThat(a.history().series(Rl2.APPROX_KL))
        .containsExactly(6.365272241818862E-7, 3.654131849831904E-7, 3.1308877921406436E-7);
    double sum = 0;
    for (Parameter p : a.policy().network().parameters()) {
      for (double v : p.value().data) {
        sum += v;
      }
    }
    assertThat(sum).isEqualTo(9.57787984974036);
    assertThat(Rl2.evaluate(a.policy(), tasks, 5, 3).meanTrialReturn())
        .isEqualTo(-0.36000000000000004);
  }
}
