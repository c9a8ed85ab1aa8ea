package org.gridrl.meta.rl2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;
import org.gridrl.core.autodiff.GradCheck;
import org.gridrl.core.nn.Parameter;
import org.gridrl.core.pg.Gae;
import org.gridrl.core.util.Rng;
import org.gridrl.envs.mdp.RandomMdp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * RL²: the memory of the recurrent policy (carried across episodes, reset between trials), the
 * input encoding on hand cases, BPTT gradients of the whole PPO loss against finite differences,
 * determinism, save/load, and learning on 2-armed bandits against the exact random and
 * Bayes-optimal values.
 */
class Rl2Test {

  private static final double GRAD_TOL = 1e-6;

  private static Rl2Network network(int obs, int actions, int hidden, long seed) {
    return new Rl2Network(obs, actions, hidden, new Rng(seed));
  }

  @Test
  void encodeInput_handCase_isObservationOneHotActionRewardDone() {
    double[] out = new double[10];
    Rl2Network.encodeInput(new double[] {0, 1, 0}, 2, 0.5, false, 4, out, 1);
    assertThat(out).containsExactly(0, 0, 1, 0, 0, 0, 1, 0, 0.5, 0);
    // a trial's first step: no previous action, reward 0, done 1
    Rl2Network.encodeInput(new double[] {7, 8, 9}, -1, 0.0, true, 4, out, 1);
    assertThat(out).containsExactly(0, 7, 8, 9, 0, 0, 0, 0, 0, 1);
  }

  @Test
  void config_rejectsBadValues_byName() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
        () -> Rl2Config.defaults().withLambda(1.5)).hasMessageContaining("lambda");
    org.assertj.core.api.Assertions.assertThatThrownBy(
        () -> Rl2Config.defaults().withMinibatchTrials(0)).hasMessageContaining("minibatchTrials");
  }

  @Test
  void sample_banditInputs_followThePreviousPull() {
    Rl2Tasks<Integer> tasks = Rl2Tasks.bandits(3, 4);
    Rng r = new Rng(3);
    Rl2.TrialBatch batch = Rl2.sample(network(1, 3, 5, 1), tasks, 2, r.fork(0), r.fork(1),
        r.fork(2));
    int in = tasks.inputDim();
    assertThat(in).isEqualTo(6);
    for (int b = 0; b < 2; b++) {
      assertThat(java.util.Arrays.copyOfRange(batch.inputs()[0], b * in, b * in + in))
          .containsExactly(1, 0, 0, 0, 0, 1);
      for (int t = 1; t < 4; t++) {
        double[] expected = new double[in];
        expected[0] = 1;
        expected[1 + batch.actions()[t - 1][b]] = 1;
        expected[4] = batch.rewards()[b * 4 + t - 1];
        expected[5] = 0;
        assertThat(java.util.Arrays.copyOfRange(batch.inputs()[t], b * in, b * in + in))
            .containsExactly(expected);
      }
    }
  }

  @Test
  void mdpAndGridEncoders_areOneHotStateAndRawPosition() {
    double[] out = new double[12];
    Rl2Tasks.mdps(RandomMdp.Spec.rl2(), 2).encoder().encode(3, out, 1);
    assertThat(out).containsExactly(0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0);
    Rl2Tasks.hiddenGoal(5, 15, 4).encoder().encode(new double[] {2, 4}, out, 10);
    assertThat(out[10]).isEqualTo(2.0);
    assertThat(out[11]).isEqualTo(4.0);
    assertThat(Rl2Tasks.mdps(RandomMdp.Spec.rl2(), 2).trialLength()).isEqualTo(20);
  }

  @Test
  void hiddenState_carriesAcrossEpisodes_andResetsBetweenTrials() {
    Rl2Policy policy = new Rl2Policy(network(2, 3, 8, 11));
    Rl2Policy fresh = new Rl2Policy(network(2, 3, 8, 11));
    double[] o = {0.5, -1.0};
    double[] first = fresh.probabilities(o);

    // two histories that differ only in the first step's outcome; both end an episode there
    policy.probabilities(o);
    policy.observe(0, 1.0, true);
    double[] afterWin = policy.probabilities(o);
    policy.startTrial();
    assertThat(policy.hiddenState()).containsOnly(0.0);
    policy.probabilities(o);
    policy.observe(0, 0.0, true);
    double[] afterLoss = policy.probabilities(o);
    double gap = 0;
    for (int a = 0; a < 3; a++) {
      gap = Math.max(gap, Math.abs(afterWin[a] - afterLoss[a]));
    }
    // same input x_t at the new episode's first step except r_{t−1}: the memory differs
    assertThat(gap).isGreaterThan(1e-3);
    // and it differs from a trial's first step (h carried over, not reset at the episode end)
    assertThat(afterWin).isNotEqualTo(first);

    // after a trial reset: bit for bit a fresh policy
    policy.observe(2, 0.3, false);
    policy.startTrial();
    assertThat(policy.probabilities(o)).containsExactly(first);
    assertThat(policy.hiddenState()).containsExactly(fresh.hiddenState());
  }

  @Test
  void loss_onItsOwnSample_hasRatioOne() {
    Rl2Tasks<Integer> tasks = Rl2Tasks.bandits(2, 5);
    Rl2Network net = network(1, 2, 6, 2);
    Rng r = new Rng(4);
    Rl2.TrialBatch batch = Rl2.sample(net, tasks, 3, r.fork(0), r.fork(1), r.fork(2));
    double[] adv = new double[15];
    java.util.Arrays.fill(adv, 1.0);
    org.gridrl.core.autodiff.Tape tape = new org.gridrl.core.autodiff.Tape();
    Rl2.LossParts parts = Rl2.loss(tape, net, net.bind(tape), batch, new int[] {2, 0}, adv,
        adv, Rl2Config.defaults());
    // the unroll over whole trials reproduces the sampler's log π_old: ρ = 1, no clipping
    assertThat(parts.approxKl()).isLessThan(1e-14);
    assertThat(parts.clipFraction()).isEqualTo(0.0);
    assertThat(parts.policyLoss()).isCloseTo(-1.0, within(1e-12));
  }

  @Test
  void bptt_gradientOfWholePpoLoss_passesGradCheck() {
    Rl2Tasks<Integer> tasks = Rl2Tasks.mdps(RandomMdp.Spec.rl2(3, 2, 2), 2);
    Rl2Network net = network(3, 2, 4, 5);
    Rng r = new Rng(6);
    Rl2.TrialBatch batch = Rl2.sample(net, tasks, 3, r.fork(0), r.fork(1), r.fork(2));
    int n = 3 * tasks.trialLength();
    double[] next = new double[n];
    boolean[] last = new boolean[n];
    for (int k = 0; k < n; k++) {
      last[k] = (k + 1) % tasks.trialLength() == 0;
      next[k] = last[k] ? 0 : batch.values()[k + 1];
    }
    double[] adv = Gae.advantages(batch.rewards(), batch.values(), next, last, last, 0.99, 0.3,
        null);
    double[] targets = Gae.valueTargets(adv, batch.values(), null);
    Rl2Config config = Rl2Config.defaults().withNormalizeAdvantages(true);
    // move the parameters off the sampling point so that ρ ≠ 1 (still unclipped)
    List<DMatrixRMaj> inputs = new ArrayList<>();
    Rng jitter = new Rng(9);
    for (Parameter p : net.parameters()) {
      DMatrixRMaj m = p.value().copy();
      for (int k = 0; k < m.data.length; k++) {
        m.data[k] += 0.01 * jitter.nextGaussian();
      }
      inputs.add(m);
    }
    GradCheck.Report report = GradCheck.firstOrder(
        (tape, params) -> Rl2.loss(tape, net, params, batch, new int[] {1, 2}, adv, targets,
            config).total(), inputs, 1e-6);
    assertThat(report.within(GRAD_TOL)).as(report.describe()).isTrue();
  }

  @Test
  void train_sameSeed_sameNumbers_andSavedPolicyEvaluatesIdentically(@TempDir Path dir) {
    Rl2Tasks<double[]> tasks = Rl2Tasks.hiddenGoal(3, 4, 2);
    Rl2Config config = Rl2Config.defaults().withIterations(3).withTrialsPerIteration(8)
        .withMinibatchTrials(4).withEpochs(2).withHidden(8).withSeed(13);
    Rl2Result a = Rl2.train(tasks, config, null);
    Rl2Result b = Rl2.train(tasks, config, null);
    assertThat(a.history().series(Rl2.TRIAL_RETURN))
        .containsExactly(b.history().series(Rl2.TRIAL_RETURN));
    assertThat(a.history().series(Rl2.VALUE_LOSS))
        .containsExactly(b.history().series(Rl2.VALUE_LOSS));
    assertThat(a.environmentSteps()).isEqualTo(3L * 8 * 8);
    assertThat(a.provenance().algorithm()).isEqualTo("rl2");
    assertThat(a.provenance().requireConfig(config)).isEqualTo(config);
    for (int i = 0; i < a.policy().network().parameters().size(); i++) {
      assertThat(a.policy().network().parameters().get(i).value().data)
          .containsExactly(b.policy().network().parameters().get(i).value().data);
    }
    Path file = dir.resolve("rl2.json");
    a.policy().save(file);
    Rl2Policy loaded = Rl2Policy.load(tasks, 8, file);
    Rl2Evaluation e1 = Rl2.evaluate(a.policy(), tasks, 20, 99);
    Rl2Evaluation e2 = Rl2.evaluate(loaded, tasks, 20, 99);
    assertThat(e2.trialReturns()).containsExactly(e1.trialReturns());
    assertThat(e1.episodeReturns()[0]).hasSize(2);
  }

  /**
   * With {@code chronoInit} the network starts with the update-gate biases of
   * {@code Gru.chronoInit(T, stream 5)}, T = the trial's length (here 2 episodes of 4 steps),
   * everything else as without it: at a step size of 1e-12 one iteration leaves the start in
   * place to 1e-9 (Adam moves a weight by about η per step).
   */
  @Test
  void train_chronoInit_startsFromChronoGateBiasesOfTheTrialLength() {
    Rl2Tasks<double[]> tasks = Rl2Tasks.hiddenGoal(3, 4, 2);
    Rl2Config config = Rl2Config.defaults().withIterations(1).withTrialsPerIteration(4)
        .withMinibatchTrials(4).withEpochs(1).withHidden(6).withSeed(21).withLearningRate(1e-12);
    Rl2Network plain = Rl2.train(tasks, config, null).policy().network();
    Rl2Network chrono = Rl2.train(tasks, config.withChronoInit(true), null).policy().network();
    Rl2Network expected = new Rl2Network(tasks.observationDim(), tasks.numActions(), 6,
        new Rng(21).fork(0));
    expected.gru().chronoInit(8, new Rng(21).fork(5));
    for (int i = 0; i < expected.parameters().size(); i++) {
      double[] want = expected.parameters().get(i).value().data;
      double[] got = chrono.parameters().get(i).value().data;
      double[] without = plain.parameters().get(i).value().data;
      for (int j = 0; j < want.length; j++) {
        assertThat(got[j]).isCloseTo(want[j], within(1e-9));
        boolean gateBias = i == 2 && j >= 6 && j < 12;
        if (!gateBias) {
          assertThat(got[j]).isCloseTo(without[j], within(1e-9));
        }
      }
    }
    // the draws lie in [log 1, log 7]
    double[] bih = chrono.parameters().get(2).value().data;
    for (int j = 6; j < 12; j++) {
      assertThat(bih[j]).isBetween(-1e-9, Math.log(7) + 1e-9);
    }
  }

  /**
   * The per-iteration callback sees, at iteration k, exactly the weights a k-iteration run
   * ends with, and evaluating the policy inside it leaves the training's numbers unchanged.
   */
  @Test
  void train_afterIteration_seesEachPrefixRunsWeights_andChangesNothing() {
    Rl2Tasks<double[]> tasks = Rl2Tasks.hiddenGoal(3, 4, 2);
    Rl2Config config = Rl2Config.defaults().withIterations(3).withTrialsPerIteration(8)
        .withMinibatchTrials(4).withEpochs(2).withHidden(8).withSeed(13);
    List<double[]> seen = new ArrayList<>();
    List<Integer> iterations = new ArrayList<>();
    Rl2Result withCallback = Rl2.train(tasks, config, null, (policy, it) -> {
      iterations.add(it);
      seen.add(flat(policy.network()));
      Rl2.evaluate(policy, tasks, 5, 1234 + it); // acting must not disturb training
    });
    assertThat(iterations).containsExactly(1, 2, 3);
    Rl2Result plain = Rl2.train(tasks, config, null);
    assertThat(withCallback.history().series(Rl2.TRIAL_RETURN))
        .containsExactly(plain.history().series(Rl2.TRIAL_RETURN));
    assertThat(seen.get(2)).containsExactly(flat(plain.policy().network()));
    for (int k = 1; k <= 2; k++) {
      Rl2Result prefix = Rl2.train(tasks, config.withIterations(k), null);
      assertThat(seen.get(k - 1)).containsExactly(flat(prefix.policy().network()));
    }
  }

  private static double[] flat(Rl2Network network) {
    return network.parameters().stream().flatMapToDouble(p -> java.util.Arrays.stream(
        p.value().data)).toArray();
  }

  /** max over arms of E[r + V_{h−1}] over the Beta(1+s, 1+f) posteriors of two arms. */
  private static double bayesOptimal(int s1, int f1, int s2, int f2, int h,
      Map<Long, Double> memo) {
    if (h == 0) {
      return 0;
    }
    long key = ((long) s1 << 48) | ((long) f1 << 32) | ((long) s2 << 16) | f2;
    Double known = memo.get(key);
    if (known != null) {
      return known;
    }
    double mu1 = (1.0 + s1) / (2 + s1 + f1);
    double mu2 = (1.0 + s2) / (2 + s2 + f2);
    double q1 = mu1 * (1 + bayesOptimal(s1 + 1, f1, s2, f2, h - 1, memo))
        + (1 - mu1) * bayesOptimal(s1, f1 + 1, s2, f2, h - 1, memo);
    double q2 = mu2 * (1 + bayesOptimal(s1, f1, s2 + 1, f2, h - 1, memo))
        + (1 - mu2) * bayesOptimal(s1, f1, s2, f2 + 1, h - 1, memo);
    double v = Math.max(q1, q2);
    memo.put(key, v);
    return v;
  }

  @Test
  void learning_twoArmedBandits_tenPulls_beatsRandomTowardBayesOptimal() {
    // exact references: any policy that ignores rewards earns n/2 = 5.0; Bayes-optimal 6.0218
    double bayes = bayesOptimal(0, 0, 0, 0, 10, new HashMap<>());
    assertThat(bayes).isCloseTo(6.0218, within(1e-4));
    Rl2Tasks<Integer> tasks = Rl2Tasks.bandits(2, 10);
    Rl2Config config = Rl2Config.defaults().withIterations(40).withTrialsPerIteration(64)
        .withMinibatchTrials(16).withEpochs(4).withHidden(16).withLearningRate(1e-2)
        .withSeed(1);
    Rl2Result result = Rl2.train(tasks, config, null);
    Rl2Evaluation before = Rl2.evaluate(new Rl2Policy(Rl2Network.forTasks(tasks, 16,
        new Rng(1).fork(0))), tasks, 4000, 7);
    Rl2Evaluation after = Rl2.evaluate(result.policy(), tasks, 4000, 7);
    // measured (4000 evaluation trials): untrained 4.990 ± 0.040, after 40 iterations (2560
    // trials, about 1 s) 5.835 ± 0.044, i.e. 82% of the way from 5.0 to Bayes-optimal. The
    // bounds keep 5 standard errors of margin below the measured value and 3 above Bayes.
    assertThat(before.meanTrialReturn()).isCloseTo(5.0, within(4 * before.standardError()));
    assertThat(after.meanTrialReturn()).isGreaterThan(5.6)
        .isLessThan(bayes + 3 * after.standardError());
    assertThat(result.history().series(Rl2.TRIAL_RETURN)).hasSize(40);
  }
}
