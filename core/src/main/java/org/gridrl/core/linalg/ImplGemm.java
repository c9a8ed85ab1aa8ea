package org.gridrl.core.linalg;

import org.gridrl.core.util.AllocationMeter;

/**
 * Unchecked row-major kernels behind {@link Gemm}: C (+)= op(A)·op(B) on plain arrays, with
 * op(A) ∈ {A, Aᵀ} and op(B) ∈ {B, Bᵀ} (A·B, Aᵀ·B, A·Bᵀ).
 *
 * <p>How it is made fast without the Vector API: HotSpot's C2 (JDK 17) vectorises a loop
 * {@code t[j] += x * b[j]} only when the arrays are indexed by the loop variable itself, not by
 * {@code offset + j} (measured here: 7.8 GFLOP/s vectorised against 2.5 with offsets). So
 * op(B) is first <em>packed</em> into one array per row (a thread-local buffer reused across
 * calls, so nothing is allocated after the first call of a size), two rows of C are accumulated
 * in two row buffers, and the inner loop over j runs i-k-j: t0[j] += Σ_{q<4} x0_q·b_q[j],
 * t1[j] += Σ_{q<4} x1_q·b_q[j] — register blocking of two rows of C by four rows of B, so every
 * loaded b_q[j] feeds eight multiply-adds. Cache blocking: j and k are cut into
 * {@value #J_BLOCK}-column and {@value #K_BLOCK}-row panels of packed B, which stay in L2 while
 * all rows of A stream past. Measured 17–19 GFLOP/s (AVX2) for 256×64·64×64, against about 6
 * for the same loops on a flat array and 3 for EJML's generic {@code CommonOps_DDRM.mult}.
 *
 * <p>When the JVM has the Vector API ({@link #vectorized()}), products with at least four rows
 * and two vectors' worth of columns run on {@link VectorGemm} instead: register tiles of C, the
 * same sums in the same order, so the same bits (about 40 GFLOP/s with AVX-512 for
 * 256×64·64×64; docs/performance.md).
 *
 * <p>Sparse X: a register block whose entries of X (= op(A)) are all exactly zero is skipped,
 * since it adds nothing. This makes products with one-hot inputs (tabular observations, the
 * first layer of a policy over one-hot states) several times cheaper; dense inputs pay one
 * compare per block. The only observable difference from the plain sum is that a NaN or
 * infinity in B does not reach the rows of C whose X entries against it are all zero (as in the
 * exact product of a one-hot row, which never reads those entries).
 *
 * <p>Callers guarantee the shapes and that C shares no storage with A or B.
 */
public final class ImplGemm {

  /** Rows of packed op(B) (the shared dimension) per cache panel. */
  static final int K_BLOCK = 128;
  /** Columns of packed op(B) and C per cache panel. */
  static final int J_BLOCK = 512;

  private static final ThreadLocal<Workspace> WORKSPACE = ThreadLocal.withInitial(Workspace::new);

  /** Whether this JVM can run the products on {@link VectorGemm}; see {@link #vectorized()}. */
  private static final boolean VECTOR = vectorAvailable();

  /** Set by {@link VectorGemm#warmUp} once the vector kernel runs compiled. */
  private static volatile boolean vectorReady;

  static {
    if (VECTOR) {
      Thread t = new Thread(() -> vectorReady = VectorGemm.warmUp(), "gridrl-gemm-warm-up");
      t.setDaemon(true);
      t.setPriority(Thread.MIN_PRIORITY);
      t.start();
    }
  }

  private static boolean vectorAvailable() {
    return !"scalar".equals(System.getProperty("gridrl.gemm"))
        && ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()
        && VectorGemm.LANES >= 4 && AllocationMeter.supported();
  }

  /**
   * Whether this JVM runs the products on the Vector API ({@link VectorGemm}): it was started
   * with {@code --add-modules jdk.incubator.vector}, its vectors hold at least four doubles (AVX2
   * or wider), the system property {@code gridrl.gemm} is not {@code scalar}, and the kernel has
   * been warmed up. Either way the results are the same bits; only the speed differs.
   *
   * <p>The warm-up: until C2 compiles it, Vector API code runs about a thousand times slower
   * than the scalar loops and allocates every vector, so a background thread started with this
   * class runs the kernel on small products that take each of its branches, and the products
   * switch over once a window of its calls allocates nothing (compiled, intrinsified code). Until
   * then, or if that never happens (a JVM without C2), the scalar kernel does the work.
   *
   * @return true once the Vector API path is in use
   */
  public static boolean vectorized() {
    return vectorReady;
  }

  /**
   * Waits up to {@code millis} for the warm-up of the Vector API path (benchmarks call it before
   * timing); returns at once if this JVM has no such path.
   *
   * @param millis the longest wait
   * @return {@link #vectorized()} at return
   * @throws InterruptedException if interrupted while waiting
   */
  public static boolean awaitVector(long millis) throws InterruptedException {
    long end = System.nanoTime() + millis * 1_000_000L;
    while (VECTOR && !vectorReady && System.nanoTime() < end) {
      Thread.sleep(10);
    }
    return vectorReady;
  }

  /**
   * The path in one phrase for benchmark output: {@code "vector (512-bit)"}, {@code "scalar"},
   * or {@code "scalar (vector warming up)"}.
   *
   * @return the path's name
   */
  public static String path() {
    if (vectorReady) {
      return "vector (" + 64 * VectorGemm.LANES + "-bit)";
    }
    return VECTOR ? "scalar (vector warming up)" : "scalar";
  }

  /**
   * Whether a product of this shape goes to {@link VectorGemm}: whole tiles of C exist and X has
   * a whole group of four p (the shapes its warm-up runs).
   */
  private static boolean tiles(boolean vector, int m, int k, int n) {
    return vector && m >= 4 && k >= 4 && n >= 2 * VectorGemm.LANES;
  }

  /**
   * Packed rows of op(B), two row accumulators and (for the vector path of A·Bᵀ) Bᵀ in one
   * array, grown on demand, one per thread.
   */
  private static final class Workspace {
    double[][] rows = new double[0][];
    double[] t0 = new double[0];
    double[] t1 = new double[0];
    double[] flat = new double[0];

    int[] groups = new int[0];

    int[] groups(int k) {
      if (groups.length < k / 4) {
        groups = new int[k / 4];
      }
      return groups;
    }

    double[] flat(int size) {
      if (flat.length < size) {
        flat = new double[size];
      }
      return flat;
    }

    double[][] rows(int k, int n) {
      if (rows.length < k || (k > 0 && rows[0].length < n)) {
        int width = Math.max(n, rows.length == 0 ? 0 : rows[0].length);
        double[][] r = new double[Math.max(k, rows.length)][];
        for (int p = 0; p < r.length; p++) {
          r[p] = new double[width];
        }
        rows = r;
      }
      if (t0.length < n) {
        t0 = new double[n];
        t1 = new double[n];
      }
      return rows;
    }
  }

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
    multAB(a, b, c, m, k, n, add, vectorReady);
  }

  /** {@link #multAB} on the path given: the tests compare the two, bit for bit. */
  static void multAB(double[] a, double[] b, double[] c, int m, int k, int n, boolean add,
      boolean vector) {
    if (n == 1) {
      column(a, k, 1, b, c, m, k, add);
      return;
    }
    if (tiles(vector, m, k, n)) {
      VectorGemm.multiply(a, k, 1, b, c, m, k, n, add, WORKSPACE.get().groups(k));
      return;
    }
    Workspace w = WORKSPACE.get();
    double[][] bp = w.rows(k, n);
    for (int p = 0; p < k; p++) {
      System.arraycopy(b, p * n, bp[p], 0, n);
    }
    kernel(a, k, 1, bp, c, m, k, n, add, w);
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
    multTransAB(a, b, c, m, k, n, add, vectorReady);
  }

  /** {@link #multTransAB} on the path given. */
  static void multTransAB(double[] a, double[] b, double[] c, int m, int k, int n, boolean add,
      boolean vector) {
    if (n == 1) {
      column(a, 1, m, b, c, m, k, add);
      return;
    }
    if (tiles(vector, m, k, n)) {
      VectorGemm.multiply(a, 1, m, b, c, m, k, n, add, WORKSPACE.get().groups(k));
      return;
    }
    Workspace w = WORKSPACE.get();
    double[][] bp = w.rows(k, n);
    for (int p = 0; p < k; p++) {
      System.arraycopy(b, p * n, bp[p], 0, n);
    }
    // element (i, p) of Aᵀ sits at a[p*m + i]: row stride 1, column stride m
    kernel(a, 1, m, bp, c, m, k, n, add, w);
  }

  /**
   * C = A·Bᵀ or C += A·Bᵀ, with A m×k, B n×k, C m×n.
   *
   * @param a m×k. Not modified.
   * @param b n×k. Not modified.
   * @param c m×n. Modified.
   * @param add true to add the product to C, false to overwrite C.
   */
  public static void multABTrans(
      double[] a, double[] b, double[] c, int m, int k, int n, boolean add) {
    multABTrans(a, b, c, m, k, n, add, vectorReady);
  }

  /** {@link #multABTrans} on the path given. */
  static void multABTrans(double[] a, double[] b, double[] c, int m, int k, int n, boolean add,
      boolean vector) {
    if (n == 1) {
      column(a, k, 1, b, c, m, k, add); // B is 1×k: op(B) = Bᵀ is the column b
      return;
    }
    Workspace w = WORKSPACE.get();
    if (tiles(vector, m, k, n)) {
      double[] bt = w.flat(k * n);
      transpose(b, bt, n, k);
      VectorGemm.multiply(a, k, 1, bt, c, m, k, n, add, w.groups(k));
      return;
    }
    double[][] bp = w.rows(k, n);
    for (int j = 0; j < n; j++) {
      int row = j * k;
      for (int p = 0; p < k; p++) {
        bp[p][j] = b[row + p];
      }
    }
    kernel(a, k, 1, bp, c, m, k, n, add, w);
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
   * C (+)= X·b for a column b (n = 1), X[i, p] = a[i*ars + p*acs] (m×k): the products of
   * {@link #kernel} without packing B and without row buffers of one entry, with the same sums
   * in the same order (per row pair, groups of four p added to the running sum, a group skipped
   * when the pair's eight X entries are all zero), so the same bits.
   */
  private static void column(double[] a, int ars, int acs, double[] b, double[] c, int m, int k,
      boolean add) {
    int i = 0;
    for (; i + 1 < m; i += 2) {
      double s0 = add ? c[i] : 0.0;
      double s1 = add ? c[i + 1] : 0.0;
      final int r0 = i * ars;
      final int r1 = r0 + ars;
      int p = 0;
      for (; p + 3 < k; p += 4) {
        final double x00 = a[r0 + p * acs];
        final double x01 = a[r0 + (p + 1) * acs];
        final double x02 = a[r0 + (p + 2) * acs];
        final double x03 = a[r0 + (p + 3) * acs];
        final double x10 = a[r1 + p * acs];
        final double x11 = a[r1 + (p + 1) * acs];
        final double x12 = a[r1 + (p + 2) * acs];
        final double x13 = a[r1 + (p + 3) * acs];
        if (x00 == 0 && x01 == 0 && x02 == 0 && x03 == 0
            && x10 == 0 && x11 == 0 && x12 == 0 && x13 == 0) {
          continue;
        }
        final double v0 = b[p];
        final double v1 = b[p + 1];
        final double v2 = b[p + 2];
        final double v3 = b[p + 3];
        s0 += x00 * v0 + x01 * v1 + x02 * v2 + x03 * v3;
        s1 += x10 * v0 + x11 * v1 + x12 * v2 + x13 * v3;
      }
      for (; p < k; p++) {
        final double x0 = a[r0 + p * acs];
        final double x1 = a[r1 + p * acs];
        if (x0 == 0 && x1 == 0) {
          continue;
        }
        s0 += x0 * b[p];
        s1 += x1 * b[p];
      }
      c[i] = s0;
      c[i + 1] = s1;
    }
    if (i < m) {
      double s0 = add ? c[i] : 0.0;
      final int r0 = i * ars;
      int p = 0;
      for (; p + 3 < k; p += 4) {
        final double x0 = a[r0 + p * acs];
        final double x1 = a[r0 + (p + 1) * acs];
        final double x2 = a[r0 + (p + 2) * acs];
        final double x3 = a[r0 + (p + 3) * acs];
        if (x0 == 0 && x1 == 0 && x2 == 0 && x3 == 0) {
          continue;
        }
        s0 += x0 * b[p] + x1 * b[p + 1] + x2 * b[p + 2] + x3 * b[p + 3];
      }
      for (; p < k; p++) {
        final double x0 = a[r0 + p * acs];
        if (x0 == 0) {
          continue;
        }
        s0 += x0 * b[p];
      }
      c[i] = s0;
    }
  }

  /**
   * C (+)= X·Bp where X[i, p] = a[i*ars + p*acs] (m×k) and Bp is packed op(B), one row per p.
   */
  private static void kernel(double[] a, int ars, int acs, double[][] bp, double[] c, int m,
      int k, int n, boolean add, Workspace w) {
    final double[] t0 = w.t0;
    final double[] t1 = w.t1;
    if (k == 0) {
      if (!add) {
        java.util.Arrays.fill(c, 0, m * n, 0.0);
      }
      return;
    }
    for (int j0 = 0; j0 < n; j0 += J_BLOCK) {
      final int j1 = Math.min(n, j0 + J_BLOCK);
      final int len = j1 - j0;
      for (int p0 = 0; p0 < k; p0 += K_BLOCK) {
        final int p1 = Math.min(k, p0 + K_BLOCK);
        final boolean accumulate = add || p0 > 0;
        int i = 0;
        for (; i + 1 < m; i += 2) {
          final int c0 = i * n + j0;
          final int c1 = c0 + n;
          if (accumulate) {
            System.arraycopy(c, c0, t0, j0, len);
            System.arraycopy(c, c1, t1, j0, len);
          } else {
            java.util.Arrays.fill(t0, j0, j1, 0.0);
            java.util.Arrays.fill(t1, j0, j1, 0.0);
          }
          final int r0 = i * ars;
          final int r1 = r0 + ars;
          int p = p0;
          for (; p + 3 < p1; p += 4) {
            final double x00 = a[r0 + p * acs];
            final double x01 = a[r0 + (p + 1) * acs];
            final double x02 = a[r0 + (p + 2) * acs];
            final double x03 = a[r0 + (p + 3) * acs];
            final double x10 = a[r1 + p * acs];
            final double x11 = a[r1 + (p + 1) * acs];
            final double x12 = a[r1 + (p + 2) * acs];
            final double x13 = a[r1 + (p + 3) * acs];
            if (x00 == 0 && x01 == 0 && x02 == 0 && x03 == 0
                && x10 == 0 && x11 == 0 && x12 == 0 && x13 == 0) {
              continue; // an all-zero block of X adds nothing (one-hot inputs: most blocks)
            }
            final double[] b0 = bp[p];
            final double[] b1 = bp[p + 1];
            final double[] b2 = bp[p + 2];
            final double[] b3 = bp[p + 3];
            for (int j = j0; j < j1; j++) {
              final double v0 = b0[j];
              final double v1 = b1[j];
              final double v2 = b2[j];
              final double v3 = b3[j];
              t0[j] += x00 * v0 + x01 * v1 + x02 * v2 + x03 * v3;
              t1[j] += x10 * v0 + x11 * v1 + x12 * v2 + x13 * v3;
            }
          }
          for (; p < p1; p++) {
            final double x0 = a[r0 + p * acs];
            final double x1 = a[r1 + p * acs];
            if (x0 == 0 && x1 == 0) {
              continue;
            }
            final double[] b0 = bp[p];
            for (int j = j0; j < j1; j++) {
              t0[j] += x0 * b0[j];
              t1[j] += x1 * b0[j];
            }
          }
          System.arraycopy(t0, j0, c, c0, len);
          System.arraycopy(t1, j0, c, c1, len);
        }
        if (i < m) {
          final int c0 = i * n + j0;
          if (accumulate) {
            System.arraycopy(c, c0, t0, j0, len);
          } else {
            java.util.Arrays.fill(t0, j0, j1, 0.0);
          }
          final int r0 = i * ars;
          int p = p0;
          for (; p + 3 < p1; p += 4) {
            final double x0 = a[r0 + p * acs];
            final double x1 = a[r0 + (p + 1) * acs];
            final double x2 = a[r0 + (p + 2) * acs];
            final double x3 = a[r0 + (p + 3) * acs];
            if (x0 == 0 && x1 == 0 && x2 == 0 && x3 == 0) {
              continue;
            }
            final double[] b0 = bp[p];
            final double[] b1 = bp[p + 1];
            final double[] b2 = bp[p + 2];
            final double[] b3 = bp[p + 3];
            for (int j = j0; j < j1; j++) {
              t0[j] += x0 * b0[j] + x1 * b1[j] + x2 * b2[j] + x3 * b3[j];
            }
          }
          for (; p < p1; p++) {
            final double x0 = a[r0 + p * acs];
            if (x0 == 0) {
              continue;
            }
            final double[] b0 = bp[p];
            for (int j = j0; j < j1; j++) {
              t0[j] += x0 * b0[j];
            }
          }
          System.arraycopy(t0, j0, c, c0, len);
        }
      }
    }
  }
}
