package org.gridrl.irl.sampled;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** AIRL's discriminator on hand-set g and h, against the closed forms worked on paper. */
class AirlTabularTest {

  private static final double TIGHT = 1e-14;

  // row 0: f = 1 + 0.9·2 − 0.5 = 2.3, π = 0.25; row 1 terminal: f = 1 − 0.5 = 0.5 (h' = 7 unused)
  private static final double[] G = {1, 1};
  private static final double[] H = {0.5, 0.5};
  private static final double[] H_NEXT = {2, 7};
  private static final boolean[] DONE = {false, true};
  private static final double[] LOG_PI = {Math.log(0.25), Math.log(0.25)};

  @Test
  void logits_areFMinusLogPi_withHNextZeroAtATerminal() {
    double[] z = AirlTabular.logits(G, H, H_NEXT, DONE, LOG_PI, 0.9);
    assertThat(z[0]).isCloseTo(2.3 + Math.log(4), within(TIGHT));
    assertThat(z[1]).isCloseTo(0.5 + Math.log(4), within(TIGHT));
  }

  @Test
  void probabilities_areExpFOverExpFPlusPi() {
    double[] d = AirlTabular.probabilities(G, H, H_NEXT, DONE, LOG_PI, 0.9);
    assertThat(d[0]).isCloseTo(Math.exp(2.3) / (Math.exp(2.3) + 0.25), within(TIGHT));
    assertThat(d[1]).isCloseTo(Math.exp(0.5) / (Math.exp(0.5) + 0.25), within(TIGHT));
  }

  @Test
  void loss_isMinusLogDOnTheExpertMinusLogOneMinusDOnThePolicy() {
    // row 0 the expert's, row 1 the policy's
    double loss = AirlTabular.loss(G, H, H_NEXT, DONE, LOG_PI, new boolean[] {true, false}, 0.9);
    double d0 = Math.exp(2.3) / (Math.exp(2.3) + 0.25);
    double d1 = Math.exp(0.5) / (Math.exp(0.5) + 0.25);
    assertThat(loss).isCloseTo(-Math.log(d0) - Math.log(1 - d1), within(1e-13));
    // labels swapped: −log D on row 1, −log(1 − D) on row 0
    double swapped = AirlTabular.loss(G, H, H_NEXT, DONE, LOG_PI, new boolean[] {false, true},
        0.9);
    assertThat(swapped).isCloseTo(-Math.log(d1) - Math.log(1 - d0), within(1e-13));
  }

  @Test
  void loss_staysFinite_whereDRoundsToOne() {
    // z = 60: 1 − D = e^-60 underflows in 1 − D but not in softplus(z) ≈ 60
    double loss = AirlTabular.loss(new double[] {60, 60}, new double[2], new double[2],
        new boolean[2], new double[2], new boolean[] {true, false}, 0.9);
    assertThat(loss).isCloseTo(60 + 2 * Math.exp(-60), within(1e-12));
  }

  @Test
  void loss_needsAsManyExpertAsPolicyRows() {
    assertThatThrownBy(() -> AirlTabular.loss(new double[3], new double[3], new double[3],
        new boolean[3], new double[3], new boolean[] {true, false, false}, 0.9))
        .hasMessageContaining("as many expert rows as policy rows, got 1 expert of 3");
  }
}
