package org.gridrl.core.autodiff;

import org.ejml.data.DMatrixRMaj;
import org.gridrl.core.linalg.VectorMath;

/**
 * Unchecked loops behind {@link Tape}'s ops: callers have checked shapes. Contiguous loops are
 * kept free of calls and branches so C2 vectorises them. Nothing is allocated.
 */
final class Kernels {

  private Kernels() {}

  /** out = a ∘ b elementwise with broadcasting (each dimension equal to out's or 1). */
  static void binary(int op, DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj out) {
    final int m = out.numRows;
    final int n = out.numCols;
    final double[] x = a.data;
    final double[] y = b.data;
    final double[] z = out.data;
    final int ars = a.numRows == 1 ? 0 : a.numCols;
    final int brs = b.numRows == 1 ? 0 : b.numCols;
    final boolean aFull = a.numCols == n;
    final boolean bFull = b.numCols == n;
    if (aFull && bFull && a.numRows == m && b.numRows == m) {
      // no broadcasting: one flat loop (a column m×1 would otherwise run m loops of one entry)
      final int e = m * n;
      switch (op) {
        case Tape.ADD:
          for (int i = 0; i < e; i++) {
            z[i] = x[i] + y[i];
          }
          break;
        case Tape.SUB:
          for (int i = 0; i < e; i++) {
            z[i] = x[i] - y[i];
          }
          break;
        case Tape.MUL:
          for (int i = 0; i < e; i++) {
            z[i] = x[i] * y[i];
          }
          break;
        default:
          for (int i = 0; i < e; i++) {
            z[i] = x[i] / y[i];
          }
      }
      return;
    }
    for (int i = 0; i < m; i++) {
      final int ai = i * ars;
      final int bi = i * brs;
      final int zi = i * n;
      if (aFull && bFull) {
        switch (op) {
          case Tape.ADD:
            for (int j = 0; j < n; j++) {
              z[zi + j] = x[ai + j] + y[bi + j];
            }
            break;
          case Tape.SUB:
            for (int j = 0; j < n; j++) {
              z[zi + j] = x[ai + j] - y[bi + j];
            }
            break;
          case Tape.MUL:
            for (int j = 0; j < n; j++) {
              z[zi + j] = x[ai + j] * y[bi + j];
            }
            break;
          default:
            for (int j = 0; j < n; j++) {
              z[zi + j] = x[ai + j] / y[bi + j];
            }
        }
      } else {
        final int acs = aFull ? 1 : 0;
        final int bcs = bFull ? 1 : 0;
        for (int j = 0; j < n; j++) {
          double u = x[ai + j * acs];
          double v = y[bi + j * bcs];
          z[zi + j] = op == Tape.ADD ? u + v : op == Tape.SUB ? u - v : op == Tape.MUL ? u * v
              : u / v;
        }
      }
    }
  }

  /** y = f(x) for the unary ops; p and q are the op's constants (pow's exponent, clamp's range). */
  static void unary(int op, double[] x, double[] y, int n, double p, double q) {
    switch (op) {
      case Tape.NEG:
        for (int i = 0; i < n; i++) {
          y[i] = -x[i];
        }
        break;
      case Tape.EXP:
        for (int i = 0; i < n; i++) {
          y[i] = Math.exp(x[i]);
        }
        break;
      case Tape.LOG:
        for (int i = 0; i < n; i++) {
          y[i] = Math.log(x[i]);
        }
        break;
      case Tape.TANH:
        VectorMath.tanh(x, y, n);
        break;
      case Tape.SIGMOID:
        for (int i = 0; i < n; i++) {
          y[i] = sigmoid(x[i]);
        }
        break;
      case Tape.RELU:
        for (int i = 0; i < n; i++) {
          y[i] = Math.max(x[i], 0.0);
        }
        break;
      case Tape.SOFTPLUS:
        for (int i = 0; i < n; i++) {
          double v = x[i];
          y[i] = Math.max(v, 0.0) + Math.log1p(Math.exp(-Math.abs(v)));
        }
        break;
      case Tape.SQUARE:
        for (int i = 0; i < n; i++) {
          y[i] = x[i] * x[i];
        }
        break;
      case Tape.SQRT:
        for (int i = 0; i < n; i++) {
          y[i] = Math.sqrt(x[i]);
        }
        break;
      case Tape.POW:
        for (int i = 0; i < n; i++) {
          y[i] = Math.pow(x[i], p);
        }
        break;
      case Tape.CLAMP:
        for (int i = 0; i < n; i++) {
          y[i] = Math.min(Math.max(x[i], p), q);
        }
        break;
      default:
        throw new IllegalStateException("not a unary op: " + Tape.opName(op));
    }
  }

  /**
   * target (=|+=) scale · (g summed down to target's shape): target is g's shape, 1×n, m×1 or
   * 1×1.
   */
  static void sumTo(DMatrixRMaj g, DMatrixRMaj target, double scale, boolean add) {
    final int m = g.numRows;
    final int n = g.numCols;
    final double[] x = g.data;
    final double[] t = target.data;
    if (target.numRows == m && target.numCols == n) {
      if (add) {
        for (int i = 0, e = m * n; i < e; i++) {
          t[i] += scale * x[i];
        }
      } else {
        for (int i = 0, e = m * n; i < e; i++) {
          t[i] = scale * x[i];
        }
      }
    } else if (target.numRows == 1 && target.numCols == n) {
      if (!add) {
        java.util.Arrays.fill(t, 0, n, 0.0);
      }
      for (int i = 0; i < m; i++) {
        final int r = i * n;
        for (int j = 0; j < n; j++) {
          t[j] += scale * x[r + j];
        }
      }
    } else if (target.numCols == 1 && target.numRows == m) {
      for (int i = 0; i < m; i++) {
        double s = 0;
        final int r = i * n;
        for (int j = 0; j < n; j++) {
          s += x[r + j];
        }
        t[i] = (add ? t[i] : 0.0) + scale * s;
      }
    } else {
      double s = 0;
      for (int i = 0, e = m * n; i < e; i++) {
        s += x[i];
      }
      t[0] = (add ? t[0] : 0.0) + scale * s;
    }
  }

  /** target (=|+=) scale · src repeated to target's shape (src is target's shape, 1×n, m×1, 1×1). */
  static void broadcast(DMatrixRMaj src, DMatrixRMaj target, double scale, boolean add) {
    final int m = target.numRows;
    final int n = target.numCols;
    final double[] x = src.data;
    final double[] t = target.data;
    final int rs = src.numRows == 1 ? 0 : src.numCols;
    final int cs = src.numCols == 1 ? 0 : 1;
    for (int i = 0; i < m; i++) {
      final int si = i * rs;
      final int ti = i * n;
      if (cs == 1) {
        if (add) {
          for (int j = 0; j < n; j++) {
            t[ti + j] += scale * x[si + j];
          }
        } else {
          for (int j = 0; j < n; j++) {
            t[ti + j] = scale * x[si + j];
          }
        }
      } else {
        final double v = scale * x[si];
        if (add) {
          for (int j = 0; j < n; j++) {
            t[ti + j] += v;
          }
        } else {
          for (int j = 0; j < n; j++) {
            t[ti + j] = v;
          }
        }
      }
    }
  }

  /** t += c, same shapes. */
  static void addInPlace(DMatrixRMaj t, DMatrixRMaj c) {
    final double[] x = t.data;
    final double[] y = c.data;
    for (int i = 0, n = t.getNumElements(); i < n; i++) {
      x[i] += y[i];
    }
  }

  /** out (=|+=) g ⊙ (1 − y²), the tanh backward from its output y. */
  static void tanhBackward(double[] g, double[] y, double[] out, int n, boolean add) {
    if (add) {
      for (int i = 0; i < n; i++) {
        out[i] += g[i] * (1.0 - y[i] * y[i]);
      }
    } else {
      for (int i = 0; i < n; i++) {
        out[i] = g[i] * (1.0 - y[i] * y[i]);
      }
    }
  }

  /**
   * out (=|+=) (2 · (−(h ⊙ g))) ⊙ y: the adjoint of y in g ⊙ (1 − y²) for the adjoint h, with
   * the roundings of the unfused rules (mul's h ⊙ g, neg, square's 2·g·x).
   */
  static void tanhGradBackwardY(double[] h, double[] g, double[] y, double[] out, int n,
      boolean add) {
    if (add) {
      for (int i = 0; i < n; i++) {
        out[i] += 2.0 * -(h[i] * g[i]) * y[i];
      }
    } else {
      for (int i = 0; i < n; i++) {
        out[i] = 2.0 * -(h[i] * g[i]) * y[i];
      }
    }
  }

  /** out (=|+=) 2 g ⊙ x, the square backward. */
  static void squareBackward(double[] g, double[] x, double[] out, int n, boolean add) {
    if (add) {
      for (int i = 0; i < n; i++) {
        out[i] += 2.0 * g[i] * x[i];
      }
    } else {
      for (int i = 0; i < n; i++) {
        out[i] = 2.0 * g[i] * x[i];
      }
    }
  }

  /** out_i = max_j a_ij + log Σ_j exp(a_ij − max_j a_ij). */
  static void logSumExpRows(DMatrixRMaj a, DMatrixRMaj out) {
    final int n = a.numCols;
    final double[] x = a.data;
    for (int i = 0; i < a.numRows; i++) {
      out.data[i] = rowLse(x, i * n, n);
    }
  }

  private static double rowLse(double[] x, int r, int n) {
    double max = Double.NEGATIVE_INFINITY;
    for (int j = 0; j < n; j++) {
      max = Math.max(max, x[r + j]);
    }
    if (max == Double.NEGATIVE_INFINITY || max == Double.POSITIVE_INFINITY) {
      return max;
    }
    double s = 0;
    for (int j = 0; j < n; j++) {
      s += Math.exp(x[r + j] - max);
    }
    return max + Math.log(s);
  }

  /** Row-wise softmax (or log-softmax when {@code log}). */
  static void softmaxRows(DMatrixRMaj a, DMatrixRMaj out, boolean log) {
    final int n = a.numCols;
    final double[] x = a.data;
    final double[] y = out.data;
    for (int i = 0; i < a.numRows; i++) {
      final int r = i * n;
      final double lse = rowLse(x, r, n);
      if (log) {
        for (int j = 0; j < n; j++) {
          y[r + j] = x[r + j] - lse;
        }
      } else {
        for (int j = 0; j < n; j++) {
          y[r + j] = Math.exp(x[r + j] - lse);
        }
      }
    }
  }

  /** dst[r0 + i, c0 + j] (=|+=) src[i, j]. */
  static void place(DMatrixRMaj src, DMatrixRMaj dst, int r0, int c0, boolean add) {
    final int m = src.numRows;
    final int n = src.numCols;
    final int dn = dst.numCols;
    for (int i = 0; i < m; i++) {
      final int s = i * n;
      final int d = (r0 + i) * dn + c0;
      if (add) {
        for (int j = 0; j < n; j++) {
          dst.data[d + j] += src.data[s + j];
        }
      } else {
        System.arraycopy(src.data, s, dst.data, d, n);
      }
    }
  }

  /** dst[i, j] = src[r0 + i, c0 + j] for dst's shape. */
  static void extract(DMatrixRMaj src, int r0, int c0, DMatrixRMaj dst) {
    final int n = dst.numCols;
    final int sn = src.numCols;
    for (int i = 0; i < dst.numRows; i++) {
      System.arraycopy(src.data, (r0 + i) * sn + c0, dst.data, i * n, n);
    }
  }

  /**
   * σ(v) = 1/(1 + e^{−v}) for v ≥ 0, e^v/(1 + e^v) below: the tape's sigmoid, per entry, bit for
   * bit, written as (v ≥ 0 ? 1 : e)/(1 + e) with e = e^{−|v|} and the numerator picked by v's
   * sign bit with integer masks, so that the sign's branch (taken at random in a gate, and
   * compiled by C2 as a jump, not a conditional move, for doubles) is gone. −0 picks e = e^0 = 1,
   * as v ≥ 0 would; NaN gives NaN either way.
   */
  static double sigmoid(double v) {
    final double e = Math.exp(-Math.abs(v));
    final long negative = Double.doubleToRawLongBits(v) >> 63; // all ones iff the sign bit is set
    final double num = Double.longBitsToDouble(
        (Double.doubleToRawLongBits(e) & negative) | (ONE_BITS & ~negative));
    return num / (1.0 + e);
  }

  private static final long ONE_BITS = Double.doubleToRawLongBits(1.0);

  /**
   * The GRU cell's forward (see {@code Tape.gruCell}): r = σ(gx_r + gh_r),
   * z = σ(gx_z + gh_z), n = tanh(gx_n + r ⊙ gh_n), h' = n + z ⊙ (h − n), row-major, gx and gh
   * b × 3H with the blocks r | z | n.
   *
   * @param gates b × 3H, receives r | z | n. Modified.
   * @param out b × H, receives h'. Modified.
   */
  static void gruCell(double[] gx, double[] gh, double[] h, double[] gates, double[] out,
      int b, int hh) {
    final int g3 = 3 * hh;
    for (int i = 0; i < b; i++) {
      final int row = i * g3;
      final int hrow = i * hh;
      for (int j = 0; j < hh; j++) {
        final int kr = row + j;
        final int kz = kr + hh;
        final int kn = kz + hh;
        final double r = sigmoid(gx[kr] + gh[kr]);
        final double z = sigmoid(gx[kz] + gh[kz]);
        final double n = VectorMath.tanh(gx[kn] + r * gh[kn]);
        gates[kr] = r;
        gates[kz] = z;
        gates[kn] = n;
        out[hrow + j] = n + z * (h[hrow + j] - n);
      }
    }
  }

  /**
   * The GRU cell's first-order backward for the adjoint g of h': ∂n = g − g⊙z,
   * ∂a_n = ∂n ⊙ (1 − n²), ∂a_r = (∂a_n ⊙ gh_n) ⊙ (r ⊙ (1 − r)),
   * ∂a_z = (g ⊙ (h − n)) ⊙ (z ⊙ (1 − z)); ∂gx = [∂a_r | ∂a_z | ∂a_n],
   * ∂gh = [∂a_r | ∂a_z | ∂a_n ⊙ r], ∂h = g ⊙ z — grouped exactly as the spelled-out ops'
   * backward rules group them, so the numbers are the same bit for bit. Each output is written
   * or added to ({@code add*}) or skipped (null).
   */
  static void gruCellBackward(double[] g, double[] gates, double[] gh, double[] h,
      double[] dgx, boolean addGx, double[] dgh, boolean addGh, double[] dh, boolean addH,
      int b, int hh) {
    final int g3 = 3 * hh;
    final boolean common = dgx != null && !addGx && dgh != null && !addGh && dh != null;
    for (int i = 0; i < b; i++) {
      final int row = i * g3;
      final int hrow = i * hh;
      if (common) { // a step inside an unroll: gx and gh fresh, h needed (branch-free loop)
        for (int j = 0; j < hh; j++) {
          final int kr = row + j;
          final int kz = kr + hh;
          final int kn = kz + hh;
          final double r = gates[kr];
          final double z = gates[kz];
          final double n = gates[kn];
          final double gi = g[hrow + j];
          final double gz = gi * z;
          final double daN = (gi - gz) * (1.0 - n * n);
          final double daR = (daN * gh[kn]) * (r * (1.0 - r));
          dgx[kr] = daR;
          dgh[kr] = daR;
          final double daZ = (gi * (h[hrow + j] - n)) * (z * (1.0 - z));
          dgx[kz] = daZ;
          dgh[kz] = daZ;
          dgx[kn] = daN;
          dgh[kn] = daN * r;
          dh[hrow + j] = addH ? dh[hrow + j] + gz : gz;
        }
        continue;
      }
      for (int j = 0; j < hh; j++) {
        final int kr = row + j;
        final int kz = kr + hh;
        final int kn = kz + hh;
        final double r = gates[kr];
        final double z = gates[kz];
        final double n = gates[kn];
        final double gi = g[hrow + j];
        final double gz = gi * z;
        final double daN = (gi - gz) * (1.0 - n * n);
        final double daR = (daN * gh[kn]) * (r * (1.0 - r));
        final double daZ = (gi * (h[hrow + j] - n)) * (z * (1.0 - z));
        if (dgx != null) {
          if (addGx) {
            dgx[kr] += daR;
            dgx[kz] += daZ;
            dgx[kn] += daN;
          } else {
            dgx[kr] = daR;
            dgx[kz] = daZ;
            dgx[kn] = daN;
          }
        }
        if (dgh != null) {
          if (addGh) {
            dgh[kr] += daR;
            dgh[kz] += daZ;
            dgh[kn] += daN * r;
          } else {
            dgh[kr] = daR;
            dgh[kz] = daZ;
            dgh[kn] = daN * r;
          }
        }
        if (dh != null) {
          if (addH) {
            dh[hrow + j] += gz;
          } else {
            dh[hrow + j] = gz;
          }
        }
      }
    }
  }
}
