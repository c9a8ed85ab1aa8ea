package org.gridrl.core.linalg;

/**
 * Unchecked row-major kernels behind {@link Gemm}: C (+)= A·B, Aᵀ·B and A·Bᵀ on plain arrays.
 *
 * <p>Loop order i-k-j: the innermost loop runs contiguously along one row of C and one row of B,
 * so C2's superword pass turns it into SIMD multiply-adds. Register blocking: each pass of the
 * inner loop updates two rows of C from four rows of B (eight multiply-adds per element, B loaded
 * once for both C rows, C loaded and stored once per four k). Cache blocking: k and j are cut
 * into {@value #K_BLOCK}×{@value #J_BLOCK} panels of B so the panel stays in L2 while every row of
 * A streams past it; for the small networks of gridrl (sizes ≤ 256) that is a single panel.
 *
 * <p>Callers guarantee the shapes and that C shares no storage with A or B. Nothing is allocated.
 */
public final class ImplGemm {

  /** Rows of B (the shared dimension) per cache panel. */
  static final int K_BLOCK = 128;
  /** Columns of B and C per cache panel. */
  static final int J_BLOCK = 512;

  private ImplGemm() {}

  /**
   * C = A·B or C += A·B, with A m×k, B k×n, C m×n, all row-major and dense.
   *
   * @param a m×k. Not modified.
   * @param b k×n. Not modified.
   * @param c m×n. Modified.
   * @param add true to add the product to C, false to overwrite C.
   */
  public static void multAB(double[] a, double[] b, double[] c, int m, int k, int n, boolean add) {
    if (!add) {
      java.util.Arrays.fill(c, 0, m * n, 0.0);
    }
    for (int j0 = 0; j0 < n; j0 += J_BLOCK) {
      int j1 = Math.min(n, j0 + J_BLOCK);
      for (int p0 = 0; p0 < k; p0 += K_BLOCK) {
        int p1 = Math.min(k, p0 + K_BLOCK);
        int i = 0;
        for (; i + 1 < m; i += 2) {
          panelTwoRows(a, i * k, (i + 1) * k, 1, b, c, i * n, (i + 1) * n, p0, p1, j0, j1, n);
        }
        if (i < m) {
          panelOneRow(a, i * k, 1, b, c, i * n, p0, p1, j0, j1, n);
        }
      }
    }
  }

  /**
   * C = Aᵀ·B or C += Aᵀ·B, with A k×m (so Aᵀ is m×k), B k×n, C m×n.
   *
   * @param a k×m. Not modified.
   * @param b k×n. Not modified.
   * @param c m×n. Modified.
   * @param add true to add the product to C, false to overwrite C.
   */
  public static void multTransAB(
      double[] a, double[] b, double[] c, int m, int k, int n, boolean add) {
    if (!add) {
      java.util.Arrays.fill(c, 0, m * n, 0.0);
    }
    for (int j0 = 0; j0 < n; j0 += J_BLOCK) {
      int j1 = Math.min(n, j0 + J_BLOCK);
      for (int p0 = 0; p0 < k; p0 += K_BLOCK) {
        int p1 = Math.min(k, p0 + K_BLOCK);
        int i = 0;
        for (; i + 1 < m; i += 2) {
          // element (i, p) of Aᵀ sits at a[p*m + i]: start i, stride m along p
          panelTwoRows(a, i, i + 1, m, b, c, i * n, (i + 1) * n, p0, p1, j0, j1, n);
        }
        if (i < m) {
          panelOneRow(a, i, m, b, c, i * n, p0, p1, j0, j1, n);
        }
      }
    }
  }

  /**
   * C = A·Bᵀ or C += A·Bᵀ, with A m×k, B n×k, C m×n. B is first transposed into
   * {@code work} (length ≥ k·n) so that the product runs in the vectorised i-k-j order.
   *
   * @param a m×k. Not modified.
   * @param b n×k. Not modified.
   * @param c m×n. Modified.
   * @param work scratch of length ≥ k·n. Modified.
   * @param add true to add the product to C, false to overwrite C.
   */
  public static void multABTrans(
      double[] a, double[] b, double[] c, int m, int k, int n, double[] work, boolean add) {
    transpose(b, work, n, k);
    multAB(a, work, c, m, k, n, add);
  }

  /**
   * B = Aᵀ for A r×c (B is c×r), blocked in 32×32 tiles.
   *
   * @param a r×c. Not modified.
   * @param b c×r. Modified.
   */
  public static void transpose(double[] a, double[] b, int r, int c) {
    final int t = 32;
    for (int i0 = 0; i0 < r; i0 += t) {
      int i1 = Math.min(r, i0 + t);
      for (int j0 = 0; j0 < c; j0 += t) {
        int j1 = Math.min(c, j0 + t);
        for (int i = i0; i < i1; i++) {
          int row = i * c;
          for (int j = j0; j < j1; j++) {
            b[j * r + i] = a[row + j];
          }
        }
      }
    }
  }

  /**
   * Two rows of C from one k-panel and one j-panel: C[r0, j] += Σ_p x0[p] B[p, j] and likewise
   * for r1, where x0[p] = a[a0 + p*as] and x1[p] = a[a1 + p*as].
   */
  private static void panelTwoRows(double[] a, int a0, int a1, int as, double[] b, double[] c,
      int c0, int c1, int p0, int p1, int j0, int j1, int n) {
    int p = p0;
    for (; p + 3 < p1; p += 4) {
      final double x00 = a[a0 + p * as];
      final double x01 = a[a0 + (p + 1) * as];
      final double x02 = a[a0 + (p + 2) * as];
      final double x03 = a[a0 + (p + 3) * as];
      final double x10 = a[a1 + p * as];
      final double x11 = a[a1 + (p + 1) * as];
      final double x12 = a[a1 + (p + 2) * as];
      final double x13 = a[a1 + (p + 3) * as];
      final int b0 = p * n;
      final int b1 = b0 + n;
      final int b2 = b1 + n;
      final int b3 = b2 + n;
      for (int j = j0; j < j1; j++) {
        final double v0 = b[b0 + j];
        final double v1 = b[b1 + j];
        final double v2 = b[b2 + j];
        final double v3 = b[b3 + j];
        c[c0 + j] += x00 * v0 + x01 * v1 + x02 * v2 + x03 * v3;
        c[c1 + j] += x10 * v0 + x11 * v1 + x12 * v2 + x13 * v3;
      }
    }
    for (; p < p1; p++) {
      final double x0 = a[a0 + p * as];
      final double x1 = a[a1 + p * as];
      final int b0 = p * n;
      for (int j = j0; j < j1; j++) {
        final double v = b[b0 + j];
        c[c0 + j] += x0 * v;
        c[c1 + j] += x1 * v;
      }
    }
  }

  /** One row of C from one k-panel and one j-panel; see {@link #panelTwoRows}. */
  private static void panelOneRow(double[] a, int a0, int as, double[] b, double[] c, int c0,
      int p0, int p1, int j0, int j1, int n) {
    int p = p0;
    for (; p + 3 < p1; p += 4) {
      final double x0 = a[a0 + p * as];
      final double x1 = a[a0 + (p + 1) * as];
      final double x2 = a[a0 + (p + 2) * as];
      final double x3 = a[a0 + (p + 3) * as];
      final int b0 = p * n;
      final int b1 = b0 + n;
      final int b2 = b1 + n;
      final int b3 = b2 + n;
      for (int j = j0; j < j1; j++) {
        c[c0 + j] += x0 * b[b0 + j] + x1 * b[b1 + j] + x2 * b[b2 + j] + x3 * b[b3 + j];
      }
    }
    for (; p < p1; p++) {
      final double x = a[a0 + p * as];
      final int b0 = p * n;
      for (int j = j0; j < j1; j++) {
        c[c0 + j] += x * b[b0 + j];
      }
    }
  }
}
