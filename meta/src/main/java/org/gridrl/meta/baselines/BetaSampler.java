package org.gridrl.meta.baselines;

import org.gridrl.core.util.Rng;

/**
 * θ = X/(X + Y) with X ~ Gamma(a, 1), Y ~ Gamma(b, 1), so θ ~ Beta(a, b); each gamma draw by
 * Marsaglia &amp; Tsang (2000), "A simple method for generating gamma variables" (for a &lt; 1,
 * Gamma(a) = Gamma(a + 1)·U^{1/a}).
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
    double x = gamma(a, rng);
    double y = gamma(b, rng);
    return x / (x + y);
  }

  /** One Gamma(shape, 1) draw. */
  static double gamma(double shape, Rng rng) {
    if (shape < 1) {
      double u = rng.nextDouble();
      return gamma(shape + 1, rng) * Math.pow(u, 1 / shape);
    }
    double d = shape - 1.0 / 3;
    double c = 1 / Math.sqrt(9 * d);
    while (true) {
      double x;
      double v;
      do {
        x = rng.nextGaussian();
        v = 1 + c * x;
      } while (v <= 0);
      v = v * v * v;
      double u = rng.nextDouble();
      if (u < 1 - 0.0331 * x * x * x * x
          || Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) {
        return d * v;
      }
    }
  }
}
