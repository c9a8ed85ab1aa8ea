package org.gridrl.core.util;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Shortest round-trip decimal text for doubles: {@code Double.parseDouble(shortest(x)) == x}
 * bit for bit, with the fewest significant digits for which that holds.
 *
 * <p>Java 17's {@link Double#toString(double)} always round-trips but is sometimes one digit
 * too long (JDK-4511638, fixed only in Java 19): it prints 2e23 as
 * {@code 1.9999999999999998E23}, 1e23 as {@code 9.999999999999999E22} and the smallest
 * subnormal as {@code 4.9E-324} where {@code 2e+23}, {@code 1e+23} and {@code 5e-324} suffice. This class starts from
 * {@code Double.toString}, which is provably shortest when it has at most 15 significant digits
 * of a normal double (any two distinct decimals of ≤ 15 digits are distinct doubles), and only
 * otherwise tries the two decimals one digit shorter that bracket it. Since the set of decimals
 * that parse back to x is an interval containing the current candidate, those two are the only
 * shorter candidates that can work, and if none of p digits works none of fewer digits does.
 *
 * <p>Layout (as Python's {@code repr}, but integers without ".0"): plain notation when the
 * decimal exponent e of the leading digit is in [-4, 16), e.g. {@code 1}, {@code -3},
 * {@code 0.075}, {@code 0.30000000000000004}, {@code 1234567.5}; otherwise scientific with a
 * signed exponent of at least two digits, e.g. {@code 1e-05}, {@code 1.5e-07}, {@code 2e+23},
 * {@code 5e-324}. Both Java's {@code Double.parseDouble} and C's {@code strtod}/{@code %lf}
 * read every output. Negative zero prints as {@code -0}.
 */
public final class Numbers {

  private Numbers() {
  }

  /**
   * The shortest decimal that parses back to exactly {@code x}.
   *
   * @param x a finite double. Not modified.
   * @return text with the fewest significant digits such that
   *     {@code Double.parseDouble(text) == x} (and the same sign for zero)
   * @throws IllegalArgumentException if x is NaN or infinite (no portable text for it)
   */
  public static String shortest(double x) {
    if (!Double.isFinite(x)) {
      throw new IllegalArgumentException("cannot write a non-finite number: " + x);
    }
    if (x == 0) {
      return Double.doubleToRawLongBits(x) == 0 ? "0" : "-0";
    }
    double abs = Math.abs(x);
    if (abs < 1e16 && abs == Math.rint(abs)) {
      // An integer below 10^16: the integer digits are shortest (any decimal with fewer
      // significant digits is a different integer, at least 1 away, which is outside the
      // rounding interval of width <= 2 around an even integer, and a different double below 2^53).
      return Long.toString((long) x);
    }
    Decimal d = Decimal.parseJava(Double.toString(abs));
    if (d == null || Double.parseDouble(d.toJavaString()) != abs) {
      d = exactShortest(abs); // never expected; keeps the contract if toString misbehaves
    } else if (d.digits.length() >= 16 || abs < Double.MIN_NORMAL) {
      d = shorten(d, abs);
    }
    return d.format(x < 0);
  }

  /**
   * The same text found the slow way: for p = 1, 2, ... round the exact binary value of x down
   * and up to p significant digits (BigDecimal) and stop at the first that parses back. Used as
   * the fallback and as an independent oracle in tests.
   */
  static String shortestBySearch(double x) {
    if (!Double.isFinite(x)) {
      throw new IllegalArgumentException("cannot write a non-finite number: " + x);
    }
    if (x == 0) {
      return Double.doubleToRawLongBits(x) == 0 ? "0" : "-0";
    }
    return exactShortest(Math.abs(x)).format(x < 0);
  }

  /** Removes digits while one of the two bracketing shorter decimals still parses back to x. */
  private static Decimal shorten(Decimal d, double x) {
    while (d.digits.length() > 1) {
      String prefix = d.digits.substring(0, d.digits.length() - 1); // keeps inner zeros
      Decimal down = new Decimal(prefix, d.exp10);
      Decimal up = Decimal.incremented(prefix, d.exp10);
      boolean downOk = Double.parseDouble(down.toJavaString()) == x;
      boolean upOk = Double.parseDouble(up.toJavaString()) == x;
      if (downOk && upOk) {
        d = closer(down, up, x);
      } else if (downOk) {
        d = down;
      } else if (upOk) {
        d = up;
      } else {
        return d;
      }
    }
    return d;
  }

  /** The candidate nearer to x (exact arithmetic), the even last digit on a tie. */
  private static Decimal closer(Decimal a, Decimal b, double x) {
    BigDecimal exact = new BigDecimal(x);
    int c = a.toBigDecimal().subtract(exact).abs()
        .compareTo(b.toBigDecimal().subtract(exact).abs());
    if (c != 0) {
      return c < 0 ? a : b;
    }
    int lastA = a.digits.charAt(a.digits.length() - 1) - '0';
    return lastA % 2 == 0 ? a : b;
  }

  /** Slow exact search over precisions 1..17 (fallback only). */
  private static Decimal exactShortest(double x) {
    BigDecimal exact = new BigDecimal(x);
    for (int p = 1; p <= 17; p++) {
      BigDecimal lo = exact.round(new MathContext(p, RoundingMode.FLOOR));
      BigDecimal hi = exact.round(new MathContext(p, RoundingMode.CEILING));
      boolean loOk = lo.doubleValue() == x;
      boolean hiOk = hi.doubleValue() == x;
      if (loOk || hiOk) {
        Decimal a = Decimal.of(lo);
        Decimal b = Decimal.of(hi);
        if (loOk && hiOk) {
          return closer(a, b, x);
        }
        return loOk ? a : b;
      }
    }
    return Decimal.of(exact.round(new MathContext(17, RoundingMode.HALF_EVEN)));
  }

  /**
   * A positive decimal 0.d1d2...dn × 10^exp10 with d1 != 0 and dn != 0 (digits stripped of
   * leading and trailing zeros).
   */
  private static final class Decimal {
    final String digits;
    final int exp10;

    Decimal(String digits, int exp10) {
      int end = digits.length();
      while (end > 1 && digits.charAt(end - 1) == '0') {
        end--;
      }
      this.digits = digits.substring(0, end);
      this.exp10 = exp10;
    }

    /** Reads Java's "123.456" or "1.23456E-7" form of a positive double; null if unexpected. */
    static Decimal parseJava(String s) {
      int ePos = s.indexOf('E');
      int exp = 0;
      String mantissa = s;
      if (ePos >= 0) {
        exp = Integer.parseInt(s.substring(ePos + 1));
        mantissa = s.substring(0, ePos);
      }
      int dot = mantissa.indexOf('.');
      String intPart = dot >= 0 ? mantissa.substring(0, dot) : mantissa;
      String fracPart = dot >= 0 ? mantissa.substring(dot + 1) : "";
      String all = intPart + fracPart;
      int lead = 0;
      while (lead < all.length() && all.charAt(lead) == '0') {
        lead++;
      }
      if (lead == all.length()) {
        return null;
      }
      // value = 0.all × 10^(intPart.length + exp); drop leading zeros
      return new Decimal(all.substring(lead), intPart.length() + exp - lead);
    }

    static Decimal of(BigDecimal v) {
      BigDecimal stripped = v.stripTrailingZeros();
      String u = stripped.unscaledValue().abs().toString();
      // value = u × 10^-scale = 0.u × 10^(len(u) - scale)
      return new Decimal(u, u.length() - stripped.scale());
    }

    /** The decimal 0.prefix × 10^exp10 plus one unit in the last digit of prefix, carrying. */
    static Decimal incremented(String prefix, int exp10) {
      char[] c = prefix.toCharArray();
      int i = c.length - 1;
      while (i >= 0 && c[i] == '9') {
        c[i] = '0';
        i--;
      }
      if (i < 0) {
        return new Decimal("1", exp10 + 1);
      }
      c[i]++;
      return new Decimal(new String(c), exp10);
    }

    String toJavaString() {
      return "0." + digits + "E" + exp10;
    }

    BigDecimal toBigDecimal() {
      return new BigDecimal(toJavaString());
    }

    String format(boolean negative) {
      StringBuilder sb = new StringBuilder(digits.length() + 8);
      if (negative) {
        sb.append('-');
      }
      int e = exp10 - 1; // exponent of the leading digit
      int n = digits.length();
      if (e >= -4 && e < 16) {
        if (e < 0) {
          sb.append("0.");
          for (int i = 0; i < -e - 1; i++) {
            sb.append('0');
          }
          sb.append(digits);
        } else if (n <= e + 1) {
          sb.append(digits);
          for (int i = n; i < e + 1; i++) {
            sb.append('0');
          }
        } else {
          sb.append(digits, 0, e + 1).append('.').append(digits, e + 1, n);
        }
      } else {
        sb.append(digits.charAt(0));
        if (n > 1) {
          sb.append('.').append(digits, 1, n);
        }
        sb.append('e').append(e < 0 ? '-' : '+');
        int ae = Math.abs(e);
        if (ae < 10) {
          sb.append('0');
        }
        sb.append(ae);
      }
      return sb.toString();
    }
  }
}
