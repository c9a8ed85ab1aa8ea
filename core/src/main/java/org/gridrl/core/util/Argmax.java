package org.gridrl.core.util;

/**
 * argmax with ties broken toward the lowest index, the rule of numpy's {@code argmax}: the one
 * loop the greedy policies, the planners' greedy actions and the tuning tables share. Entries
 * are compared with {@code >}, so a NaN never replaces the best so far (and wins only at the
 * first position, as in the loops this replaces). Allocates nothing.
 */
public final class Argmax {

  private Argmax() {
  }

  /**
   * The index of the largest entry of x, the lowest one among ties.
   *
   * @param x at least one entry. Not modified.
   */
  public static int first(double[] x) {
    return first(x, 0, x.length);
  }

  /**
   * The offset i ∈ [0, length) of the largest of x[from], ..., x[from + length − 1], the lowest
   * one among ties: a row of a row-major table (the actions of one state).
   *
   * @param x the table. Not modified.
   * @param from the row's first index
   * @param length the row's length, at least 1
   */
  public static int first(double[] x, int from, int length) {
    if (length < 1 || from < 0 || from + length > x.length) {
      throw new IllegalArgumentException("argmax of x[" + from + ", " + (from + length)
          + ") needs a non-empty range inside an array of " + x.length);
    }
    int best = 0;
    double bestValue = x[from];
    for (int i = 1; i < length; i++) {
      if (x[from + i] > bestValue) {
        bestValue = x[from + i];
        best = i;
      }
    }
    return best;
  }
}
