package org.gridrl.core.planning;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.gridrl.core.testing.TestBase;
import org.junit.jupiter.api.Test;

class SoftMathTest extends TestBase {

  @Test
  void exp_randomArguments_withinTwoUlpOfStrictMath() {
    Random r = new Random(345);
    double worst = 0;
    for (int i = 0; i < 200_000; i++) {
      double x = i % 2 == 0 ? -40 * r.nextDouble() : 1400 * r.nextDouble() - 700;
      double expected = StrictMath.exp(x);
      worst = Math.max(worst, Math.abs(SoftMath.exp(x) - expected) / Math.ulp(expected));
    }
    assertThat(worst).isLessThanOrEqualTo(2.0);
  }

  /** Both forms of the exp, whichever this processor runs, within 2 ulp of StrictMath. */
  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(booleans = {true, false})
  void expFusedAndUnfused_randomArguments_withinTwoUlpOfStrictMath(boolean fused) {
    Random r = new Random(fused ? 347 : 348);
    double worst = 0;
    int n = fused && !SoftMath.FMA ? 2_000 : 200_000; // Math.fma without the instruction is slow
    for (int i = 0; i < n; i++) {
      double x = i % 2 == 0 ? -40 * r.nextDouble() : 1398 * r.nextDouble() - 699;
      double expected = StrictMath.exp(x);
      double got = fused ? SoftMath.expFused(x) : SoftMath.expUnfused(x);
      worst = Math.max(worst, Math.abs(got - expected) / Math.ulp(expected));
    }
    assertThat(worst).isLessThanOrEqualTo(2.0);
    assertThat(fused ? SoftMath.expFused(0) : SoftMath.expUnfused(0)).isEqualTo(1.0);
  }

  @Test
  void expNonPositive_agreesWithExpAndHandlesTheEdges() {
    Random r = new Random(349);
    for (int i = 0; i < 100_000; i++) {
      double x = -750 * r.nextDouble() * r.nextDouble();
      assertThat(SoftMath.expNonPositive(x)).isEqualTo(SoftMath.exp(x));
    }
    assertThat(SoftMath.expNonPositive(0)).isEqualTo(1.0);
    assertThat(SoftMath.expNonPositive(-0.0)).isEqualTo(1.0);
    assertThat(SoftMath.expNonPositive(Double.NEGATIVE_INFINITY)).isEqualTo(0.0);
    assertThat(SoftMath.expNonPositive(Double.NaN)).isNaN();
    assertThat(SoftMath.expNonPositive(-745.2)).isEqualTo(Math.exp(-745.2));
  }

  @Test
  void fmaFlag_isWhatTheVmSays() {
    // UseFMA is a product flag on x86 and AArch64; where it is absent the flag must be false
    String flag;
    try {
      flag = java.lang.management.ManagementFactory
          .getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class)
          .getVMOption("UseFMA").getValue();
    } catch (IllegalArgumentException e) {
      flag = "false";
    }
    assertThat(SoftMath.FMA).isEqualTo(Boolean.parseBoolean(flag));
  }

  @Test
  void exp_specialArguments_matchMathExp() {
    assertThat(SoftMath.exp(0)).isEqualTo(1.0);
    assertThat(SoftMath.exp(Double.NEGATIVE_INFINITY)).isEqualTo(0.0);
    assertThat(SoftMath.exp(Double.POSITIVE_INFINITY)).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(SoftMath.exp(Double.NaN)).isNaN();
    assertThat(SoftMath.exp(-800)).isEqualTo(Math.exp(-800));
    assertThat(SoftMath.exp(710)).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(SoftMath.exp(1)).isCloseTo(Math.E, org.assertj.core.api.Assertions.within(1e-15));
  }

  @Test
  void log_randomArguments_withinOneUlpOfResultScale() {
    Random r = new Random(346);
    double worst = 0;
    for (int i = 0; i < 200_000; i++) {
      double x = i % 2 == 0 ? 1 + 5 * r.nextDouble() : Math.exp(1400 * r.nextDouble() - 700);
      double expected = StrictMath.log(x);
      worst = Math.max(worst, Math.abs(SoftMath.log(x) - expected)
          / Math.ulp(Math.max(Math.abs(expected), 0.5)));
    }
    assertThat(worst).isLessThanOrEqualTo(1.0);
  }

  @Test
  void log_specialArguments_matchMathLog() {
    assertThat(SoftMath.log(1)).isEqualTo(0.0);
    assertThat(SoftMath.log(0)).isEqualTo(Double.NEGATIVE_INFINITY);
    assertThat(SoftMath.log(-1)).isNaN();
    assertThat(SoftMath.log(Double.NaN)).isNaN();
    assertThat(SoftMath.log(Double.POSITIVE_INFINITY)).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(SoftMath.log(Double.MIN_VALUE)).isEqualTo(Math.log(Double.MIN_VALUE));
    assertThat(SoftMath.log(Math.E)).isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-15));
  }
}
