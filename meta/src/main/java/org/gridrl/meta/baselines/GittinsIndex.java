package org.gridrl.meta.baselines;

import java.util.HashMap;
import java.util.Map;
import org.gridrl.core.util.Check;

/**
 * The Gittins index of a Beta(α, β)–Bernoulli arm under discount γ, by calibration against a
 * known arm (Gittins 1979; Gittins, Glazebrook &amp; Weber 2011, §8.4):
 * ν(α, β) = the λ at which λ/(1−γ) = max over stopping times of playing on, i.e. the root of
 * g(λ) = μ + γ[μ·V_λ(α+1, β) + (1−μ)·V_λ(α, β+1)] − λ/(1−γ), μ = α/(α+β), with
 * V_λ(a, b) = max{λ/(1−γ), a/(a+b) + γ[a/(a+b)·V_λ(a+1, b) + b/(a+b)·V_λ(a, b+1)]}
 * (retire for ever on the known arm λ, or pull once more and update the posterior).
 *
 * <p><b>Truncation.</b> The recursion is solved exactly over the posteriors reachable in
 * {@link #depth()} = N pulls, (α + i, β + d − i) for d ≤ N, by backward induction along the
 * diagonals d = N, N−1, ..., 0; at depth N the value is set to max(λ, a/(a+b))/(1−γ), the value
 * of stopping learning there. The true value lies in [max(λ, a/(a+b))/(1−γ), 1/(1−γ)], so g is
 * under-estimated by at most γ^N/(1−γ); since g decreases in λ with slope ≤ −1
 * (d/dλ of the continuation is the expected discounted retirement time, ≤ γ/(1−γ)), the computed
 * index ν_N satisfies ν_N ≤ ν ≤ ν_N + γ^N/(1−γ) ({@link #truncationBound()}). The default depth is
 * the smallest N with γ^N/(1−γ) ≤ 1e−9 (219 at γ = 0.9, 2521 at γ = 0.99).
 *
 * <p><b>Root finding.</b> Each V_λ is a maximum of functions linear in λ (one per stopping
 * rule), so the truncated g is convex and piecewise linear in λ, with slope g′ ≤ −1. Newton's
 * method from λ₀ = μ (where g ≥ 0: retiring at once is a stopping time, so ν ≥ μ),
 * λ_{j+1} = λ_j − g(λ_j)/g′(λ_j), with g′ the slope of the active pieces (carried through the
 * same backward sweep: ∂V/∂λ = 1/(1−γ) where retiring is taken, γ[μ·∂V(a+1, b) +
 * (1−μ)·∂V(a, b+1)] where playing is), never passes the root (a tangent of a convex function
 * lies below it) and lands on it exactly once it reaches the root's linear piece; it stops when a
 * step is below 1e−13 or g ≤ 0, typically after 3–6 sweeps instead of bisection's 44. The
 * result is the root of the same truncated g that bisection on [μ, 1] finds to 1e−13
 * ({@code GittinsIndexTest} checks the two against each other).
 *
 * <p><b>Cost and cache.</b> One evaluation of g costs N²/2 backups; an index, a few of them.
 * Each index is cached in this object, which is keyed by (γ, N): one instance per discount
 * serves a whole run. Not thread-safe (one workspace of 2(N + 2) doubles); give each thread its own.
 *
 * <p>Checked against the γ = 0.9 and γ = 0.99 tables of Gittins' indices for uniform priors as
 * reproduced by Christian &amp; Griffiths (2016, ch. 2): ν(1, 1) = 0.7029 at γ = 0.9, 0.8699 at
 * γ = 0.99 ({@code GittinsIndexTest}).
 */
public final class GittinsIndex {

  /** The truncation error the default depth guarantees, 1e−9. */
  public static final double DEFAULT_TRUNCATION_ERROR = 1e-9;

  private static final double BISECTION_TOLERANCE = 1e-13;
  private static final int MAX_NEWTON_STEPS = 100;

  private final double gamma;
  private final int depth;
  private final double[] v;
  private final double[] dv;
  /** g′(λ) of the last {@link #advantageOfPlaying} call. */
  private double slope;
  private final Map<Key, Double> cache = new HashMap<>();

  private record Key(double alpha, double beta) {
  }

  /**
   * Indices at discount γ with the default depth (truncation error ≤ 1e−9).
   *
   * @param gamma γ ∈ (0, 1)
   */
  public GittinsIndex(double gamma) {
    this(gamma, defaultDepth(gamma));
  }

  /**
   * Indices at discount γ, the recursion truncated after {@code depth} pulls.
   *
   * @param gamma γ ∈ (0, 1)
   * @param depth N ≥ 1; the index is then within γ^N/(1−γ) below the exact one
   */
  public GittinsIndex(double gamma, int depth) {
    Check.argument(gamma > 0 && gamma < 1, "discount must be in (0, 1), got %s", gamma);
    this.gamma = gamma;
    this.depth = Check.positive("depth", depth);
    this.v = new double[depth + 2];
    this.dv = new double[depth + 2];
  }

  /** The smallest N with γ^N/(1−γ) ≤ 1e−9, the default depth. */
  public static int defaultDepth(double gamma) {
    Check.argument(gamma > 0 && gamma < 1, "discount must be in (0, 1), got %s", gamma);
    double n = Math.log(DEFAULT_TRUNCATION_ERROR * (1 - gamma)) / Math.log(gamma);
    return Math.max(1, (int) Math.ceil(n - 1e-9));
  }

  /** γ. */
  public double discount() {
    return gamma;
  }

  /** N, the truncation depth. */
  public int depth() {
    return depth;
  }

  /** γ^N/(1−γ): the computed index is at most this far below the exact one. */
  public double truncationBound() {
    return Math.pow(gamma, depth) / (1 - gamma);
  }

  /**
   * ν(α, β), cached.
   *
   * @param alpha α &gt; 0, finite (1 + successes under a uniform prior)
   * @param beta β &gt; 0, finite (1 + failures under a uniform prior)
   */
  public double index(double alpha, double beta) {
    Check.positiveFinite("alpha", alpha);
    Check.positiveFinite("beta", beta);
    Key key = new Key(alpha, beta);
    Double cached = cache.get(key);
    if (cached != null) {
      return cached;
    }
    double nu = calibrate(alpha, beta);
    cache.put(key, nu);
    return nu;
  }

  /** Newton's method on the convex, decreasing g from λ = μ (see the class comment). */
  private double calibrate(double alpha, double beta) {
    double lambda = alpha / (alpha + beta);
    for (int step = 0; step < MAX_NEWTON_STEPS; step++) {
      double g = advantageOfPlaying(alpha, beta, lambda);
      if (g <= 0) {
        return lambda;
      }
      double next = Math.min(1.0, lambda - g / slope);
      if (next - lambda <= BISECTION_TOLERANCE) {
        return next;
      }
      lambda = next;
    }
    return bisect(alpha, beta, lambda);
  }

  /**
   * Bisection for the root of g on [lo, 1], g(lo) ≥ 0 &gt; g(hi) throughout, to 1e−13: the
   * reference the Newton iteration is tested against, and its fallback.
   */
  double bisect(double alpha, double beta, double lo) {
    double hi = 1.0;
    while (hi - lo > BISECTION_TOLERANCE) {
      double mid = 0.5 * (lo + hi);
      if (advantageOfPlaying(alpha, beta, mid) >= 0) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    return 0.5 * (lo + hi);
  }

  /**
   * The leaves of the backward sweep, the posteriors (α + i, ·) of depth n, i = 0..n:
   * v[i] = max(λ/(1−γ), μ_i/(1−γ)) (stop learning there), μ_i = (α + i)·r, and dv[i] its slope
   * in λ (1/(1−γ) where retiring wins, else 0). Shared with {@link GittinsTable}.
   *
   * @param r 1/(α + β + n), the reciprocal of the posterior's total count at depth n
   * @param retire λ/(1−γ)
   */
  static void leaves(double[] v, double[] dv, int n, double alpha, double r, double gamma,
      double retire) {
    double retireSlope = 1 / (1 - gamma);
    for (int i = 0; i <= n; i++) {
      double known = (alpha + i) * r / (1 - gamma);
      if (retire >= known) {
        v[i] = retire;
        dv[i] = retireSlope;
      } else {
        v[i] = known;
        dv[i] = 0;
      }
    }
  }

  /**
   * One diagonal d of the backward sweep, in place: v[i] ← V_λ(α + i, · ) = max(retire, play),
   * play = μ_i + γ[μ_i·v[i+1] + (1−μ_i)·v[i]], μ_i = (α + i)·r, and dv[i] its slope in λ, for
   * i = 0..d. Shared with {@link GittinsTable}.
   *
   * @param r 1/(α + β + d)
   * @param retire λ/(1−γ)
   */
  static void backup(double[] v, double[] dv, int d, double alpha, double r, double gamma,
      double retire) {
    double retireSlope = 1 / (1 - gamma);
    for (int i = 0; i <= d; i++) {
      double mu = (alpha + i) * r;
      double play = mu + gamma * (mu * v[i + 1] + (1 - mu) * v[i]);
      if (retire >= play) {
        v[i] = retire;
        dv[i] = retireSlope;
      } else {
        v[i] = play;
        dv[i] = gamma * (mu * dv[i + 1] + (1 - mu) * dv[i]);
      }
    }
  }

  /**
   * g(λ): pulling once and then acting optimally, minus retiring at once, from (α, β); also sets
   * {@link #slope} to g′(λ) along the active pieces. {@code v[i]} holds V_λ(α + i, β + d − i) of
   * the diagonal d being built, {@code dv[i]} its derivative in λ.
   */
  private double advantageOfPlaying(double alpha, double beta, double lambda) {
    double retire = lambda / (1 - gamma);
    double retireSlope = 1 / (1 - gamma);
    // 1. depth N: stop learning, keep the better of the known arm and the posterior mean
    leaves(v, dv, depth, alpha, 1 / (alpha + beta + depth), gamma, retire);
    // 2. diagonals d = N−1 .. 1: retire or pull once more; v[i] ← backup of v[i], v[i+1]
    for (int d = depth - 1; d >= 1; d--) {
      backup(v, dv, d, alpha, 1 / (alpha + beta + d), gamma, retire);
    }
    // 3. the root must pull once: that is the option whose worth is compared with retiring
    double mu = alpha / (alpha + beta);
    double play = mu + gamma * (mu * v[1] + (1 - mu) * v[0]);
    slope = gamma * (mu * dv[1] + (1 - mu) * dv[0]) - retireSlope;
    return play - retire;
  }
}
