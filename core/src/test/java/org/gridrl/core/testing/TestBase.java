package org.gridrl.core.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;

/**
 * Base for core tests: a seeded generator, named tolerances and array assertions. Tests print
 * nothing.
 */
public abstract class TestBase {

  /** Round-off level agreement (same algorithm, different summation order). */
  public static final double TIGHT = 1e-12;
  /** Agreement of two converged iterative solves with tolerance 1e-10. */
  public static final double SOLVE = 1e-8;

  /** Seeded per test class instance, as EJML's tests do. */
  protected final Random rand = new Random(345);

  /** Asserts that two arrays have equal length and agree entry-wise within {@code tol}. */
  public static void assertClose(double[] expected, double[] actual, double tol) {
    assertThat(actual).as("length").hasSize(expected.length);
    for (int i = 0; i < expected.length; i++) {
      assertThat(actual[i]).as("entry %d", i).isCloseTo(expected[i], within(tol));
    }
  }

  /** Asserts that two scalars agree within {@code tol}. */
  public static void assertClose(double expected, double actual, double tol) {
    assertThat(actual).isCloseTo(expected, within(tol));
  }
}
