package org.gridrl.core.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.gridrl.core.util.Rng;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link GradientGram} on hand vectors whose dot products and cosines are read off paper. */
class GradientGramTest {

  private static final double[][] G = {
      {3, 4, 0, 0, 0}, // ‖g0‖ = 5
      {-4, 3, 0, 0, 0}, // ‖g1‖ = 5, g0·g1 = 0
      {-3, -4, 0, 0, 0}, // = −g0: g0·g2 = −25, g1·g2 = 0
      {0, 0, 0, 0, 0}};

  @Test
  void gram_handVectors_isDotProducts() {
    double[] gram = new double[16];
    GradientGram.gram(G, 4, 5, gram);
    assertThat(gram).containsExactly(
        25, 0, -25, 0,
        0, 25, 0, 0,
        -25, 0, 25, 0,
        0, 0, 0, 0);
  }

  @Test
  void cosines_handVectors_meanAndConflictShare() {
    double[] gram = new double[9];
    GradientGram.gram(G, 3, 5, gram);
    // pairs (0,1): 0, (0,2): −1, (1,2): 0
    assertThat(GradientGram.cosine(gram, 3, 0, 2)).isEqualTo(-1.0);
    assertThat(GradientGram.meanCosine(gram, 3)).isCloseTo(-1.0 / 3, within(1e-15));
    assertThat(GradientGram.conflictFraction(gram, 3)).isEqualTo(1.0 / 3);
  }

  @Test
  void cosines_zeroGradientPairsAreLeftOut_oneTaskIsNaN() {
    double[][] g = {G[0], G[3], {1, 1, 0, 0, 0}};
    double[] gram = new double[9];
    GradientGram.gram(g, 3, 5, gram);
    // only (0,2) has two nonzero gradients: cos = 7 / (5·√2)
    assertThat(GradientGram.cosine(gram, 3, 0, 1)).isNaN();
    assertThat(GradientGram.meanCosine(gram, 3)).isCloseTo(7 / (5 * Math.sqrt(2)),
        within(1e-15));
    assertThat(GradientGram.conflictFraction(gram, 3)).isEqualTo(0.0);
    double[] one = new double[1];
    GradientGram.gram(G, 1, 5, one);
    assertThat(GradientGram.meanCosine(one, 1)).isNaN();
    assertThat(GradientGram.conflictFraction(one, 1)).isNaN();
  }

  /**
   * The block-sparse kernel against the dense one, bitwise, on gradients with whole zero blocks,
   * zero entries scattered inside nonzero blocks, negative zeros, a zero task and a tail (dim not
   * a multiple of 4 or of the block).
   */
  @ParameterizedTest
  @ValueSource(ints = {1, 3, 4, 16, 17, 61, 250})
  void sparseGram_isDenseGram_bitForBit(int dim) {
    Rng rng = new Rng(345 + dim);
    int t = 6;
    double[][] g = new double[t][dim + 3];
    for (int k = 0; k < t - 1; k++) {
      for (int j = 0; j < dim + 3; j++) {
        double u = rng.nextDouble();
        // blocks of 16 zero with probability 1/2 per task; inside, entries 0 or -0 at times
        boolean blockOn = ((j / GradientGram.BLOCK) * 7 + k * 3) % 2 == 0;
        g[k][j] = !blockOn ? 0.0 : u < 0.2 ? -0.0 : u < 0.3 ? 0.0 : rng.nextGaussian();
      }
    }
    double[] dense = new double[t * t];
    double[] sparse = new double[t * t];
    GradientGram.gram(g, t, dim, dense);
    GradientGram.gram(g, t, dim, sparse, new boolean[t * GradientGram.blocks(dim)]);
    for (int i = 0; i < t * t; i++) {
      assertThat(Double.doubleToRawLongBits(sparse[i])).as("entry " + i)
          .isEqualTo(Double.doubleToRawLongBits(dense[i]));
    }
  }
}
