package org.gridrl.core.planning;

import java.util.Objects;
import org.gridrl.core.mdp.TabularMdp;
import org.gridrl.core.mdp.TabularPolicy;
import org.gridrl.core.util.TrainingListener;

/**
 * Discounted soft value iteration V = T(V), T(V)(s) = τ·log Σ_a π0(a|s) exp(Q(s,a)/τ) with
 * Q = r + γPV (see {@link SoftValueIteration} for the equations and the returned Solution's
 * contract), on K threads that live as long as this object.
 *
 * <p><b>Kernels</b> ({@link SoftViConfig#kernel()}): the CSR kernel {@link SoftValueCsr} for any
 * MDP, the structured kernel {@link SoftValueGrid} for uniform-slip dynamics (detected exactly
 * by {@link UniformSlipDynamics#detect} under {@link SoftViKernel#AUTO}, or handed over directly
 * as a {@link UniformSlipDynamics}, which never needs the CSR arrays). With a prior π0 the CSR
 * backup of {@link SoftBellmanCsr} is used. Sweeps write V only; Q and π are computed once, from
 * the input V of the last sweep.
 *
 * <p><b>Threads.</b> The states are cut into a fixed partition of blocks of
 * {@link #blockSize()} states; each sweep runs the blocks on the K threads (contiguous chunks)
 * and reduces per-block results in block order. Every V'(s) depends on V alone and maxima are
 * exact, so Jacobi results are bit-identical for any K; Anderson's dot products are summed per
 * block and then in block order, so they are bit-identical for any K too (for a fixed block
 * size).
 *
 * <p><b>Methods</b> ({@link SoftViConfig#method()}): {@link SoftViMethod#JACOBI} sweeps, or
 * {@link SoftViMethod#ANDERSON}: type-II Anderson acceleration with memory
 * {@value #ANDERSON_MEMORY} (Walker &amp; Ni 2011): x ← T(x) − Σ_i γ_i ΔG_i with γ =
 * argmin ‖f − ΔF γ‖₂, f = T(x) − x, ΔF and ΔG the differences of the last residuals and sweep
 * outputs, solved from the normal equations with a 1e-12 relative ridge; a failed solve
 * restarts the memory with a plain sweep. Both stop at the first sweep with max_s |T(x) − x| &lt;
 * tolerance and return V = T(x) for that x, so they agree to within 2γ·tolerance/(1 − γ).
 *
 * <p>Not thread safe: one solve at a time per solver. {@link #close()} stops the workers.
 */
public final class SoftViSolver implements AutoCloseable {

  /** Default number of states per block of the fixed partition. */
  public static final int DEFAULT_BLOCK_SIZE = 2048;
  /** Number of past sweeps Anderson acceleration extrapolates from. */
  public static final int ANDERSON_MEMORY = 5;

  private final BlockPool pool;
  private final int blockSize;

  /** A solver on {@code threads} threads (the caller and threads − 1 workers). */
  public SoftViSolver(int threads) {
    this(threads, DEFAULT_BLOCK_SIZE);
  }

  /**
   * A solver on {@code threads} threads with a given block size.
   *
   * @param threads K ≥ 1.
   * @param blockSize states per block, ≥ 1 (fixes the partition and so the bits of Anderson).
   */
  public SoftViSolver(int threads, int blockSize) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1, got " + threads);
    }
    if (blockSize < 1) {
      throw new IllegalArgumentException("blockSize must be >= 1, got " + blockSize);
    }
    this.blockSize = blockSize;
    this.pool = new BlockPool(threads);
  }

  /** Number of threads K. */
  public int threads() {
    return pool.threads();
  }

  /** States per block. */
  public int blockSize() {
    return blockSize;
  }

  /** Stops the worker threads; the solver cannot be used afterwards. */
  @Override
  public void close() {
    pool.close();
  }

  /**
   * The kernel a solve with these settings would use: {@link SoftViKernel#GRID} or
   * {@link SoftViKernel#CSR}.
   *
   * @throws IllegalArgumentException if GRID is asked for and the MDP is not uniform-slip or a
   *     prior is given
   */
  public static SoftViKernel resolveKernel(TabularMdp mdp, SoftViKernel kernel, boolean prior) {
    return dynamicsFor(mdp, kernel, prior) == null ? SoftViKernel.CSR : SoftViKernel.GRID;
  }

  private static UniformSlipDynamics dynamicsFor(TabularMdp mdp, SoftViKernel kernel,
      boolean prior) {
    if (kernel == SoftViKernel.CSR || (kernel == SoftViKernel.AUTO && prior)) {
      return null;
    }
    if (prior) {
      throw new IllegalArgumentException("kernel GRID does not take a prior policy; use CSR"
          + " or AUTO");
    }
    UniformSlipDynamics d = UniformSlipDynamics.detect(mdp);
    if (d == null && kernel == SoftViKernel.GRID) {
      throw new IllegalArgumentException("kernel GRID needs uniform-slip dynamics, and " + mdp
          + " is not of that kind (P(s'|s,a) = (1-eps)[s' = next(s,a)] + eps/A #{b: next(s,b)"
          + " = s'} to 1e-12)");
    }
    return d;
  }

  /** Discounted soft VI without a prior or listener. */
  public Solution solve(TabularMdp mdp, SoftViConfig config) {
    return solve(mdp, config, null, TrainingListener.NONE);
  }

  /**
   * Discounted soft VI of an MDP.
   *
   * @param mdp the MDP. Not modified.
   * @param config temperature, tolerance, cap, kernel and method.
   * @param prior π0, S×A, or null for none. Not modified.
   * @param listener receives {@value SoftValueIteration#RESIDUAL_METRIC} each sweep; null for
   *     none.
   * @return V, Q, π and the report
   * @throws DivergenceException on overflow to infinity or NaN
   */
  public Solution solve(TabularMdp mdp, SoftViConfig config, TabularPolicy prior,
      TrainingListener listener) {
    Objects.requireNonNull(mdp, "mdp");
    Objects.requireNonNull(config, "config");
    final double[] pri = SoftValueIteration.priorTable(mdp, prior);
    UniformSlipDynamics d = dynamicsFor(mdp, config.kernel(), pri != null);
    Operator op = d != null ? gridOperator(d, config.temperature())
        : new CsrOperator(mdp, pri, config.temperature(), pool.threads());
    return solveFull(op, config, listener, mdp, pri);
  }

  /**
   * Discounted soft VI of uniform-slip dynamics with the grid kernel (no CSR arrays needed).
   *
   * @param d the dynamics. Not modified.
   * @param config temperature, tolerance, cap and method (the kernel is ignored).
   * @param listener per-sweep residuals, or null.
   * @return V, Q, π and the report
   */
  public Solution solve(UniformSlipDynamics d, SoftViConfig config, TrainingListener listener) {
    Objects.requireNonNull(d, "dynamics");
    Objects.requireNonNull(config, "config");
    return solveFull(gridOperator(d, config.temperature()), config, listener, null, null);
  }

  /**
   * V only (no S·A arrays; for very large worlds and benchmarks).
   *
   * @param v receives V, length S. Modified.
   * @return the report
   */
  public ConvergenceReport solveValues(UniformSlipDynamics d, SoftViConfig config, double[] v) {
    Objects.requireNonNull(d, "dynamics");
    Objects.requireNonNull(config, "config");
    checkLength(v, d.numStates());
    Run run = new Run(gridOperator(d, config.temperature()), config, TrainingListener.NONE);
    run.iterate();
    System.arraycopy(run.x, 0, v, 0, v.length);
    return run.report();
  }

  /**
   * V only of an MDP without a prior, with the configured kernel.
   *
   * @param v receives V, length S. Modified.
   * @return the report
   */
  public ConvergenceReport solveValues(TabularMdp mdp, SoftViConfig config, double[] v) {
    Objects.requireNonNull(mdp, "mdp");
    Objects.requireNonNull(config, "config");
    checkLength(v, mdp.numStates());
    UniformSlipDynamics d = dynamicsFor(mdp, config.kernel(), false);
    Operator op = d != null ? gridOperator(d, config.temperature())
        : new CsrOperator(mdp, null, config.temperature(), pool.threads());
    Run run = new Run(op, config, TrainingListener.NONE);
    run.iterate();
    System.arraycopy(run.x, 0, v, 0, v.length);
    return run.report();
  }

  private static void checkLength(double[] v, int numStates) {
    if (v.length != numStates) {
      throw new IllegalArgumentException("v must have length S = " + numStates + ", got "
          + v.length);
    }
  }

  private Operator gridOperator(UniformSlipDynamics d, double tau) {
    return d.stateReward() != null ? new GridOperator(d, tau, numBlocks(d.numStates()))
        : new GridActionOperator(d, tau, pool.threads());
  }

  private int numBlocks(int numStates) {
    return (numStates + blockSize - 1) / blockSize;
  }

  private Solution solveFull(Operator op, SoftViConfig config, TrainingListener listener,
      TabularMdp mdp, double[] prior) {
    Run run = new Run(op, config, listener);
    run.iterate();
    final int numStates = op.numStates();
    final int numActions = op.numActions();
    final double[] q = op.finalQ(run);
    final double[] pi = new double[numStates * numActions];
    if (prior != null) {
      SoftBellmanCsr.policy(mdp, prior, config.temperature(), q, pi);
    } else {
      run.pi = pi;
      run.q = q;
      run.phase(Run.POLICY);
    }
    SoftValueIteration.checkFinite("soft value iteration", run.x, q, numActions, "sweep",
        run.sweep, op.gamma(), config.temperature());
    return new Solution(run.x, q, TabularPolicy.of(numStates, numActions, pi), run.report());
  }

  // ------------------------------------------------------------------ operators

  /** One soft Bellman kernel with its auxiliary per-state data. */
  private abstract static class Operator {
    private final int numStates;
    private final int numActions;
    private final double gamma;
    final double tau;
    private final boolean[] terminals;

    Operator(int numStates, int numActions, double gamma, double tau, boolean[] terminals) {
      this.numStates = numStates;
      this.numActions = numActions;
      this.gamma = gamma;
      this.tau = tau;
      this.terminals = terminals;
    }

    final int numStates() {
      return numStates;
    }

    final int numActions() {
      return numActions;
    }

    final double gamma() {
      return gamma;
    }

    final double tau() {
      return tau;
    }

    final boolean[] terminals() {
      return terminals;
    }

    /** Prepares auxiliary data for the starting iterate x (serial). */
    void start(double[] x) {
    }

    /**
     * g = T(x) on [begin, end); returns max |g − x| there. {@code gNext}: whether g is the next
     * iterate (then its auxiliary data is computed too).
     */
    abstract double sweep(double[] x, double[] g, int block, int begin, int end, int worker,
        boolean gNext);

    /** Auxiliary data of an iterate that did not come out of a sweep (Anderson). */
    void aux(double[] x, int block, int begin, int end) {
    }

    /** After every sweep (or Anderson step), serially. */
    void flip() {
    }

    /** Q from the input of the last sweep, on [begin, end). */
    abstract void q(double[] v, double[] q, int begin, int end);

    /** The final Q table (computed through the pool by default). */
    double[] finalQ(Run run) {
      run.q = new double[numStates() * numActions()];
      run.phase(Run.Q);
      return run.q;
    }
  }

  private static final class CsrOperator extends Operator {
    final TabularMdp mdp;
    final double[] prior;
    final double[][] work;
    double[] qSweep;

    CsrOperator(TabularMdp mdp, double[] prior, double tau, int threads) {
      super(mdp.numStates(), mdp.numActions(), mdp.gamma(), tau, mdp.terminals());
      this.mdp = mdp;
      this.prior = prior;
      this.work = new double[threads][prior != null ? 0
          : SoftValueCsr.workspaceLength(mdp.numActions())];
      if (prior != null) {
        qSweep = new double[mdp.numStates() * mdp.numActions()];
      }
    }

    @Override
    double sweep(double[] x, double[] g, int block, int begin, int end, int worker,
        boolean gNext) {
      if (prior != null) {
        return SoftBellmanCsr.sweep(mdp, prior, mdp.gamma(), tau, x, qSweep, g, begin, end);
      }
      return SoftValueCsr.sweep(mdp, mdp.gamma(), tau, x, g, begin, end, work[worker]);
    }

    @Override
    void q(double[] v, double[] q, int begin, int end) {
      SoftValueCsr.qValues(mdp, mdp.gamma(), v, q, begin, end);
    }

    @Override
    double[] finalQ(Run run) {
      return prior != null ? qSweep : super.finalQ(run);
    }
  }

  private static final class GridOperator extends Operator {
    /**
     * Each block's max sits on its own 64-byte cache line: the kernel rewrites it once per grid
     * row, and two threads writing neighbouring doubles would pass the line back and forth.
     */
    static final int PAD = 8;
    final UniformSlipDynamics d;
    final double[] blockMax;
    double[] eCur;
    double[] eNext;
    double shiftCur;
    double shiftNext;

    GridOperator(UniformSlipDynamics d, double tau, int numBlocks) {
      super(d.numStates(), d.numActions(), d.gamma(), tau, d.terminals());
      this.d = d;
      this.blockMax = new double[numBlocks * PAD];
      this.eCur = new double[d.numStates()];
      this.eNext = new double[d.numStates()];
    }

    @Override
    void start(double[] x) {
      double max = Double.NEGATIVE_INFINITY;
      for (double xs : x) {
        max = Math.max(max, xs);
      }
      shiftCur = max;
      shiftNext = max;
      SoftValueGrid.exponentials(d, tau, x, shiftCur, eCur, 0, x.length);
    }

    @Override
    double sweep(double[] x, double[] g, int block, int begin, int end, int worker,
        boolean gNext) {
      return SoftValueGrid.sweep(d, tau, x, eCur, shiftCur, g, gNext ? eNext : null, shiftNext,
          blockMax, block * PAD, begin, end);
    }

    @Override
    void aux(double[] x, int block, int begin, int end) {
      blockMax[block * PAD] =
          SoftValueGrid.exponentials(d, tau, x, shiftNext, eNext, begin, end);
    }

    @Override
    void flip() {
      double[] t = eCur;
      eCur = eNext;
      eNext = t;
      shiftCur = shiftNext;
      double max = Double.NEGATIVE_INFINITY;
      for (int b = 0; b < blockMax.length; b += PAD) {
        max = Math.max(max, blockMax[b]);
      }
      // a non-finite max (divergence) is caught by the residual check; keep the shift finite
      shiftNext = Double.isFinite(max) ? max : shiftCur;
    }

    @Override
    void q(double[] v, double[] q, int begin, int end) {
      SoftValueGrid.qValues(d, v, q, begin, end);
    }
  }

  private static final class GridActionOperator extends Operator {
    final UniformSlipDynamics d;
    final double[][] work;

    GridActionOperator(UniformSlipDynamics d, double tau, int threads) {
      super(d.numStates(), d.numActions(), d.gamma(), tau, d.terminals());
      this.d = d;
      this.work = new double[threads][d.numActions()];
    }

    @Override
    double sweep(double[] x, double[] g, int block, int begin, int end, int worker,
        boolean gNext) {
      return SoftValueGrid.sweepActionReward(d, tau, x, g, begin, end, work[worker]);
    }

    @Override
    void q(double[] v, double[] q, int begin, int end) {
      SoftValueGrid.qValues(d, v, q, begin, end);
    }
  }

  // ------------------------------------------------------------------ the iteration

  /** The state of one solve; also the block task, so a sweep allocates nothing. */
  private final class Run implements BlockPool.BlockTask {
    static final int SWEEP = 0;
    static final int ANDERSON_SWEEP = 1;
    static final int ANDERSON_STEP = 2;
    static final int Q = 3;
    static final int POLICY = 4;

    final Operator op;
    final SoftViConfig config;
    final TrainingListener listener;
    final int numStates;
    final int numBlocks;
    final double[] residuals;
    int phase;
    /** The current iterate; after {@link #iterate}, the returned V. */
    double[] x;
    /** The sweep output; after {@link #iterate}, the input of the last sweep. */
    double[] g;
    double[] q;
    double[] pi;
    int sweep;
    double residual = Double.POSITIVE_INFINITY;

    // Anderson state
    double[] fPrev;
    double[] gPrev;
    double[][] dF;
    double[][] dG;
    double[] dots;
    double[][] gram;
    double[] rhs;
    double[] coef;
    double[] chol;
    int count;
    int newest;
    boolean havePrev;

    Run(Operator op, SoftViConfig config, TrainingListener listener) {
      this.op = op;
      this.config = config;
      this.listener = listener == null ? TrainingListener.NONE : listener;
      this.numStates = op.numStates();
      this.numBlocks = numBlocks(numStates);
      this.residuals = new double[numBlocks];
      this.x = new double[numStates];
      this.g = new double[numStates];
    }

    void phase(int p) {
      this.phase = p;
      pool.run(this, numBlocks);
    }

    @Override
    public void run(int block, int worker) {
      final int begin = block * blockSize;
      final int end = Math.min(numStates, begin + blockSize);
      switch (phase) {
        case SWEEP -> residuals[block] = op.sweep(x, g, block, begin, end, worker, true);
        case ANDERSON_SWEEP -> {
          residuals[block] = op.sweep(x, g, block, begin, end, worker, false);
          andersonDifferences(block, begin, end);
        }
        case ANDERSON_STEP -> andersonStep(block, begin, end);
        case Q -> op.q(g, q, begin, end);
        case POLICY -> SoftValueGrid.policy(op.numActions(), op.terminals(), op.tau(), q, pi,
            begin, end);
        default -> throw new IllegalStateException("phase " + phase);
      }
    }

    void iterate() {
      op.start(x);
      if (config.method() == SoftViMethod.ANDERSON) {
        iterateAnderson();
      } else {
        iterateJacobi();
      }
    }

    private void iterateJacobi() {
      final long start = System.nanoTime();
      while (sweep < config.maxIterations()) {
        sweep++;
        phase(SWEEP);
        op.flip();
        residual = maxResidual();
        afterSweep(start);
        double[] t = x;
        x = g;
        g = t;
        if (residual < config.tolerance()) {
          break;
        }
      }
    }

    private double maxResidual() {
      double r = 0;
      for (double b : residuals) {
        r = Math.max(r, b);
      }
      return r;
    }

    private void afterSweep(long start) {
      if (!Double.isFinite(residual)) {
        throw SoftValueIteration.divergence("soft value iteration", g, new double[0],
            op.numActions(), "sweep", sweep, op.gamma(), op.tau());
      }
      if (!listener.isNone()) {
        listener.onScalar(sweep, SoftValueIteration.RESIDUAL_METRIC, residual);
        listener.onIterationEnd(sweep, (System.nanoTime() - start) * 1e-9);
      }
    }

    private void iterateAnderson() {
      final int m = ANDERSON_MEMORY;
      fPrev = new double[numStates];
      gPrev = new double[numStates];
      dF = new double[m][numStates];
      dG = new double[m][numStates];
      dots = new double[numBlocks * 2 * m];
      gram = new double[m][m];
      rhs = new double[m];
      coef = new double[m];
      chol = new double[m * m];
      final long start = System.nanoTime();
      while (sweep < config.maxIterations()) {
        sweep++;
        newest = havePrev ? (count < m ? count : (newest + 1) % m) : -1;
        phase(ANDERSON_SWEEP);
        residual = maxResidual();
        afterSweep(start);
        if (residual < config.tolerance() || sweep == config.maxIterations()) {
          op.flip();
          double[] t = x;
          x = g;
          g = t;
          return;
        }
        if (havePrev) {
          if (count < m) {
            count++;
          }
          reduceDots();
          if (!solveCoefficients()) {
            count = 0;
            newest = -1;
          }
        }
        havePrev = true;
        phase(ANDERSON_STEP);
        op.flip();
      }
    }

    /** f = g − x; the newest ΔF, ΔG columns; per-block dots ⟨ΔF_new, ΔF_i⟩ and ⟨ΔF_i, f⟩. */
    private void andersonDifferences(int block, int begin, int end) {
      final int m = ANDERSON_MEMORY;
      final int base = block * 2 * m;
      for (int i = 0; i < 2 * m; i++) {
        dots[base + i] = 0;
      }
      if (newest < 0) {
        for (int s = begin; s < end; s++) {
          fPrev[s] = g[s] - x[s];
          gPrev[s] = g[s];
        }
        return;
      }
      final double[] dfNew = dF[newest];
      final double[] dgNew = dG[newest];
      final int cols = Math.min(count + 1, m);
      for (int s = begin; s < end; s++) {
        final double f = g[s] - x[s];
        dfNew[s] = f - fPrev[s];
        dgNew[s] = g[s] - gPrev[s];
        fPrev[s] = f;
        gPrev[s] = g[s];
      }
      for (int i = 0; i < cols; i++) {
        final double[] dfi = dF[i];
        double gramAcc = 0;
        double rhsAcc = 0;
        for (int s = begin; s < end; s++) {
          gramAcc += dfNew[s] * dfi[s];
          rhsAcc += dfi[s] * fPrev[s];
        }
        dots[base + i] = gramAcc;
        dots[base + m + i] = rhsAcc;
      }
    }

    private void reduceDots() {
      final int m = ANDERSON_MEMORY;
      for (int i = 0; i < count; i++) {
        double gramAcc = 0;
        double rhsAcc = 0;
        for (int b = 0; b < numBlocks; b++) {
          gramAcc += dots[b * 2 * m + i];
          rhsAcc += dots[b * 2 * m + m + i];
        }
        gram[newest][i] = gramAcc;
        gram[i][newest] = gramAcc;
        rhs[i] = rhsAcc;
      }
    }

    /** Cholesky solve of (G + λI)γ = b; false when G is not positive definite. */
    private boolean solveCoefficients() {
      final int n = count;
      double trace = 0;
      for (int i = 0; i < n; i++) {
        trace += gram[i][i];
      }
      if (!(trace > 0) || !Double.isFinite(trace)) {
        return false;
      }
      final double ridge = 1e-12 * trace;
      for (int i = 0; i < n; i++) {
        for (int j = 0; j <= i; j++) {
          double sum = gram[i][j] + (i == j ? ridge : 0);
          for (int k = 0; k < j; k++) {
            sum -= chol[i * n + k] * chol[j * n + k];
          }
          if (i == j) {
            if (!(sum > 0)) {
              return false;
            }
            chol[i * n + i] = Math.sqrt(sum);
          } else {
            chol[i * n + j] = sum / chol[j * n + j];
          }
        }
      }
      for (int i = 0; i < n; i++) {
        double sum = rhs[i];
        for (int k = 0; k < i; k++) {
          sum -= chol[i * n + k] * coef[k];
        }
        coef[i] = sum / chol[i * n + i];
      }
      for (int i = n - 1; i >= 0; i--) {
        double sum = coef[i];
        for (int k = i + 1; k < n; k++) {
          sum -= chol[k * n + i] * coef[k];
        }
        coef[i] = sum / chol[i * n + i];
      }
      for (int i = 0; i < n; i++) {
        if (!Double.isFinite(coef[i])) {
          return false;
        }
      }
      return true;
    }

    /** x ← g − Σ_i γ_i ΔG_i on the block, and the kernel's auxiliary data of the new x. */
    private void andersonStep(int block, int begin, int end) {
      final int n = count;
      for (int s = begin; s < end; s++) {
        double xs = g[s];
        for (int i = 0; i < n; i++) {
          xs -= coef[i] * dG[i][s];
        }
        x[s] = xs;
      }
      op.aux(x, block, begin, end);
    }

    ConvergenceReport report() {
      return new ConvergenceReport(sweep, residual, residual < config.tolerance(),
          config.tolerance(), config.maxIterations());
    }
  }
}
