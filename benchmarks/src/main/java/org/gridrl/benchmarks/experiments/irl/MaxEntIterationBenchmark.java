package org.gridrl.benchmarks.experiments.irl;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.gridrl.core.mdp.StateFeatures;
import org.gridrl.core.mdp.TabularMdp;
import org.gridrl.core.mdp.TabularPolicy;
import org.gridrl.core.planning.FeatureExpectations;
import org.gridrl.core.planning.FiniteHorizonSolution;
import org.gridrl.core.planning.SoftValueIteration;
import org.gridrl.core.planning.SoftViConfig;
import org.gridrl.core.planning.SoftViKernel;
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
 * One MaxEnt IRL iteration on ObjectWorld 32×32 (seed 1, T = 8) and its parts, the workload
 * that {@code gridrl bench maxent} times beside the numpy yardstick
 * (../shared/perf/maxent_numpy.py). The parts of {@link Workload#iteration} are those of the
 * yardstick: r = Φw, the backward pass (T soft Bellman steps, π_t kept), the forward pass (T
 * visitation steps from d0 with γ^t weights), E[μ] = ΦᵀD. {@link Workload#objective} is what
 * {@code gridrl irl maxent} runs per iteration ({@link MaxEntObjective#evaluate} with the
 * gradient, which adds the demonstrations' log-likelihood and D − D̂, then Φᵀ(D − D̂)), timed
 * as {@link #maxEntIteration}. Run:
 * {@code java -cp benchmarks/target/gridrl.jar org.openjdk.jmh.Main MaxEntIterationBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class MaxEntIterationBenchmark {

  /** Which ObjectWorld feature set (k = 4 continuous, 124 discrete). */
  @Param({"continuous", "discrete"})
  public String features;

  private Workload work;

  /** ObjectWorld 32×32 (seed 1), T = 8, w = 0.1·1, the parts' inputs computed once. */
  @Setup
  public void setUp() {
    work = new Workload(32, features, 8);
  }

  /** The yardstick's iteration: r = Φw, backward, forward, E[μ]. */
  @Benchmark
  public double iteration() {
    return work.iteration();
  }

  /**
   * What {@code gridrl irl maxent} runs per iteration (the Adam step on k numbers left out);
   * issue 6 asked that it cost at most 1.5× {@link #softViPlusVisitation}.
   */
  @Benchmark
  public double maxEntIteration() {
    return work.objective();
  }

  /** Issue 6's yardstick: the backward pass and the forward pass. */
  @Benchmark
  public double softViPlusVisitation() {
    return work.backward() + work.forward();
  }

  /** r = Φw. */
  @Benchmark
  public double reward() {
    return work.reward();
  }

  /** The backward pass: r lifted to r(s,a), T soft Bellman steps, π_t. */
  @Benchmark
  public double backward() {
    return work.backward();
  }

  /** The forward pass: T visitation steps under π_t from d0, γ^t weights. */
  @Benchmark
  public double forward() {
    return work.forward();
  }

  /** E[μ] = ΦᵀD. */
  @Benchmark
  public double featureExpectations() {
    return work.featureExpectations();
  }

  /**
   * The MaxEnt iteration and its parts on ObjectWorld N×N (seed 1), shared by this JMH class
   * and {@code gridrl bench maxent}; each method returns a number to keep its result alive.
   * One instance per thread; not thread-safe.
   */
  public static final class Workload {

    private final ObjectWorld world;
    private final TabularMdp mdp;
    private final StateFeatures phi;
    private final int horizon;
    private final double gamma;
    private final double[] d0;
    private final double[] w;
    private final double[] reward;
    private final double[] visitation;
    private final double[] visitationWork;
    private final double[] mu;
    private final MaxEntObjective maxEnt;
    private final double[] gradient;
    private final double[] gap;
    /** π_t of the fixed reward Φw, the forward pass's input when timed on its own. */
    private final TabularPolicy[] policies;

    /**
     * The world, its features, the fixed weights w = 0.1·1 (the yardstick's), and for the
     * objective 128 demonstrations of length T from the soft-optimal policy of the true
     * reward (seed 7), E[μ] from the MDP's initial distribution.
     *
     * @param size N ≥ 2
     * @param features "continuous" (k = 4) or "discrete" (k = 4·(N − 1) for N = 32: 124)
     * @param horizon T ≥ 1
     */
    public Workload(int size, String features, int horizon) {
      world = new ObjectWorld(ObjectWorld.Config.defaults(1).withSize(size));
      mdp = world.mdp();
      phi = switch (features) {
        case "continuous" -> world.continuousFeatures();
        case "discrete" -> world.discreteFeatures();
        default -> throw new IllegalArgumentException("features must be continuous or"
            + " discrete, got '" + features + "'");
      };
      if (horizon < 1) {
        throw new IllegalArgumentException("horizon must be >= 1, got " + horizon);
      }
      this.horizon = horizon;
      gamma = mdp.gamma();
      d0 = mdp.initialDistribution();
      w = new double[phi.numFeatures()];
      Arrays.fill(w, 0.1);
      reward = phi.linear(w, null);
      visitation = new double[mdp.numStates()];
      visitationWork = new double[StateVisitation.finiteHorizonWorkspaceLength(mdp)];
      mu = new double[phi.numFeatures()];
      TabularPolicy expert = SoftValueIteration.solve(mdp).policy();
      IrlProblem problem = IrlProblem.of(mdp, phi,
          Demonstrations.sample(mdp, expert, 128, horizon, 7), horizon, IrlProblem.Start.INIT);
      maxEnt = new MaxEntObjective(problem, MaxEntObjective.Horizon.FINITE,
          SoftViConfig.defaults());
      gradient = new double[mdp.numStates()];
      gap = new double[phi.numFeatures()];
      policies = solve().policies();
    }

    private FiniteHorizonSolution solve() {
      return SoftValueIteration.solveFiniteHorizon(mdp.withStateRewards(reward),
          SoftViConfig.defaults(), null, horizon, gamma);
    }

    /** The world. */
    public ObjectWorld world() {
      return world;
    }

    /** Its features. */
    public StateFeatures features() {
      return phi;
    }

    /** r = Φw, backward, forward, E[μ] = ΦᵀD; returns Σ_i E[μ]_i. */
    public double iteration() {
      phi.linear(w, reward);
      FiniteHorizonSolution sol = solve();
      StateVisitation.finiteHorizon(mdp, sol.policies(), d0, gamma, visitation, visitationWork,
          SoftViKernel.AUTO);
      FeatureExpectations.of(phi, visitation, mu);
      return sum(mu);
    }

    /**
     * The objective and gradient of {@code gridrl irl maxent}: r = Φw, {@link
     * MaxEntObjective#evaluate} with ∂g/∂r = D − D̂, Φᵀ(D − D̂) = E[μ] − μ_D; returns
     * Σ_i (E[μ] − μ_D)_i.
     */
    public double objective() {
      phi.linear(w, reward);
      maxEnt.evaluate(reward, gradient);
      IrlProblem.transposeTimes(phi, gradient, gap);
      return sum(gap);
    }

    /** r = Φw; returns r(0). */
    public double reward() {
      return phi.linear(w, reward)[0];
    }

    /** The backward pass for r = Φw; returns V_0(0). */
    public double backward() {
      return solve().v()[0][0];
    }

    /** The forward pass under the π_t of r = Φw; returns D(0). */
    public double forward() {
      return StateVisitation.finiteHorizon(mdp, policies, d0, gamma, visitation,
          visitationWork, SoftViKernel.AUTO)[0];
    }

    /** E[μ] = ΦᵀD for the last D; returns E[μ]_0. */
    public double featureExpectations() {
      return FeatureExpectations.of(phi, visitation, mu)[0];
    }

    /**
     * E[μ] of the iteration against the objective's (E[μ] − μ_D) + μ_D, after one call of each:
     * max_i |difference| / max(1, max_i |E[μ]_i|); both compute the same E[μ], the objective by
     * way of D − D̂, so they agree to round-off.
     */
    public double disagreement() {
      iteration();
      objective();
      final double[] muD = maxEnt.problem().empiricalFeatures();
      double diff = 0;
      double size = 1;
      for (int i = 0; i < mu.length; i++) {
        diff = Math.max(diff, Math.abs(mu[i] - (gap[i] + muD[i])));
        size = Math.max(size, Math.abs(mu[i]));
      }
      return diff / size;
    }

    /** E[μ] of the last {@link #iteration}, length k (shared, not to be modified). */
    public double[] expectedFeatures() {
      return mu;
    }

    private static double sum(double[] x) {
      double s = 0;
      for (double v : x) {
        s += v;
      }
      return s;
    }
  }
}
