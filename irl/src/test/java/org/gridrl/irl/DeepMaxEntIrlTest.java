package org.gridrl.irl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.gridrl.core.mdp.StateFeatures;
import org.gridrl.core.mdp.TabularMdp;
import org.gridrl.core.mdp.TabularPolicy;
import org.gridrl.core.nn.Activation;
import org.gridrl.core.nn.Init;
import org.gridrl.core.nn.Mlp;
import org.gridrl.core.planning.SoftValueIteration;
import org.gridrl.core.planning.SoftViConfig;
import org.gridrl.core.util.Rng;
import org.gridrl.irl.testing.IrlTestBase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DeepMaxEntIrlTest extends IrlTestBase {

  private static IrlProblem problem(long seed) {
    TabularMdp mdp = randomMdp(seed, 7, 3, 3, 0.8, 1);
    StateFeatures phi = randomFeatures(seed + 1, 7, 3);
    TabularPolicy expert = SoftValueIteration.solve(
        mdp.withStateRewards(phi.linear(new double[] {1, -1, 0.5}, null))).policy();
    return IrlProblem.of(mdp, phi, Demonstrations.sample(mdp, expert, 30, 5, seed), 5,
        IrlProblem.Start.INIT);
  }

  /**
   * The back-propagated visitation gradient J_θᵀ(D − D̂) equals central finite differences of
   * the dual g(r_θ) in every network parameter (tanh, so g is smooth in θ).
   */
  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4})
  void backward_networkGradientOfDual_matchesFiniteDifferences(long seed) {
    IrlProblem p = problem(seed);
    MaxEntObjective obj = new MaxEntObjective(p, MaxEntObjective.Horizon.FINITE,
        SoftViConfig.defaults());
    Mlp net = new Mlp(new int[] {3, 5, 4, 1}, Activation.TANH, Init.xavierUniform(),
        new Rng(seed));
    DMatrixRMaj x = DeepMaxEntIrl.standardised(p.features(), new double[3],
        new double[] {1, 1, 1});
    List<DMatrixRMaj> grad = new ArrayList<>();
    for (DMatrixRMaj m : net.parameterValues()) {
      grad.add(new DMatrixRMaj(m.numRows, m.numCols));
    }
    double[] reward = new double[7];
    double[] gradR = new double[7];
    DMatrixRMaj seedM = new DMatrixRMaj(7, 1);
    DeepMaxEntIrl.backward(obj, net, x, reward, gradR, seedM, grad);
    List<DMatrixRMaj> scratch = new ArrayList<>();
    for (DMatrixRMaj m : net.parameterValues()) {
      scratch.add(new DMatrixRMaj(m.numRows, m.numCols));
    }
    double h = 1e-5;
    int checked = 0;
    for (int i = 0; i < net.parameterValues().size(); i++) {
      double[] theta = net.parameterValues().get(i).data;
      for (int j = 0; j < net.parameterValues().get(i).getNumElements(); j++) {
        double keep = theta[j];
        theta[j] = keep + h;
        double up = DeepMaxEntIrl.backward(obj, net, x, reward, gradR, seedM, scratch).dual();
        theta[j] = keep - h;
        double down = DeepMaxEntIrl.backward(obj, net, x, reward, gradR, seedM, scratch).dual();
        theta[j] = keep;
        assertThat(grad.get(i).data[j]).as("param %d entry %d", i, j)
            .isCloseTo((up - down) / (2 * h), within(FD));
        checked++;
      }
    }
    assertThat(checked).isEqualTo(3 * 5 + 5 + 5 * 4 + 4 + 4 + 1);
  }

  @Test
  void train_decreasesTheDual_sameSeedSameReward_otherSeedOtherReward() {
    IrlProblem p = problem(5);
    DeepMaxEntIrlConfig c = DeepMaxEntIrlConfig.defaults().withMaxIterations(60)
        .withWeightDecay(0.01).withSeed(3);
    DeepMaxEntIrl.Model a = DeepMaxEntIrl.train(p, c);
    DeepMaxEntIrl.Model b = DeepMaxEntIrl.train(p, c);
    DeepMaxEntIrl.Model other = DeepMaxEntIrl.train(p, c.withSeed(4));
    assertThat(b.result().stateReward()).containsExactly(a.result().stateReward());
    assertThat(Arrays.equals(other.result().stateReward(), a.result().stateReward())).isFalse();
    double[] dual = a.result().history().series(Metrics.DUAL);
    assertThat(dual[dual.length - 1]).isLessThan(dual[0]);
    // the model's reward on the training features is the reward it reports
    assertClose(a.result().stateReward(), a.reward(p.features()), 1e-12);
    assertThat(a.result().weights()).isNull();
  }
}
