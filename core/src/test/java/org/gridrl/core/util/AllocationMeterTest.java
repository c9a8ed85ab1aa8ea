package org.gridrl.core.util;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;

/** The meter sees an array that escapes, and nothing for a body that allocates nothing. */
class AllocationMeterTest {

  static long[] sink;
  static long counter;

  @Test
  void escapingArray_isCounted_andAnEmptyLoopIsZero() {
    assumeTrue(AllocationMeter.supported());
    long[] windows = new long[3];
    double perCall = AllocationMeter.fewestBytesPerCall(() -> sink = new long[1000], 10, windows);
    assertThat(perCall).isGreaterThanOrEqualTo(8000);
    for (long w : windows) {
      assertThat(w).isGreaterThanOrEqualTo(80_000);
    }
    Runnable nothing = () -> counter++;
    AllocationMeter.fewestBytesPerCall(nothing, 10_000, windows); // warm up
    assertThat(AllocationMeter.fewestBytesPerCall(nothing, 10_000, windows)).isZero();
  }

  @Test
  void badArguments_named() {
    assertThatThrownBy(() -> AllocationMeter.fewestBytesPerCall(() -> { }, 0, new long[3]))
        .hasMessage("need calls >= 1 and at least one window, got 0 and 3");
  }
}
