package org.gridrl.meta.baselines;

import org.gridrl.core.dist.Dirichlet;
import org.gridrl.core.util.Rng;

/**
 * θ = X/(X + Y) with X ~ Gamma(a, 1), Y ~ Gamma(b, 1), so θ ~ Beta(a, b); each gamma draw by
 * core's {@link Dirichlet#gamma} (Marsaglia &amp; Tsang 2000).
 */
public final class BetaSampler {

  private BetaSampler() {
  }

  /**
   * One Beta(a, b) draw.
   *
   * @param a &gt; 0
   * @param b &gt; 0
   * @param rng the randomness. Modified (advanced).
   */
  public static double next(double a, double b, Rng rng) {
    if (!(a > 0) || !(b > 0)) {
      throw new IllegalArgumentException("Beta parameters must be > 0, got " + a + ", " + b);
    }
    double x = Dirichlet.gamma(a, rng);
    double y = Dirichlet.gamma(b, rng);
    return x / (x + y);
  }
}
