package org.gridrl.core.linalg;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;
import org.gridrl.core.util.AllocationMeter;

/**
 * The Vector API path of {@link ImplGemm}: C (+)= X·B with X[i, p] = a[i*ars + p*acs] (m×k) and
 * B dense row-major k×n, computing every entry with the same sums in the same order as
 * {@code ImplGemm}'s scalar kernel, so <b>the same bits</b>:
 * c_ij = ((c_ij + s_0) + s_1) + …, one s_q = ((x_{i,4q}·b_{4q,j} + x_{i,4q+1}·b_{4q+1,j}) +
 * x_{i,4q+2}·b_{4q+2,j}) + x_{i,4q+3}·b_{4q+3,j} per group of four p (then the k mod 4 last p one
 * by one), a group skipped for a pair of rows (2r, 2r+1) whose eight X entries are all zero (for
 * an odd last row, its four). Lanes hold columns j, so each lane does the scalar code's
 * operations on its entry; separate multiplies and adds (no fused multiply-add), as Java's
 * scalar arithmetic does.
 *
 * <p>What makes it faster is register tiling, which C2 does not do for the scalar loops: a tile
 * of four rows of C by two vectors of columns (2L entries, L = {@link #LANES} doubles per
 * vector) stays in eight vector registers over the whole sum over p, so each group of four p
 * loads eight vectors of B and sixteen entries of X for 32 vector multiply-adds, and C is read
 * and written once. Rows past the last multiple of four and columns past the last multiple of
 * 2L are done by the plain loops in {@link #rest}, with the same sums.
 *
 * <p>Loaded only when the JVM runs with {@code --add-modules jdk.incubator.vector}
 * (the {@code gridrl} launcher and the test runs do); {@link ImplGemm} checks that first.
 */
final class VectorGemm {

  private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;

  /** Doubles per vector of the JVM's preferred shape (8 with AVX-512, 4 with AVX2). */
  static final int LANES = S.length();

  private VectorGemm() {}

  /**
   * Runs the kernel on small products until it runs compiled, or gives up. The products take
   * every branch (add or overwrite; {@link #tile} and {@link #tileMasked}, each with and without
   * last p; groups skipped for one pair, for both, for neither, for every group; k mod 4 = 0…3;
   * rows and columns left over or not), so the compiled code meets no untaken branch later. That
   * matters: such a branch sends the code back to the interpreter, where vector code runs a
   * thousand times slower and allocates every vector until C2 compiles it again. Conditions
   * inside the loops use {@code |} rather than {@code ||} for the same reason. Done when two
   * windows of 64 calls in a row allocate nothing (the vectors live in registers); gives up
   * after 200 000 calls or 60 s.
   *
   * @return true if the kernel now runs compiled
   */
  static boolean warmUp() {
    // row blocks: one-pair skips (masked), whole-group skips, dense, all zero; one row more
    final int m = 17;
    final int n = 2 * LANES + 3; // and calls with 16 rows and 2L columns: no rows or columns left
    final int kMax = 67;
    java.util.Random r = new java.util.Random(0);
    double[] a = new double[m * kMax];
    for (int i = 0; i < m; i++) {
      for (int p = 0; p < kMax; p++) {
        int group = p / 4;
        boolean zero = switch (i / 4) {
          case 0 -> p >= 64 ? (p + i / 2) % 2 == 0 : (i < 2 ? group % 3 == 0 : group % 3 == 1);
          case 1 -> p < 64 && group % 5 == 4;
          case 3 -> true;
          default -> false;
        };
        a[i * kMax + p] = zero ? 0.0 : r.nextGaussian();
      }
    }
    double[] b = new double[kMax * n];
    for (int q = 0; q < b.length; q++) {
      b[q] = r.nextGaussian();
    }
    double[] c = new double[m * n];
    int[] groups = new int[kMax / 4];
    long deadline = System.nanoTime() + 60_000_000_000L;
    int clean = 0;
    for (int call = 0; call < 200_000 && System.nanoTime() < deadline; call += 64) {
      long before = AllocationMeter.threadBytes();
      for (int q = 0; q < 64; q++) {
        int k = 64 + (call / 64 + q) % 4;
        boolean whole = (q & 2) == 0;
        multiply(a, kMax, 1, b, c, whole ? 16 : m, k, whole ? 2 * LANES : n, (q & 1) == 0, groups);
      }
      clean = AllocationMeter.threadBytes() == before ? clean + 1 : 0;
      if (clean == 2) {
        return true;
      }
    }
    return false;
  }

  /**
   * C (+)= X·B, all of it: the tiles, then the rows and columns they leave.
   *
   * @param a X's storage, X[i, p] = a[i*ars + p*acs]. Not modified.
   * @param b k×n row-major. Not modified.
   * @param c m×n row-major. Modified.
   * @param add true to add the product to C, false to overwrite C.
   * @param groups room for the k / 4 groups of p of a row block (a reused buffer). Modified.
   */
  static void multiply(double[] a, int ars, int acs, double[] b, double[] c, int m, int k, int n,
      boolean add, int[] groups) {
    final int width = 2 * LANES;
    final int m4 = m - m % 4;
    final int nv = n - n % width;
    for (int i = 0; i < m4; i += 4) {
      // the groups of four p this block of rows adds (not all sixteen X entries zero), and
      // whether either pair of rows skips a group or a last p that the other adds
      final int r0 = i * ars;
      final int r1 = r0 + ars;
      final int r2 = r1 + ars;
      final int r3 = r2 + ars;
      int count = 0;
      boolean partial = false;
      int p = 0;
      for (; p + 3 < k; p += 4) {
        boolean pair01 = false;
        boolean pair23 = false;
        for (int q = p; q < p + 4; q++) { // | not ||: no branch for C2 to leave untaken
          final int at = q * acs;
          pair01 |= a[r0 + at] != 0 | a[r1 + at] != 0;
          pair23 |= a[r2 + at] != 0 | a[r3 + at] != 0;
        }
        if (pair01 || pair23) {
          groups[count++] = p;
          partial |= pair01 != pair23;
        }
      }
      for (; p < k; p++) {
        final int at = p * acs;
        partial |= (a[r0 + at] == 0 & a[r1 + at] == 0) | (a[r2 + at] == 0 & a[r3 + at] == 0);
      }
      for (int j = 0; j < nv; j += width) {
        if (partial) {
          tileMasked(a, ars, acs, b, c, i, j, k, n, add, groups, count);
        } else {
          tile(a, ars, acs, b, c, i, j, k, n, add, groups, count);
        }
      }
    }
    if (nv < n) {
      rest(a, ars, acs, b, c, 0, m4, nv, n, k, n, add);
    }
    if (m4 < m) {
      rest(a, ars, acs, b, c, m4, m, 0, n, k, n, add);
    }
  }

  /**
   * Rows i..i+3 by columns j..j+2L−1 of C, held in registers over the listed groups of p and the
   * k mod 4 last p (which every pair adds here). No branch inside the loops: a join of vector
   * values makes C2 box them (allocating), so the skipped groups are left out of the list.
   */
  private static void tile(double[] a, int ars, int acs, double[] b, double[] c, int i, int j,
      int k, int n, boolean add, int[] groups, int count) {
    final int l = LANES;
    final int r0 = (i + 0) * ars;
    final int r1 = (i + 1) * ars;
    final int r2 = (i + 2) * ars;
    final int r3 = (i + 3) * ars;
    final int c0 = (i + 0) * n + j;
    final int c1 = (i + 1) * n + j;
    final int c2 = (i + 2) * n + j;
    final int c3 = (i + 3) * n + j;
    final DoubleVector zero = DoubleVector.zero(S);
    DoubleVector t00 = add ? DoubleVector.fromArray(S, c, c0) : zero;
    DoubleVector t01 = add ? DoubleVector.fromArray(S, c, c0 + l) : zero;
    DoubleVector t10 = add ? DoubleVector.fromArray(S, c, c1) : zero;
    DoubleVector t11 = add ? DoubleVector.fromArray(S, c, c1 + l) : zero;
    DoubleVector t20 = add ? DoubleVector.fromArray(S, c, c2) : zero;
    DoubleVector t21 = add ? DoubleVector.fromArray(S, c, c2 + l) : zero;
    DoubleVector t30 = add ? DoubleVector.fromArray(S, c, c3) : zero;
    DoubleVector t31 = add ? DoubleVector.fromArray(S, c, c3 + l) : zero;
    for (int e = 0; e < count; e++) {
      final int p = groups[e];
      final int q0 = p * acs;
      final int q1 = q0 + acs;
      final int q2 = q1 + acs;
      final int q3 = q2 + acs;
      final double x00 = a[r0 + q0];
      final double x01 = a[r0 + q1];
      final double x02 = a[r0 + q2];
      final double x03 = a[r0 + q3];
      final double x10 = a[r1 + q0];
      final double x11 = a[r1 + q1];
      final double x12 = a[r1 + q2];
      final double x13 = a[r1 + q3];
      final double x20 = a[r2 + q0];
      final double x21 = a[r2 + q1];
      final double x22 = a[r2 + q2];
      final double x23 = a[r2 + q3];
      final double x30 = a[r3 + q0];
      final double x31 = a[r3 + q1];
      final double x32 = a[r3 + q2];
      final double x33 = a[r3 + q3];
      final int o = p * n + j;
      final DoubleVector b00 = DoubleVector.fromArray(S, b, o);
      final DoubleVector b01 = DoubleVector.fromArray(S, b, o + l);
      final DoubleVector b10 = DoubleVector.fromArray(S, b, o + 1 * n);
      final DoubleVector b11 = DoubleVector.fromArray(S, b, o + 1 * n + l);
      final DoubleVector b20 = DoubleVector.fromArray(S, b, o + 2 * n);
      final DoubleVector b21 = DoubleVector.fromArray(S, b, o + 2 * n + l);
      final DoubleVector b30 = DoubleVector.fromArray(S, b, o + 3 * n);
      final DoubleVector b31 = DoubleVector.fromArray(S, b, o + 3 * n + l);
      t00 = t00.add(b00.mul(x00).add(b10.mul(x01))
          .add(b20.mul(x02)).add(b30.mul(x03)));
      t01 = t01.add(b01.mul(x00).add(b11.mul(x01))
          .add(b21.mul(x02)).add(b31.mul(x03)));
      t10 = t10.add(b00.mul(x10).add(b10.mul(x11))
          .add(b20.mul(x12)).add(b30.mul(x13)));
      t11 = t11.add(b01.mul(x10).add(b11.mul(x11))
          .add(b21.mul(x12)).add(b31.mul(x13)));
      t20 = t20.add(b00.mul(x20).add(b10.mul(x21))
          .add(b20.mul(x22)).add(b30.mul(x23)));
      t21 = t21.add(b01.mul(x20).add(b11.mul(x21))
          .add(b21.mul(x22)).add(b31.mul(x23)));
      t30 = t30.add(b00.mul(x30).add(b10.mul(x31))
          .add(b20.mul(x32)).add(b30.mul(x33)));
      t31 = t31.add(b01.mul(x30).add(b11.mul(x31))
          .add(b21.mul(x32)).add(b31.mul(x33)));
    }
    for (int p = k - k % 4; p < k; p++) {
      final int q = p * acs;
      final double x0 = a[r0 + q];
      final double x1 = a[r1 + q];
      final double x2 = a[r2 + q];
      final double x3 = a[r3 + q];
      final int o = p * n + j;
      final DoubleVector b0 = DoubleVector.fromArray(S, b, o);
      final DoubleVector b1 = DoubleVector.fromArray(S, b, o + l);
      t00 = t00.add(b0.mul(x0));
      t01 = t01.add(b1.mul(x0));
      t10 = t10.add(b0.mul(x1));
      t11 = t11.add(b1.mul(x1));
      t20 = t20.add(b0.mul(x2));
      t21 = t21.add(b1.mul(x2));
      t30 = t30.add(b0.mul(x3));
      t31 = t31.add(b1.mul(x3));
    }
    t00.intoArray(c, c0);
    t01.intoArray(c, c0 + l);
    t10.intoArray(c, c1);
    t11.intoArray(c, c1 + l);
    t20.intoArray(c, c2);
    t21.intoArray(c, c2 + l);
    t30.intoArray(c, c3);
    t31.intoArray(c, c3 + l);
  }

  /**
   * {@link #tile} for a row block where one pair of rows skips a group of p (or a last p) that
   * the other adds: each pair's sums are added under a mask that is all-true or all-false, which
   * keeps its entries as they are where the scalar kernel skips (a branch here would make C2
   * box the vectors at the join).
   */
  private static void tileMasked(double[] a, int ars, int acs, double[] b, double[] c, int i, int j,
      int k, int n, boolean add, int[] groups, int count) {
    final int l = LANES;
    final int r0 = (i + 0) * ars;
    final int r1 = (i + 1) * ars;
    final int r2 = (i + 2) * ars;
    final int r3 = (i + 3) * ars;
    final int c0 = (i + 0) * n + j;
    final int c1 = (i + 1) * n + j;
    final int c2 = (i + 2) * n + j;
    final int c3 = (i + 3) * n + j;
    final DoubleVector zero = DoubleVector.zero(S);
    DoubleVector t00 = add ? DoubleVector.fromArray(S, c, c0) : zero;
    DoubleVector t01 = add ? DoubleVector.fromArray(S, c, c0 + l) : zero;
    DoubleVector t10 = add ? DoubleVector.fromArray(S, c, c1) : zero;
    DoubleVector t11 = add ? DoubleVector.fromArray(S, c, c1 + l) : zero;
    DoubleVector t20 = add ? DoubleVector.fromArray(S, c, c2) : zero;
    DoubleVector t21 = add ? DoubleVector.fromArray(S, c, c2 + l) : zero;
    DoubleVector t30 = add ? DoubleVector.fromArray(S, c, c3) : zero;
    DoubleVector t31 = add ? DoubleVector.fromArray(S, c, c3 + l) : zero;
    for (int e = 0; e < count; e++) {
      final int p = groups[e];
      final int q0 = p * acs;
      final int q1 = q0 + acs;
      final int q2 = q1 + acs;
      final int q3 = q2 + acs;
      final double x00 = a[r0 + q0];
      final double x01 = a[r0 + q1];
      final double x02 = a[r0 + q2];
      final double x03 = a[r0 + q3];
      final double x10 = a[r1 + q0];
      final double x11 = a[r1 + q1];
      final double x12 = a[r1 + q2];
      final double x13 = a[r1 + q3];
      final double x20 = a[r2 + q0];
      final double x21 = a[r2 + q1];
      final double x22 = a[r2 + q2];
      final double x23 = a[r2 + q3];
      final double x30 = a[r3 + q0];
      final double x31 = a[r3 + q1];
      final double x32 = a[r3 + q2];
      final double x33 = a[r3 + q3];
      final VectorMask<Double> pair01 = S.maskAll(x00 != 0 | x01 != 0 | x02 != 0
          | x03 != 0 | x10 != 0 | x11 != 0 | x12 != 0 | x13 != 0);
      final VectorMask<Double> pair23 = S.maskAll(x20 != 0 | x21 != 0 | x22 != 0
          | x23 != 0 | x30 != 0 | x31 != 0 | x32 != 0 | x33 != 0);
      final int o = p * n + j;
      final DoubleVector b00 = DoubleVector.fromArray(S, b, o);
      final DoubleVector b01 = DoubleVector.fromArray(S, b, o + l);
      final DoubleVector b10 = DoubleVector.fromArray(S, b, o + 1 * n);
      final DoubleVector b11 = DoubleVector.fromArray(S, b, o + 1 * n + l);
      final DoubleVector b20 = DoubleVector.fromArray(S, b, o + 2 * n);
      final DoubleVector b21 = DoubleVector.fromArray(S, b, o + 2 * n + l);
      final DoubleVector b30 = DoubleVector.fromArray(S, b, o + 3 * n);
      final DoubleVector b31 = DoubleVector.fromArray(S, b, o + 3 * n + l);
      t00 = t00.add(b00.mul(x00).add(b10.mul(x01))
          .add(b20.mul(x02)).add(b30.mul(x03)), pair01);
      t01 = t01.add(b01.mul(x00).add(b11.mul(x01))
          .add(b21.mul(x02)).add(b31.mul(x03)), pair01);
      t10 = t10.add(b00.mul(x10).add(b10.mul(x11))
          .add(b20.mul(x12)).add(b30.mul(x13)), pair01);
      t11 = t11.add(b01.mul(x10).add(b11.mul(x11))
          .add(b21.mul(x12)).add(b31.mul(x13)), pair01);
      t20 = t20.add(b00.mul(x20).add(b10.mul(x21))
          .add(b20.mul(x22)).add(b30.mul(x23)), pair23);
      t21 = t21.add(b01.mul(x20).add(b11.mul(x21))
          .add(b21.mul(x22)).add(b31.mul(x23)), pair23);
      t30 = t30.add(b00.mul(x30).add(b10.mul(x31))
          .add(b20.mul(x32)).add(b30.mul(x33)), pair23);
      t31 = t31.add(b01.mul(x30).add(b11.mul(x31))
          .add(b21.mul(x32)).add(b31.mul(x33)), pair23);
    }
    for (int p = k - k % 4; p < k; p++) {
      final int q = p * acs;
      final double x0 = a[r0 + q];
      final double x1 = a[r1 + q];
      final double x2 = a[r2 + q];
      final double x3 = a[r3 + q];
      final VectorMask<Double> pair01 = S.maskAll(x0 != 0 | x1 != 0);
      final VectorMask<Double> pair23 = S.maskAll(x2 != 0 | x3 != 0);
      final int o = p * n + j;
      final DoubleVector b0 = DoubleVector.fromArray(S, b, o);
      final DoubleVector b1 = DoubleVector.fromArray(S, b, o + l);
      t00 = t00.add(b0.mul(x0), pair01);
      t01 = t01.add(b1.mul(x0), pair01);
      t10 = t10.add(b0.mul(x1), pair01);
      t11 = t11.add(b1.mul(x1), pair01);
      t20 = t20.add(b0.mul(x2), pair23);
      t21 = t21.add(b1.mul(x2), pair23);
      t30 = t30.add(b0.mul(x3), pair23);
      t31 = t31.add(b1.mul(x3), pair23);
    }
    t00.intoArray(c, c0);
    t01.intoArray(c, c0 + l);
    t10.intoArray(c, c1);
    t11.intoArray(c, c1 + l);
    t20.intoArray(c, c2);
    t21.intoArray(c, c2 + l);
    t30.intoArray(c, c3);
    t31.intoArray(c, c3 + l);
  }

  /**
   * Rows [i0, i1) by columns [j0, j1) of C with plain loops and the tile's sums: rows in pairs
   * from i0 (even, so the pairs are the scalar kernel's), an odd last row alone.
   */
  private static void rest(double[] a, int ars, int acs, double[] b, double[] c, int i0, int i1,
      int j0, int j1, int k, int n, boolean add) {
    if (!add) {
      for (int i = i0; i < i1; i++) {
        java.util.Arrays.fill(c, i * n + j0, i * n + j1, 0.0);
      }
    }
    for (int i = i0; i < i1; i += 2) {
      final boolean pair = i + 1 < i1;
      final int r0 = i * ars;
      final int r1 = pair ? r0 + ars : r0;
      final int c0 = i * n;
      final int c1 = c0 + n;
      int p = 0;
      for (; p + 3 < k; p += 4) {
        final double x00 = a[r0 + p * acs];
        final double x01 = a[r0 + (p + 1) * acs];
        final double x02 = a[r0 + (p + 2) * acs];
        final double x03 = a[r0 + (p + 3) * acs];
        final double x10 = pair ? a[r1 + p * acs] : 0.0;
        final double x11 = pair ? a[r1 + (p + 1) * acs] : 0.0;
        final double x12 = pair ? a[r1 + (p + 2) * acs] : 0.0;
        final double x13 = pair ? a[r1 + (p + 3) * acs] : 0.0;
        if (x00 == 0 && x01 == 0 && x02 == 0 && x03 == 0
            && x10 == 0 && x11 == 0 && x12 == 0 && x13 == 0) {
          continue;
        }
        final int o = p * n;
        for (int j = j0; j < j1; j++) {
          final double v0 = b[o + j];
          final double v1 = b[o + n + j];
          final double v2 = b[o + 2 * n + j];
          final double v3 = b[o + 3 * n + j];
          c[c0 + j] += x00 * v0 + x01 * v1 + x02 * v2 + x03 * v3;
          if (pair) {
            c[c1 + j] += x10 * v0 + x11 * v1 + x12 * v2 + x13 * v3;
          }
        }
      }
      for (; p < k; p++) {
        final double x0 = a[r0 + p * acs];
        final double x1 = pair ? a[r1 + p * acs] : 0.0;
        if (x0 == 0 && x1 == 0) {
          continue;
        }
        final int o = p * n;
        for (int j = j0; j < j1; j++) {
          c[c0 + j] += x0 * b[o + j];
          if (pair) {
            c[c1 + j] += x1 * b[o + j];
          }
        }
      }
    }
  }
}
