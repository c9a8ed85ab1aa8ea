package org.gridrl.core.util;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.Collection;

/**
 * The one place that validates settings at a boundary: every config record's compact
 * constructor and every checked facade calls these, so a rule is worded the same everywhere.
 * Each check throws an {@link IllegalArgumentException} whose message names the field and the
 * value ({@code "learningRate must be finite and > 0, got NaN"}); the negated comparisons also
 * reject NaN. Built on Guava's {@code Preconditions}, which formats the message only on
 * failure. Not for hot loops: arguments are boxed.
 */
public final class Check {

  private Check() {
  }

  /** {@code x ≥ 1}: "{@code name} must be >= 1, got x". */
  public static int positive(String name, int x) {
    checkArgument(x >= 1, "%s must be >= 1, got %s", name, x);
    return x;
  }

  /** {@code x ≥ 0}: "{@code name} must be >= 0, got x". */
  public static int nonNegative(String name, int x) {
    checkArgument(x >= 0, "%s must be >= 0, got %s", name, x);
    return x;
  }

  /** {@code 0 < x < ∞}: "{@code name} must be finite and > 0, got x". */
  public static double positiveFinite(String name, double x) {
    checkArgument(x > 0 && x < Double.POSITIVE_INFINITY, "%s must be finite and > 0, got %s",
        name, x);
    return x;
  }

  /** {@code 0 < x ≤ ∞}: "{@code name} must be > 0, got x" (+∞ allowed, NaN not). */
  public static double positive(String name, double x) {
    checkArgument(x > 0, "%s must be > 0, got %s", name, x);
    return x;
  }

  /** {@code 0 ≤ x < ∞}: "{@code name} must be finite and >= 0, got x". */
  public static double nonNegativeFinite(String name, double x) {
    checkArgument(x >= 0 && x < Double.POSITIVE_INFINITY, "%s must be finite and >= 0, got %s",
        name, x);
    return x;
  }

  /** {@code 0 ≤ x ≤ 1}: "{@code name} must be in [0, 1], got x". */
  public static double unitInterval(String name, double x) {
    checkArgument(x >= 0 && x <= 1, "%s must be in [0, 1], got %s", name, x);
    return x;
  }

  /** {@code 0 ≤ x < 1}: "{@code name} must be in [0, 1), got x". */
  public static double unitIntervalOpen(String name, double x) {
    checkArgument(x >= 0 && x < 1, "%s must be in [0, 1), got %s", name, x);
    return x;
  }

  /** {@code x} finite: "{@code name} must be finite, got x". */
  public static double finite(String name, double x) {
    checkArgument(Double.isFinite(x), "%s must be finite, got %s", name, x);
    return x;
  }

  /** Every entry finite: "{@code name}[i] must be finite, got x" for the first that is not. */
  public static double[] finite(String name, double[] x) {
    notNull(name, x);
    for (int i = 0; i < x.length; i++) {
      if (!Double.isFinite(x[i])) {
        throw new IllegalArgumentException(name + "[" + i + "] must be finite, got " + x[i]);
      }
    }
    return x;
  }

  /** {@code x} not null: "{@code name} must not be null". */
  public static <T> T notNull(String name, T x) {
    checkArgument(x != null, "%s must not be null", name);
    return x;
  }

  /** A non-empty collection: "{@code name} must not be empty". */
  public static <C extends Collection<?>> C notEmpty(String name, C x) {
    notNull(name, x);
    checkArgument(!x.isEmpty(), "%s must not be empty", name);
    return x;
  }

  /** {@code x} has length {@code n}: "{@code name} must have length n, got m". */
  public static double[] length(String name, double[] x, int n) {
    notNull(name, x);
    checkArgument(x.length == n, "%s must have length %s, got %s", name, n, x.length);
    return x;
  }

  /**
   * Any other rule: throws when {@code ok} is false, with {@code template}'s {@code %s} filled by
   * {@code args} (formatted only on failure).
   */
  public static void argument(boolean ok, String template, Object... args) {
    checkArgument(ok, template, args);
  }
}
