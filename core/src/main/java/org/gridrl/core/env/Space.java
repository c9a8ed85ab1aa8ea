package org.gridrl.core.env;

/**
 * A set of observations or actions: {@link Discrete} {0, ..., n−1} or a {@link Box}
 * [low, high] ⊂ R^d.
 */
public sealed interface Space permits Discrete, Box {

  /**
   * Whether {@code value} is an element: an {@code Integer} in range for a {@link Discrete}, a
   * {@code double[]} of the right length inside the bounds for a {@link Box}; false for any
   * other type or for null.
   */
  boolean contains(Object value);

  /** The number of coordinates of an element: 1 for a {@link Discrete}, d for a {@link Box}. */
  int dim();
}
