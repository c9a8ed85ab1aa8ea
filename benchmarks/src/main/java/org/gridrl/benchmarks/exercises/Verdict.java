package org.gridrl.benchmarks.exercises;

import java.util.Locale;

/**
 * The outcome of one case: passed or not, the largest error and where it is, or why the answer
 * could not be compared (a wrong length, a NaN, an exception, a time-out).
 *
 * @param passed whether the answer is within the tolerance everywhere
 * @param maxError the largest |answer − library| (NaN when not comparable)
 * @param message one line: where the largest error is, or what went wrong
 */
public record Verdict(boolean passed, double maxError, String message) {

  /** A failure that is not a numerical error (shape, NaN, exception, time-out). */
  public static Verdict broken(String message) {
    return new Verdict(false, Double.NaN, message);
  }

  /**
   * Compares an answer with the library's, entry by entry: fails on null, a wrong length or a
   * non-finite entry (naming the index), else passes when max |got − expected| ≤
   * tol · (1 + max |expected|).
   *
   * @param what the quantity's symbol ("V'", "d")
   * @param index the index's name ("state")
   */
  public static Verdict compare(String what, String index, double[] expected, double[] got,
      double tol) {
    if (got == null) {
      return broken("returned null instead of " + what);
    }
    if (got.length != expected.length) {
      return broken("returned " + got.length + " values of " + what + ", expected "
          + expected.length + " (one per " + index + ")");
    }
    double scale = 1;
    for (double e : expected) {
      scale = Math.max(scale, Math.abs(e));
    }
    double worst = -1;
    int at = 0;
    for (int i = 0; i < got.length; i++) {
      if (!Double.isFinite(got[i])) {
        return broken(what + "(" + index + " " + i + ") is " + got[i] + ", expected "
            + fmt(expected[i]) + " (exp of a large number overflows, of a very negative one"
            + " underflows to 0, and log 0 = -Infinity; 0/0 is NaN)");
      }
      double err = Math.abs(got[i] - expected[i]);
      if (err > worst) {
        worst = err;
        at = i;
      }
    }
    String where = "largest error " + fmt(worst) + " at " + index + " " + at + ": "
        + what + " = " + fmt(got[at]) + ", expected " + fmt(expected[at]);
    return new Verdict(worst <= tol * scale, worst, where);
  }

  /**
   * Compares a positive quantity with the library's entry by entry in relative terms (for
   * values that span many orders of magnitude, such as variances): fails on null, a wrong length
   * or a non-finite entry, else passes when max |got − expected| / |expected| ≤ tol.
   */
  public static Verdict compareRelative(String what, String index, double[] expected,
      double[] got, double tol) {
    Verdict shape = compare(what, index, expected, got, Double.POSITIVE_INFINITY);
    if (!shape.passed()) {
      return shape;
    }
    double worst = -1;
    int at = 0;
    for (int i = 0; i < got.length; i++) {
      double err = Math.abs(got[i] - expected[i]) / Math.abs(expected[i]);
      if (err > worst) {
        worst = err;
        at = i;
      }
    }
    return new Verdict(worst <= tol, worst, "largest relative error " + fmt(worst) + " at "
        + index + " " + at + ": " + what + " = " + fmt(got[at]) + ", expected "
        + fmt(expected[at]));
  }

  /**
   * Compares one number with the library's: fails on a non-finite answer, else passes when
   * |got − expected| ≤ tol · (1 + |expected|).
   *
   * @param what the quantity's symbol ("nu")
   */
  public static Verdict compareScalar(String what, double expected, double got, double tol) {
    if (!Double.isFinite(got)) {
      return broken(what + " is " + got + ", expected " + fmt(expected));
    }
    double err = Math.abs(got - expected);
    return new Verdict(err <= tol * (1 + Math.abs(expected)), err, "error " + fmt(err) + ": "
        + what + " = " + fmt(got) + ", expected " + fmt(expected));
  }

  static String fmt(double x) {
    return String.format(Locale.ROOT, "%.6g", x);
  }
}
