package org.gridrl.core.util;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SampleStatsTest {

  /** {1, 2, 3, 6}: mean 3, s² = (4 + 1 + 0 + 9)/3 = 14/3, SE = sqrt(14/3/4). */
  @Test
  void meanAndStandardError_ofAHandSample() {
    double[] x = {1, 2, 3, 6};
    assertThat(SampleStats.mean(x)).isEqualTo(3.0);
    assertThat(SampleStats.standardError(x)).isEqualTo(Math.sqrt(14.0 / 3 / 4));
  }

  @Test
  void standardErrorOfOneValue_isNaN() {
    assertThat(SampleStats.mean(new double[] {2.5})).isEqualTo(2.5);
    assertThat(SampleStats.standardError(new double[] {2.5})).isNaN();
  }
}
