package org.gridrl.core.env;

import java.util.Arrays;
import org.gridrl.core.util.Rng;

/**
 * The box {x ∈ R^d : low[i] ≤ x[i] ≤ high[i]}. Bounds may be infinite (an unbounded coordinate)
 * but not NaN. Immutable: the arrays are copied in and out.
 *
 * @param low lower bounds, length d ≥ 1
 * @param high upper bounds, length d, high[i] ≥ low[i]
 */
public record Box(double[] low, double[] high) implements Space {

  /** Validates the bounds and copies them. */
  public Box {
    if (low == null || high == null) {
      throw new IllegalArgumentException("Box bounds must not be null");
    }
    if (low.length != high.length) {
      throw new IllegalArgumentException("Box bounds must have equal lengths, got low of length "
          + low.length + " and high of length " + high.length);
    }
    if (low.length == 0) {
      throw new IllegalArgumentException("a Box needs at least one dimension");
    }
    for (int i = 0; i < low.length; i++) {
      if (Double.isNaN(low[i]) || Double.isNaN(high[i])) {
        throw new IllegalArgumentException("Box bound " + i + " is NaN: low " + low[i]
            + ", high " + high[i]);
      }
      if (!(low[i] <= high[i])) {
        throw new IllegalArgumentException("Box needs low <= high, got low[" + i + "] = "
            + low[i] + " > high[" + i + "] = " + high[i]);
      }
    }
    low = low.clone();
    high = high.clone();
  }

  /** The box [low, high]^d. */
  public static Box uniform(int dim, double low, double high) {
    if (dim < 1) {
      throw new IllegalArgumentException("a Box needs dim >= 1, got " + dim);
    }
    double[] lo = new double[dim];
    double[] hi = new double[dim];
    Arrays.fill(lo, low);
    Arrays.fill(hi, high);
    return new Box(lo, hi);
  }

  /** Lower bounds (a copy). */
  @Override
  public double[] low() {
    return low.clone();
  }

  /** Upper bounds (a copy). */
  @Override
  public double[] high() {
    return high.clone();
  }

  /** Lower bound of coordinate i. */
  public double low(int i) {
    return low[i];
  }

  /** Upper bound of coordinate i. */
  public double high(int i) {
    return high[i];
  }

  @Override
  public int dim() {
    return low.length;
  }

  /** The shape of an element, {@code {d}}. */
  public int[] shape() {
    return new int[] {low.length};
  }

  /** Whether x has length d and low ≤ x ≤ high coordinate-wise (NaN is outside). */
  public boolean contains(double[] x) {
    if (x == null || x.length != low.length) {
      return false;
    }
    for (int i = 0; i < x.length; i++) {
      if (!(x[i] >= low[i] && x[i] <= high[i])) {
        return false;
      }
    }
    return true;
  }

  @Override
  public boolean contains(Object value) {
    return value instanceof double[] x && contains(x);
  }

  /**
   * A uniform element; requires finite bounds.
   *
   * @param rng the generator. Modified (advanced d times).
   */
  public double[] sample(Rng rng) {
    double[] x = new double[low.length];
    for (int i = 0; i < x.length; i++) {
      if (!Double.isFinite(low[i]) || !Double.isFinite(high[i])) {
        throw new IllegalStateException("cannot sample uniformly from unbounded coordinate " + i
            + " [" + low[i] + ", " + high[i] + "]");
      }
      x[i] = Math.min(high[i], rng.nextDouble(low[i], high[i]));
    }
    return x;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Box b && Arrays.equals(low, b.low) && Arrays.equals(high, b.high);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(low) + Arrays.hashCode(high);
  }

  @Override
  public String toString() {
    return "Box[low=" + Arrays.toString(low) + ", high=" + Arrays.toString(high) + "]";
  }
}
