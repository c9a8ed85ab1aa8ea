package org.gridrl.core.planning;

import org.gridrl.core.mdp.TabularMdp;
import org.gridrl.core.mdp.TabularPolicy;
import org.gridrl.core.mdp.UniformSlipDynamics;
import org.gridrl.core.util.TrainingListener;

/**
 * Engine: runs a {@link SoftViOperator} over a fixed block partition of the states on a
 * {@link BlockPool} of K threads, as discounted iterations (Jacobi sweeps, or sweeps accelerated
 * by {@link Anderson}) or as the backward steps of a finite horizon, and assembles the
 * {@link Solution} or {@link FiniteHorizonSolution} (V, Q, π). {@link SoftValueIteration} is its
 * front door: the engine checks nothing and calls nothing above it; its only errors are the
 * {@link DivergenceException}s of values that overflow.
 *
 * <p><b>Blocks.</b> States are cut into blocks of {@link #blockSize()} (default
 * {@value #DEFAULT_BLOCK_SIZE}); each pass runs its task on every block (the pool gives each
 * thread a contiguous chunk) and per-block results (residuals, the grid kernel's maxima,
 * Anderson's dot products) are reduced in block order. Every output of a block depends on the
 * pass's inputs alone, so results are bit-identical for any K (for a fixed block size).
 *
 * <p><b>Tasks.</b> A solve is a sequence of passes, each one named task over all blocks:
 * {@code sweep} (g = T(x), residual per block), {@code andersonSweep} (the sweep without the
 * next iterate's auxiliary data, plus Anderson's differences), {@code andersonStep} (the
 * extrapolated iterate and its auxiliary data), {@code q} (Q of one V) and {@code policy} (π of
 * that Q). The tasks are objects made once per solve, so a sweep allocates nothing.
 *
 * <p>Not thread safe: one solve at a time. {@link #close()} stops the workers.
 */
final class SoftViEngine implements AutoCloseable {

  /** Default number of states per block of the fixed partition. */
  static final int DEFAULT_BLOCK_SIZE = 2048;

  private static final double[] NO_Q = new double[0];

  private final BlockPool pool;
  private final int blockSize;

  /** An engine on K = {@code threads} ≥ 1 threads with blocks of {@code blockSize} ≥ 1 states. */
  SoftViEngine(int threads, int blockSize) {
    this.pool = new BlockPool(threads);
    this.blockSize = blockSize;
  }

  int threads() {
    return pool.threads();
  }

  int blockSize() {
    return blockSize;
  }

  @Override
  public void close() {
    pool.close();
  }

  // ------------------------------------------------------------------ operators

  /** The CSR operator of an MDP at discount {@code gamma}, with or without a prior. */
  SoftViOperator csr(TabularMdp mdp, double[] prior, double gamma, double tau) {
    return new SoftViCsrOperator(mdp, prior, gamma, tau, pool.threads());
  }

  /** The grid operator of uniform-slip dynamics at the dynamics' γ (state or action reward). */
  SoftViOperator grid(UniformSlipDynamics d, double tau) {
    return d.stateReward() != null ? new SoftViGridOperator(d, tau, numBlocks(d.numStates()))
        : new SoftViGridActionOperator(d, tau, pool.threads());
  }

  private int numBlocks(int numStates) {
    return (numStates + blockSize - 1) / blockSize;
  }

  // ------------------------------------------------------------------ solves

  /**
   * Discounted iteration from V = 0 to the stopping rule, then Q from the last sweep's input
   * and π of that Q; the contract of {@link SoftValueIteration#solve}.
   */
  Solution solve(SoftViOperator op, SoftViConfig config, TrainingListener listener) {
    Run run = new Run(op);
    iterate(run, config, listener);
    final int numStates = op.numStates();
    final int numActions = op.numActions();
    run.qFrom = run.g;
    run.q = new double[numStates * numActions];
    run.pass(run.qTask);
    run.pi = new double[numStates * numActions];
    run.pass(run.policyTask);
    if (!DivergenceException.allFinite(run.x, run.q)) {
      throw DivergenceException.soft("soft value iteration", DivergenceException.At.SWEEP,
          run.sweep, run.x, run.q, numActions, op.gamma(), op.tau());
    }
    return new Solution(run.x, run.q, TabularPolicy.wrap(numStates, numActions, run.pi),
        report(run, config));
  }

  /** Discounted iteration, V only, into {@code v} (length S). */
  ConvergenceReport solveValues(SoftViOperator op, SoftViConfig config, double[] v) {
    Run run = new Run(op);
    iterate(run, config, TrainingListener.NONE);
    System.arraycopy(run.x, 0, v, 0, v.length);
    return report(run, config);
  }

  /**
   * Backward induction over H steps with the operator's γ as the per-step discount: V_H = 0 and
   * for t = H − 1 down to 0 one sweep V_t = T(V_{t+1}), then Q_t from V_{t+1} and π_t of Q_t.
   * The grid operator carries its exponentials from step to step as from sweep to sweep.
   */
  FiniteHorizonSolution solveFiniteHorizon(SoftViOperator op, int horizon) {
    final int numStates = op.numStates();
    final int numActions = op.numActions();
    final double[][] v = new double[horizon + 1][numStates];
    final double[][] q = new double[horizon][numStates * numActions];
    final TabularPolicy[] policies = new TabularPolicy[horizon];
    Run run = new Run(op);
    op.start(v[horizon]);
    for (int t = horizon - 1; t >= 0; t--) {
      run.x = v[t + 1];
      run.g = v[t];
      run.pass(run.sweepTask);
      run.qFrom = v[t + 1];
      run.q = q[t];
      run.pi = new double[numStates * numActions];
      run.pass(run.stepOutputsTask);
      if (!DivergenceException.allFinite(v[t], q[t])) {
        throw DivergenceException.soft("finite-horizon soft value iteration",
            DivergenceException.At.STEP, t, v[t], q[t], numActions, op.gamma(), op.tau());
      }
      // the operator's data of V_{t+1} (the grid's exponentials) served Q_t and π_t; now V_t's
      op.flip();
      policies[t] = TabularPolicy.wrap(numStates, numActions, run.pi);
    }
    return new FiniteHorizonSolution(horizon, v, q, policies);
  }

  private static ConvergenceReport report(Run run, SoftViConfig config) {
    return new ConvergenceReport(run.sweep, run.residual, run.residual < config.tolerance(),
        config.tolerance(), config.maxIterations());
  }

  // ------------------------------------------------------------------ the iteration

  private void iterate(Run run, SoftViConfig config, TrainingListener listener) {
    final TrainingListener l = listener == null ? TrainingListener.NONE : listener;
    run.x = new double[run.numStates];
    run.g = new double[run.numStates];
    run.op.start(run.x);
    if (config.method() == SoftViMethod.ANDERSON) {
      iterateAnderson(run, config, l);
    } else {
      iterateJacobi(run, config, l);
    }
  }

  /** Jacobi sweeps x ← T(x); on return x is the last output and g the last input. */
  private void iterateJacobi(Run run, SoftViConfig config, TrainingListener listener) {
    final long start = System.nanoTime();
    while (run.sweep < config.maxIterations()) {
      run.sweep++;
      run.pass(run.sweepTask);
      run.op.flip();
      run.residual = run.maxResidual();
      afterSweep(run, listener, start);
      run.swap();
      if (run.residual < config.tolerance()) {
        break;
      }
    }
  }

  /**
   * Anderson-accelerated sweeps: the same stopping rule, report and returned V = T(x) as
   * Jacobi; on return x is the last output and g the last input.
   */
  private void iterateAnderson(Run run, SoftViConfig config, TrainingListener listener) {
    final Anderson anderson = new Anderson(run.numStates, run.numBlocks);
    run.anderson = anderson;
    final long start = System.nanoTime();
    while (run.sweep < config.maxIterations()) {
      run.sweep++;
      anderson.beginSweep();
      run.pass(run.andersonSweepTask);
      run.residual = run.maxResidual();
      afterSweep(run, listener, start);
      if (run.residual < config.tolerance() || run.sweep == config.maxIterations()) {
        run.op.flip();
        run.swap();
        return;
      }
      anderson.endSweep();
      run.pass(run.andersonStepTask);
      run.op.flip();
    }
  }

  private static void afterSweep(Run run, TrainingListener listener, long start) {
    if (!Double.isFinite(run.residual)) {
      throw DivergenceException.soft("soft value iteration", DivergenceException.At.SWEEP,
          run.sweep, run.g, NO_Q, run.op.numActions(), run.op.gamma(), run.op.tau());
    }
    if (!listener.isNone()) {
      listener.onScalar(run.sweep, Metrics.RESIDUAL, run.residual);
      listener.onIterationEnd(run.sweep, (System.nanoTime() - start) * 1e-9);
    }
  }

  /** The arrays of one solve and its tasks, one object each, so a pass allocates nothing. */
  private final class Run {
    final SoftViOperator op;
    final int numStates;
    final int numBlocks;
    final double[] residuals;
    /** The current iterate (V_{t+1} of a backward step); after an iteration, the returned V. */
    double[] x;
    /** The sweep output (V_t of a backward step); after an iteration, the last sweep's input. */
    double[] g;
    /** The V whose Q {@link #qTask} computes. */
    double[] qFrom;
    double[] q;
    double[] pi;
    int sweep;
    double residual = Double.POSITIVE_INFINITY;
    Anderson anderson;

    final BlockPool.BlockTask sweepTask = this::sweepBlock;
    final BlockPool.BlockTask andersonSweepTask = this::andersonSweepBlock;
    final BlockPool.BlockTask andersonStepTask = this::andersonStepBlock;
    final BlockPool.BlockTask qTask = this::qBlock;
    final BlockPool.BlockTask policyTask = this::policyBlock;
    final BlockPool.BlockTask stepOutputsTask = this::stepOutputsBlock;

    Run(SoftViOperator op) {
      this.op = op;
      this.numStates = op.numStates();
      this.numBlocks = numBlocks(numStates);
      this.residuals = new double[numBlocks];
    }

    /** Runs one task over every block on the pool. */
    void pass(BlockPool.BlockTask task) {
      pool.run(task, numBlocks);
    }

    private int begin(int block) {
      return block * blockSize;
    }

    private int end(int block) {
      return Math.min(numStates, (block + 1) * blockSize);
    }

    /** g = T(x) with the next iterate's auxiliary data; the block's residual. */
    private void sweepBlock(int block, int worker) {
      residuals[block] = op.sweep(x, g, block, begin(block), end(block), worker, true);
    }

    /** g = T(x) (x_next is Anderson's, not g) and Anderson's differences on the block. */
    private void andersonSweepBlock(int block, int worker) {
      residuals[block] = op.sweep(x, g, block, begin(block), end(block), worker, false);
      anderson.differences(x, g, block, begin(block), end(block));
    }

    /** x = Anderson's extrapolation of g, and its auxiliary data, on the block. */
    private void andersonStepBlock(int block, int worker) {
      anderson.extrapolate(g, x, begin(block), end(block));
      op.aux(x, block, begin(block), end(block));
    }

    private void qBlock(int block, int worker) {
      op.q(qFrom, q, begin(block), end(block));
    }

    private void policyBlock(int block, int worker) {
      op.policy(q, pi, begin(block), end(block));
    }

    private void stepOutputsBlock(int block, int worker) {
      op.stepOutputs(qFrom, q, pi, begin(block), end(block));
    }

    double maxResidual() {
      double r = 0;
      for (double b : residuals) {
        r = Math.max(r, b);
      }
      return r;
    }

    void swap() {
      double[] t = x;
      x = g;
      g = t;
    }
  }
}
