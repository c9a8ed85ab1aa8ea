package org.gridrl.multitask;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.gridrl.core.optim.GradientGram;
import org.gridrl.core.util.Rng;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code combineGivenGram} with the Gram matrix from {@link GradientGram#gram} gives bitwise the
 * direction {@code combine} computes, for every combiner (the learner shares one Gram matrix
 * between its conflict diagnostics and the combination); two instances from the same seed, so
 * PCGrad's orders agree.
 */
class CombineGivenGramTest {

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 7})
  void combineGivenGram_isCombine_bitForBit(int numTasks) {
    Rng rng = new Rng(345 + numTasks);
    int dim = 23;
    double[][] g = new double[numTasks][dim];
    for (double[] row : g) {
      for (int j = 0; j < dim; j++) {
        row[j] = rng.nextGaussian();
      }
    }
    double[] gram = new double[numTasks * numTasks];
    GradientGram.gram(g, numTasks, dim, gram);
    List<GradientCombiner> a = List.of(new Sum(), new PcGrad(9), new Mgda(), new CaGrad());
    List<GradientCombiner> b = List.of(new Sum(), new PcGrad(9), new Mgda(), new CaGrad());
    for (int i = 0; i < a.size(); i++) {
      for (int call = 0; call < 3; call++) {
        double[] expected = new double[dim];
        double[] actual = new double[dim];
        a.get(i).combine(g, numTasks, dim, expected);
        b.get(i).combineGivenGram(g, numTasks, dim, gram, actual);
        assertThat(actual).as(a.get(i).name() + " call " + call).isEqualTo(expected);
      }
    }
    assertThat(gram).as("not modified").isEqualTo(gramOf(g, numTasks, dim));
  }

  private static double[] gramOf(double[][] g, int numTasks, int dim) {
    double[] gram = new double[numTasks * numTasks];
    GradientGram.gram(g, numTasks, dim, gram);
    return gram;
  }
}
