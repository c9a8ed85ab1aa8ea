package org.gridrl.envs.bandit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.gridrl.core.env.Step;
import org.gridrl.core.util.Rng;
import org.junit.jupiter.api.Test;

class BernoulliBanditTest {

  @Test
  void tasks_drawEachMeanInArmOrder_fromTheRng() {
    BernoulliBandit bandit = BernoulliBandit.tasks(5, 10).sample(new Rng(7));
    Rng same = new Rng(7);
    for (int i = 0; i < 5; i++) {
      assertThat(bandit.mean(i)).isEqualTo(same.nextDouble());
    }
    assertThat(bandit.numArms()).isEqualTo(5);
    assertThat(bandit.bestMean()).isEqualTo(java.util.Arrays.stream(bandit.means()).max()
        .getAsDouble());
  }

  @Test
  void step_paysOneExactlyWhenTheStreamsBernoulliDrawSucceeds() {
    BernoulliBandit bandit = new BernoulliBandit(new double[] {0.2, 0.5, 0.9}, 30);
    assertThat(bandit.reset(11)).isZero();
    Rng same = new Rng(11);
    for (int t = 0; t < 30; t++) {
      int arm = t % 3;
      Step<Integer> step = bandit.step(arm);
      assertThat(step.reward()).isEqualTo(same.nextDouble() < bandit.mean(arm) ? 1.0 : 0.0);
      assertThat(step.observation()).isZero();
      assertThat(step.terminated()).isFalse();
      assertThat(step.truncated()).isEqualTo(t == 29);
    }
    assertThatThrownBy(() -> bandit.step(0)).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void meansZeroAndOne_payNeverAndAlways() {
    BernoulliBandit bandit = new BernoulliBandit(new double[] {0.0, 1.0}, 100);
    bandit.reset(3);
    double sum0 = 0;
    double sum1 = 0;
    for (int t = 0; t < 50; t++) {
      sum0 += bandit.step(0).reward();
      sum1 += bandit.step(1).reward();
    }
    assertThat(sum0).isZero();
    assertThat(sum1).isEqualTo(50.0);
  }

  @Test
  void badArgumentsAreRefusedByName() {
    assertThatThrownBy(() -> new BernoulliBandit(new double[] {0.5, 1.5}, 3))
        .hasMessage("means[1] must be in [0, 1], got 1.5");
    assertThatThrownBy(() -> BernoulliBandit.tasks(0, 3)).hasMessage("arms must be >= 1, got 0");
    BernoulliBandit bandit = new BernoulliBandit(new double[] {0.5}, 3);
    assertThatThrownBy(() -> bandit.step(0)).isInstanceOf(IllegalStateException.class);
    bandit.reset(0);
    assertThatThrownBy(() -> bandit.step(1)).hasMessage("arm must be in [0, 1), got 1");
  }
}
