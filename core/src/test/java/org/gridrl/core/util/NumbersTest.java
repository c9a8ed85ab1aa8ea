package org.gridrl.core.util;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Random;
import java.util.regex.Pattern;
import org.gridrl.core.testing.TestBase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class NumbersTest extends TestBase {

  /** What C's strtod reads too: no hex, no Infinity/NaN, no Java suffixes. */
  private static final Pattern PLAIN =
      Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]*[1-9])?(e[+-][0-9]{2,3})?");

  @ParameterizedTest
  @CsvSource({
      "0.1, 0.1",
      "0.3333333333333333, 0.3333333333333333",
      "0.30000000000000004, 0.30000000000000004",
      "2e23, 2e+23",          // Java 17 prints 1.9999999999999998E23 (JDK-4511638)
      "1e23, 1e+23",          // Java 17 prints 9.999999999999999E22
      "2.82879384806159E17, 2.82879384806159e+17", // Java 17 prints 2.82879384806159008E17
      "1e-5, 1e-05",
      "1.5e-7, 1.5e-07",
      "4.9e-324, 5e-324",     // the smallest subnormal; Java prints 4.9E-324
      "1.7976931348623157e308, 1.7976931348623157e+308",
      "0.075, 0.075",
      "0.0001, 0.0001",
      "1e16, 1e+16",
      "1234567.5, 1234567.5",
      "1, 1",
      "-3, -3",
      "100, 100",
      "1e15, 1000000000000000",
      "9007199254740993, 9007199254740992",
      "-0.5, -0.5",
      "0, 0",
      "-0.0, -0",
  })
  void shortest_knownCases(double x, String expected) {
    String s = Numbers.shortest(x);
    assertThat(s).isEqualTo(expected);
    assertRoundTrip(x, s);
  }

  @Test
  void shortest_oneThird_andSumOfTenths() {
    assertThat(Numbers.shortest(1 / 3.0)).isEqualTo("0.3333333333333333");
    assertThat(Numbers.shortest(0.1 + 0.2)).isEqualTo("0.30000000000000004");
    assertThat(Numbers.shortest(Double.MAX_VALUE)).isEqualTo("1.7976931348623157e+308");
    assertThat(Numbers.shortest(Double.MIN_VALUE)).isEqualTo("5e-324");
    assertThat(Numbers.shortest(Double.MIN_NORMAL)).isEqualTo("2.2250738585072014e-308");
    assertThat(Numbers.shortest(-Double.MIN_VALUE)).isEqualTo("-5e-324");
  }

  @ParameterizedTest
  @ValueSource(doubles = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY})
  void shortest_nonFinite_isRejectedNamingIt(double x) {
    assertThatThrownBy(() -> Numbers.shortest(x)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("cannot write a non-finite number: " + x);
  }

  @Test
  void shortest_roundTripsExactly_onManyRandomDoubles() {
    Random r = new Random(20261125);
    for (int i = 0; i < 30_000; i++) {
      double x = randomDouble(r, i);
      String s = Numbers.shortest(x);
      assertRoundTrip(x, s);
    }
  }

  @Test
  void shortest_hasNoShorterRoundTrip_byBruteForce() {
    Random r = new Random(7);
    for (int i = 0; i < 600; i++) {
      double x = randomDouble(r, i);
      String s = Numbers.shortest(x);
      int digits = significantDigits(s);
      BigDecimal exact = new BigDecimal(x);
      // every decimal with p digits that could round to x lies between these two
      for (int p = 1; p < digits; p++) {
        BigDecimal lo = exact.round(new MathContext(p, RoundingMode.FLOOR));
        BigDecimal hi = exact.round(new MathContext(p, RoundingMode.CEILING));
        assertThat(Double.parseDouble(lo.toString())).as("%s with %d digits (%s)", x, p, lo)
            .isNotEqualTo(x);
        assertThat(Double.parseDouble(hi.toString())).as("%s with %d digits (%s)", x, p, hi)
            .isNotEqualTo(x);
      }
    }
  }

  @Test
  void shortest_equalsTheSlowBigDecimalSearch_onRandomDoubles() {
    Random r = new Random(5);
    for (int i = 0; i < 3_000; i++) {
      double x = randomDouble(r, i);
      String fast = Numbers.shortest(x);
      String slow = Numbers.shortestBySearch(x);
      if (!fast.equals(slow)) {
        assertThat(fast).as("%s", x).isEqualTo(slow);
      }
    }
    for (double x : new double[] {2e23, 1e23, 5e-324, Double.MAX_VALUE, 1 / 3.0, 0.1, 1e-5}) {
      assertThat(Numbers.shortest(x)).isEqualTo(Numbers.shortestBySearch(x));
    }
  }

  @Test
  void shortest_neverLongerThanJavaToString() {
    Random r = new Random(11);
    int shorter = 0;
    for (int i = 0; i < 20_000; i++) {
      double x = Double.longBitsToDouble(r.nextLong());
      if (!Double.isFinite(x) || x == 0) {
        continue;
      }
      int ours = significantDigits(Numbers.shortest(x));
      int java = significantDigits(Double.toString(x).replace("E", "e"));
      if (ours > java) {
        assertThat(ours).as("%s", x).isLessThanOrEqualTo(java);
      }
      if (ours < java) {
        shorter++;
      }
    }
    // Java 17's toString overshoots on a small fraction of doubles (JDK-4511638)
    assertThat(shorter).isPositive();
  }

  private static void assertRoundTrip(double x, String s) {
    if (PLAIN.matcher(s).matches() && Double.doubleToRawLongBits(Double.parseDouble(s))
        == Double.doubleToRawLongBits(x)) {
      return; // fast path; AssertJ below only to describe a failure
    }
    assertThat(s).as("plain form of %s", x).matches(PLAIN);
    assertThat(Double.doubleToRawLongBits(Double.parseDouble(s)))
        .as("%s -> %s", x, s).isEqualTo(Double.doubleToRawLongBits(x));
  }

  /** A mix: raw bit patterns (all magnitudes, subnormals), probabilities, rounded values. */
  private static double randomDouble(Random r, int i) {
    double x;
    switch (i % 4) {
      case 0:
        do {
          x = Double.longBitsToDouble(r.nextLong());
        } while (!Double.isFinite(x));
        return x;
      case 1:
        return r.nextDouble();
      case 2:
        return Math.round(r.nextDouble() * 1e4) / 1e4 * (r.nextBoolean() ? 1 : -1);
      default:
        return r.nextGaussian() * Math.pow(10, r.nextInt(40) - 20);
    }
  }

  /** Significant digits of a decimal string (leading and trailing zeros not counted). */
  private static int significantDigits(String s) {
    int e = s.indexOf('e');
    String m = e >= 0 ? s.substring(0, e) : s;
    String digits = m.replace("-", "").replace(".", "");
    digits = digits.replaceFirst("^0+", "").replaceFirst("0+$", "");
    return Math.max(1, digits.length());
  }
}
