package org.gridrl.core.planning;

import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import java.util.Arrays;
import org.gridrl.core.mdp.TabularMdp;
import org.gridrl.core.mdp.TabularPolicy;

/**
 * The kernels of {@link StateVisitation} over an MDP's transitions, unchecked and
 * allocation-free: one step of the state distribution under a policy, the finite-horizon sum of
 * such steps, and the exact solve of the discounted visitation.
 * <pre>
 *   step:            d'(s') = c · Σ_{s non-terminal} d(s) Σ_a π(a|s) P(s'|s,a)      (d' = c P_πᵀ d)
 *   finite horizon:  D = Σ_{t&lt;H} d_t,  d_0 = d0,  d_{t+1} = c P_{π_t}ᵀ d_t
 *   discounted:      (I − γ P_πᵀ) D = b, by banded LU and one step of iterative refinement
 * </pre>
 * (Ziebart et al. 2008, the forward pass of MaxEnt IRL.) Terminal states absorb: their mass goes
 * nowhere (their listed transitions are never read), so mass arriving at a terminal is counted
 * once, at its arrival step.
 *
 * <p><b>Why the step pulls instead of pushing.</b> The MDP's CSR rows list the successors of each
 * (s, a); the plain step pushes each row's mass to its successors (a scatter: every entry is a
 * load, add and store of an arbitrary {@code out[s']}). The step here pulls: {@link Incoming}
 * lists, for each s', the entries (s·A + a, P(s'|s,a)) that lead to it, in increasing order of
 * the source row, which is the order in which the scatter visits them. The step runs in two
 * flat phases over a caller-owned workspace: (1) x(s,a) = (c·d(s))·π(a|s) for every (s, a);
 * (2) d'(s') = Σ x(row)·P(s'|row) over the incoming entries of s', added left to right from +0
 * in a register. Every product is the scatter's product and every d'(s') is the same sum in the
 * same order, so the result is the scatter's bit for bit (the tests pin it against a copy of the
 * scatter); on ObjectWorld 32×32 the step takes about half the time (docs/performance.md).
 *
 * <p><b>The exact discounted solve.</b> A = I − γ P_πᵀ has its nonzeros within the band of the
 * transitions (kl below, ku above the diagonal: a grid's width W for a W-wide grid) and is
 * strictly column diagonally dominant (each column of P_πᵀ sums to ≤ 1, so
 * |A_jj| − Σ_{i≠j} |A_ij| ≥ 1 − γ), so Gaussian elimination without pivoting is stable (growth
 * factor ≤ 2; Golub &amp; Van Loan, §3.4.10) and keeps the band: O(S·kl·ku) to factor, O(S·(kl +
 * ku)) to solve, against O(nnz) per term for the ~log(1e-15)/log γ terms of the series (348 at
 * γ = 0.9). One step of iterative refinement (r = b − A D, A δ = r, D += δ) brings the error to
 * round-off of D itself; cond₁(A) ≤ (1 + γ)/(1 − γ).
 *
 * <p>Nothing is checked here but workspace lengths: {@link StateVisitation} is the checked
 * facade. Array layout as in {@link TabularMdp}: π(a|s) at s·A + a.
 */
public final class VisitationCsr {

  private VisitationCsr() {
  }

  /**
   * The incoming transitions of an MDP: the transpose of its CSR rows without the rows of
   * terminal states. For every state s', the entries k in [{@code start[s']},
   * {@code start[s' + 1]}) name a source row {@code row[k]} = s·A + a (s non-terminal) with
   * {@code probability[k]} = P(s'|s,a), in increasing order of row (and, within a row, in the
   * order of the MDP's CSR entries), and its source state {@code state[k]} = s. The arrays are
   * shared and read-only.
   */
  public static final class Incoming {
    private final int numStates;
    private final int numActions;
    private final int[] start;
    private final int[] row;
    private final int[] state;
    private final double[] probability;
    private final int lowerBandwidth;
    private final int upperBandwidth;
    // the MDP arrays this was built from (not the successors, the cache's weak key)
    private final int[] sourceRowStart;
    private final double[] sourceProbabilities;
    private final boolean[] sourceTerminals;

    private Incoming(TabularMdp mdp) {
      numStates = mdp.numStates();
      numActions = mdp.numActions();
      final int[] rowStart = mdp.rowStart();
      final int[] successors = mdp.successors();
      final double[] p = mdp.probabilities();
      final boolean[] terminal = mdp.terminals();
      final int numRows = numStates * numActions;
      start = new int[numStates + 1];
      for (int r = 0; r < numRows; r++) {
        if (!terminal[r / numActions]) {
          for (int k = rowStart[r]; k < rowStart[r + 1]; k++) {
            start[successors[k] + 1]++;
          }
        }
      }
      for (int s = 0; s < numStates; s++) {
        start[s + 1] += start[s];
      }
      row = new int[start[numStates]];
      state = new int[start[numStates]];
      probability = new double[start[numStates]];
      final int[] fill = Arrays.copyOf(start, numStates);
      int below = 0;
      int above = 0;
      for (int r = 0; r < numRows; r++) {
        final int s = r / numActions;
        if (terminal[s]) {
          continue;
        }
        for (int k = rowStart[r]; k < rowStart[r + 1]; k++) {
          final int target = successors[k];
          final int j = fill[target]++;
          row[j] = r;
          state[j] = s;
          probability[j] = p[k];
          // entry (target, s) of P_πᵀ
          below = Math.max(below, target - s);
          above = Math.max(above, s - target);
        }
      }
      lowerBandwidth = below;
      upperBandwidth = above;
      sourceRowStart = rowStart;
      sourceProbabilities = p;
      sourceTerminals = terminal;
    }

    private boolean isOf(TabularMdp mdp) {
      return mdp.rowStart() == sourceRowStart && mdp.probabilities() == sourceProbabilities
          && mdp.terminals() == sourceTerminals;
    }

    /** Number of states S. */
    public int numStates() {
      return numStates;
    }

    /** Number of actions A. */
    public int numActions() {
      return numActions;
    }

    /** Entry ranges per target state, length S + 1. Shared, not to be modified. */
    public int[] start() {
      return start;
    }

    /** Source rows s·A + a, aligned with {@link #probability()}. Shared, not to be modified. */
    public int[] row() {
      return row;
    }

    /** Source states s = row / A, aligned with {@link #row()}. Shared, not to be modified. */
    public int[] state() {
      return state;
    }

    /** P(s'|s,a) of each entry. Shared, not to be modified. */
    public double[] probability() {
      return probability;
    }

    /** kl = max(s' − s) over the entries (0 if none): P_πᵀ's nonzeros below the diagonal. */
    public int lowerBandwidth() {
      return lowerBandwidth;
    }

    /** ku = max(s − s') over the entries (0 if none): P_πᵀ's nonzeros above the diagonal. */
    public int upperBandwidth() {
      return upperBandwidth;
    }
  }

  /**
   * Incoming structures by the identity of the MDP's successor array, which the MDPs derived with
   * withRewards, withStateRewards, withGamma and withInitialDistribution share, so an IRL loop
   * that rebuilds the MDP with each reward transposes once. Weak keys (compared by identity): an
   * entry goes with its MDP. A value never references its key.
   */
  private static final Cache<int[], Incoming> INCOMING =
      CacheBuilder.newBuilder().weakKeys().build();

  /**
   * The incoming transitions of an MDP, built in O(S·A + nnz) on first use and cached for every
   * MDP that shares its transitions.
   *
   * @param mdp the MDP. Not modified.
   */
  public static Incoming incoming(TabularMdp mdp) {
    Incoming in = INCOMING.getIfPresent(mdp.successors());
    if (in == null || !in.isOf(mdp)) {
      in = new Incoming(mdp);
      INCOMING.put(mdp.successors(), in);
    }
    return in;
  }

  /** The workspace length of {@link #propagate}: S·A. */
  public static int stepWorkspaceLength(Incoming in) {
    return in.numStates * in.numActions;
  }

  /** The workspace length of {@link #finiteHorizon}: S·A + 2S. */
  public static int finiteHorizonWorkspaceLength(Incoming in) {
    return in.numStates * in.numActions + 2 * in.numStates;
  }

  /**
   * d' = c·P_πᵀ d with terminal rows of P_π removed, in the push form: each row's mass is added
   * to its successors in the order of the CSR entries. Needs no workspace nor {@link Incoming};
   * the pull form ({@link #propagate(Incoming, double[], double[], double, double[], double[])})
   * gives the same bits in about half the time.
   *
   * @param mdp transitions and terminals. Not modified.
   * @param pi π(a|s) at s·A + a, length S·A. Not modified.
   * @param d the distribution at step t, length S. Not modified.
   * @param scale the factor c (a discount, or 1).
   * @param out the distribution at step t + 1 times c, length S, must not be {@code d}.
   *     Modified.
   * @return Σ_s out(s), the mass still alive after the step
   */
  public static double propagate(TabularMdp mdp, double[] pi, double[] d, double scale,
      double[] out) {
    final int numStates = mdp.numStates();
    final int numActions = mdp.numActions();
    final int[] rowStart = mdp.rowStart();
    final int[] successors = mdp.successors();
    final double[] probabilities = mdp.probabilities();
    final boolean[] terminal = mdp.terminals();
    Arrays.fill(out, 0.0);
    for (int s = 0; s < numStates; s++) {
      final double ds = d[s];
      if (ds == 0 || terminal[s]) {
        continue;
      }
      final double w = scale * ds;
      for (int a = 0; a < numActions; a++) {
        final int row = s * numActions + a;
        final double wa = w * pi[row];
        if (wa == 0) {
          continue;
        }
        for (int k = rowStart[row], end = rowStart[row + 1]; k < end; k++) {
          out[successors[k]] += wa * probabilities[k];
        }
      }
    }
    double mass = 0;
    for (int s = 0; s < numStates; s++) {
      mass += out[s];
    }
    return mass;
  }

  /**
   * d' = c·P_πᵀ d with terminal rows of P_π removed.
   *
   * @param in the MDP's incoming transitions. Not modified.
   * @param pi π(a|s) at s·A + a, length S·A. Not modified.
   * @param d the distribution at step t, length S. Not modified.
   * @param scale the factor c (a discount, or 1).
   * @param out the distribution at step t + 1 times c, length S, not {@code d}. Modified.
   * @param work workspace of length ≥ {@link #stepWorkspaceLength}. Modified.
   * @return Σ_s out(s) (added in order of s), the mass still alive after the step
   */
  public static double propagate(Incoming in, double[] pi, double[] d, double scale,
      double[] out, double[] work) {
    checkWork(work, stepWorkspaceLength(in));
    weights(in.numStates, in.numActions, pi, d, 0, scale, work, 0);
    return gather(in, work, 0, out, 0);
  }

  /**
   * d' = c·P_πᵀ d, as {@link #propagate(Incoming, double[], double[], double, double[],
   * double[])} with π read from the policy (no copy).
   *
   * @param in the MDP's incoming transitions. Not modified.
   * @param pi the policy, S×A. Not modified.
   * @param d the distribution at step t, length S. Not modified.
   * @param scale the factor c (a discount, or 1).
   * @param out the distribution at step t + 1 times c, length S, not {@code d}. Modified.
   * @param work workspace of length ≥ {@link #stepWorkspaceLength}. Modified.
   * @return Σ_s out(s), the mass still alive after the step
   */
  public static double propagate(Incoming in, TabularPolicy pi, double[] d, double scale,
      double[] out, double[] work) {
    checkWork(work, stepWorkspaceLength(in));
    weights(in.numStates, in.numActions, pi, d, 0, scale, work, 0);
    return gather(in, work, 0, out, 0);
  }

  /**
   * D = Σ_{t&lt;H} d_t with d_0 = d0 and d_{t+1} = c·P_{π_t}ᵀ d_t (so d_t = c^t Pr(s_t = ·)),
   * H = {@code pi.length}: the sum in the order of H − 1 calls of {@link #propagate}, each step
   * added to D as it is made, π_t read from the policies (no copy).
   *
   * @param in the MDP's incoming transitions. Not modified.
   * @param pi π_0 .. π_{H−1}, H ≥ 1, each S×A. Not modified.
   * @param d0 the start, length S. Not modified.
   * @param discount the per-step factor c.
   * @param out D, length S, not {@code d0}. Modified.
   * @param work workspace of length ≥ {@link #finiteHorizonWorkspaceLength}. Modified.
   */
  public static void finiteHorizon(Incoming in, TabularPolicy[] pi, double[] d0,
      double discount, double[] out, double[] work) {
    checkWork(work, finiteHorizonWorkspaceLength(in));
    final int numStates = in.numStates;
    final int termOffset = numStates * in.numActions;
    System.arraycopy(d0, 0, out, 0, numStates);
    System.arraycopy(d0, 0, work, termOffset, numStates);
    int term = termOffset;
    int next = termOffset + numStates;
    for (int t = 0; t + 1 < pi.length; t++) {
      weights(numStates, in.numActions, pi[t], work, term, discount, work, 0);
      gatherAdd(in, work, work, next, out);
      final int swap = term;
      term = next;
      next = swap;
    }
  }

  /**
   * The workspace length of {@link #solveDiscounted}: the band S·(kl + ku + 1), then S·A + S +
   * ku + 1; a long, since a wide band need not fit in an array (the caller then sums the series).
   */
  public static long discountedWorkspaceLength(Incoming in) {
    final long n = in.numStates;
    return n * (in.lowerBandwidth + in.upperBandwidth + 1) + n * in.numActions + n
        + in.upperBandwidth + 1;
  }

  /**
   * D = (I − γ P_πᵀ)^{-1} b, the discounted visitation of a signed start, by banded LU without
   * pivoting and one step of iterative refinement (see the class comment). The steps:
   * (1) assemble A = I − γ P_πᵀ in row-major band storage, A_ij at
   * {@code work[i·w + j − i + kl]}, w = kl + ku + 1, from the incoming entries (terminal columns
   * are e_s); (2) factor A = LU in place, each row below the pivot updated by a flat loop over
   * a copy of the pivot row's segment (scalar: HotSpot 17 does not vectorise a loop whose
   * accesses carry a loop-invariant offset; docs/performance.md); (3) solve L U D = b; (4) r = b − A D, with A D = D −
   * γ P_πᵀ D by the step kernel on the original transitions; (5) solve L U δ = r and D += δ.
   *
   * @param in the MDP's incoming transitions. Not modified.
   * @param pi π(a|s) at s·A + a, length S·A. Not modified.
   * @param gamma γ in [0, 1).
   * @param b the start, length S, finite. Not modified.
   * @param out D, length S, not {@code b}. Modified.
   * @param work workspace of length ≥ {@link #discountedWorkspaceLength}. Modified.
   */
  public static void solveDiscounted(Incoming in, double[] pi, double gamma, double[] b,
      double[] out, double[] work) {
    final long needed = discountedWorkspaceLength(in);
    if (work.length < needed) {
      throw new IllegalArgumentException("workspace has length " + work.length + ", needs "
          + needed);
    }
    final int n = in.numStates;
    final int numActions = in.numActions;
    final int kl = in.lowerBandwidth;
    final int ku = in.upperBandwidth;
    final int w = kl + ku + 1;
    final int xOffset = n * w;
    final int rOffset = xOffset + n * numActions;
    final int pivotOffset = rOffset + n;
    // (1) A = I − γ P_πᵀ: entry (s', s) gets −γ π(a|s) P(s'|s,a) from every incoming (s, a)
    Arrays.fill(work, 0, xOffset, 0.0);
    final int[] start = in.start;
    final int[] row = in.row;
    final int[] state = in.state;
    final double[] p = in.probability;
    for (int i = 0; i < n; i++) {
      final int base = i * w - i + kl;
      work[base + i] = 1;
      for (int k = start[i], end = start[i + 1]; k < end; k++) {
        work[base + state[k]] -= gamma * (pi[row[k]] * p[k]);
      }
    }
    // (2) A = LU, L unit lower (multipliers stored below the diagonal), U on and above it
    for (int k = 0; k < n; k++) {
      final int kBase = k * w - k + kl;
      final int len = Math.min(n - 1, k + ku) - k;
      System.arraycopy(work, kBase + k + 1, work, pivotOffset, len);
      final double inv = 1.0 / work[kBase + k];
      for (int i = k + 1, iEnd = Math.min(n - 1, k + kl); i <= iEnd; i++) {
        final int iBase = i * w - i + kl;
        final double l = work[iBase + k] * inv;
        if (l == 0) {
          continue;
        }
        work[iBase + k] = l;
        final int o = iBase + k + 1;
        for (int j = 0; j < len; j++) {
          work[o + j] -= l * work[pivotOffset + j];
        }
      }
    }
    // (3) D = U^{-1} L^{-1} b
    System.arraycopy(b, 0, out, 0, n);
    luSolve(work, n, kl, ku, out, 0);
    // (4) r = b − D + γ P_πᵀ D, the step kernel's two phases into the r slot
    weights(n, numActions, pi, out, 0, gamma, work, xOffset);
    gather(in, work, xOffset, work, rOffset);
    for (int s = 0; s < n; s++) {
      work[rOffset + s] += b[s] - out[s];
    }
    // (5) δ = A^{-1} r, D += δ
    luSolve(work, n, kl, ku, work, rOffset);
    for (int s = 0; s < n; s++) {
      out[s] += work[rOffset + s];
    }
  }

  /**
   * v ← U^{-1} L^{-1} v for the band factors in {@code lu[0 .. S·w)}, v at vOffset; each
   * row's dot product in four partial sums (a row of a W-wide grid has 2W terms, and one
   * accumulator would wait on every add).
   */
  private static void luSolve(double[] lu, int n, int kl, int ku, double[] v, int vOffset) {
    final int w = kl + ku + 1;
    for (int i = 1; i < n; i++) {
      final int base = i * w - i + kl;
      v[vOffset + i] -= dot(lu, base, v, vOffset, Math.max(0, i - kl), i);
    }
    for (int i = n - 1; i >= 0; i--) {
      final int base = i * w - i + kl;
      final double acc = v[vOffset + i] - dot(lu, base, v, vOffset, i + 1,
          Math.min(n - 1, i + ku) + 1);
      v[vOffset + i] = acc / lu[base + i];
    }
  }

  /** Σ_{j in [from, to)} a[aBase + j]·v[vOffset + j] in four partial sums. */
  private static double dot(double[] a, int aBase, double[] v, int vOffset, int from, int to) {
    double s0 = 0;
    double s1 = 0;
    double s2 = 0;
    double s3 = 0;
    int j = from;
    for (; j + 3 < to; j += 4) {
      s0 += a[aBase + j] * v[vOffset + j];
      s1 += a[aBase + j + 1] * v[vOffset + j + 1];
      s2 += a[aBase + j + 2] * v[vOffset + j + 2];
      s3 += a[aBase + j + 3] * v[vOffset + j + 3];
    }
    for (; j < to; j++) {
      s0 += a[aBase + j] * v[vOffset + j];
    }
    return (s0 + s1) + (s2 + s3);
  }

  private static void checkWork(double[] work, int needed) {
    if (work.length < needed) {
      throw new IllegalArgumentException("workspace has length " + work.length + ", needs "
          + needed);
    }
  }

  /**
   * Phase (1): x(s,a) = (c·d(s))·π(a|s) into x[xOffset ..], d read from dOffset. Four and five
   * actions (the grid worlds') are written out: HotSpot's pre-, main- and post-loops around an
   * inner loop of five cost more than its five multiplications (measured on their own: 6 µs
   * against 0.8 µs per step on ObjectWorld 32×32), as in {@link CsrRows#dot}.
   */
  private static void weights(int numStates, int numActions, double[] pi, double[] d,
      int dOffset, double scale, double[] x, int xOffset) {
    switch (numActions) {
      case 4:
        for (int s = 0, row = 0; s < numStates; s++, row += 4) {
          final double ws = scale * d[dOffset + s];
          final int o = xOffset + row;
          x[o] = ws * pi[row];
          x[o + 1] = ws * pi[row + 1];
          x[o + 2] = ws * pi[row + 2];
          x[o + 3] = ws * pi[row + 3];
        }
        break;
      case 5:
        for (int s = 0, row = 0; s < numStates; s++, row += 5) {
          final double ws = scale * d[dOffset + s];
          final int o = xOffset + row;
          x[o] = ws * pi[row];
          x[o + 1] = ws * pi[row + 1];
          x[o + 2] = ws * pi[row + 2];
          x[o + 3] = ws * pi[row + 3];
          x[o + 4] = ws * pi[row + 4];
        }
        break;
      default:
        for (int s = 0, row = 0; s < numStates; s++) {
          final double ws = scale * d[dOffset + s];
          for (int a = 0; a < numActions; a++, row++) {
            x[xOffset + row] = ws * pi[row];
          }
        }
    }
  }

  /** Phase (1) with π read from a policy, written out for four and five actions likewise. */
  private static void weights(int numStates, int numActions, TabularPolicy pi, double[] d,
      int dOffset, double scale, double[] x, int xOffset) {
    switch (numActions) {
      case 4:
        for (int s = 0, o = xOffset; s < numStates; s++, o += 4) {
          final double ws = scale * d[dOffset + s];
          x[o] = ws * pi.probability(s, 0);
          x[o + 1] = ws * pi.probability(s, 1);
          x[o + 2] = ws * pi.probability(s, 2);
          x[o + 3] = ws * pi.probability(s, 3);
        }
        break;
      case 5:
        for (int s = 0, o = xOffset; s < numStates; s++, o += 5) {
          final double ws = scale * d[dOffset + s];
          x[o] = ws * pi.probability(s, 0);
          x[o + 1] = ws * pi.probability(s, 1);
          x[o + 2] = ws * pi.probability(s, 2);
          x[o + 3] = ws * pi.probability(s, 3);
          x[o + 4] = ws * pi.probability(s, 4);
        }
        break;
      default:
        for (int s = 0, row = 0; s < numStates; s++) {
          final double ws = scale * d[dOffset + s];
          for (int a = 0; a < numActions; a++, row++) {
            x[xOffset + row] = ws * pi.probability(s, a);
          }
        }
    }
  }

  /**
   * Phase (2): out(s') = Σ x(row)·P over the incoming entries of s', added left to right from
   * +0 (so that, as in the scatter, no sum is −0); returns Σ_s out(s) added in order of s.
   */
  private static double gather(Incoming in, double[] x, int xOffset, double[] out,
      int outOffset) {
    final int numStates = in.numStates;
    final int[] start = in.start;
    final int[] row = in.row;
    final double[] p = in.probability;
    double mass = 0;
    for (int s = 0; s < numStates; s++) {
      double acc = 0;
      for (int k = start[s], end = start[s + 1]; k < end; k++) {
        acc += x[xOffset + row[k]] * p[k];
      }
      out[outOffset + s] = acc;
      mass += acc;
    }
    return mass;
  }

  /** Phase (2) of a finite-horizon step: next = the gathered sums, total += next. */
  private static void gatherAdd(Incoming in, double[] x, double[] next, int nextOffset,
      double[] total) {
    final int numStates = in.numStates;
    final int[] start = in.start;
    final int[] row = in.row;
    final double[] p = in.probability;
    for (int s = 0; s < numStates; s++) {
      double acc = 0;
      for (int k = start[s], end = start[s + 1]; k < end; k++) {
        acc += x[row[k]] * p[k];
      }
      next[nextOffset + s] = acc;
      total[s] += acc;
    }
  }
}
