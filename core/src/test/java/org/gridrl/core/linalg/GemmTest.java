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

  /** A with mostly exact zeros: one-hot rows (k ≥ 1) or 90% zeros, so blocks get skipped. */
  private DMatrixRMaj sparse(int r, int c, boolean oneHot) {
    DMatrixRMaj m = new DMatrixRMaj(r, c);
    for (int i = 0; i < r; i++) {
      if (oneHot) {
        m.set(i, rand.nextInt(c), 1.0);
      } else {
        for (int j = 0; j < c; j++) {
          m.set(i, j, rand.nextDouble() < 0.1 ? 2 * rand.nextDouble() - 1 : 0.0);
        }
      }
    }
    return m;
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void sparseX_allVariants_matchEjml(int seed) {
    int[] s = shape(seed);
    boolean oneHot = seed % 2 == 0;
    DMatrixRMaj a = sparse(s[0], s[1], oneHot);
    DMatrixRMaj b = random(s[1], s[2]);
    DMatrixRMaj expected = new DMatrixRMaj(s[0], s[2]);
    CommonOps_DDRM.mult(a, b, expected);
    assertSame(expected, Gemm.mult(a, b, null));
    DMatrixRMaj at = sparse(s[1], s[0], oneHot); // Aᵀ·B with a sparse A (the weight gradient)
    CommonOps_DDRM.multTransA(at, b, expected);
    assertSame(expected, Gemm.multTransA(at, b, null));
    DMatrixRMaj bt = random(s[2], s[1]);
    CommonOps_DDRM.multTransB(a, bt, expected);
    assertSame(expected, Gemm.multTransB(a, bt, null));
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

  @ParameterizedTest
  @MethodSource("seeds")
  void columnB_isColumnZeroOfTheTwoColumnProduct_bitForBit(int seed) {
    // n = 1 skips packing (matrix-vector): each entry must be the bits the packed kernel gives
    // in column 0 of [b | b'], for A·b, Aᵀ·b and A·bᵀ, overwrite and add, with zero blocks in A
    java.util.Random r = new java.util.Random(7000 + seed);
    int m = 1 + r.nextInt(40);
    int k = 1 + r.nextInt(40);
    DMatrixRMaj a = RandomMatrices_DDRM.rectangle(m, k, -1, 1, rand);
    DMatrixRMaj at = CommonOps_DDRM.transpose(a, null);
    for (int i = 0; i < a.data.length; i++) {
      if (r.nextInt(3) == 0) {
        a.data[i] = 0.0;
      }
    }
    CommonOps_DDRM.transpose(a, at);
    DMatrixRMaj b2 = RandomMatrices_DDRM.rectangle(k, 2, -1, 1, rand);
    DMatrixRMaj b = CommonOps_DDRM.extract(b2, 0, k, 0, 1);
    DMatrixRMaj bt = CommonOps_DDRM.transpose(b, null);
    DMatrixRMaj b2t = CommonOps_DDRM.transpose(b2, null);
    DMatrixRMaj c0 = RandomMatrices_DDRM.rectangle(m, 2, -1, 1, rand);
    for (boolean add : new boolean[] {false, true}) {
      DMatrixRMaj two = c0.copy();
      DMatrixRMaj one = CommonOps_DDRM.extract(c0, 0, m, 0, 1);
      DMatrixRMaj expected = new DMatrixRMaj(m, 1);
      ImplGemm.multAB(a.data, b2.data, two.data, m, k, 2, add);
      ImplGemm.multAB(a.data, b.data, one.data, m, k, 1, add);
      CommonOps_DDRM.extract(two, 0, m, 0, 1, expected, 0, 0);
      assertThat(one.data).as("A·b add=%s", add).isEqualTo(expected.data);

      two = c0.copy();
      one = CommonOps_DDRM.extract(c0, 0, m, 0, 1);
      ImplGemm.multTransAB(at.data, b2.data, two.data, m, k, 2, add);
      ImplGemm.multTransAB(at.data, b.data, one.data, m, k, 1, add);
      CommonOps_DDRM.extract(two, 0, m, 0, 1, expected, 0, 0);
      assertThat(one.data).as("Aᵀ·b add=%s", add).isEqualTo(expected.data);

      two = c0.copy();
      one = CommonOps_DDRM.extract(c0, 0, m, 0, 1);
      ImplGemm.multABTrans(a.data, b2t.data, two.data, m, k, 2, add);
      ImplGemm.multABTrans(a.data, bt.data, one.data, m, k, 1, add);
      CommonOps_DDRM.extract(two, 0, m, 0, 1, expected, 0, 0);
      assertThat(one.data).as("A·bᵀ add=%s", add).isEqualTo(expected.data);
      // and the product itself, to 1e-12
      DMatrixRMaj ref = CommonOps_DDRM.mult(a, b, null);
      if (add) {
        CommonOps_DDRM.addEquals(ref, CommonOps_DDRM.extract(c0, 0, m, 0, 1));
      }
      for (int i = 0; i < m; i++) {
        assertThat(one.data[i]).isCloseTo(ref.data[i], org.assertj.core.data.Offset.offset(1e-12));
      }
    }
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
