package org.gridrl.benchmarks.jmh;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MlpWorkloadTest {

  @Test
  void allFourVariants_computeTheSameGradients() {
    assertThat(new MlpWorkload(0).maxGradientDisagreement()).isLessThan(1e-14);
    assertThat(new MlpWorkload(5).maxGradientDisagreement()).isLessThan(1e-14);
  }

  @Test
  void flops_countsForwardAndBackwardProducts() {
    // forward 2·256·(32·64 + 64·64 + 64·5); backward gW for every layer, δ for layers 1, 2
    double fwd = 2.0 * 256 * (32 * 64 + 64 * 64 + 64 * 5);
    double bwd = fwd + 2.0 * 256 * (64 * 64 + 64 * 5);
    assertThat(MlpWorkload.flops()).isEqualTo(fwd + bwd);
  }
}
