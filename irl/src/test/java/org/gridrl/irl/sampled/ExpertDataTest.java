package org.gridrl.irl.sampled;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.gridrl.core.autodiff.Tape;
import org.gridrl.core.env.TimeLimit;
import org.gridrl.core.mdp.TabularMdp;
import org.gridrl.core.mdp.TabularPolicy;
import org.gridrl.core.pg.Policy;
import org.gridrl.core.pg.Sampler;
import org.gridrl.core.pg.Sampler.ObservationEncoder;
import org.gridrl.envs.continuous.PointNavigation;
import org.gridrl.envs.tabular.GridWorld;
import org.gridrl.irl.testing.IrlTestBase;
import org.junit.jupiter.api.Test;

/** Expert data: the tabular and controller experts as policies, and sampling through a Sampler. */
class ExpertDataTest extends IrlTestBase {

  private static final TabularPolicy PI = TabularPolicy.of(3, 2,
      new double[] {0.25, 0.75, 1, 0, 0.5, 0.5});

  @Test
  void tabularExpert_forwardIsLogPi_evaluateIsLogPiAndEntropy_onHandValues() {
    TabularExpertPolicy expert = TabularExpertPolicy.oneHot(PI);
    Tape tape = new Tape();
    DMatrixRMaj obs = new DMatrixRMaj(3, 3, true, 0, 0, 1, 1, 0, 0, 0, 1, 0);
    double[] logits = expert.forward(tape, tape.constant(obs), List.of(), 0).value().data;
    assertThat(logits).containsExactly(Math.log(0.5), Math.log(0.5), Math.log(0.25),
        Math.log(0.75), 0, Double.NEGATIVE_INFINITY);
    Policy.Evaluation ev = expert.evaluate(tape, tape.constant(obs), List.of(), null,
        new int[] {1, 1, 0});
    assertThat(ev.logProb().value().data).containsExactly(Math.log(0.5), Math.log(0.75), 0);
    // H = −Σ p log p with 0 log 0 = 0: log 2, −(¼ log ¼ + ¾ log ¾), 0
    assertThat(ev.entropy().value().data).containsExactly(Math.log(2),
        -(0.25 * Math.log(0.25) + 0.75 * Math.log(0.75)), 0);
    assertThat(expert.parameters()).isEmpty();
  }

  @Test
  void tabularExpert_readsTheStateBackFromFeatures_andRejectsAmbiguousOnes() {
    ObservationEncoder<Integer> features = (s, out, off) -> {
      out[off] = s == 2 ? 1 : 0;
      out[off + 1] = s;
    };
    TabularExpertPolicy expert = TabularExpertPolicy.of(PI, features, 2);
    assertThat(expert.state(new double[] {9, 1, 2}, 1)).isEqualTo(2);
    assertThat(expert.state(new double[] {0, 1}, 0)).isEqualTo(1);
    assertThatThrownBy(() -> expert.state(new double[] {0, 3}, 0))
        .hasMessage("the observation [0.0, 3.0] is no state's observation");
    assertThatThrownBy(() -> TabularExpertPolicy.of(PI, (s, out, off) -> out[off] = s % 2, 1))
        .hasMessage("states 0 and 2 have the same observation, so a policy of observations "
            + "cannot tell them apart");
    assertThatThrownBy(() -> TabularExpertPolicy.oneHot(PI).state(new double[] {0, 0.5, 0}, 0))
        .hasMessage("the observation [0.0, 0.5, 0.0] is no state's observation");
  }

  @Test
  void tabularSample_actionFrequencies_matchPi_andTransitionsFollowTheDynamics() {
    TabularMdp mdp = randomMdp(11, 5, 3, 2, 0.9, 0);
    double[] table = new double[15];
    for (int s = 0; s < 5; s++) {
      double[] row = {0.1 + 0.1 * s, 0.5, 0.4 - 0.05 * s}; // positive, normalised below
      double sum = row[0] + row[1] + row[2];
      for (int a = 0; a < 3; a++) {
        table[s * 3 + a] = row[a] / sum;
      }
    }
    TabularPolicy pi = TabularPolicy.of(5, 3, table);
    Transitions tr = ExpertData.sample(mdp, pi, 400, 25, 3);
    assertThat(tr.size()).isEqualTo(400 * 25); // no terminals: every episode is cut at 25
    assertThat(tr.terminated()).containsOnly(false);
    int[] pair = new int[15];
    int[] visits = new int[5];
    for (int t = 0; t < tr.size(); t++) {
      int s = argmax(tr.observations(), t * 5, 5);
      int s1 = argmax(tr.nextObservations(), t * 5, 5);
      int a = tr.actionIndices()[t];
      pair[s * 3 + a]++;
      visits[s]++;
      // s' is a successor of (s, a) with positive probability
      assertThat(probability(mdp, s, a, s1)).as("P(%d|%d,%d)", s1, s, a).isPositive();
      if (t + 1 < tr.size() && tr.hasNext()[t] && t + 1 < tr.start(trajectoryOf(tr, t) + 1)) {
        assertThat(argmax(tr.observations(), (t + 1) * 5, 5)).isEqualTo(s1);
      }
    }
    for (int s = 0; s < 5; s++) {
      for (int a = 0; a < 3; a++) {
        double p = pi.probability(s, a);
        // 5 standard errors of a frequency over the state's visits
        double tol = 5 * Math.sqrt(p * (1 - p) / visits[s]);
        assertThat((double) pair[s * 3 + a] / visits[s]).as("s=%d a=%d", s, a)
            .isCloseTo(p, within(tol));
      }
    }
  }

  @Test
  void tabularSample_endsAnEpisodeAtTheGoalWithATerminatedTransition() {
    // 1×3 corridor S . G, deterministic, always east: S → middle → G (terminal)
    GridWorld world = GridWorld.parse("S.G", "corridor", GridWorld.Options.defaults());
    TabularMdp mdp = world.mdp();
    TabularPolicy east = TabularPolicy.deterministic(new int[] {1, 1, 1}, mdp.numActions());
    Transitions tr = ExpertData.sample(mdp, east, 3, 10, 0);
    assertThat(tr.numTrajectories()).isEqualTo(3);
    for (int i = 0; i < 3; i++) {
      assertThat(tr.length(i)).isEqualTo(2);
    }
    assertThat(tr.terminated()).containsExactly(false, true, false, true, false, true);
    assertThat(tr.nextObservations()).startsWith(0, 1, 0, 0, 0, 1);
  }

  @Test
  void tabularSample_firstKOfALargerSample_isTheSampleOfK_andSeedsReproduce() {
    TabularMdp mdp = randomMdp(2, 6, 3, 3, 0.9, 0);
    TabularPolicy pi = TabularPolicy.uniform(6, 3);
    Transitions big = ExpertData.sample(mdp, pi, 12, 9, 21);
    Transitions small = ExpertData.sample(mdp, pi, 5, 9, 21);
    assertThat(big.first(5).observations()).containsExactly(small.observations());
    assertThat(big.first(5).actionIndices()).containsExactly(small.actionIndices());
    assertThat(big.first(5).nextObservations()).containsExactly(small.nextObservations());
    assertThat(ExpertData.sample(mdp, pi, 12, 9, 21).actionIndices())
        .containsExactly(big.actionIndices());
    assertThat(ExpertData.sample(mdp, pi, 12, 9, 22).actionIndices())
        .isNotEqualTo(big.actionIndices());
  }

  @Test
  void tabularSample_refusesAStartOnATerminalState() {
    TabularMdp mdp = TransitionsTest.chain().withInitialDistribution(new double[] {0.5, 0, 0,
        0.5});
    assertThatThrownBy(() -> ExpertData.sample(mdp, TabularPolicy.uniform(4, 2), 1, 5, 0))
        .hasMessage("the start distribution puts mass 0.5 on the terminal state 3");
  }

  @Test
  void gaussianController_residualsHaveTheGivenStd_andLogProbIsTheDensity() {
    // μ(o) = K o + b on PointNavigation, σ = (0.03, 0.05)
    double[] k = {-0.5, 0.1, 0.0, -0.4};
    double[] b = {0.2, -0.1};
    double[] std = {0.03, 0.05};
    Controller mu = Controller.linear(2, 2, k, b);
    ControllerPolicy expert = ControllerPolicy.gaussian(mu, 2, 2, std);
    Sampler<double[], double[]> sampler = Sampler.vector(List.of(
        new TimeLimit<>(PointNavigation.withGoal(0.3, -0.2), 50)));
    Transitions tr = ExpertData.sample(sampler, expert, 20, 4);
    assertThat(tr.numTrajectories()).isEqualTo(20); // some end early, at the goal
    double[] o = tr.observations();
    double[] a = tr.actions();
    double[] sum = new double[2];
    double[] sq = new double[2];
    for (int t = 0; t < tr.size(); t++) {
      for (int i = 0; i < 2; i++) {
        double r = a[2 * t + i] - (b[i] + k[2 * i] * o[2 * t] + k[2 * i + 1] * o[2 * t + 1]);
        sum[i] += r;
        sq[i] += r * r;
      }
      // the world moves by the clipped action: o' = o + clip(a, ±0.1)
      for (int i = 0; i < 2; i++) {
        double step = Math.max(-0.1, Math.min(0.1, a[2 * t + i]));
        assertThat(tr.nextObservations()[2 * t + i]).isCloseTo(o[2 * t + i] + step,
            within(TIGHT));
      }
    }
    int n = tr.size();
    for (int i = 0; i < 2; i++) {
      // mean within 5 standard errors of 0; the std of the sample std is ≈ σ/√(2n)
      assertThat(sum[i] / n).isCloseTo(0, within(5 * std[i] / Math.sqrt(n)));
      assertThat(Math.sqrt(sq[i] / n)).isCloseTo(std[i], within(5 * std[i] / Math.sqrt(2 * n)));
    }
    // log π of a hand value: a = μ(o) + (σ₁, −2σ₂) → −½(1 + 4) − Σ log σ − log 2π
    Tape tape = new Tape();
    DMatrixRMaj x = new DMatrixRMaj(1, 2, true, 0.1, 0.2);
    double[] m = {0.2 - 0.05 + 0.02, -0.1 - 0.08};
    DMatrixRMaj act = new DMatrixRMaj(1, 2, true, m[0] + 0.03, m[1] - 0.1);
    Policy.Evaluation ev = expert.evaluate(tape, tape.constant(x), List.of(), act, null);
    assertThat(ev.logProb().item()).isCloseTo(-2.5 - Math.log(0.03) - Math.log(0.05)
        - Math.log(2 * Math.PI), within(TIGHT));
    assertThat(ev.entropy().item()).isCloseTo(1 + Math.log(2 * Math.PI) + Math.log(0.03)
        + Math.log(0.05), within(TIGHT));
    assertThat(expert.forward(tape, tape.constant(x), List.of(), 0).value().data)
        .containsExactly(new double[] {m[0], m[1]}, within(TIGHT));
  }

  @Test
  void deterministicController_actsExactlyMu_andHasNoDensity() {
    Controller toGoal = (o, off, out, outOff) -> {
      out[outOff] = 0.3 - o[off];
      out[outOff + 1] = -0.2 - o[off + 1];
    };
    ControllerPolicy expert = ControllerPolicy.deterministic(toGoal, 2, 2);
    Sampler<double[], double[]> sampler = Sampler.vector(List.of(
        new TimeLimit<>(PointNavigation.withGoal(0.3, -0.2), 30)));
    Transitions tr = ExpertData.sample(sampler, expert, 1, 0);
    // from the origin: a_0 = (0.3, −0.2), clipped to (0.1, −0.1); o_1 = (0.1, −0.1) ...
    assertThat(tr.actions()).startsWith(0.3, -0.2);
    assertThat(tr.nextObservations()).startsWith(0.1, -0.1);
    for (int t = 0; t < tr.size(); t++) {
      assertThat(tr.actions()[2 * t]).isEqualTo(0.3 - tr.observations()[2 * t]);
    }
    // it reaches the goal within the tolerance and the episode terminates there
    assertThat(tr.terminated()[tr.size() - 1]).isTrue();
    Tape tape = new Tape();
    Policy.Evaluation ev = expert.evaluate(tape, tape.constant(new DMatrixRMaj(1, 2)),
        List.of(), new DMatrixRMaj(1, 2), null);
    assertThat(ev.logProb().item()).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(ev.entropy().item()).isEqualTo(Double.NEGATIVE_INFINITY);
  }

  @Test
  void controllerConfig_rejectsNonsense() {
    Controller zero = (o, off, out, outOff) -> { };
    assertThatThrownBy(() -> ControllerPolicy.gaussian(zero, 2, 2, new double[] {0.1, 0}))
        .hasMessage("std[1] must be finite and > 0, got 0.0");
    assertThatThrownBy(() -> Controller.linear(2, 2, new double[3], new double[2]))
        .hasMessage("gain must have length 4, got 3");
  }

  private static int argmax(double[] x, int off, int n) {
    int best = 0;
    for (int j = 1; j < n; j++) {
      if (x[off + j] > x[off + best]) {
        best = j;
      }
    }
    return best;
  }

  private static int trajectoryOf(Transitions tr, int row) {
    int i = 0;
    while (tr.start(i + 1) <= row) {
      i++;
    }
    return i;
  }

  private static double probability(TabularMdp mdp, int s, int a, int s1) {
    int row = s * mdp.numActions() + a;
    double p = 0;
    for (int k = mdp.rowStart()[row]; k < mdp.rowStart()[row + 1]; k++) {
      if (mdp.successors()[k] == s1) {
        p += mdp.probabilities()[k];
      }
    }
    return p;
  }
}
