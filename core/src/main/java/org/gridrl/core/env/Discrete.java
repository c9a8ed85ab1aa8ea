package org.gridrl.core.env;

import org.gridrl.core.util.Rng;

/**
 * The finite set {0, 1, ..., n−1}.
 *
 * @param n the number of elements, ≥ 1
 */
public record Discrete(int n) implements Space {

  /** Rejects n < 1. */
  public Discrete {
    if (n < 1) {
      throw new IllegalArgumentException("a Discrete space needs n >= 1, got " + n);
    }
  }

  /** Whether 0 ≤ i < n. */
  public boolean contains(int i) {
    return i >= 0 && i < n;
  }

  @Override
  public boolean contains(Object value) {
    return value instanceof Integer i && contains(i.intValue());
  }

  @Override
  public int dim() {
    return 1;
  }

  /** A uniform element. */
  public int sample(Rng rng) {
    return rng.nextInt(n);
  }
}
