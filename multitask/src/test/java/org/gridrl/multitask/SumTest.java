package org.gridrl.multitask;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SumTest extends CombinerTestBase {

  @Test
  void threeTasks_isTheEntrywiseSum() {
    assertClose(new double[] {0, 2.5}, combine(new Sum(), new double[] {1, 0},
        new double[] {-1, 2}, new double[] {0, 0.5}), 0);
  }

  @Test
  void combine_rejectsAliasedOutputAndNaN() {
    double[][] g = {{1, 2}, {3, 4}};
    assertThatThrownBy(() -> new Sum().combine(g, 2, 2, g[1]))
        .hasMessageContaining("out must not be taskGradients[1]");
    double[][] bad = {{1, 2}, {3, Double.NaN}};
    assertThatThrownBy(() -> new Sum().combine(bad, 2, 2, new double[2]))
        .hasMessageContaining("taskGradients[1][1] must be finite, got NaN");
  }
}
