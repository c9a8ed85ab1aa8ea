package org.gridrl.core.util;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ArgmaxTest {

  @Test
  void first_takesTheLargest_andTheLowestIndexAmongTies() {
    assertThat(Argmax.first(new double[] {1, 3, 3, 2})).isEqualTo(1);
    assertThat(Argmax.first(new double[] {5})).isZero();
    assertThat(Argmax.first(new double[] {-1, -0.5, -2})).isEqualTo(1);
    assertThat(Argmax.first(new double[] {2, 2, 2})).isZero();
    // NaN never replaces the best so far
    assertThat(Argmax.first(new double[] {1, Double.NaN, 0})).isZero();
  }

  // against brute force on random rows: the index whose value no entry exceeds and no earlier
  // entry equals
  @Test
  void rowOfATable_isTheOffsetInThatRow_asBruteForce() {
    Rng rng = new Rng(3);
    for (int trial = 0; trial < 200; trial++) {
      int n = 1 + rng.nextInt(6);
      double[] x = new double[3 * n];
      for (int i = 0; i < x.length; i++) {
        x[i] = rng.nextInt(3); // few values, many ties
      }
      for (int row = 0; row < 3; row++) {
        int got = Argmax.first(x, row * n, n);
        double best = Double.NEGATIVE_INFINITY;
        int expected = -1;
        for (int i = 0; i < n; i++) {
          if (x[row * n + i] > best) {
            best = x[row * n + i];
            expected = i;
          }
        }
        assertThat(got).isEqualTo(expected);
      }
    }
  }

  @Test
  void anEmptyOrOutsideRange_isRefused() {
    assertThatThrownBy(() -> Argmax.first(new double[0]))
        .hasMessage("argmax of x[0, 0) needs a non-empty range inside an array of 0");
    assertThatThrownBy(() -> Argmax.first(new double[3], 2, 2))
        .hasMessage("argmax of x[2, 4) needs a non-empty range inside an array of 3");
  }
}
