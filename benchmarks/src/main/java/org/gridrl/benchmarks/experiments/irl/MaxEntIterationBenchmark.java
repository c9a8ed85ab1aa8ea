package org.gridrl.benchmarks.experiments.irl;

import java.util.concurrent.TimeUnit;
import org.gridrl.core.mdp.StateFeatures;
import org.gridrl.core.mdp.TabularMdp;
import org.gridrl.core.mdp.TabularPolicy;
import org.gridrl.core.planning.FiniteHorizonSolution;
import org.gridrl.core.planning.SoftValueIteration;
import org.gridrl.core.planning.SoftViConfig;
import org.gridrl.core.planning.StateVisitation;
import org.gridrl.envs.tabular.ObjectWorld;
import org.gridrl.irl.Demonstrations;
import org.gridrl.irl.IrlProblem;
import org.gridrl.irl.MaxEntObjective;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Issue 6's speed check: one MaxEnt iteration on ObjectWorld 32×32 (T = 8, 128 demonstrations)
 * against its two kernels, one finite-horizon soft VI solve plus one visitation pass; the
 * iteration (r = Φw, backward pass, forward pass, log-likelihood, E[μ] = ΦᵀD) should cost at
 * most 1.5× the kernels. Run: {@code java -cp benchmarks/target/gridrl.jar org.openjdk.jmh.Main
 * MaxEntIterationBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class MaxEntIterationBenchmark {

  /** Which ObjectWorld feature set (k = 4 continuous, 124 discrete). */
  @Param({"continuous", "discrete"})
  public String features;

  private TabularMdp mdpWithReward;
  private TabularMdp mdp;
  private StateFeatures phi;
  private MaxEntObjective objective;
  private double[] d0;
  private double[] w;
  private double[] reward;
  private double[] gradR;
  private double[] gap;

  /** ObjectWorld 32×32 (seed 1), soft-optimal expert demos, a fixed non-zero w. */
  @Setup
  public void setUp() {
    ObjectWorld world = new ObjectWorld(ObjectWorld.Config.defaults(1));
    mdp = world.mdp();
    phi = "continuous".equals(features) ? world.continuousFeatures() : world.discreteFeatures();
    TabularPolicy expert = SoftValueIteration.solve(mdp).policy();
    IrlProblem problem = IrlProblem.of(mdp, phi, Demonstrations.sample(mdp, expert, 128, 8, 7), 8,
        IrlProblem.Start.EMPIRICAL);
    objective = new MaxEntObjective(problem, MaxEntObjective.Horizon.FINITE,
        SoftViConfig.defaults());
    d0 = problem.startDistribution();
    w = new double[phi.numFeatures()];
    for (int i = 0; i < w.length; i++) {
      w[i] = 0.01 * (i % 7 - 3);
    }
    reward = phi.linear(w, null);
    mdpWithReward = mdp.withStateRewards(reward);
    gradR = new double[mdp.numStates()];
    gap = new double[phi.numFeatures()];
  }

  /** The yardstick: one finite-horizon soft VI solve (T = 8) and one visitation pass. */
  @Benchmark
  public double[] softViPlusVisitation() {
    FiniteHorizonSolution sol = SoftValueIteration.solveFiniteHorizon(mdpWithReward, 8, 1.0,
        null, 0.9);
    return StateVisitation.finiteHorizon(mdp, sol.policies(), d0, 0.9);
  }

  /** One MaxEnt iteration's work (the Adam update on k numbers is left out: O(k)). */
  @Benchmark
  public double[] maxEntIteration() {
    phi.linear(w, reward);
    objective.evaluate(reward, gradR);
    return IrlProblem.transposeTimes(phi, gradR, gap);
  }
}
