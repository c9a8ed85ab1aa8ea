package org.gridrl.core.pg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.gridrl.core.autodiff.Tape;
import org.gridrl.core.autodiff.Tensor;
import org.gridrl.core.mdp.TabularMdp;
import org.gridrl.core.mdp.TabularMdpBuilder;
import org.gridrl.core.nn.Activation;
import org.gridrl.core.nn.Init;
import org.gridrl.core.nn.Linear;
import org.gridrl.core.nn.Mlp;
import org.gridrl.core.planning.Solution;
import org.gridrl.core.planning.SoftValueIteration;
import org.gridrl.core.planning.SoftViConfig;
import org.gridrl.core.util.MetricsRecorder;
import org.gridrl.core.util.Rng;
import org.junit.jupiter.api.Test;

/**
 * Discrete SAC (Christodoulou 2019): the exact soft target against a hand computation, the
 * actor's loss gradient against finite differences and its closed-form minimum, and the joint
 * fixed point of critics and actor against soft value iteration at τ = α on a tabular MDP with
 * one-hot states (set exactly, and reached by training).
 */
class DiscreteSacLearnerTest {

  private static final double EXACT = 1e-12;

  /**
   * π(·|s') = (1/4, 3/4), Q_targ,1 = (1, 2), Q_targ,2 = (1.5, 1), α = 1/2: V = Σ_a π (min Q −
   * α log π) = 1 + ½ H(π) = 1.2811675723094043 (H = −¼ ln ¼ − ¾ ln ¾); r = 0.3, γ = 0.9 gives y
   * = 1.453050815078464; a terminated row gives y = r (python: sum(p*(min(x,y)-a*log(p)))).
   */
  @Test
  void softTarget_handComputed_andTerminationStopsTheBootstrap() {
    DMatrixRMaj logPi = new DMatrixRMaj(new double[][] {
        {Math.log(0.25), Math.log(0.75)}, {Math.log(0.25), Math.log(0.75)}});
    DMatrixRMaj q1 = new DMatrixRMaj(new double[][] {{1, 2}, {1, 2}});
    DMatrixRMaj q2 = new DMatrixRMaj(new double[][] {{1.5, 1}, {1.5, 1}});
    DMatrixRMaj r = new DMatrixRMaj(new double[][] {{0.3}, {0.3}});
    DMatrixRMaj d = new DMatrixRMaj(new double[][] {{0}, {1}});
    DMatrixRMaj y = new DMatrixRMaj(1, 1);
    DiscreteSacLosses.softTarget(r, d, logPi, q1, q2, 0.9, 0.5, y);
    assertThat(y.data[0]).isCloseTo(1.453050815078464, within(EXACT));
    assertThat(y.data[1]).isEqualTo(0.3);
  }

  /** ∂J_π/∂logits by the tape equals central differences, on random 3 × 4 inputs. */
  @Test
  void actorLoss_gradientMatchesFiniteDifferences() {
    Rng rng = new Rng(345);
    int b = 3;
    int k = 4;
    double alpha = 0.7;
    DMatrixRMaj logits = new DMatrixRMaj(b, k);
    DMatrixRMaj q1 = new DMatrixRMaj(b, k);
    DMatrixRMaj q2 = new DMatrixRMaj(b, k);
    for (int i = 0; i < b * k; i++) {
      logits.data[i] = rng.nextGaussian();
      q1.data[i] = rng.nextGaussian();
      q2.data[i] = rng.nextGaussian();
    }
    Tape tape = new Tape();
    Tensor x = tape.parameter(logits);
    Tensor loss = DiscreteSacLosses.actor(tape, tape.logSoftmax(x), q1, q2, alpha, null);
    DMatrixRMaj g = tape.grad(loss, x, false).value().copy();
    double h = 1e-6;
    for (int i = 0; i < b * k; i++) {
      double x0 = logits.data[i];
      logits.data[i] = x0 + h;
      double up = actorLoss(logits, q1, q2, alpha);
      logits.data[i] = x0 - h;
      double down = actorLoss(logits, q1, q2, alpha);
      logits.data[i] = x0;
      assertThat(g.data[i]).as("logit %d", i).isCloseTo((up - down) / (2 * h), within(1e-8));
    }
  }

  /**
   * At logits = min Q/α the actor's loss is its minimum −(1/B) Σ_s α log Σ_a exp(min Q(s, a)/α)
   * (Gibbs' variational principle) and its gradient vanishes.
   */
  @Test
  void actorLoss_atSoftmaxOfQOverAlpha_isMinusSoftValue_withZeroGradient() {
    double alpha = 0.4;
    DMatrixRMaj q1 = new DMatrixRMaj(new double[][] {{1, -0.5, 0.25}, {0.3, 0.3, 2}});
    DMatrixRMaj q2 = new DMatrixRMaj(new double[][] {{1.2, -0.7, 0.25}, {0.1, 0.9, 2.5}});
    DMatrixRMaj logits = new DMatrixRMaj(2, 3);
    double expected = 0;
    for (int i = 0; i < 2; i++) {
      double sum = 0;
      for (int a = 0; a < 3; a++) {
        double m = Math.min(q1.get(i, a), q2.get(i, a));
        logits.set(i, a, m / alpha);
        sum += Math.exp(m / alpha);
      }
      expected -= alpha * Math.log(sum) / 2;
    }
    Tape tape = new Tape();
    Tensor x = tape.parameter(logits);
    Tensor loss = DiscreteSacLosses.actor(tape, tape.logSoftmax(x), q1, q2, alpha, null);
    assertThat(loss.item()).isCloseTo(expected, within(EXACT));
    for (double gi : tape.grad(loss, x, false).value().data) {
      assertThat(gi).isCloseTo(0.0, within(EXACT));
    }
  }

  private static double actorLoss(DMatrixRMaj logits, DMatrixRMaj q1, DMatrixRMaj q2,
      double alpha) {
    Tape tape = new Tape();
    return DiscreteSacLosses.actor(tape, tape.logSoftmax(tape.constant(logits)), q1, q2, alpha,
        null).item();
  }

  // ------------------------------------------------------------------ the tabular fixed point

  private static final int S = 3;
  private static final int A = 2;
  private static final double GAMMA = 0.9;
  private static final double ALPHA = 0.5;

  /**
   * A deterministic 3-state chain: action 0 moves left, 1 right (clamped at the ends), rewards
   * r(s, a) = {{0, 0.2}, {0.1, −0.3}, {1, 0.5}}, γ = 0.9, no terminals.
   */
  static TabularMdp chain() {
    double[][] r = {{0, 0.2}, {0.1, -0.3}, {1, 0.5}};
    TabularMdpBuilder b = TabularMdp.builder(S, A).gamma(GAMMA);
    for (int s = 0; s < S; s++) {
      b.reward(s, 0, r[s][0]).reward(s, 1, r[s][1]);
      b.transition(s, 0, next(s, 0), 1.0).transition(s, 1, next(s, 1), 1.0);
    }
    return b.initialDistribution(new double[] {1, 0, 0}).build();
  }

  static int next(int s, int a) {
    return a == 0 ? Math.max(0, s - 1) : Math.min(S - 1, s + 1);
  }

  /** Every (s, a) once, one-hot s, its deterministic s'. */
  static ReplayBuffer.Minibatch fullBatch(TabularMdp mdp) {
    ReplayBuffer.Minibatch m = new ReplayBuffer.Minibatch(S * A, S, 1);
    for (int s = 0; s < S; s++) {
      for (int a = 0; a < A; a++) {
        int row = s * A + a;
        m.observations.set(row, s, 1.0);
        m.nextObservations.set(row, next(s, a), 1.0);
        m.actions.set(row, 0, a);
        m.rewards.set(row, 0, mdp.reward(s, a));
      }
    }
    return m;
  }

  static SacConfig config() {
    return SacConfig.defaults().with(b -> b.batchSize(S * A).bufferCapacity(S * A).gamma(GAMMA)
        .initialAlpha(ALPHA).autotune(false).hiddenWidth(S).hiddenLayers(1));
  }

  /** Sets a one-hidden-layer ReLU net on one-hot inputs to the table: W0 = I, W1 = table. */
  static void setTable(Mlp net, double[] table, double scale) {
    List<Linear> layers = net.layers();
    layers.get(0).weight().zero();
    layers.get(0).bias().zero();
    for (int s = 0; s < S; s++) {
      layers.get(0).weight().set(s, s, 1.0);
      for (int a = 0; a < A; a++) {
        layers.get(1).weight().set(s, a, table[s * A + a] * scale);
      }
    }
    layers.get(1).bias().zero();
  }

  /**
   * Soft VI's Q* at τ = α set into both critics, both targets, and the actor's logits as Q* / α:
   * the soft target equals Q*(s, a) on every row, so both critics' losses are 0 (to rounding),
   * and the actor's loss is its minimum −mean_rows V*(s) with V*(s) = α log Σ_a exp(Q*(s,a)/α)
   * (to 1e-6, not to rounding: the critics' Adam step comes first, and Adam normalises the
   * rounding-level gradient into a step of up to its learning rate times |g|/ε; measured 6e-8).
   */
  @Test
  void update_atSoftValueIterationsQ_isAFixedPoint() {
    TabularMdp mdp = chain();
    Solution sol = SoftValueIteration.solve(mdp,
        SoftViConfig.defaults().with(b -> b.temperature(ALPHA).tolerance(1e-14)));
    Rng init = new Rng(1);
    Mlp actorNet = new Mlp(new int[] {S, S, A}, Activation.RELU, Init.xavierUniform(), init);
    CategoricalPolicy policy = new CategoricalPolicy(actorNet);
    DiscreteSacLearner learner = new DiscreteSacLearner(config(), policy, init);
    for (Mlp q : List.of(learner.q1(), learner.q2(), learner.q1Target(), learner.q2Target())) {
      setTable(q, sol.q(), 1.0);
    }
    setTable(actorNet, sol.q(), 1 / ALPHA);
    MetricsRecorder rec = new MetricsRecorder();
    learner.update(fullBatch(mdp), 1).report(rec, 1);
    double expectedPolicyLoss = 0;
    for (int s = 0; s < S; s++) {
      expectedPolicyLoss -= A * sol.v()[s] / (S * A);
    }
    assertThat(rec.history().last(Metrics.Q1_LOSS)).isCloseTo(0.0, within(1e-24));
    assertThat(rec.history().last(Metrics.Q2_LOSS)).isCloseTo(0.0, within(1e-24));
    assertThat(rec.history().last(Metrics.POLICY_LOSS)).isCloseTo(expectedPolicyLoss,
        within(1e-6));
  }

  /**
   * Trained from a random start on the full batch (fixed α = 0.5, Adam 1e-2 for critics and
   * actor, ρ = 0.05, 6000 updates, seed 3): both critics reach soft VI's Q* within 0.01 in every
   * (s, a) and the actor's π reaches softmax(Q* / α) within 0.01 (measured: max errors 1.7e-3 and
   * 5e-4).
   */
  @Test
  void update_trainedOnAFullBatch_reachesSoftValueIterationsQ() {
    TabularMdp mdp = chain();
    Solution sol = SoftValueIteration.solve(mdp,
        SoftViConfig.defaults().with(b -> b.temperature(ALPHA).tolerance(1e-14)));
    Rng init = new Rng(3);
    SacConfig c = config().with(b -> b.hiddenWidth(16).qLearningRate(1e-2)
        .policyLearningRate(1e-2).polyak(0.05));
    CategoricalPolicy policy = CategoricalPolicy.mlp(S, new int[] {16}, A, init);
    DiscreteSacLearner learner = new DiscreteSacLearner(c, policy, init);
    ReplayBuffer.Minibatch batch = fullBatch(mdp);
    for (int i = 1; i <= 6000; i++) {
      learner.update(batch, i);
    }
    Tape tape = new Tape();
    DMatrixRMaj states = new DMatrixRMaj(S, S);
    for (int s = 0; s < S; s++) {
      states.set(s, s, 1.0);
    }
    double[] q1 = learner.q1().forward(tape, tape.constant(states)).value().data;
    double[] q2 = learner.q2().forward(tape, tape.constant(states)).value().data;
    double[] pi = policy.probabilities(tape, states, null).data;
    for (int row = 0; row < S * A; row++) {
      assertThat(q1[row]).as("Q1 row %d", row).isCloseTo(sol.q()[row], within(0.01));
      assertThat(q2[row]).as("Q2 row %d", row).isCloseTo(sol.q()[row], within(0.01));
      int s = row / A;
      double piStar = Math.exp((sol.q()[row] - sol.v()[s]) / ALPHA);
      assertThat(pi[row]).as("pi row %d", row).isCloseTo(piStar, within(0.01));
    }
  }
}
