package org.gridrl.meta.pearl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.gridrl.core.autodiff.Tape;
import org.gridrl.core.nn.Parameter;
import org.gridrl.core.util.Rng;
import org.gridrl.envs.meta.HiddenGoalGrid;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PEARL with a categorical policy over discrete SAC, on HiddenGoalGrid: determinism, the one-hot
 * context rows of test-time posterior sampling replayed by hand, the policy's sampling
 * frequencies, save and load, and a seeded golden learning outcome against the exact oracle and
 * Bayes-optimal values.
 */
class PearlDiscreteTest {

  /** 3×3 grid, 6 steps: the two goals (0, 2) (cell 2, two steps up) and (2, 0) (cell 6). */
  static List<HiddenGoalGrid> corridor() {
    return List.of(new HiddenGoalGrid(3, 6, 2, 2), new HiddenGoalGrid(3, 6, 2, 6));
  }

  static PearlConfig small(int iterations, long seed) {
    return PearlConfig.defaults().with(b -> b.iterations(iterations).latentDim(2)
        .encoderWidth(16).encoderLayers(1).netWidth(16).netLayers(2).metaBatch(2).batchSize(16)
        .embeddingBatchSize(10).initialSteps(12).tasksPerIteration(2).stepsPrior(6)
        .stepsPosterior(6).extraRlStepsPosterior(6).trainStepsPerIteration(50)
        .maxPathLength(6).gamma(0.9).rewardScale(5).policyLearningRate(3e-3)
        .qLearningRate(3e-3).contextLearningRate(3e-3).klLambda(0.1).bufferCapacity(2000)
        .explorationTrajectories(1).seed(seed));
  }

  @Test
  void trainDiscrete_sameSeed_sameNumbers_withItsDeclaredMetrics() {
    PearlConfig c = small(2, 7).with(b -> b.trainStepsPerIteration(5));
    PearlResult a = Pearl.trainDiscrete(corridor(), c, null);
    PearlResult b = Pearl.trainDiscrete(corridor(), c, null);
    for (String key : Pearl.METRICS) {
      assertThat(a.history().series(key)).as(key).hasSize(2).doesNotContain(Double.NaN);
      assertThat(b.history().series(key)).as(key).containsExactly(a.history().series(key));
    }
    List<Parameter> pa = a.agent().categoricalPolicy().parameters();
    List<Parameter> pb = b.agent().categoricalPolicy().parameters();
    for (int i = 0; i < pa.size(); i++) {
      assertThat(pb.get(i).value().data).containsExactly(pa.get(i).value().data);
    }
    // 12 initial steps per task, then 2 refreshed tasks × (6 + 6 + 6) per iteration
    assertThat(a.history().series(Pearl.STEPS)).containsExactly(60, 96);
    assertThat(a.agent().discrete()).isTrue();
    assertThat(a.agent().encoder().actionDim()).isEqualTo(HiddenGoalGrid.NUM_ACTIONS);
  }

  /**
   * One greedy trajectory with the first prior draw z = ε (the first d normals of the seed's
   * stream 0), replayed by hand: the return is the hand rollout's, and afterwards the belief is
   * exactly q(z|c) of its 6 rows [x, y | onehot(a) | r].
   */
  @Test
  void evaluateDiscrete_actsGreedilyWithAPriorDraw_thenInfersFromOneHotRows() {
    Rng init = new Rng(4);
    ContextEncoder enc = new ContextEncoder(2, 5, false, 3, new int[] {8}, init.fork(0));
    PearlAgent agent = new PearlAgent(enc,
        Pearl.categoricalPolicy(small(1, 1).withLatentDim(3), 2, 5, init.fork(1)));
    long seed = 8;
    Rng zStream = new Rng(seed).fork(0);
    double[] z = new double[3];
    for (int j = 0; j < 3; j++) {
      z[j] = zStream.nextGaussian();
    }
    HiddenGoalGrid env = new HiddenGoalGrid(3, 6, 2, 8);
    double[] s = env.reset(0);
    double expectedReturn = 0;
    DMatrixRMaj context = new DMatrixRMaj(6, enc.inputDim());
    Tape tape = new Tape();
    for (int t = 0; t < 6; t++) {
      DMatrixRMaj in = new DMatrixRMaj(1, 5);
      in.data[0] = s[0];
      in.data[1] = s[1];
      System.arraycopy(z, 0, in.data, 2, 3);
      double[] logits = agent.categoricalPolicy().network()
          .forward(tape, tape.constant(in)).value().data;
      int a = 0;
      for (int k = 1; k < 5; k++) {
        a = logits[k] > logits[a] ? k : a;
      }
      double[] oneHot = new double[5];
      oneHot[a] = 1;
      var step = env.step(a);
      enc.encode(s, oneHot, step.reward(), null, context.data, t * enc.inputDim());
      expectedReturn += step.reward();
      s = step.observation();
    }
    LatentPosterior q = enc.infer(tape, tape.constant(context));
    PearlEvaluation e = Pearl.evaluateDiscrete(agent, List.of(new HiddenGoalGrid(3, 6, 2, 8)),
        1, 6, 1, seed);
    assertThat(e.returns()[0][0]).isEqualTo(expectedReturn);
    assertThat(agent.posteriorMean()).containsExactly(q.meanValues());
    assertThat(agent.posteriorVariance()).containsExactly(q.varianceValues());
  }

  /** 20 000 draws of actDiscrete follow softmax(logits) within 0.01 per action. */
  @Test
  void actDiscrete_drawsFollowTheSoftmax() {
    Rng init = new Rng(5);
    ContextEncoder enc = new ContextEncoder(2, 5, false, 2, new int[] {4}, init.fork(0));
    PearlAgent agent = new PearlAgent(enc, Pearl.categoricalPolicy(small(1, 1), 2, 5,
        init.fork(1)));
    for (Parameter p : agent.categoricalPolicy().parameters()) {
      for (int i = 0; i < p.value().getNumElements(); i++) {
        p.value().data[i] = init.nextGaussian();
      }
    }
    agent.sampleZ(init);
    double[] s = {1, 2};
    double[] in = new double[4];
    in[0] = 1;
    in[1] = 2;
    System.arraycopy(agent.z(), 0, in, 2, 2);
    DMatrixRMaj pi = agent.categoricalPolicy().probabilities(new Tape(),
        new DMatrixRMaj(1, 4, true, in), null);
    int[] counts = new int[5];
    Rng rng = new Rng(6);
    int n = 20_000;
    for (int i = 0; i < n; i++) {
      counts[agent.actDiscrete(s, rng)]++;
    }
    int greedy = 0;
    for (int a = 0; a < 5; a++) {
      assertThat(counts[a] / (double) n).as("action %d", a).isCloseTo(pi.data[a], within(0.01));
      greedy = pi.data[a] > pi.data[greedy] ? a : greedy;
    }
    assertThat(agent.actDiscrete(s, null)).isEqualTo(greedy);
  }

  @Test
  void saveAndLoadDiscrete_giveTheSameEvaluation(@TempDir Path dir) {
    PearlConfig c = small(2, 3).with(b -> b.trainStepsPerIteration(5));
    PearlResult r = Pearl.trainDiscrete(corridor(), c, null);
    Path file = dir.resolve("pearl-grid.json");
    r.agent().save(file);
    PearlAgent loaded = PearlAgent.loadDiscrete(c, 2, HiddenGoalGrid.NUM_ACTIONS, file);
    List<HiddenGoalGrid> test = List.of(new HiddenGoalGrid(3, 6, 2, 5),
        new HiddenGoalGrid(3, 6, 2, 8));
    PearlEvaluation a = Pearl.evaluateDiscrete(r.agent(), test, 3, 6, 1, 11);
    PearlEvaluation b = Pearl.evaluateDiscrete(loaded, test, 3, 6, 1, 11);
    for (int k = 0; k < 2; k++) {
      assertThat(b.returns()[k]).containsExactly(a.returns()[k]);
    }
    assertThat(loaded.posteriorMean()).containsExactly(r.agent().posteriorMean());
  }

  /**
   * Golden (seed 1): on the two-goal corridor, 40 iterations of 50 gradient steps (d = 2,
   * encoder 16, nets 2 × 16, 16 rows per task, rates 3e−3, β = 0.1, reward scale 5) give an
   * agent that infers the goal. Exact values: the oracle returns 4.9 per episode on either goal
   * (two steps, the first paid −0.1, then +1 for five); the Bayes-optimal first episode 2.7
   * (try one goal, then walk 4 cells to the other: ½·4.9 + ½·(−0.5 + 1)), and 4.9 afterwards,
   * the goal being known after one episode. Over 20 evaluation seeds of three episodes each,
   * PEARL returned 2.425 in the first (z from the prior, greedy), 3.6625 in the second (z drawn
   * from the posterior of one episode, which still puts mass on the wrong goal) and 4.9, the
   * oracle's, in the third (measured; asserted: the first at most the Bayes value, the second
   * more than 0.5 above it, the third within 0.1 of the oracle and more than 1.5 above the
   * first). At 40 iterations seeds 2 and 3 also reach 4.9 in the third episode; the test pins
   * one seeded outcome, not robustness (seed 2 at 80 iterations falls back to 2.84).
   */
  @Test
  void trainDiscrete_twoGoalCorridor_posteriorFindsTheGoal() {
    List<HiddenGoalGrid> tasks = corridor();
    PearlResult r = Pearl.trainDiscrete(tasks, small(40, 1), null);
    double[] episode = new double[3];
    int n = 20;
    for (long s = 0; s < n; s++) {
      PearlEvaluation e = Pearl.evaluateDiscrete(r.agent(), tasks, 3, 6, 1, s);
      for (int k = 0; k < 3; k++) {
        episode[k] += e.meanReturn(k) / n;
      }
    }
    double oracle = 4.9;
    double bayesFirst = 2.7;
    assertThat(episode[0]).isLessThanOrEqualTo(bayesFirst + 1e-9);
    assertThat(episode[1] - episode[0]).isGreaterThan(0.5);
    assertThat(episode[2]).isLessThanOrEqualTo(oracle + 1e-9).isGreaterThan(oracle - 0.1);
    assertThat(episode[2] - episode[0]).isGreaterThan(1.5);
  }
}
