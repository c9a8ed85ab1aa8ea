package org.gridrl.core.pg;

/** Validation shared by the config records; messages name the field and the value. */
final class Checks {

  private Checks() {
  }

  static void positive(String name, int x) {
    if (x < 1) {
      throw new IllegalArgumentException(name + " must be >= 1, got " + x);
    }
  }

  static void unit(String name, double x) {
    if (!(x >= 0 && x <= 1)) {
      throw new IllegalArgumentException(name + " must be in [0, 1], got " + x);
    }
  }

  static void nonNegative(String name, double x) {
    if (!(x >= 0) || Double.isInfinite(x)) {
      throw new IllegalArgumentException(name + " must be finite and >= 0, got " + x);
    }
  }

  static void learningRate(double x) {
    if (!(x > 0) || Double.isInfinite(x)) {
      throw new IllegalArgumentException("learningRate must be finite and > 0, got " + x);
    }
  }

  static void maxGradNorm(double x) {
    if (!(x > 0)) {
      throw new IllegalArgumentException("maxGradNorm must be > 0 (+Infinity = no clipping), got "
          + x);
    }
  }

  static int[] hidden(int[] hidden) {
    if (hidden == null) {
      throw new IllegalArgumentException("hidden must not be null (use {} for no hidden layer)");
    }
    for (int h : hidden) {
      if (h < 1) {
        throw new IllegalArgumentException("hidden layer sizes must be >= 1, got "
            + java.util.Arrays.toString(hidden));
      }
    }
    return hidden.clone();
  }
}
