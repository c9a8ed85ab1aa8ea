package org.gridrl.core.linalg;

import org.ejml.data.DMatrixRMaj;

/**
 * Dense double matrix products for small matrices: C = op(A)·op(B) or C += op(A)·op(B) with
 * op ∈ {identity, transpose} as backpropagation needs them (A·B forward; Aᵀ·B and A·Bᵀ
 * backward). Same results as EJML's {@code CommonOps_DDRM.mult}, {@code multTransA},
 * {@code multTransB} (and their {@code multAdd*} forms) up to summation order, several times
 * faster at the sizes of gridrl's networks because the unchecked kernels in {@link ImplGemm} are
 * register- and cache-blocked so that C2 vectorises the inner loop.
 *
 * <p>Like EJML: inputs first, then the output. The output is
 * reshaped (no allocation when its array is already large enough) or, if null, allocated, and
 * returned. An output that is also an input is rejected. The "add" forms require C to have the
 * product's shape already. Nothing is allocated when the output is supplied (the kernels keep a
 * per-thread packing buffer that grows to the largest size seen). Thread-safe.
 */
public final class Gemm {

  private Gemm() {}

  /**
   * C = A·B.
   *
   * @param a m×k. Not modified.
   * @param b k×n. Not modified.
   * @param c m×n, or null to allocate. Modified.
   * @return c
   */
  public static DMatrixRMaj mult(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c) {
    checkInner(a.numCols, b.numRows, "mult", a, b);
    c = output(c, a.numRows, b.numCols, a, b);
    ImplGemm.multAB(a.data, b.data, c.data, a.numRows, a.numCols, b.numCols, false);
    return c;
  }

  /**
   * C += A·B.
   *
   * @param a m×k. Not modified.
   * @param b k×n. Not modified.
   * @param c m×n. Modified.
   */
  public static void multAdd(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c) {
    checkInner(a.numCols, b.numRows, "multAdd", a, b);
    checkAddTarget(c, a.numRows, b.numCols, a, b);
    ImplGemm.multAB(a.data, b.data, c.data, a.numRows, a.numCols, b.numCols, true);
  }

  /**
   * C = Aᵀ·B.
   *
   * @param a k×m. Not modified.
   * @param b k×n. Not modified.
   * @param c m×n, or null to allocate. Modified.
   * @return c
   */
  public static DMatrixRMaj multTransA(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c) {
    checkInner(a.numRows, b.numRows, "multTransA", a, b);
    c = output(c, a.numCols, b.numCols, a, b);
    ImplGemm.multTransAB(a.data, b.data, c.data, a.numCols, a.numRows, b.numCols, false);
    return c;
  }

  /**
   * C += Aᵀ·B.
   *
   * @param a k×m. Not modified.
   * @param b k×n. Not modified.
   * @param c m×n. Modified.
   */
  public static void multAddTransA(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c) {
    checkInner(a.numRows, b.numRows, "multAddTransA", a, b);
    checkAddTarget(c, a.numCols, b.numCols, a, b);
    ImplGemm.multTransAB(a.data, b.data, c.data, a.numCols, a.numRows, b.numCols, true);
  }

  /**
   * C = A·Bᵀ.
   *
   * @param a m×k. Not modified.
   * @param b n×k. Not modified.
   * @param c m×n, or null to allocate. Modified.
   * @return c
   */
  public static DMatrixRMaj multTransB(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c) {
    checkInner(a.numCols, b.numCols, "multTransB", a, b);
    c = output(c, a.numRows, b.numRows, a, b);
    ImplGemm.multABTrans(a.data, b.data, c.data, a.numRows, a.numCols, b.numRows, false);
    return c;
  }

  /**
   * C += A·Bᵀ.
   *
   * @param a m×k. Not modified.
   * @param b n×k. Not modified.
   * @param c m×n. Modified.
   */
  public static void multAddTransB(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c) {
    checkInner(a.numCols, b.numCols, "multAddTransB", a, b);
    checkAddTarget(c, a.numRows, b.numRows, a, b);
    ImplGemm.multABTrans(a.data, b.data, c.data, a.numRows, a.numCols, b.numRows, true);
  }

  private static void checkInner(int ka, int kb, String op, DMatrixRMaj a, DMatrixRMaj b) {
    if (ka != kb) {
      throw new IllegalArgumentException(op + ": inner dimensions differ, A is " + a.numRows + "×"
          + a.numCols + ", B is " + b.numRows + "×" + b.numCols);
    }
  }

  private static DMatrixRMaj output(DMatrixRMaj c, int m, int n, DMatrixRMaj a, DMatrixRMaj b) {
    if (c == null) {
      return new DMatrixRMaj(m, n);
    }
    if (c == a || c == b || c.data == a.data || c.data == b.data) {
      throw new IllegalArgumentException("the output C must not share storage with A or B");
    }
    c.reshape(m, n);
    return c;
  }

  private static void checkAddTarget(DMatrixRMaj c, int m, int n, DMatrixRMaj a, DMatrixRMaj b) {
    if (c.numRows != m || c.numCols != n) {
      throw new IllegalArgumentException("C must be " + m + "×" + n + " to add the product into, got "
          + c.numRows + "×" + c.numCols);
    }
    if (c == a || c == b || c.data == a.data || c.data == b.data) {
      throw new IllegalArgumentException("the output C must not share storage with A or B");
    }
  }
}
