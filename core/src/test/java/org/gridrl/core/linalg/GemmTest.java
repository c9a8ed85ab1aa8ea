package org.gridrl.core.linalg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.IntStream;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.RandomMatrices_DDRM;
import org.gridrl.core.testing.TestBase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class GemmTest extends TestBase {

  /** Shapes (m, k, n): odd sizes, vectors, and sizes that cross the cache panels. */
  static IntStream seeds() {
    return IntStream.range(0, 60);
  }

  private int[] shape(int seed) {
    java.util.Random r = new java.util.Random(1000 + seed);
    int[][] fixed = {{1, 1, 1}, {1, 7, 1}, {1, 5, 9}, {9, 5, 1}, {7, 1, 9}, {256, 32, 64},
        {3, 130, 5}, {2, 600, 3}, {5, 3, 700}, {33, 129, 65}};
    if (seed < fixed.length) {
      return fixed[seed];
    }
    return new int[] {1 + r.nextInt(40), 1 + r.nextInt(40), 1 + r.nextInt(40)};
  }

  private DMatrixRMaj random(int r, int c) {
    return RandomMatrices_DDRM.rectangle(r, c, -1, 1, rand);
  }

  private static void assertSame(DMatrixRMaj expected, DMatrixRMaj actual) {
    assertThat(actual.numRows).isEqualTo(expected.numRows);
    assertThat(actual.numCols).isEqualTo(expected.numCols);
    double scale = 1 + CommonOps_DDRM.elementMaxAbs(expected);
    for (int i = 0; i < expected.getNumElements(); i++) {
      assertThat(actual.data[i]).as("entry %d", i)
          .isCloseTo(expected.data[i], org.assertj.core.api.Assertions.within(1e-12 * scale));
    }
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void mult_matchesEjml(int seed) {
    int[] s = shape(seed);
    DMatrixRMaj a = random(s[0], s[1]);
    DMatrixRMaj b = random(s[1], s[2]);
    DMatrixRMaj expected = new DMatrixRMaj(s[0], s[2]);
    CommonOps_DDRM.mult(a, b, expected);
    DMatrixRMaj c = random(3, 3); // wrong shape and stale numbers: must be reshaped, overwritten
    assertSame(expected, Gemm.mult(a, b, c));
    DMatrixRMaj acc = random(s[0], s[2]);
    DMatrixRMaj expectedAcc = acc.copy();
    CommonOps_DDRM.multAdd(a, b, expectedAcc);
    Gemm.multAdd(a, b, acc);
    assertSame(expectedAcc, acc);
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void multTransA_matchesEjml(int seed) {
    int[] s = shape(seed);
    DMatrixRMaj a = random(s[1], s[0]);
    DMatrixRMaj b = random(s[1], s[2]);
    DMatrixRMaj expected = new DMatrixRMaj(s[0], s[2]);
    CommonOps_DDRM.multTransA(a, b, expected);
    assertSame(expected, Gemm.multTransA(a, b, null));
    DMatrixRMaj acc = random(s[0], s[2]);
    DMatrixRMaj expectedAcc = acc.copy();
    CommonOps_DDRM.multAddTransA(a, b, expectedAcc);
    Gemm.multAddTransA(a, b, acc);
    assertSame(expectedAcc, acc);
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void multTransB_matchesEjml(int seed) {
    int[] s = shape(seed);
    DMatrixRMaj a = random(s[0], s[1]);
    DMatrixRMaj b = random(s[2], s[1]);
    DMatrixRMaj expected = new DMatrixRMaj(s[0], s[2]);
    CommonOps_DDRM.multTransB(a, b, expected);
    assertSame(expected, Gemm.multTransB(a, b, null));
    DMatrixRMaj acc = random(s[0], s[2]);
    DMatrixRMaj expectedAcc = acc.copy();
    CommonOps_DDRM.multAddTransB(a, b, expectedAcc);
    Gemm.multAddTransB(a, b, acc);
    assertSame(expectedAcc, acc);
  }

  @Test
  void transpose_matchesEjml() {
    DMatrixRMaj a = random(37, 70);
    DMatrixRMaj t = new DMatrixRMaj(70, 37);
    ImplGemm.transpose(a.data, t.data, 37, 70);
    assertSame(CommonOps_DDRM.transpose(a, null), t);
  }

  @Test
  void mult_smallHandCase() {
    DMatrixRMaj a = new DMatrixRMaj(2, 3, true, 1, 2, 3, 4, 5, 6);
    DMatrixRMaj b = new DMatrixRMaj(3, 1, true, 1, 0, -1);
    assertThat(Gemm.mult(a, b, null).data).containsExactly(-2, -2);
  }

  @Test
  void rejectsBadShapesAndAliasing() {
    DMatrixRMaj a = random(2, 3);
    assertThatThrownBy(() -> Gemm.mult(a, random(2, 3), null))
        .hasMessageContaining("A is 2×3, B is 2×3");
    DMatrixRMaj sq = random(3, 3);
    assertThatThrownBy(() -> Gemm.mult(sq, sq, sq)).hasMessageContaining("share storage");
    assertThatThrownBy(() -> Gemm.multAdd(a, random(3, 4), random(2, 3)))
        .hasMessageContaining("must be 2×4");
  }
}
