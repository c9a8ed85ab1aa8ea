package org.gridrl.core.linalg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Vector API path of {@link ImplGemm} gives the scalar path's bits, entry for entry, on
 * shapes that exercise its tiles, its leftover rows and columns and the zero-block skips.
 */
class VectorGemmTest {

  /**
   * The test JVM adds the module (the parent pom's argLine), so every module's tests run on the
   * vector path once it is warm, and their pinned bits check it too.
   */
  @Test
  void testJvm_runsTheVectorPath_afterItsWarmUp() throws InterruptedException {
    assumeTrue(VectorGemm.LANES >= 4, "a CPU with vectors of four doubles or more (AVX2)");
    assertThat(ImplGemm.awaitVector(60_000)).as(ImplGemm.path()).isTrue();
    assertThat(ImplGemm.path()).startsWith("vector (");
  }

  static IntStream cases() {
    return IntStream.range(0, 120);
  }

  /** (m, k, n): tile edges for L = 4 and 8, k around groups of four and the 128-row panels. */
  private static int[] shape(int seed, Random r) {
    int[][] fixed = {{4, 4, 16}, {4, 1, 16}, {5, 7, 17}, {6, 3, 31}, {7, 9, 33}, {8, 0, 16},
        {256, 64, 64}, {64, 256, 64}, {256, 32, 64}, {33, 129, 65}, {9, 130, 24}, {4, 5, 8},
        {3, 8, 64}, {12, 260, 40}, {256, 5, 64}, {64, 256, 5}};
    if (seed < fixed.length) {
      return fixed[seed];
    }
    return new int[] {1 + r.nextInt(24), r.nextInt(40), 1 + r.nextInt(60)};
  }

  /** Entries of A: normal, with zero runs (one-hot-like rows) and signed zeros. */
  private static double[] sparse(int size, Random r, double zeros) {
    double[] x = new double[size];
    for (int i = 0; i < size; i++) {
      double u = r.nextDouble();
      x[i] = u < zeros ? (r.nextBoolean() ? 0.0 : -0.0) : r.nextGaussian();
    }
    return x;
  }

  @ParameterizedTest
  @MethodSource("cases")
  void vectorPath_givesTheScalarBits(int seed) {
    Random r = new Random(7000 + seed);
    int[] s = shape(seed, r);
    int m = s[0];
    int k = s[1];
    int n = s[2];
    double zeros = new double[] {0.0, 0.5, 0.9}[seed % 3];
    double[] a = sparse(m * k, r, zeros);
    double[] b = sparse(k * n, r, 0.1);
    if (seed % 5 == 4 && b.length > 0) {
      b[r.nextInt(b.length)] = Double.NaN; // reaches only the rows whose X block is not zero
      b[r.nextInt(b.length)] = Double.POSITIVE_INFINITY;
    }
    double[] start = sparse(m * n, r, 0.2);
    for (int op = 0; op < 3; op++) {
      for (boolean add : new boolean[] {false, true}) {
        double[] scalar = start.clone();
        double[] vector = start.clone();
        run(op, a, b, scalar, m, k, n, add, false);
        run(op, a, b, vector, m, k, n, add, true);
        for (int i = 0; i < scalar.length; i++) {
          assertThat(Double.doubleToLongBits(vector[i]))
              .as("op %d add %s shape %dx%dx%d entry %d: %s vs %s", op, add, m, k, n, i,
                  vector[i], scalar[i])
              .isEqualTo(Double.doubleToLongBits(scalar[i]));
        }
      }
    }
  }

  /** op 0: A·B (A m×k, B k×n); 1: Aᵀ·B (A k×m); 2: A·Bᵀ (B n×k), on the same storage. */
  private static void run(int op, double[] a, double[] b, double[] c, int m, int k, int n,
      boolean add, boolean vector) {
    switch (op) {
      case 0 -> ImplGemm.multAB(a, b, c, m, k, n, add, vector);
      case 1 -> ImplGemm.multTransAB(a, b, c, m, k, n, add, vector);
      default -> ImplGemm.multABTrans(a, b, c, m, k, n, add, vector);
    }
  }
}
