package org.gridrl.benchmarks.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RoundTimesTest {

  @Test
  void minAndMedian_handCases() {
    assertThat(RoundTimes.min(new double[] {3, 1, 2})).isEqualTo(1.0);
    assertThat(RoundTimes.min(new double[0])).isNaN();
    assertThat(RoundTimes.median(new double[] {5, 1, 3})).isEqualTo(3.0);
    assertThat(RoundTimes.median(new double[] {4, 1, 3, 2})).isEqualTo(2.5);
    double[] us = {2, 1};
    RoundTimes.median(us);
    assertThat(us).containsExactly(2, 1); // not sorted in place
  }

  @Test
  void rounds_arePerCall_andKeptPerThing() throws Exception {
    RoundTimes times = new RoundTimes(2, 2);
    for (int r = 0; r < 2; r++) {
      times.start();
      Thread.sleep(4);
      times.stop(0, r, 1);
      times.start();
      Thread.sleep(4);
      times.stop(1, r, 1000);
    }
    // 4 ms asleep in one call is ≥ 4000 µs per call; in 1000 calls ≥ 4 µs per call
    assertThat(times.best(0)).isGreaterThanOrEqualTo(4000);
    assertThat(times.best(1)).isGreaterThanOrEqualTo(4.0).isLessThan(times.best(0));
    assertThat(times.median(0)).isGreaterThanOrEqualTo(times.best(0));
    // asleep, the thread uses (almost) no CPU time
    double cpu = times.bestCpu(0);
    assertThat(Double.isNaN(cpu) || cpu < times.best(0)).isTrue();
  }
}
