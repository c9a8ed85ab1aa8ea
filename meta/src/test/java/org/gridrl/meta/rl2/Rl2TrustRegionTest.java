package org.gridrl.meta.rl2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.gridrl.core.autodiff.Tape;
import org.gridrl.core.autodiff.Tensor;
import org.gridrl.core.nn.Parameter;
import org.gridrl.core.optim.TrustRegion;
import org.gridrl.core.util.Rng;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * RL²'s TRPO outer step ({@link Rl2TrustRegion}) on tiny Bernoulli-bandit batches: the KL
 * Hessian-vector product through the GRU's BPTT against central differences of the KL's
 * gradient, the surrogate's gradient against central differences of the surrogate, the accepted
 * step's KL recomputed from scratch against δ, the rejected step leaving θ bit for bit, the value
 * head's least-squares fit (residuals orthogonal to the bias column), and determinism.
 */
class Rl2TrustRegionTest {

  /** Relative tolerance of the finite-difference checks (ε = 1e-5, central differences). */
  private static final double FD_TOL = 1e-6;

  private static Rl2Config trpo(double maxKl) {
    return Rl2Config.defaults().withOuter(Rl2Config.Outer.TRPO).withHidden(4)
        .withTrialsPerIteration(6).withMinibatchTrials(4).withEntropyCoef(0.01)
        .withNormalizeAdvantages(true)
        .withTrustRegion(TrustRegion.Config.defaults().withMaxKl(maxKl)).withSeed(5);
  }

  private static final class Fixture {
    final Rl2Network network;
    final Rl2.TrialBatch batch;
    final double[] advantages;
    final double[] targets;

    Fixture(Rl2Config config, int arms, int pulls, long seed) {
      Rl2Tasks<Integer> tasks = Rl2Tasks.bandits(arms, pulls);
      Rng rng = new Rng(seed);
      network = Rl2Network.forTasks(tasks, config.hidden(), rng.fork(0));
      batch = Rl2.sample(network, tasks, config.trialsPerIteration(), rng.fork(1), rng.fork(2),
          rng.fork(3));
      int n = batch.trials() * batch.length();
      advantages = new double[n];
      targets = new double[n];
      Rl2.advantages(batch, config, advantages, targets);
    }
  }

  private static double[] axpy(double[] x, double a, double[] v) {
    double[] out = x.clone();
    for (int i = 0; i < out.length; i++) {
      out[i] += a * v[i];
    }
    return out;
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  private static double norm(double[] a) {
    return Math.sqrt(dot(a, a));
  }

  private static double[] gaussian(Rng rng, int n) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = rng.nextGaussian();
    }
    return v;
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3})
  void klHessianVectorProduct_throughTheGru_matchesCentralDifferencesOfTheKlGradient(long seed) {
    Rl2Config config = trpo(0.01);
    Fixture f = new Fixture(config, 3, 5, seed);
    Rl2TrustRegion.Problem p = new Rl2TrustRegion.Problem(f.network, new Tape(), f.batch,
        f.advantages, config);
    double[] x0 = p.theta();
    Rng rng = new Rng(100 + seed);
    double[] v = gaussian(rng, x0.length);
    double[] u = gaussian(rng, x0.length);
    double[] hv = new double[x0.length];
    double[] hu = new double[x0.length];
    p.hessianVectorProduct(v, hv);
    p.hessianVectorProduct(u, hu);
    double eps = 1e-5;
    double[] plus = p.klGradient(axpy(x0, eps, v));
    double[] minus = p.klGradient(axpy(x0, -eps, v));
    double[] fd = new double[x0.length];
    for (int i = 0; i < fd.length; i++) {
      fd[i] = (plus[i] - minus[i]) / (2 * eps);
    }
    assertThat(norm(hv)).isGreaterThan(1e-4); // the GRU's weights do move the KL
    for (int i = 0; i < fd.length; i++) {
      assertThat(hv[i]).as("(Hv)[%s]", i).isCloseTo(fd[i], within(FD_TOL * norm(hv)));
    }
    // the Hessian is symmetric and, at θ_old, positive semi-definite (the Fisher matrix)
    assertThat(dot(u, hv)).isCloseTo(dot(v, hu), within(1e-10 * norm(hv) * norm(u)));
    assertThat(dot(v, hv)).isGreaterThanOrEqualTo(0.0);
    // ∇D(θ_old) = 0: the KL is minimal at the old policy
    assertThat(norm(p.klGradient(x0))).isLessThan(1e-12);
  }

  @Test
  void problem_oldLogProbs_recomputedThroughTheUnroll_equalTheSampledOnes() {
    // the chunks' rows (t·m + j) must line up with the batch's trials, inputs and actions
    Rl2Config config = trpo(0.01).withTrialsPerIteration(7).withMinibatchTrials(3);
    Fixture f = new Fixture(config, 4, 9, 6);
    double[] lp = new Rl2TrustRegion.Problem(f.network, new Tape(), f.batch, f.advantages,
        config).oldLogProbs();
    assertThat(lp).containsExactly(f.batch.logProbs(), within(1e-12));
  }

  @Test
  void gradient_ofTheSurrogate_matchesCentralDifferences() {
    Rl2Config config = trpo(0.01);
    Fixture f = new Fixture(config, 3, 5, 4);
    Rl2TrustRegion.Problem p = new Rl2TrustRegion.Problem(f.network, new Tape(), f.batch,
        f.advantages, config);
    double[] x0 = p.theta();
    double[] g = p.gradient();
    double[] v = gaussian(new Rng(9), x0.length);
    double eps = 1e-5;
    double[] lp = new double[2];
    double[] lm = new double[2];
    p.evaluate(axpy(x0, eps, v), lp);
    p.evaluate(axpy(x0, -eps, v), lm);
    assertThat(dot(g, v)).isCloseTo((lp[0] - lm[0]) / (2 * eps),
        within(FD_TOL * norm(g) * norm(v)));
    // at θ_old the ratio is 1: L = mean Â + c_H H̄ and D = 0 exactly
    double[] at = new double[2];
    p.evaluate(x0, at);
    assertThat(at[1]).isEqualTo(0.0);
  }

  @ParameterizedTest
  @ValueSource(doubles = {1e-6, 1e-4, 1e-3, 0.01})
  void update_acceptedStep_keepsTheRecomputedKlWithinDelta_andImprovesTheSurrogate(
      double maxKl) {
    Rl2Config config = trpo(maxKl);
    Fixture moved = new Fixture(config, 3, 6, 7);
    Fixture old = new Fixture(config, 3, 6, 7); // the same network and batch, left at θ_old
    Rl2TrustRegion.Problem before = new Rl2TrustRegion.Problem(old.network, new Tape(),
        old.batch, old.advantages, config);
    double[] x0 = before.theta();
    double[] l0 = new double[2];
    before.evaluate(x0, l0);
    Rl2TrustRegion.Update u = Rl2TrustRegion.update(moved.network, new Tape(), moved.batch,
        moved.advantages, moved.targets, config);
    assertThat(u.step().accepted()).isTrue();
    double[] x1 = new Rl2TrustRegion.Problem(moved.network, new Tape(), moved.batch,
        moved.advantages, config).theta();
    double[] l1 = new double[2];
    before.evaluate(x1, l1);
    assertThat(l1[1]).isLessThanOrEqualTo(maxKl).isGreaterThan(0.0);
    assertThat(l1[1]).isCloseTo(u.kl(), within(1e-12));
    assertThat(l1[1]).isCloseTo(u.step().constraint(), within(1e-15));
    assertThat(l1[0]).isGreaterThan(l0[0]);
    assertThat(l1[0]).isCloseTo(u.step().surrogate(), within(1e-12));
    // the quadratic model of the accepted step is ρ^{2k} δ; D differs from it by a cubic term,
    // a relative error O(‖step‖) = O(√δ) (measured on this batch: 41% at δ = 1e-3, 106% at
    // 1e-2, so within 20√δ)
    double model = u.step().fraction() * u.step().fraction() * maxKl;
    assertThat(l1[1]).isCloseTo(model, within(20 * Math.sqrt(maxKl) * model));
  }

  @Test
  void update_zeroAdvantagesAndNoEntropy_rejectsTheStep_andLeavesThePolicyBitForBit() {
    Rl2Config config = trpo(0.01).withEntropyCoef(0.0).withNormalizeAdvantages(false);
    Fixture f = new Fixture(config, 3, 5, 2);
    List<DMatrixRMaj> before = new ArrayList<>();
    for (Parameter p : f.network.parameters()) {
      before.add(p.value().copy());
    }
    Rl2TrustRegion.Update u = Rl2TrustRegion.update(f.network, new Tape(), f.batch,
        new double[f.advantages.length], f.targets, config);
    assertThat(u.step().accepted()).isFalse();
    assertThat(u.step().trials()).isZero(); // g = 0: no direction to try
    assertThat(u.kl()).isEqualTo(0.0);
    for (int k = 0; k < before.size(); k++) {
      if (k == Rl2Network.V || k == Rl2Network.V + 1) {
        continue; // the value head is refitted whatever the policy step did
      }
      assertThat(f.network.parameters().get(k).value().data).containsExactly(before.get(k).data);
    }
  }

  @Test
  void update_valueHead_isTheLeastSquaresFit_residualsSumToZero() {
    Rl2Config config = trpo(0.01);
    Fixture f = new Fixture(config, 3, 6, 11);
    Rl2TrustRegion.Update u = Rl2TrustRegion.update(f.network, new Tape(), f.batch,
        f.advantages, f.targets, config);
    // V(h_t) on the updated network, trial by trial
    int len = f.batch.length();
    int in = f.batch.inputDim();
    int hidden = f.network.hidden();
    double sum = 0;
    double sq = 0;
    double[] featureDotResidual = new double[hidden];
    Tape tape = new Tape();
    for (int b = 0; b < f.batch.trials(); b++) {
      tape.reset();
      List<Tensor> params = f.network.bind(tape);
      Tensor h = f.network.gru().initialState(tape, 1);
      for (int t = 0; t < len; t++) {
        DMatrixRMaj x = new DMatrixRMaj(1, in);
        System.arraycopy(f.batch.inputs()[t], b * in, x.data, 0, in);
        h = f.network.step(tape, tape.constant(x), h, params);
        double r = f.network.value(tape, h, params).item() - f.targets[b * len + t];
        sum += r;
        sq += r * r;
        for (int k = 0; k < hidden; k++) {
          featureDotResidual[k] += h.value().data[k] * r;
        }
      }
    }
    int n = f.batch.trials() * len;
    // normal equations: Xᵀ(Xw − y) = −r·w on the weights (ridge r = 1e-5), 0 on the bias
    assertThat(sum).isCloseTo(0.0, within(1e-10));
    DMatrixRMaj w = f.network.parameters().get(Rl2Network.V).value();
    for (int k = 0; k < hidden; k++) {
      assertThat(featureDotResidual[k]).isCloseTo(-1e-5 * w.data[k], within(1e-10));
    }
    assertThat(u.valueLoss()).isCloseTo(0.5 * sq / n, within(1e-12));
  }

  @Test
  void train_trpo_sameSeed_sameBits_andLogsTheStep() {
    Rl2Tasks<Integer> tasks = Rl2Tasks.bandits(3, 5);
    Rl2Config config = trpo(0.01).withIterations(3);
    Rl2Result a = Rl2.train(tasks, config, null);
    Rl2Result b = Rl2.train(tasks, config, null);
    for (String key : Rl2.TRPO_METRICS) {
      assertThat(a.history().series(key)).as(key).hasSize(3)
          .containsExactly(b.history().series(key));
    }
    for (int k = 0; k < a.policy().network().parameters().size(); k++) {
      assertThat(a.policy().network().parameters().get(k).value().data)
          .containsExactly(b.policy().network().parameters().get(k).value().data);
    }
    for (double kl : a.history().series(Rl2.APPROX_KL)) {
      assertThat(kl).isLessThanOrEqualTo(0.01);
    }
    // PPO, the default, does not log the trust-region metrics
    Rl2Result ppo = Rl2.train(tasks, config.withOuter(Rl2Config.Outer.PPO), null);
    assertThat(ppo.history().series(Rl2.STEP_FRACTION)).isEmpty();
  }

  @Test
  void config_defaultsToPpo_andRejectsAMissingOuter() {
    assertThat(Rl2Config.defaults().outer()).isEqualTo(Rl2Config.Outer.PPO);
    assertThat(Rl2Config.defaults().trustRegion()).isEqualTo(TrustRegion.Config.defaults());
    assertThatThrownBy(() -> Rl2Config.defaults().withOuter(null))
        .hasMessageContaining("outer");
  }
}
