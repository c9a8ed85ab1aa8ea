package org.gridrl.envs.mdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.gridrl.core.env.Step;
import org.gridrl.core.mdp.TabularMdp;
import org.gridrl.core.util.Rng;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RandomMdpTest {

  private static final double TIGHT = 1e-12;

  /**
   * Two states, two actions. State 0: action 0 pays 1 and stays; action 1 pays 0 and moves to
   * state 1. State 1 pays 2 for either action and stays. Over H steps the best is
   * max(H·1, 0 + 2(H − 1)).
   */
  @ParameterizedTest
  @CsvSource({"1, 1", "2, 2", "3, 4", "10, 18"})
  void optimalEpisodeValue_deterministicHandMdp_isClosedForm(int horizon, double expected) {
    TabularMdp mdp = TabularMdp.builder(2, 2).gamma(1.0)
        .transition(0, 0, 0, 1).reward(0, 0, 1)
        .transition(0, 1, 1, 1).reward(0, 1, 0)
        .transition(1, 0, 1, 1).reward(1, 0, 2)
        .transition(1, 1, 1, 1).reward(1, 1, 2)
        .build();
    RandomMdp env = new RandomMdp(mdp, horizon, 1.0);
    assertThat(env.optimalEpisodeValue()).isCloseTo(expected, within(TIGHT));
  }

  /**
   * State 0: action 0 pays 0 and stays; action 1 pays 0 and reaches the absorbing state 1 with
   * probability p (else stays). State 1 pays 1 a step. Trying at once is optimal, so
   * V*_0(0) = Σ_{t=1}^{H−1} (1 − (1 − p)^t) = (H − 1) − (1 − p)(1 − (1 − p)^{H−1})/p.
   */
  @Test
  void optimalEpisodeValue_geometricHandMdp_isClosedForm() {
    double p = 0.3;
    int h = 10;
    TabularMdp mdp = TabularMdp.builder(2, 2).gamma(1.0)
        .transition(0, 0, 0, 1)
        .transition(0, 1, 1, p).transition(0, 1, 0, 1 - p)
        .transition(1, 0, 1, 1).reward(1, 0, 1)
        .transition(1, 1, 1, 1).reward(1, 1, 1)
        .build();
    double expected = (h - 1) - (1 - p) * (1 - Math.pow(1 - p, h - 1)) / p;
    RandomMdp env = new RandomMdp(mdp, h, 1.0);
    assertThat(env.optimalEpisodeValue()).isCloseTo(expected, within(TIGHT));
    assertThat(env.optimalSolution().policies()[0].greedyAction(0)).isEqualTo(1);
  }

  /** Rows are distributions over all S successors, d0 = δ_0, γ = 1, the spec's sizes. */
  @Test
  void sample_rl2Spec_hasItsShape() {
    RandomMdp task = RandomMdp.tasks(RandomMdp.Spec.rl2()).sample(new Rng(1));
    TabularMdp mdp = task.mdp();
    assertThat(mdp.numStates()).isEqualTo(10);
    assertThat(mdp.numActions()).isEqualTo(5);
    assertThat(task.episodeLength()).isEqualTo(10);
    assertThat(mdp.gamma()).isEqualTo(1.0);
    assertThat(mdp.numTransitions()).isEqualTo(10 * 5 * 10);
    assertThat(mdp.initialDistribution()[0]).isEqualTo(1.0);
    for (int row = 0; row < 50; row++) {
      double sum = 0;
      for (int k = mdp.rowStart()[row]; k < mdp.rowStart()[row + 1]; k++) {
        assertThat(mdp.probabilities()[k]).isPositive();
        sum += mdp.probabilities()[k];
      }
      assertThat(sum).isCloseTo(1.0, within(TIGHT));
    }
  }

  /**
   * Over 2000 tasks (100 000 rows): the mean reward R̄ has mean 1 and variance 1, and a
   * transition probability has the flat Dirichlet's mean 1/S and variance (S − 1)/(S²(S + 1)),
   * each within 5 standard errors (sample-based).
   */
  @Test
  void tasks_rl2Spec_rewardAndTransitionMoments() {
    var tasks = RandomMdp.tasks(RandomMdp.Spec.rl2());
    Rng rng = new Rng(11);
    int n = 0;
    double r1 = 0;
    double r2 = 0;
    double r4 = 0;
    int m = 0;
    double p1 = 0;
    double p2 = 0;
    for (int i = 0; i < 2000; i++) {
      TabularMdp mdp = tasks.sample(rng).mdp();
      for (double r : mdp.rewards()) {
        double c = r - 1;
        r1 += c;
        r2 += c * c;
        r4 += c * c * c * c;
        n++;
      }
      for (int row = 0; row < 50; row++) {
        double p = mdp.transitionProbability(row / 5, row % 5, 3);
        p1 += p;
        p2 += p * p;
        m++;
      }
    }
    double meanR = r1 / n;
    double varR = r2 / n;
    assertThat(Math.abs(meanR)).isLessThan(5 * Math.sqrt(varR / n));
    assertThat(Math.abs(varR - 1)).isLessThan(5 * Math.sqrt((r4 / n - varR * varR) / n));
    double meanP = p1 / m;
    double varP = p2 / m - meanP * meanP;
    assertThat(Math.abs(meanP - 0.1)).isLessThan(5 * Math.sqrt(varP / m));
    assertThat(varP).isCloseTo(9.0 / (100 * 11), within(0.1 * 9.0 / 1100));
  }

  /**
   * A step's reward is R̄(s,a) + σ·g with g the stream's next Gaussian, and the next state the
   * stream's next categorical draw over the row; the episode truncates after H steps.
   */
  @Test
  void step_drawsNoiseThenSuccessorFromTheResetStream() {
    RandomMdp env = RandomMdp.sample(RandomMdp.Spec.rl2(4, 3, 5), new Rng(2));
    TabularMdp mdp = env.mdp();
    assertThat(env.reset(99)).isEqualTo(0);
    Rng mirror = new Rng(99);
    int s = 0;
    for (int t = 0; t < 5; t++) {
      int a = t % 3;
      Step<Integer> step = env.step(a);
      int row = s * 3 + a;
      double r = mdp.rewards()[row] + mirror.nextGaussian();
      int start = mdp.rowStart()[row];
      int next = mdp.successors()[start
          + mirror.nextCategorical(mdp.probabilities(), start, mdp.rowStart()[row + 1] - start)];
      assertThat(step.reward()).isEqualTo(r);
      assertThat(step.observation()).isEqualTo(next);
      assertThat(step.terminated()).isFalse();
      assertThat(step.truncated()).isEqualTo(t == 4);
      s = next;
    }
    assertThatThrownBy(() -> env.step(0)).isInstanceOf(IllegalStateException.class);
    env.reset(1);
    assertThatThrownBy(() -> env.step(3)).hasMessage("action must be in [0, 3), got 3");
  }

  @Test
  void tasks_sameSeed_sameMdp() {
    var tasks = RandomMdp.tasks(RandomMdp.Spec.rl2());
    assertThat(tasks.sample(new Rng(5)).mdp()).isEqualTo(tasks.sample(new Rng(5)).mdp());
  }

  @Test
  void spec_badField_namesIt() {
    assertThatThrownBy(() -> RandomMdp.Spec.rl2(0, 5, 10))
        .hasMessage("numStates must be >= 1, got 0");
  }
}
