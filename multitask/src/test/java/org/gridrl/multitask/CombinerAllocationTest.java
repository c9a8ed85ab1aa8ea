package org.gridrl.multitask;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import java.util.Random;
import org.gridrl.core.util.AllocationMeter;
import org.junit.jupiter.api.Test;

class CombinerAllocationTest extends CombinerTestBase {

  @Test
  void everyCombiner_allocatesNothingPerCallAfterWarmUp() {
    assumeTrue(AllocationMeter.supported());
    double[][] g = randomGradients(new Random(345), 10, 300);
    double[] out = new double[300];
    long[] windows = new long[3];
    for (GradientCombiner combiner : List.of(new Sum(), new PcGrad(1), new Mgda(),
        new CaGrad())) {
      Runnable call = () -> combiner.combine(g, 10, 300, out);
      for (int i = 0; i < 200; i++) {
        call.run();
      }
      assertThat(AllocationMeter.fewestBytesPerCall(call, 20, windows)).as(combiner.name())
          .isZero();
    }
  }
}
