package org.gridrl.multitask;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Random;
import org.gridrl.core.mdp.TabularMdp;
import org.gridrl.core.mdp.TabularMdpBuilder;
import org.gridrl.core.mdp.TabularPolicy;
import org.gridrl.core.planning.Solution;
import org.gridrl.core.planning.SoftValueIteration;
import org.gridrl.core.planning.SoftViConfig;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class DistralTabularTest {

  /** Agreement of two computations of the same numbers (soft VI against the direct sums). */
  private static final double TIGHT = 1e-12;
  /** Agreement of converged fixed-point iterations (tolerances 1e-12 to 1e-14). */
  private static final double SOLVE = 1e-9;

  /**
   * A 3-state line, action 0 left and 1 right: the intended move with probability 1 − slip,
   * else stay; reward 1 in {@code goal} (every action) and −0.1 for moving right.
   */
  static TabularMdp line(double slip, int goal, double[] d0, boolean lastTerminal, int ns) {
    TabularMdpBuilder b = TabularMdp.builder(ns, 2).gamma(0.9);
    for (int s = 0; s < ns; s++) {
      for (int a = 0; a < 2; a++) {
        int next = a == 0 ? Math.max(0, s - 1) : Math.min(ns - 1, s + 1);
        if (next == s) {
          b.transition(s, a, s, 1.0);
        } else {
          b.transition(s, a, next, 1 - slip);
          b.transition(s, a, s, slip);
        }
        b.reward(s, a, (s == goal ? 1.0 : 0.0) - (a == 1 ? 0.1 : 0.0));
      }
    }
    b.initialDistribution(d0);
    if (lastTerminal) {
      b.terminal(ns - 1);
    }
    return b.build();
  }

  /** Two tasks on the same 3 states whose goals pull the middle state's action apart. */
  static List<TabularMdp> twoTasks() {
    return List.of(line(0.2, 2, new double[] {0.2, 0.5, 0.3}, false, 3),
        line(0.3, 0, new double[] {0.3, 0.4, 0.3}, false, 3));
  }

  static double[] randomPrior(Random r, int ns, int na) {
    double[] p = new double[ns * na];
    for (int s = 0; s < ns; s++) {
      double sum = 0;
      for (int a = 0; a < na; a++) {
        p[s * na + a] = r.nextDouble() + 0.05;
        sum += p[s * na + a];
      }
      for (int a = 0; a < na; a++) {
        p[s * na + a] /= sum;
      }
    }
    return p;
  }

  static void assertClose(double[] expected, double[] actual, double tol) {
    assertThat(actual).hasSameSizeAs(expected);
    for (int i = 0; i < expected.length; i++) {
      assertThat(actual[i]).as("index %s", i).isCloseTo(expected[i], within(tol));
    }
  }

  @ParameterizedTest
  @CsvSource({"0, 0.5", "0.3, 2", "0.5, 5", "1, 1"})
  void solveTasks_normalisedPriorAndShiftedReward_equalThePinnedEquations(double alpha,
      double beta) {
    // a 4-state line with a terminal state, a non-uniform prior
    TabularMdp task = line(0.25, 1, new double[] {0.5, 0.5, 0, 0}, true, 4);
    double[] pi0 = randomPrior(new Random(345), 4, 2);
    DistralConfig config = DistralConfig.defaults().withAlpha(alpha).withBeta(beta);
    Solution sol = DistralTabular.solveTasks(List.of(task), TabularPolicy.of(4, 2, pi0), config)
        .get(0);
    DirectDistral.Soft direct = DirectDistral.solve(task, pi0, alpha, beta);
    assertClose(direct.v(), sol.v(), SOLVE);
    assertClose(direct.q(), sol.q(), SOLVE);
    double[] pi = sol.policy().toArray();
    for (int s = 0; s < 3; s++) { // the terminal state takes no action
      for (int a = 0; a < 2; a++) {
        assertThat(pi[s * 2 + a]).isCloseTo(direct.pi()[s * 2 + a], within(SOLVE));
      }
    }
    // the pinned π sums to 1 without normalising: V is the log-partition of π0^α exp(βQ)
    assertThat(direct.pi()[0] + direct.pi()[1]).isCloseTo(1, within(SOLVE));
  }

  @Test
  void oneTask_alphaOne_isCoreSoftViWithThePriorAtTauOneOverBeta() {
    TabularMdp task = twoTasks().get(0);
    TabularPolicy pi0 = TabularPolicy.of(3, 2, randomPrior(new Random(7), 3, 2));
    DistralConfig config = DistralConfig.defaults().withAlpha(1).withBeta(2);
    Solution distral = DistralTabular.solveTasks(List.of(task), pi0, config).get(0);
    Solution core = SoftValueIteration.solve(task, new SoftViConfig(0.5, 1e-12, 100_000), pi0,
        null);
    assertClose(core.policy().toArray(), distral.policy().toArray(), TIGHT);
    assertClose(core.v(), distral.v(), TIGHT);
    // one alternation of train: π_1 is soft VI's with the uniform prior
    DistralResult one = DistralTabular.train(List.of(task), config.withMaxIterations(1));
    Solution uniform = SoftValueIteration.solve(task, new SoftViConfig(0.5, 1e-12, 100_000),
        TabularPolicy.uniform(3, 2), null);
    assertClose(uniform.policy().toArray(), one.policies().get(0).toArray(), TIGHT);
    assertThat(one.iterations()).isEqualTo(1);
    assertThat(one.converged()).isFalse();
    assertThat(one.prior()).isEqualTo(TabularPolicy.uniform(3, 2));
  }

  @Test
  void gammaZero_firstAlternation_isSoftmaxOfReward_andUnreachedStateKeepsUniformPrior() {
    // γ = 0: d_i = d0_i, π_i(a|s) ∝ π0(a|s)^α exp(β R_i(s,a)); state 2 has no start mass
    TabularMdp a = line(0.2, 0, new double[] {0.5, 0.5, 0}, false, 3).withGamma(0);
    TabularMdp b = line(0.2, 1, new double[] {0, 1, 0}, false, 3).withGamma(0);
    DistralConfig config = DistralConfig.defaults().withAlpha(0.5).withBeta(2);
    List<Solution> sols = DistralTabular.solveTasks(List.of(a, b),
        TabularPolicy.uniform(3, 2), config);
    // task a in state 0: rewards (1, 0.9), so π(right) = 1/(1 + e^{2·0.1})
    double right0 = 1 / (1 + Math.exp(0.2));
    assertThat(sols.get(0).policy().probability(0, 1)).isCloseTo(right0, within(TIGHT));
    // task b in state 1: rewards (1, 0.9) as well; task a in state 1: (0, −0.1)
    assertThat(sols.get(1).policy().probability(1, 1)).isCloseTo(right0, within(TIGHT));
    assertThat(sols.get(0).policy().probability(1, 1)).isCloseTo(right0, within(TIGHT));
    TabularPolicy pi0 = DistralTabular.distill(List.of(a, b),
        sols.stream().map(Solution::policy).toList());
    // state 0: only task a (d0 = 0.5); state 1: task a 0.5 and task b 1, same π there
    assertThat(pi0.probability(0, 1)).isCloseTo(right0, within(TIGHT));
    assertThat(pi0.probability(1, 1)).isCloseTo(right0, within(TIGHT));
    assertThat(pi0.probability(2, 0)).isEqualTo(0.5);
    assertThat(pi0.probability(2, 1)).isEqualTo(0.5);
    // the fixed point of γ = 0 with α = 0.5 in state 0 (task a alone): p = p^α e^{βR}/Z, so
    // p(right)/p(left) = (e^{−0.2})^{1/(1−α)} = e^{−0.4}
    DistralResult fixed = DistralTabular.train(List.of(a, b), config);
    assertThat(fixed.converged()).isTrue();
    assertThat(fixed.prior().probability(0, 1)).isCloseTo(1 / (1 + Math.exp(0.4)),
        within(1e-9));
  }

  @Test
  void fixedPoint_isAStationaryPointAndLocalMaximumOfTheRegularisedObjective() {
    List<TabularMdp> tasks = twoTasks();
    double alpha = 0.5;
    double beta = 2;
    DistralResult result = DistralTabular.train(tasks,
        DistralConfig.defaults().withAlpha(alpha).withBeta(beta));
    assertThat(result.converged()).isTrue();
    assertThat(result.priorChange()).isLessThan(1e-10);
    double[] pi0 = result.prior().toArray();
    // J of the direct policy evaluation at (π0, π_i) is Σ_i d0_i·V_i
    double j = 0;
    for (int i = 0; i < 2; i++) {
      j += DirectDistral.objective(tasks.get(i), pi0, result.policies().get(i).toArray(), alpha,
          beta);
    }
    assertThat(result.objective()).isCloseTo(j, within(SOLVE));
    assertThat(DirectDistral.bestObjective(tasks, pi0, alpha, beta)).isCloseTo(j, within(SOLVE));
    // the gradient of F(θ) = J(softmax θ, π_i*(softmax θ)) by central differences is 0 at the
    // fixed point, and not at the uniform start
    double[] theta = new double[6];
    for (int k = 0; k < 6; k++) {
      theta[k] = Math.log(pi0[k]);
    }
    assertThat(maxAbs(gradient(tasks, theta, alpha, beta))).isLessThan(1e-7);
    assertThat(maxAbs(gradient(tasks, new double[6], alpha, beta))).isGreaterThan(1e-2);
    // and F is lower at random perturbations of θ
    Random r = new Random(345);
    for (int trial = 0; trial < 50; trial++) {
      double[] t = theta.clone();
      for (int k = 0; k < 6; k++) {
        t[k] += 0.2 * r.nextGaussian();
      }
      assertThat(F(tasks, t, alpha, beta)).isLessThanOrEqualTo(j + 1e-12);
    }
  }

  @Test
  void fixedPoint_equalsDirectGradientAscentOnTheObjective() {
    List<TabularMdp> tasks = twoTasks();
    double alpha = 0.5;
    double beta = 2;
    DistralResult result = DistralTabular.train(tasks,
        DistralConfig.defaults().withAlpha(alpha).withBeta(beta));
    // maximise F(θ) from θ = 0 by finite-difference gradient ascent with backtracking
    double[] theta = new double[6];
    double f = F(tasks, theta, alpha, beta);
    double step = 1;
    for (int it = 0; it < 5000; it++) {
      double[] g = gradient(tasks, theta, alpha, beta);
      if (maxAbs(g) < 1e-8) {
        break;
      }
      while (true) {
        double[] t = theta.clone();
        for (int k = 0; k < 6; k++) {
          t[k] += step * g[k];
        }
        double ft = F(tasks, t, alpha, beta);
        if (ft > f) {
          theta = t;
          f = ft;
          step *= 1.5;
          break;
        }
        step /= 2;
        if (step < 1e-12) {
          break;
        }
      }
    }
    assertClose(DirectDistral.softmax(theta, 3, 2), result.prior().toArray(), 1e-6);
    assertThat(result.objective()).isCloseTo(f, within(1e-9));
  }

  @Test
  void tasksOfDifferentStatesOrActions_areRefusedNamingTheTask() {
    TabularMdp three = twoTasks().get(0);
    TabularMdp four = line(0.2, 1, new double[] {1, 0, 0, 0}, false, 4);
    assertThatThrownBy(() -> DistralTabular.train(List.of(three, four), DistralConfig.defaults()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("task 1 has S = 4 states and A = 2 actions, task 0 has S = 3 and A = 2;"
            + " Distral shares one prior over the same states and actions");
    TabularMdp threeActions = TabularMdp.builder(3, 3).gamma(0.9)
        .transition(0, 0, 0, 1).transition(0, 1, 0, 1).transition(0, 2, 0, 1)
        .transition(1, 0, 1, 1).transition(1, 1, 1, 1).transition(1, 2, 1, 1)
        .transition(2, 0, 2, 1).transition(2, 1, 2, 1).transition(2, 2, 2, 1)
        .initialDistribution(new double[] {1, 0, 0}).build();
    assertThatThrownBy(() -> DistralTabular.train(List.of(three, threeActions),
        DistralConfig.defaults())).hasMessageContaining("task 1 has S = 3 states and A = 3");
    assertThatThrownBy(() -> DistralTabular.train(List.of(), DistralConfig.defaults()))
        .hasMessage("Distral needs at least one task, got none");
  }

  @Test
  void config_refusesAlphaOutsideUnitIntervalAndNonPositiveBeta() {
    assertThatThrownBy(() -> DistralConfig.defaults().withAlpha(1.5))
        .hasMessage("alpha must be in [0, 1], got 1.5");
    assertThatThrownBy(() -> DistralConfig.defaults().withBeta(0))
        .hasMessage("beta must be finite and > 0, got 0.0");
    assertThatThrownBy(() -> DistralConfig.defaults().withAlpha(Double.NaN))
        .hasMessageContaining("alpha must be in [0, 1]");
  }

  @Test
  void history_objectiveNeverDecreases_andTrainingAgainFromProvenanceGivesTheSameNumbers() {
    List<TabularMdp> tasks = twoTasks();
    DistralResult result = DistralTabular.train(tasks,
        DistralConfig.defaults().withAlpha(0.7).withBeta(3));
    double[] objective = result.history().series(DistralMetrics.OBJECTIVE);
    assertThat(objective).hasSize(result.iterations());
    for (int k = 1; k < objective.length; k++) {
      assertThat(objective[k]).isGreaterThanOrEqualTo(objective[k - 1] - 1e-12);
    }
    assertThat(result.history().last(DistralMetrics.PRIOR_CHANGE))
        .isEqualTo(result.priorChange());
    DistralResult again = DistralTabular.train(tasks,
        (DistralConfig) result.provenance().config());
    assertThat(again.prior()).isEqualTo(result.prior());
    assertThat(again.policies()).isEqualTo(result.policies());
    assertThat(again.objective()).isEqualTo(result.objective());
    assertThat(result.provenance().algorithm()).isEqualTo("distral-tabular");
  }

  // F(θ) and its central-difference gradient, from the direct implementation only

  private static double F(List<TabularMdp> tasks, double[] theta, double alpha, double beta) {
    return DirectDistral.bestObjective(tasks, DirectDistral.softmax(theta, 3, 2), alpha, beta);
  }

  private static double[] gradient(List<TabularMdp> tasks, double[] theta, double alpha,
      double beta) {
    final double h = 1e-5;
    double[] g = new double[theta.length];
    for (int k = 0; k < theta.length; k++) {
      double[] up = theta.clone();
      double[] down = theta.clone();
      up[k] += h;
      down[k] -= h;
      g[k] = (F(tasks, up, alpha, beta) - F(tasks, down, alpha, beta)) / (2 * h);
    }
    return g;
  }

  private static double maxAbs(double[] x) {
    double m = 0;
    for (double v : x) {
      m = Math.max(m, Math.abs(v));
    }
    return m;
  }
}
