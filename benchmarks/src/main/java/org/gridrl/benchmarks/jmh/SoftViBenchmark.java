package org.gridrl.benchmarks.jmh;

import java.util.concurrent.TimeUnit;
import org.gridrl.core.mdp.TabularMdp;
import org.gridrl.core.mdp.UniformSlipDynamics;
import org.gridrl.core.planning.ConvergenceReport;
import org.gridrl.core.planning.FiniteHorizonSolution;
import org.gridrl.core.planning.SoftValueCsr;
import org.gridrl.core.planning.SoftValueGrid;
import org.gridrl.core.planning.SoftValueIteration;
import org.gridrl.core.planning.SoftViConfig;
import org.gridrl.core.planning.SoftViKernel;
import org.gridrl.core.planning.SoftViMethod;
import org.gridrl.envs.tabular.GridWorld;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One soft VI sweep of each kernel, and whole solves (discounted to 1e-10, and finite-horizon
 * with H = 8), on issue 4's open N×N grid (5 actions, slip 0.3, γ = 0.9, sparse state reward
 * with density 0.01, seed 1). Run with
 * {@code java -cp benchmarks/target/gridrl.jar org.openjdk.jmh.Main SoftViBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SoftViBenchmark {

  /** Side N of the grid. */
  @Param({"128", "512"})
  public int size;

  /** Threads of the solver used by the solve benchmarks. */
  @Param({"1", "2"})
  public int threads;

  private TabularMdp mdp;
  private UniformSlipDynamics dynamics;
  private double[] v;
  private double[] e;
  private double[] vNew;
  private double[] eNew;
  private double[] work;
  private double[] blockMax;
  private double shift;
  private SoftValueIteration.Parallel solver;
  private SoftViConfig jacobi;
  private SoftViConfig fast;
  private SoftViConfig csr;

  /** Builds the world, a mid-solve V and its exponentials, and the solver. */
  @Setup
  public void setUp() {
    GridWorld world = GridWorld.open(size, 0.3, GridWorld.sparseRandomReward(size, 0.01, 1),
        0.9);
    mdp = world.mdp();
    dynamics = world.dynamics();
    int n = size * size;
    v = new double[n];
    solver = SoftValueIteration.onThreads(threads);
    jacobi = SoftViConfig.defaults();
    fast = jacobi.withMethod(SoftViMethod.ANDERSON);
    csr = jacobi.withKernel(SoftViKernel.CSR);
    solver.solveValues(dynamics, SoftViConfig.defaults().withMaxIterations(50), v);
    for (double x : v) {
      shift = Math.max(shift, x);
    }
    e = new double[n];
    SoftValueGrid.exponentials(dynamics, 1.0, v, shift, e, 0, n);
    vNew = new double[n];
    eNew = new double[n];
    work = new double[SoftValueCsr.workspaceLength(5)];
    blockMax = new double[1];
  }

  /** Stops the solver's threads. */
  @TearDown
  public void tearDown() {
    solver.close();
  }

  /** One single-threaded CSR sweep (V only). */
  @Benchmark
  public double csrSweep() {
    return SoftValueCsr.sweep(mdp, 0.9, 1.0, v, vNew, 0, v.length, work);
  }

  /** One single-threaded grid sweep (one exp and one log per state). */
  @Benchmark
  public double gridSweep() {
    return SoftValueGrid.sweep(dynamics, 1.0, v, e, shift, vNew, eNew, shift, blockMax, 0, 0,
        v.length);
  }

  /** A whole Jacobi solve to 1e-10 with the grid kernel on {@code threads} threads. */
  @Benchmark
  public ConvergenceReport gridSolveJacobi() {
    return solver.solveValues(dynamics, jacobi, vNew);
  }

  /** A whole Anderson-accelerated solve to 1e-10 with the grid kernel. */
  @Benchmark
  public ConvergenceReport gridSolveFast() {
    return solver.solveValues(dynamics, fast, vNew);
  }

  /** A whole Jacobi solve to 1e-10 with the CSR kernel on {@code threads} threads. */
  @Benchmark
  public ConvergenceReport csrSolveJacobi() {
    return solver.solveValues(mdp, csr, vNew);
  }

  /** A finite-horizon solve, H = 8 backward steps with V, Q and π each (grid kernel, AUTO). */
  @Benchmark
  public FiniteHorizonSolution finiteHorizonGrid() {
    return solver.solveFiniteHorizon(mdp, jacobi, null, 8, 0.9);
  }

  /** A finite-horizon solve, H = 8, with the CSR kernel. */
  @Benchmark
  public FiniteHorizonSolution finiteHorizonCsr() {
    return solver.solveFiniteHorizon(mdp, csr, null, 8, 0.9);
  }
}
