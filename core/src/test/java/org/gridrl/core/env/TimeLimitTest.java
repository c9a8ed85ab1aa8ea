package org.gridrl.core.env;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.gridrl.core.mdp.TabularMdp;
import org.gridrl.core.testing.TestBase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TimeLimitTest extends TestBase {

  /** States 0..3 in a line, action 0 moves right, action 1 stays; 3 is terminal. */
  private static TabularEnv line() {
    return new TabularEnv(TabularMdp.builder(4, 2).gamma(0.9)
        .transition(0, 0, 1, 1).transition(0, 1, 0, 1)
        .transition(1, 0, 2, 1).transition(1, 1, 1, 1)
        .transition(2, 0, 3, 1).transition(2, 1, 2, 1)
        .initialDistribution(new double[] {1, 0, 0, 0}).terminal(3).build());
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 5, 17})
  void truncatesExactlyAtTheLimit(int limit) {
    TimeLimit<Integer, Integer> env = new TimeLimit<>(line(), limit);
    for (int episode = 0; episode < 2; episode++) {
      env.reset(episode);
      for (int t = 1; t <= limit; t++) {
        Step<Integer> step = env.step(1); // stay: never terminates
        assertThat(step.truncated()).as("step %d of %d", t, limit).isEqualTo(t == limit);
        assertThat(step.terminated()).isFalse();
        assertThat(env.elapsedSteps()).isEqualTo(t);
      }
      assertThatThrownBy(() -> env.step(1)).isInstanceOf(IllegalStateException.class)
          .hasMessage("the episode has ended (truncated at the time limit of " + limit
              + " steps after " + limit + " steps); call reset(seed) to start a new episode");
    }
  }

  @Test
  void terminationBeforeTheLimit_isNotTruncated() {
    TimeLimit<Integer, Integer> env = new TimeLimit<>(line(), 10);
    env.reset(0);
    env.step(0);
    env.step(0);
    Step<Integer> last = env.step(0);
    assertThat(last).isEqualTo(new Step<>(3, 0.0, true, false));
    assertThatThrownBy(() -> env.step(0)).isInstanceOf(IllegalStateException.class)
        .hasMessage("the episode has ended (terminated after 3 steps); call reset(seed) to "
            + "start a new episode");
  }

  @Test
  void terminationAtTheLimit_isBothTerminatedAndTruncated() {
    TimeLimit<Integer, Integer> env = new TimeLimit<>(line(), 3);
    env.reset(0);
    env.step(0);
    env.step(0);
    Step<Integer> last = env.step(0);
    assertThat(last.terminated()).isTrue();
    assertThat(last.truncated()).isTrue();
    assertThat(last.done()).isTrue();
  }

  @Test
  void stepBeforeReset_isIllegalState() {
    TimeLimit<Integer, Integer> env = new TimeLimit<>(line(), 3);
    assertThat(env.elapsedSteps()).isEqualTo(-1);
    assertThatThrownBy(() -> env.step(0)).isInstanceOf(IllegalStateException.class)
        .hasMessage("step before reset: call reset(seed) to start an episode");
  }

  @ParameterizedTest
  @ValueSource(ints = {0, -1, Integer.MIN_VALUE})
  void limitBelowOne_isRejectedNamingIt(int limit) {
    assertThatThrownBy(() -> new TimeLimit<>(line(), limit))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("time limit must be >= 1 step, got " + limit);
  }

  @Test
  void delegatesSpacesAndObservations() {
    TabularEnv inner = line();
    TimeLimit<Integer, Integer> env = new TimeLimit<>(inner, 4);
    assertThat(env.observationSpace()).isEqualTo(new Discrete(4));
    assertThat(env.actionSpace()).isEqualTo(new Discrete(2));
    assertThat(env.inner()).isSameAs(inner);
    assertThat(env.limit()).isEqualTo(4);
    assertThat(env.reset(5)).isEqualTo(0);
    assertThat(env.step(0).observation()).isEqualTo(1);
    assertThat(inner.state()).isEqualTo(1);
  }
}
