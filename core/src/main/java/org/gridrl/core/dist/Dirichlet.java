package org.gridrl.core.dist;

import org.gridrl.core.util.Check;
import org.gridrl.core.util.Rng;

/**
 * x ~ Dirichlet(α_1..α_K) as x_i = g_i / Σ_j g_j with g_i ~ Gamma(α_i, 1) independent; each
 * gamma draw by Marsaglia &amp; Tsang (2000), "A simple method for generating gamma variables"
 * (ACM TOMS 26(3)), using Gamma(α) = Gamma(α + 1)·U^{1/α} for α &lt; 1. Moments:
 * E[x_i] = α_i/α_0, Var[x_i] = α_i(α_0 − α_i)/(α_0²(α_0 + 1)), α_0 = Σ α_i.
 *
 * <p>Plain samplers over a seeded {@link Rng} (not autodiff tensors, unlike the rest of this
 * package): the random-MDP task distribution draws its transition rows with them, and posterior
 * sampling (PSRL) draws transition rows from Dirichlet posteriors. Draw order: the gammas in
 * index order, each consuming {@code nextGaussian}/{@code nextDouble} draws until accepted.
 */
public final class Dirichlet {

  private Dirichlet() {
  }

  /**
   * One Gamma(shape, 1) draw (density x^{shape−1} e^{−x}/Γ(shape)), Marsaglia–Tsang.
   *
   * @param shape &gt; 0, finite
   * @param rng the randomness. Modified (advanced).
   */
  public static double gamma(double shape, Rng rng) {
    Check.positiveFinite("shape", shape);
    return gammaUnchecked(shape, rng);
  }

  private static double gammaUnchecked(double shape, Rng rng) {
    if (shape < 1) {
      double u = rng.nextDouble();
      return gammaUnchecked(shape + 1, rng) * Math.pow(u, 1 / shape);
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

  /**
   * One Dirichlet draw from {@code alpha[alphaOffset .. alphaOffset + k)} into
   * {@code out[outOffset .. outOffset + k)}. Nothing is allocated.
   *
   * @param alpha concentrations α_i &gt; 0. Not modified.
   * @param rng the randomness. Modified (advanced).
   * @param out the draw, entries ≥ 0 summing to 1 (up to rounding). Modified.
   * @throws IllegalArgumentException naming the first α_i that is not positive and finite
   */
  public static void sample(double[] alpha, int alphaOffset, int k, Rng rng, double[] out,
      int outOffset) {
    Check.positive("k", k);
    double total = 0;
    for (int i = 0; i < k; i++) {
      double a = alpha[alphaOffset + i];
      if (!(a > 0 && a < Double.POSITIVE_INFINITY)) {
        throw new IllegalArgumentException("alpha[" + (alphaOffset + i)
            + "] must be finite and > 0, got " + a);
      }
      double g = gammaUnchecked(a, rng);
      out[outOffset + i] = g;
      total += g;
    }
    for (int i = 0; i < k; i++) {
      out[outOffset + i] /= total;
    }
  }

  /** One Dirichlet(α) draw, a new array. */
  public static double[] sample(double[] alpha, Rng rng) {
    Check.notNull("alpha", alpha);
    double[] x = new double[alpha.length];
    sample(alpha, 0, alpha.length, rng, x, 0);
    return x;
  }
}
