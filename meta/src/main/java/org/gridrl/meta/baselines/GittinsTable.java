package org.gridrl.meta.baselines;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.gridrl.core.util.Check;

/**
 * Every Gittins index ν(α₀ + s, β₀ + f), s + f ≤ M, of a Beta(α₀, β₀)–Bernoulli arm under
 * discount γ at once, by calibrating all of them against one grid of known arms
 * 0 = λ₁ &lt; λ₂ &lt; … &lt; λ_K = 1: each state's index is the root of
 * g_{s,f}(λ) = μ + γ[μ·V_λ(s+1, f) + (1−μ)·V_λ(s, f+1)] − λ/(1−γ), μ = (α₀+s)/(α₀+β₀+s+f),
 * the same g as {@link GittinsIndex}'s, and one backward sweep at a fixed λ gives g and g′ at every
 * state of the triangle together.
 *
 * <p><b>One sweep, all states.</b> The sweep runs over the posteriors (α₀ + i, β₀ + d − i) of the
 * triangle rooted at the prior, d ≤ D = M + N, leaves at d = D valued max(λ, μ)/(1−γ) as
 * {@link GittinsIndex} values its depth. Below a state at depth d ≤ M lies that state's own
 * calibration problem truncated at depth D − d ≥ N, so g_{s,f}(λ) there is the g of
 * {@code new GittinsIndex(γ, D − d).index(α₀ + s, β₀ + f)}, and its sign says on which side of
 * λ the root ν_{D−d}(s, f) of that truncated g lies. One sweep costs D²/2 backups and the table
 * K of them, against a few sweeps of N²/2 for <em>each</em> of the (M+1)(M+2)/2 states one by one.
 *
 * <p><b>Bracket and bounds.</b> Each state records the grid cell [λ_j, λ_{j+1}] where its g
 * changes sign (g_j ≥ 0 &gt; g_{j+1}; there is one, since g(0) &gt; 0 &gt; g(1) = μ − 1), with g
 * and its right slope g′ at both ends (∂V/∂λ carried through the sweep as in {@link
 * GittinsIndex}). The truncated g is convex, decreasing and piecewise linear, so
 * <ul>
 *   <li>every tangent lies below it, and a Newton step from either end,
 *       λ_j − g_j/g′_j or λ_{j+1} − g_{j+1}/g′_{j+1}, is a lower bound of the root; the
 *       larger of the two (and of μ, since ν ≥ μ) is {@link #index}, exact once either end lies
 *       on the root's linear piece;</li>
 *   <li>the chord lies above it, and the secant root λ_j + g_j(λ_{j+1} − λ_j)/(g_j − g_{j+1}) is an
 *       upper bound.</li>
 * </ul>
 * Their gap, maximised over the states, is {@link #maxBracketWidth()}.
 *
 * <p><b>Error.</b> With ℓ = {@link #index}, w = {@link #maxBracketWidth()}, ν_T the root at
 * truncation depth T and ν the exact index: ν_N ≤ ν_{D−d} ≤ ν ≤ ν_N + γ^N/(1−γ) (truncating
 * deeper only raises the leaves' lower bound, see {@link GittinsIndex}) and
 * ν_{D−d} − w ≤ ℓ ≤ ν_{D−d}, hence ν − {@link #errorBound()} ≤ ℓ ≤ ν with errorBound = w +
 * γ^N/(1−γ), and against {@code new GittinsIndex(γ, N)}'s ν_N:
 * ν_N − w ≤ ℓ ≤ ν_N + γ^N/(1−γ).
 *
 * <p><b>Threads.</b> The grid is cut into contiguous ranges, one per thread with its own
 * workspace; every g is computed by the same arithmetic whichever thread sweeps its λ, and the
 * ranges' records are merged by λ (per state the largest λ with g ≥ 0 and the smallest with
 * g &lt; 0, whichever range swept it), so the table is bit-identical for any thread count.
 *
 * <p><b>Grid size.</b> The grid is uniform. The certified width falls only as about 0.4/K: states
 * far out in the triangle (s or f near 0 at depth ~M, indices near 0 or 1) have a large kink in g
 * just below their root (the index of the child after the unlikely outcome), so the chord of any
 * cell that holds it is poor; no choice of where to put K common points avoids that for 10⁵ roots
 * spread over (0, 1), and a logit-like warp bought only 1.6× at K = 1000. The Newton lower bound
 * itself is far closer than the width says. Measured at M = 502, Beta(1, 1), against {@code
 * new GittinsIndex(γ, N).index(1 + s, 1 + f)} on every s + f ≤ 20 (≤ 8 at γ = 0.99) and 40 (10)
 * random deeper states, two threads:
 * <pre>
 *   γ     N     K      time   maxBracketWidth  max |table − per state|
 *   0.9   153   1000   0.45 s  5.0e−4          3.1e−5
 *   0.9   153   4000   1.4 s   1.2e−4          1.9e−7
 *   0.9   153   16000  4.1 s   2.5e−5          8.4e−10
 *   0.99  1833  1000   2.2 s   7.8e−4          5.2e−5
 *   0.99  1833  4000   8.4 s   1.8e−4          1.1e−6
 *   0.99  1833  16000  32 s    3.6e−5          2.7e−8
 * </pre>
 * hence the default K = {@value #DEFAULT_GRID_POINTS}: in practice at the truncation error 1e−6,
 * certified only to {@link #errorBound()}.
 */
public final class GittinsTable {

  /** A grid size whose observed errors are at the 1e−6 truncation error up to γ = 0.99. */
  public static final int DEFAULT_GRID_POINTS = 4000;

  private final double gamma;
  private final int depth;
  private final int maxPulls;
  private final double priorAlpha;
  private final double priorBeta;
  /** ℓ(s, f) at {@code (s + f)(s + f + 1)/2 + s}. */
  private final double[] index;
  /** The secant upper bound of each state, laid out as {@link #index}. */
  private final double[] upper;
  private final double maxBracketWidth;

  private GittinsTable(double gamma, int depth, int maxPulls, double priorAlpha,
      double priorBeta, double[] index, double[] upper, double maxBracketWidth) {
    this.gamma = gamma;
    this.depth = depth;
    this.maxPulls = maxPulls;
    this.priorAlpha = priorAlpha;
    this.priorBeta = priorBeta;
    this.index = index;
    this.upper = upper;
    this.maxBracketWidth = maxBracketWidth;
  }

  /**
   * The indices of every posterior reachable in {@code maxPulls} pulls from Beta(α₀, β₀).
   *
   * @param gamma γ ∈ (0, 1)
   * @param depth N ≥ 1, the truncation depth below the deepest state (as {@link GittinsIndex}'s)
   * @param priorAlpha α₀ &gt; 0, finite
   * @param priorBeta β₀ &gt; 0, finite
   * @param maxPulls M ≥ 0: states s + f ≤ M are tabulated
   * @param gridPoints K ≥ 2, the number of known arms λ_j = (j − 1)/(K − 1)
   * @param threads ≥ 1; the result does not depend on it
   */
  public static GittinsTable compute(double gamma, int depth, double priorAlpha,
      double priorBeta, int maxPulls, int gridPoints, int threads) {
    Check.argument(gamma > 0 && gamma < 1, "discount must be in (0, 1), got %s", gamma);
    Check.positive("depth", depth);
    Check.positiveFinite("priorAlpha", priorAlpha);
    Check.positiveFinite("priorBeta", priorBeta);
    Check.nonNegative("maxPulls", maxPulls);
    Check.argument(maxPulls <= 46_000, "maxPulls must be <= 46000, got %s", maxPulls);
    Check.argument(gridPoints >= 2, "gridPoints must be >= 2, got %s", gridPoints);
    Check.positive("threads", threads);
    Sweeps sweeps = new Sweeps(gamma, maxPulls + depth, maxPulls, priorAlpha, priorBeta,
        gridPoints);
    List<Crossings> ranges = sweepInRanges(sweeps, Math.min(threads, gridPoints));
    int states = stateCount(maxPulls);
    double[] index = new double[states];
    double[] upper = new double[states];
    double width = 0;
    for (int d = 0, k = 0; d <= maxPulls; d++) {
      for (int s = 0; s <= d; s++, k++) {
        // the cell: the largest λ with g ≥ 0 and the smallest with g < 0 over all ranges
        Crossings lo = ranges.get(0);
        Crossings hi = ranges.get(0);
        for (Crossings c : ranges) {
          lo = c.lowerLambda[k] > lo.lowerLambda[k] ? c : lo;
          hi = c.upperLambda[k] < hi.upperLambda[k] ? c : hi;
        }
        double lambdaLo = lo.lowerLambda[k];
        double gLo = lo.lowerG[k];
        double lambdaHi = hi.upperLambda[k];
        double gHi = hi.upperG[k];
        double newtonLo = lambdaLo - gLo / lo.lowerSlope[k];
        double newtonHi = lambdaHi - gHi / hi.upperSlope[k];
        double mu = (priorAlpha + s) / (priorAlpha + priorBeta + d);
        index[k] = Math.max(mu, Math.max(newtonLo, newtonHi));
        upper[k] = lambdaLo + gLo * (lambdaHi - lambdaLo) / (gLo - gHi);
        width = Math.max(width, upper[k] - index[k]);
      }
    }
    return new GittinsTable(gamma, depth, maxPulls, priorAlpha, priorBeta, index, upper, width);
  }

  /**
   * The index of Beta(α₀ + successes, β₀ + failures): a lower bound of the exact one, within
   * {@link #errorBound()}.
   *
   * @param successes s ≥ 0
   * @param failures f ≥ 0, s + f ≤ {@link #maxPulls()}
   */
  public double index(int successes, int failures) {
    Check.nonNegative("successes", successes);
    Check.nonNegative("failures", failures);
    Check.argument((long) successes + failures <= maxPulls,
        "successes + failures must be <= maxPulls = %s, got %s + %s", maxPulls, successes,
        failures);
    int d = successes + failures;
    return index[d * (d + 1) / 2 + successes];
  }

  /**
   * The secant upper bound of the truncated index of Beta(α₀ + successes, β₀ + failures): the
   * root at depth D − s − f lies in [{@link #index}, this].
   */
  public double upperBound(int successes, int failures) {
    index(successes, failures);
    int d = successes + failures;
    return upper[d * (d + 1) / 2 + successes];
  }

  /** The largest gap between a state's secant upper bound and its Newton lower bound. */
  public double maxBracketWidth() {
    return maxBracketWidth;
  }

  /** γ^N/(1−γ): the truncated roots are at most this far below the exact indices. */
  public double truncationBound() {
    return Math.pow(gamma, depth) / (1 - gamma);
  }

  /** {@link #maxBracketWidth()} + {@link #truncationBound()}: ν − this ≤ {@link #index} ≤ ν. */
  public double errorBound() {
    return maxBracketWidth + truncationBound();
  }

  /** γ. */
  public double discount() {
    return gamma;
  }

  /** N, the truncation depth below the deepest state. */
  public int depth() {
    return depth;
  }

  /** M: the table holds every s + f ≤ M. */
  public int maxPulls() {
    return maxPulls;
  }

  /** α₀. */
  public double priorAlpha() {
    return priorAlpha;
  }

  /** β₀. */
  public double priorBeta() {
    return priorBeta;
  }

  private static int stateCount(int maxPulls) {
    return (maxPulls + 1) * (maxPulls + 2) / 2;
  }

  /** Sweeps each thread's contiguous range of the grid, in order; one range runs here. */
  private static List<Crossings> sweepInRanges(Sweeps sweeps, int threads) {
    int k = sweeps.lambda.length;
    List<Crossings> ranges = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      ranges.add(new Crossings(sweeps, (int) ((long) k * t / threads),
          (int) ((long) k * (t + 1) / threads)));
    }
    if (threads == 1) {
      ranges.get(0).run();
      return ranges;
    }
    ExecutorService pool = Executors.newFixedThreadPool(threads - 1);
    try {
      List<Future<?>> running = new ArrayList<>();
      for (int t = 1; t < threads; t++) {
        running.add(pool.submit(ranges.get(t)));
      }
      ranges.get(0).run();
      for (Future<?> f : running) {
        f.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while computing Gittins indices", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("a Gittins sweep failed", e.getCause());
    } finally {
      pool.shutdownNow();
    }
    return ranges;
  }

  /** The shared, read-only problem: γ, the triangle's depth D, the prior and the grid. */
  private static final class Sweeps {
    final double gamma;
    final int totalDepth;
    final int maxPulls;
    final double priorAlpha;
    /** 1/(α₀ + β₀ + d), d = 0..D: μ = (α₀ + i)·reciprocal[d] without a division per backup. */
    final double[] reciprocal;
    final double[] lambda;

    Sweeps(double gamma, int totalDepth, int maxPulls, double priorAlpha, double priorBeta,
        int gridPoints) {
      this.gamma = gamma;
      this.totalDepth = totalDepth;
      this.maxPulls = maxPulls;
      this.priorAlpha = priorAlpha;
      this.reciprocal = new double[totalDepth + 1];
      for (int d = 0; d <= totalDepth; d++) {
        reciprocal[d] = 1 / (priorAlpha + priorBeta + d);
      }
      this.lambda = new double[gridPoints];
      for (int j = 0; j < gridPoints; j++) {
        lambda[j] = j / (double) (gridPoints - 1);
      }
    }
  }

  /**
   * One thread's sweeps over grid points [from, to) and, per state k, the last of them with
   * g ≥ 0 and the first with g &lt; 0 (grid index, g, g′), with the sweep's workspace.
   */
  private static final class Crossings implements Runnable {
    final Sweeps sweeps;
    final int from;
    final int to;
    final double[] lowerLambda;
    final double[] lowerG;
    final double[] lowerSlope;
    final double[] upperLambda;
    final double[] upperG;
    final double[] upperSlope;
    /** V_λ and ∂V/∂λ along the diagonal being built. */
    final double[] v;
    final double[] dv;

    Crossings(Sweeps sweeps, int from, int to) {
      this.sweeps = sweeps;
      this.from = from;
      this.to = to;
      int states = stateCount(sweeps.maxPulls);
      lowerLambda = new double[states];
      Arrays.fill(lowerLambda, Double.NEGATIVE_INFINITY);
      lowerG = new double[states];
      lowerSlope = new double[states];
      upperLambda = new double[states];
      Arrays.fill(upperLambda, Double.POSITIVE_INFINITY);
      upperG = new double[states];
      upperSlope = new double[states];
      v = new double[sweeps.totalDepth + 2];
      dv = new double[sweeps.totalDepth + 2];
    }

    @Override
    public void run() {
      for (int j = from; j < to; j++) {
        sweep(j);
      }
    }

    /** The backward sweep at λ_j, recording g and g′ at every state with d ≤ M. */
    private void sweep(int j) {
      double gamma = sweeps.gamma;
      double alpha0 = sweeps.priorAlpha;
      double[] reciprocal = sweeps.reciprocal;
      int big = sweeps.totalDepth;
      double lambda = sweeps.lambda[j];
      double retire = lambda / (1 - gamma);
      double retireSlope = 1 / (1 - gamma);
      // 1. depth D: stop learning, keep the better of the known arm and the posterior mean
      GittinsIndex.leaves(v, dv, big, alpha0, reciprocal[big], gamma, retire);
      // 2. diagonals d = D−1 .. M+1, below every tabulated state: retire or pull once more
      for (int d = big - 1; d > sweeps.maxPulls; d--) {
        GittinsIndex.backup(v, dv, d, alpha0, reciprocal[d], gamma, retire);
      }
      // 3. diagonals d = M .. 0, the tabulated states: the same backup, and g = play − retire
      //    with its slope recorded on the side of zero it falls
      for (int d = Math.min(sweeps.maxPulls, big - 1); d >= 0; d--) {
        double r = reciprocal[d];
        int base = d * (d + 1) / 2;
        for (int i = 0; i <= d; i++) {
          double mu = (alpha0 + i) * r;
          double play = mu + gamma * (mu * v[i + 1] + (1 - mu) * v[i]);
          double playSlope = gamma * (mu * dv[i + 1] + (1 - mu) * dv[i]);
          double g = play - retire;
          int k = base + i;
          if (g >= 0 && lambda > lowerLambda[k]) {
            lowerLambda[k] = lambda;
            lowerG[k] = g;
            lowerSlope[k] = playSlope - retireSlope;
          } else if (g < 0 && lambda < upperLambda[k]) {
            upperLambda[k] = lambda;
            upperG[k] = g;
            upperSlope[k] = playSlope - retireSlope;
          }
          if (retire >= play) {
            v[i] = retire;
            dv[i] = retireSlope;
          } else {
            v[i] = play;
            dv[i] = playSlope;
          }
        }
      }
    }
  }
}
