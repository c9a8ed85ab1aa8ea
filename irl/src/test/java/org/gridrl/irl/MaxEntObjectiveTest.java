package org.gridrl.irl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.gridrl.core.mdp.StateFeatures;
import org.gridrl.core.mdp.TabularMdp;
import org.gridrl.core.mdp.TabularPolicy;
import org.gridrl.core.planning.FiniteHorizonSolution;
import org.gridrl.core.planning.SoftValueIteration;
import org.gridrl.core.planning.SoftViConfig;
import org.gridrl.core.planning.SoftViMethod;
import org.gridrl.core.planning.StateVisitation;
import org.gridrl.irl.MaxEntObjective.Horizon;
import org.gridrl.irl.metrics.IrlMetrics;
import org.gridrl.irl.testing.IrlTestBase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The forward and backward passes pinned by finite differences: E[μ] − μ_D is the gradient of
 * the dual g(w), and with deterministic dynamics and the empirical start μ_D − E[μ] is the
 * gradient of the γ^t-weighted demo log-likelihood.
 */
class MaxEntObjectiveTest extends IrlTestBase {

  /** Soft VI settings of the pinned objective (τ = 1). */
  private static final SoftViConfig PLANNING = SoftViConfig.defaults();

  private static final double H = 1e-5;

  /** g(w) and ∇g = E[μ] − μ_D = Φᵀ(D − D̂). */
  private static double[] gradientW(MaxEntObjective obj, double[] w) {
    StateFeatures phi = obj.problem().features();
    double[] gradR = new double[phi.numStates()];
    obj.evaluate(phi.linear(w, null), gradR);
    return IrlProblem.transposeTimes(phi, gradR, new double[phi.numFeatures()]);
  }

  private static double dual(MaxEntObjective obj, double[] w) {
    return obj.evaluate(obj.problem().features().linear(w, null), null).dual();
  }

  private static double logLik(MaxEntObjective obj, double[] w) {
    return obj.evaluate(obj.problem().features().linear(w, null), null).logLikelihood();
  }

  private static double[] finiteDifference(java.util.function.ToDoubleFunction<double[]> f,
      double[] w, double h) {
    double[] g = new double[w.length];
    for (int i = 0; i < w.length; i++) {
      double[] p = w.clone();
      double[] m = w.clone();
      p[i] += h;
      m[i] -= h;
      g[i] = (f.applyAsDouble(p) - f.applyAsDouble(m)) / (2 * h);
    }
    return g;
  }

  private static IrlProblem problem(long seed, int branching, int terminals, IrlProblem.Start start,
      int horizon) {
    TabularMdp mdp = randomMdp(seed, 7, 3, branching, 0.8, terminals);
    StateFeatures phi = randomFeatures(seed + 1, 7, 4);
    Random r = new Random(seed + 2);
    TabularPolicy expert = SoftValueIteration.solve(
        mdp.withStateRewards(randomVector(r, 7, 1))).policy();
    Demonstrations demos = Demonstrations.sample(mdp, expert, 12, horizon, seed + 3);
    return IrlProblem.of(mdp, phi, demos, horizon, start);
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12})
  void finiteHorizon_gradientIsExpectedMinusEmpiricalFeatures_matchesFiniteDifferenceOfDual(
      long seed) {
    IrlProblem p = problem(seed, 3, (int) (seed % 3), IrlProblem.Start.INIT, 6);
    MaxEntObjective obj = new MaxEntObjective(p, Horizon.FINITE, PLANNING);
    double[] w = randomVector(new Random(seed), 4, 1.5);
    double[] fd = finiteDifference(x -> dual(obj, x), w, H);
    assertClose(fd, gradientW(obj, w), FD);
  }

  @ParameterizedTest
  @ValueSource(longs = {21, 22, 23, 24, 25, 26})
  void finiteHorizon_otherTemperatureAndEmpiricalStart_gradientMatchesFiniteDifference(long seed) {
    IrlProblem p = problem(seed, 2, 1, IrlProblem.Start.EMPIRICAL, 5);
    MaxEntObjective obj = new MaxEntObjective(p, Horizon.FINITE,
        PLANNING.withTemperature(0.5));
    double[] w = randomVector(new Random(seed), 4, 1.0);
    assertClose(finiteDifference(x -> dual(obj, x), w, H), gradientW(obj, w), FD);
  }

  @ParameterizedTest
  @ValueSource(longs = {31, 32, 33, 34, 35, 36})
  void discounted_gradientMatchesFiniteDifferenceOfDual(long seed) {
    IrlProblem p = problem(seed, 3, 0, IrlProblem.Start.INIT, 6);
    MaxEntObjective obj = new MaxEntObjective(p, Horizon.DISCOUNTED, PLANNING);
    double[] w = randomVector(new Random(seed), 4, 1.0);
    assertClose(finiteDifference(x -> dual(obj, x), w, 1e-4), gradientW(obj, w), 1e-5);
  }

  /**
   * The stationary objective is −τℓ, τ times the demonstrations' negative log-likelihood under
   * the one discounted soft policy of r; its gradient D − D̂ with
   * D = (I − γP_πᵀ)^{-1}(D̂ − γ E[next])
   * is exact for stochastic dynamics, terminals and either start rule.
   */
  @ParameterizedTest
  @ValueSource(longs = {61, 62, 63, 64, 65, 66, 67, 68})
  void stationary_gradientMatchesFiniteDifferenceOfNegativeLogLikelihood(long seed) {
    IrlProblem p = problem(seed, 3, (int) (seed % 3), seed % 2 == 0 ? IrlProblem.Start.INIT
        : IrlProblem.Start.EMPIRICAL, 6);
    double tau = seed % 4 == 0 ? 0.5 : 1.0;
    // either sweep method reaches the same fixed point, so both give the exact gradient
    SoftViConfig planning = PLANNING.with(b -> b.temperature(tau)
        .method(seed % 3 == 0 ? SoftViMethod.ANDERSON : SoftViMethod.JACOBI));
    MaxEntObjective obj = new MaxEntObjective(p, Horizon.STATIONARY, planning);
    double[] w = randomVector(new Random(seed), 4, 1.0);
    assertThat(dual(obj, w)).isCloseTo(-tau * logLik(obj, w), within(TIGHT));
    assertClose(finiteDifference(x -> dual(obj, x), w, 1e-4), gradientW(obj, w), 1e-5);
  }

  /**
   * The stationary visitation's solvers (the series, the exact banded solve, the cheaper of the
   * two) give the same gradient to round-off, and the default objective is the AUTO one.
   */
  @ParameterizedTest
  @ValueSource(longs = {81, 82, 83, 84})
  void stationary_visitationSolvers_agreeOnTheGradient(long seed) {
    IrlProblem p = problem(seed, 3, (int) (seed % 3), IrlProblem.Start.INIT, 6);
    double[] w = randomVector(new Random(seed), 4, 1.0);
    double[] series = gradientW(new MaxEntObjective(p, Horizon.STATIONARY, PLANNING,
        StateVisitation.Solver.SERIES), w);
    for (StateVisitation.Solver solver : StateVisitation.Solver.values()) {
      assertClose(series, gradientW(new MaxEntObjective(p, Horizon.STATIONARY, PLANNING,
          solver), w), 1e-12);
    }
    assertThat(gradientW(new MaxEntObjective(p, Horizon.STATIONARY, PLANNING), w))
        .isEqualTo(gradientW(new MaxEntObjective(p, Horizon.STATIONARY, PLANNING,
            StateVisitation.Solver.AUTO), w));
  }

  /** The stationary objective's ℓ is the direct sum of log π(a_t|s_t) of its one policy. */
  @ParameterizedTest
  @ValueSource(longs = {71, 72, 73})
  void stationary_logLikelihood_equalsDirectSumOfLogPolicyProbabilities(long seed) {
    IrlProblem p = problem(seed, 3, 1, IrlProblem.Start.INIT, 5);
    MaxEntObjective obj = new MaxEntObjective(p, Horizon.STATIONARY, PLANNING);
    MaxEntObjective.Evaluation e = obj.evaluate(randomVector(new Random(seed), 7, 1.0), null);
    assertThat(e.policies()).hasSize(1);
    double direct = IrlMetrics.logLikelihood(p.demos(), e.policies(), p.gamma(), p.mdp());
    assertThat(e.logLikelihood()).isCloseTo(direct, within(1e-12));
  }

  @ParameterizedTest
  @ValueSource(longs = {41, 42, 43, 44, 45, 46, 47, 48, 49, 50})
  void deterministicDynamicsEmpiricalStart_logLikelihoodGradientIsEmpiricalMinusExpected(
      long seed) {
    IrlProblem p = problem(seed, 1, 0, IrlProblem.Start.EMPIRICAL, 6);
    MaxEntObjective obj = new MaxEntObjective(p, Horizon.FINITE, PLANNING);
    double[] w = randomVector(new Random(seed), 4, 1.5);
    double[] expectedMinusEmpirical = gradientW(obj, w);
    double[] fd = finiteDifference(x -> logLik(obj, x), w, H);
    for (int i = 0; i < fd.length; i++) {
      assertThat(fd[i]).as("dℓ/dw_%d", i).isCloseTo(-expectedMinusEmpirical[i], within(FD));
    }
    // the telescoping sum: ℓ(w) = −g(w) exactly in this setting
    assertThat(logLik(obj, w)).isCloseTo(-dual(obj, w), within(1e-10));
  }

  @ParameterizedTest
  @ValueSource(longs = {51, 52, 53})
  void logLikelihood_equalsDirectSumOfLogPolicyProbabilities(long seed) {
    IrlProblem p = problem(seed, 3, 1, IrlProblem.Start.INIT, 5);
    MaxEntObjective obj = new MaxEntObjective(p, Horizon.FINITE, PLANNING);
    double[] r = randomVector(new Random(seed), 7, 1.0);
    MaxEntObjective.Evaluation e = obj.evaluate(r, null);
    double direct = IrlMetrics.logLikelihood(p.demos(), e.policies(), p.gamma(), p.mdp());
    assertThat(e.logLikelihood()).isCloseTo(direct, within(1e-12));
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 5, 9})
  void finiteHorizonVisitation_withoutTerminals_sumsToOneMinusGammaPowerHOverOneMinusGamma(
      int horizon) {
    TabularMdp mdp = randomMdp(horizon, 9, 4, 3, 0.85, 0);
    Demonstrations demos = Demonstrations.sample(mdp, TabularPolicy.uniform(9, 4), 3, horizon, 1);
    IrlProblem p = IrlProblem.of(mdp, randomFeatures(2, 9, 2), demos, horizon,
        IrlProblem.Start.INIT);
    MaxEntObjective obj = new MaxEntObjective(p, Horizon.FINITE, PLANNING);
    MaxEntObjective.Evaluation e = obj.evaluate(randomVector(rand, 9, 2), null);
    double sum = 0;
    for (double d : obj.visitation(e.policies())) {
      sum += d;
    }
    assertThat(sum).isCloseTo((1 - Math.pow(0.85, horizon)) / (1 - 0.85), within(1e-12));
    double empirical = 0;
    for (double d : p.empiricalVisitation()) {
      empirical += d;
    }
    assertThat(empirical).isCloseTo((1 - Math.pow(0.85, horizon)) / (1 - 0.85), within(1e-12));
  }

  @ParameterizedTest
  @ValueSource(doubles = {0.3, 1.0, 2.5})
  void policies_areExpOfQMinusVOverTau_andRowStochastic(double tau) {
    TabularMdp mdp = randomMdp(7, 6, 3, 2, 0.9, 1).withStateRewards(randomVector(rand, 6, 3));
    FiniteHorizonSolution sol = SoftValueIteration.solveFiniteHorizon(mdp, 4, tau, null, 0.9);
    for (int t = 0; t < 4; t++) {
      for (int s = 0; s < 6; s++) {
        double row = 0;
        for (int a = 0; a < 3; a++) {
          double pi = sol.policies()[t].probability(s, a);
          row += pi;
          if (!mdp.isTerminal(s)) {
            assertThat(pi).isCloseTo(Math.exp((sol.q()[t][s * 3 + a] - sol.v()[t][s]) / tau),
                within(1e-12));
          }
        }
        assertThat(row).isCloseTo(1.0, within(1e-12));
      }
    }
  }

  /**
   * The minimiser is unique up to the null space of Φ: with a redundant fourth feature
   * (φ_3 = φ_0 − 2φ_1, null vector n = (1, −2, 0, −1)), gradient descent on g from two starts
   * that differ along n and elsewhere ends at the same reward Φw, with matched feature
   * expectations, and the weights differ by a multiple of n only; the reward also equals the
   * one fitted on the three independent features alone.
   */
  @ParameterizedTest
  @ValueSource(longs = {62, 64, 65, 66})
  void minimiser_uniqueUpToNullSpaceOfFeatures(long seed) {
    int numStates = 6;
    TabularMdp mdp = randomMdp(seed, numStates, 3, 3, 0.8, 0);
    StateFeatures base = randomFeatures(seed + 1, numStates, 3);
    double[] table = new double[numStates * 4];
    for (int s = 0; s < numStates; s++) {
      for (int i = 0; i < 3; i++) {
        table[s * 4 + i] = base.get(s, i);
      }
      table[s * 4 + 3] = base.get(s, 0) - 2 * base.get(s, 1);
    }
    StateFeatures redundant = StateFeatures.of(numStates, 4, table);
    TabularPolicy expert = SoftValueIteration.solve(
        mdp.withStateRewards(base.linear(new double[] {1, -0.5, 0.8}, null))).policy();
    Demonstrations demos = Demonstrations.sample(mdp, expert, 400, 5, seed);
    IrlProblem p4 = IrlProblem.of(mdp, redundant, demos, 5, IrlProblem.Start.INIT);
    IrlProblem p3 = IrlProblem.of(mdp, base, demos, 5, IrlProblem.Start.INIT);

    double[] wA = descend(new MaxEntObjective(p4, Horizon.FINITE, PLANNING),
        new double[4]);
    double[] wB = descend(new MaxEntObjective(p4, Horizon.FINITE, PLANNING),
        new double[] {2.0, -3.0, 1.0, -1.5});
    double[] w3 = descend(new MaxEntObjective(p3, Horizon.FINITE, PLANNING),
        new double[3]);

    double[] rA = redundant.linear(wA, null);
    assertClose(rA, redundant.linear(wB, null), 1e-6);
    assertClose(rA, base.linear(w3, null), 1e-6);
    assertThat(norm(gradientW(new MaxEntObjective(p4, Horizon.FINITE, PLANNING), wA)))
        .isLessThan(1e-8);
    // wB − wA is parallel to n = (1, −2, 0, −1)
    double c = wB[0] - wA[0];
    assertClose(new double[] {c, -2 * c, 0, -c}, new double[] {wB[0] - wA[0], wB[1] - wA[1],
        wB[2] - wA[2], wB[3] - wA[3]}, 1e-6);
    assertThat(Math.abs(c)).isGreaterThan(0.1);
  }

  /** Plain gradient descent with a fixed step until |∇g| < 1e-10. */
  private static double[] descend(MaxEntObjective obj, double[] w0) {
    double[] w = w0.clone();
    for (int it = 0; it < 200_000; it++) {
      double[] g = gradientW(obj, w);
      if (norm(g) < 1e-10) {
        return w;
      }
      for (int i = 0; i < w.length; i++) {
        w[i] -= 1.0 * g[i];
      }
    }
    throw new AssertionError("gradient descent did not converge");
  }

  private static double norm(double[] x) {
    double s = 0;
    for (double v : x) {
      s += v * v;
    }
    return Math.sqrt(s);
  }
}
