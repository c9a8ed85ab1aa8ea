package org.gridrl.core.env;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.gridrl.core.mdp.TabularMdp;
import org.gridrl.core.testing.RandomMdps;
import org.gridrl.core.testing.TestBase;
import org.gridrl.core.util.Rng;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TabularEnvTest extends TestBase {

  /** 0 -a0-> 1 -a0-> 2 (terminal); action 1 stays put. Starts in 0. Reward r(s,a) = 10s + a. */
  private static TabularMdp chain() {
    return TabularMdp.builder(3, 2).gamma(0.9)
        .transition(0, 0, 1, 1).transition(0, 1, 0, 1)
        .transition(1, 0, 2, 1).transition(1, 1, 1, 1)
        .reward(0, 0, 0).reward(0, 1, 1).reward(1, 0, 10).reward(1, 1, 11)
        .initialDistribution(new double[] {1, 0, 0}).terminal(2).build();
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3})
  void transitionFrequencies_matchP_within5Sigma(long seed) {
    int numStates = 6;
    int numActions = 3;
    TabularMdp mdp = RandomMdps.random(seed, numStates, numActions, 4, 0.9, 0.0);
    TabularEnv env = new TabularEnv(mdp);
    Rng policy = new Rng(seed + 100);
    long[] pairCount = new long[numStates * numActions];
    long[] tripleCount = new long[numStates * numActions * numStates];
    int steps = 300_000;
    int s = env.resetState(seed);
    for (int t = 0; t < steps; t++) {
      if (t % 1000 == 999) {
        s = env.resetState(seed * 1_000_003 + t);
      }
      int a = policy.nextInt(numActions);
      int next = env.stepState(a);
      assertThat(env.lastReward()).isEqualTo(mdp.reward(s, a));
      pairCount[s * numActions + a]++;
      tripleCount[(s * numActions + a) * numStates + next]++;
      s = next;
    }
    for (int row = 0; row < numStates * numActions; row++) {
      long n = pairCount[row];
      assertThat(n).as("visits of row %d", row).isGreaterThan(5_000);
      for (int next = 0; next < numStates; next++) {
        double p = mdp.transitionProbability(row / numActions, row % numActions, next);
        long count = tripleCount[row * numStates + next];
        if (p == 0) {
          assertThat(count).as("impossible %d -> %d", row, next).isZero();
        } else {
          double sigma = Math.sqrt(n * p * (1 - p));
          assertThat((double) count).as("row %d -> %d, p = %s, n = %d", row, next, p, n)
              .isBetween(n * p - 5 * sigma, n * p + 5 * sigma);
        }
      }
    }
  }

  @Test
  void startStateFrequencies_matchD0_within5Sigma() {
    TabularMdp mdp = RandomMdps.random(8, 7, 1, 0.5);
    TabularEnv env = new TabularEnv(mdp);
    int n = 100_000;
    long[] count = new long[7];
    for (int i = 0; i < n; i++) {
      count[env.resetState(i)]++;
    }
    double[] d0 = mdp.initialDistribution();
    for (int s = 0; s < 7; s++) {
      double sigma = Math.sqrt(n * d0[s] * (1 - d0[s]));
      assertThat((double) count[s]).as("state %d, d0 = %s", s, d0[s])
          .isBetween(n * d0[s] - 5 * sigma, n * d0[s] + 5 * sigma);
    }
  }

  @Test
  void sameSeed_sameTrajectory_otherSeed_otherTrajectory() {
    TabularMdp mdp = RandomMdps.random(4, 10, 3, 4, 0.9, 0.0);
    int[] a = trajectory(new TabularEnv(mdp), 42, 200);
    int[] b = trajectory(new TabularEnv(mdp), 42, 200);
    int[] c = trajectory(new TabularEnv(mdp), 43, 200);
    assertThat(b).containsExactly(a);
    assertThat(c).isNotEqualTo(a);
    // resetting the same instance with the seed again replays the episode
    TabularEnv env = new TabularEnv(mdp);
    trajectory(env, 7, 50);
    assertThat(trajectory(env, 42, 200)).containsExactly(a);
  }

  private static int[] trajectory(TabularEnv env, long seed, int length) {
    int[] states = new int[length + 1];
    states[0] = env.reset(seed);
    for (int t = 0; t < length; t++) {
      states[t + 1] = env.step(t % 3).observation();
    }
    return states;
  }

  @Test
  void boxedAndPrimitiveApis_giveTheSameSteps() {
    TabularMdp mdp = RandomMdps.random(5, 8, 2, 3, 0.9, 0.0);
    TabularEnv boxed = new TabularEnv(mdp);
    TabularEnv primitive = new TabularEnv(mdp);
    assertThat(boxed.reset(9)).isEqualTo(primitive.resetState(9));
    for (int t = 0; t < 100; t++) {
      Step<Integer> step = boxed.step(t % 2);
      assertThat(step.observation()).isEqualTo(primitive.stepState(t % 2));
      assertThat(step.reward()).isEqualTo(primitive.lastReward());
      assertThat(step.terminated()).isFalse();
      assertThat(step.truncated()).isFalse();
      assertThat(step.info()).isEmpty();
      assertThat(boxed.state()).isEqualTo(step.observation());
    }
  }

  @Test
  void terminalState_endsTheEpisode_andResetStartsAgain() {
    TabularEnv env = new TabularEnv(chain());
    assertThat(env.reset(1)).isEqualTo(0);
    Step<Integer> stay = env.step(1);
    assertThat(stay).isEqualTo(new Step<>(0, 1.0, false, false));
    Step<Integer> first = env.step(0);
    assertThat(first).isEqualTo(new Step<>(1, 0.0, false, false));
    Step<Integer> last = env.step(0);
    assertThat(last).isEqualTo(new Step<>(2, 10.0, true, false));
    assertThat(env.terminated()).isTrue();
    assertThat(env.stepsThisEpisode()).isEqualTo(3);
    assertThatThrownBy(() -> env.step(0)).isInstanceOf(IllegalStateException.class)
        .hasMessage("the episode has ended: state 2 is terminal (reached after 3 steps); "
            + "call reset(seed) to start a new episode");
    assertThat(env.reset(2)).isEqualTo(0);
    assertThat(env.terminated()).isFalse();
    assertThat(env.step(0).observation()).isEqualTo(1);
  }

  @Test
  void terminalStartState_episodeIsOverAtReset() {
    TabularMdp mdp = chain().withInitialDistribution(new double[] {0, 0, 1});
    TabularEnv env = new TabularEnv(mdp);
    assertThat(env.reset(3)).isEqualTo(2);
    assertThat(env.terminated()).isTrue();
    assertThatThrownBy(() -> env.step(0)).isInstanceOf(IllegalStateException.class)
        .hasMessage("the episode has ended: state 2 is terminal (it was the start state); "
            + "call reset(seed) to start a new episode");
  }

  @Test
  void stepBeforeReset_isIllegalState() {
    TabularEnv env = new TabularEnv(chain());
    assertThat(env.state()).isEqualTo(-1);
    assertThatThrownBy(() -> env.step(0)).isInstanceOf(IllegalStateException.class)
        .hasMessage("step before reset: call reset(seed) to start an episode");
  }

  @ParameterizedTest
  @ValueSource(ints = {-1, 2, 99})
  void outOfRangeAction_namesIt(int action) {
    TabularEnv env = new TabularEnv(chain());
    env.reset(0);
    assertThatThrownBy(() -> env.step(action)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("action " + action + " out of range [0, 2)");
    assertThat(env.state()).isEqualTo(0);
    assertThatThrownBy(() -> env.step((Integer) null))
        .hasMessage("action must not be null");
  }

  @Test
  void spaces_areTheStateAndActionIndices() {
    TabularEnv env = new TabularEnv(chain());
    assertThat(env.observationSpace()).isEqualTo(new Discrete(3));
    assertThat(env.actionSpace()).isEqualTo(new Discrete(2));
    assertThat(env.mdp()).isEqualTo(chain());
  }
}
