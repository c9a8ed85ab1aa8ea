package org.gridrl.benchmarks.exercises;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.gridrl.benchmarks.exercises.Graded.grade;

import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.gridrl.benchmarks.exercises.solutions.DeepMaxEntBackwardNoReluDerivative;
import org.gridrl.benchmarks.exercises.solutions.DeepMaxEntBackwardReference;
import org.gridrl.benchmarks.exercises.solutions.DeepMaxEntBackwardSignFlipped;
import org.gridrl.benchmarks.exercises.solutions.MaxEntGradientHardMax;
import org.gridrl.benchmarks.exercises.solutions.MaxEntGradientReference;
import org.gridrl.benchmarks.exercises.solutions.MaxEntGradientSignFlipped;
import org.gridrl.benchmarks.exercises.solutions.MaxEntGradientUnnormalised;
import org.gridrl.benchmarks.exercises.solutions.MaxEntGradientWithKernels;
import org.gridrl.core.mdp.StateFeatures;
import org.gridrl.core.mdp.TabularMdp;
import org.gridrl.core.nn.Init;
import org.gridrl.core.nn.Mlp;
import org.gridrl.core.planning.SoftViConfig;
import org.gridrl.core.util.Rng;
import org.gridrl.irl.DeepMaxEntIrl;
import org.gridrl.irl.DeepMaxEntIrlConfig;
import org.gridrl.irl.Demonstrations;
import org.gridrl.irl.IrlProblem;
import org.gridrl.irl.MaxEntIrl;
import org.gridrl.irl.MaxEntIrlConfig;
import org.gridrl.irl.MaxEntObjective;
import org.junit.jupiter.api.Test;

/**
 * Exercises 3 (the MaxEnt gradient) and 4 (the deep MaxEnt backward step): the reference
 * solutions score full marks on seeds 1 to 4; each deliberately wrong solution is rejected with
 * a line naming the case and the error, and passes exactly the cases where its mistake cannot
 * show; the grader's answers are the irl module's own (MaxEntIrl's first exponentiated-gradient
 * step, DeepMaxEntIrl's first gradient norm and Adam step).
 */
class IrlExercisesTest {

  private static final Exercise<MaxEntGradient> THREE = IrlExercises.maxEntGradient();
  private static final Exercise<DeepMaxEntBackward> FOUR = IrlExercises.deepMaxEntBackward();

  @Test
  void references_scoreFullMarks_onSeedsOneToFour() {
    for (long seed = 1; seed <= 4; seed++) {
      Graded jdk = grade(THREE, new MaxEntGradientReference(), seed);
      assertThat(jdk.report().allPassed()).as("%s", jdk.lines()).isTrue();
      assertThat(jdk.score()).startsWith("score: 8/8");
      Graded kernels = grade(THREE, new MaxEntGradientWithKernels(), seed);
      assertThat(kernels.report().allPassed()).as("%s", kernels.lines()).isTrue();
      Graded deep = grade(FOUR, new DeepMaxEntBackwardReference(), seed);
      assertThat(deep.report().allPassed()).as("%s", deep.lines()).isTrue();
      assertThat(deep.score()).startsWith("score: 6/6");
    }
  }

  @Test
  void registeredInNumberOrder_withTheirStatements() {
    List<Integer> numbers = Exercises.all().stream().map(Exercise::number).toList();
    assertThat(numbers).isSorted().contains(3, 4);
    assertThat(Exercises.byNumber(3).orElseThrow().api()).isEqualTo(MaxEntGradient.class);
    assertThat(Exercises.byNumber(4).orElseThrow().api()).isEqualTo(DeepMaxEntBackward.class);
    assertThat(Exercises.statement(THREE)).startsWith("# Exercise 3: the MaxEnt IRL gradient")
        .contains("gridrl exercise check 3");
    assertThat(Exercises.statement(FOUR)).startsWith("# Exercise 4: the deep MaxEnt backward")
        .contains("gridrl exercise check 4");
  }

  @Test
  void referenceErrors_areFarBelowTheTolerance() {
    // the JDK reference iterates its own soft VI: its largest error is what the tolerance has
    // to absorb; the deep step is exact up to round-off
    for (long seed = 1; seed <= 4; seed++) {
      for (Verdict v : grade(THREE, new MaxEntGradientReference(), seed).report().verdicts()) {
        assertThat(v.maxError()).isLessThan(IrlExercises.GRADIENT_TOL / 100);
      }
      for (Verdict v : grade(FOUR, new DeepMaxEntBackwardReference(), seed).report()
          .verdicts()) {
        assertThat(v.maxError()).isLessThan(IrlExercises.BACKWARD_TOL / 100);
      }
    }
  }

  @Test
  void chainIntoATerminal_hasGradientZero() {
    // D̂ = D = (1, γ, 0): an all-zero answer is right to round-off
    MaxEntGradient zero = (p, t, g, d0, phi, demos, w, tau) -> new double[w.length];
    Graded g = grade(THREE, zero, 1);
    assertThat(g.report().verdicts().get(0).passed()).isTrue();
    assertThat(g.report().verdicts().get(0).maxError()).isLessThan(1e-14);
    assertThat(g.report().passed()).isEqualTo(1);
    DeepMaxEntBackward nothing = (x, w, b, demos, t, gamma, d, gw, gb) -> { };
    Graded deep = grade(FOUR, nothing, 1);
    assertThat(deep.report().verdicts().get(0).maxError()).isLessThan(1e-14);
    assertThat(deep.report().passed()).isEqualTo(1);
  }

  @Test
  void signError_failsEveryCaseButTheZeroGradient() {
    Graded g = grade(THREE, new MaxEntGradientSignFlipped(), 1);
    assertThat(g.caseLine("the gradient is 0")).contains("PASS");
    assertThat(g.caseLine("one demonstration")).contains("FAIL").contains("at feature");
    assertThat(g.score()).startsWith("score: 1/8");
    Graded deep = grade(FOUR, new DeepMaxEntBackwardSignFlipped(), 1);
    assertThat(deep.caseLine("every gradient is 0")).contains("PASS");
    assertThat(deep.caseLine("no hidden layer")).contains("FAIL").contains("at dL/d");
    assertThat(deep.score()).startsWith("score: 1/6");
  }

  @Test
  void unnormalisedDemonstrations_passOnlyWithOneDemonstration() {
    Graded g = grade(THREE, new MaxEntGradientUnnormalised(), 1);
    assertThat(g.caseLine("one demonstration")).contains("PASS");
    // N = 3 equal demonstrations: 3μ_D − E[μ] = 2μ_D where the answer is 0
    assertThat(g.caseLine("three equal demonstrations")).contains("FAIL");
    assertThat(g.report().verdicts().get(0).maxError()).isGreaterThan(1);
    assertThat(g.caseLine("two terminal states")).contains("FAIL").contains("at feature");
    assertThat(g.score()).startsWith("score: 1/8");
  }

  @Test
  void hardMaxPolicy_failsWhereActionsAreTied_andPassesWithOneAction() {
    Graded g = grade(THREE, new MaxEntGradientHardMax(), 1);
    assertThat(g.caseLine("one action")).contains("PASS");
    assertThat(g.caseLine("every action tied")).contains("FAIL").contains("at feature");
    assertThat(g.caseLine("tau = 0.5")).contains("FAIL");
    assertThat(g.score()).startsWith("score: 1/8");
  }

  @Test
  void missingReluDerivative_passesOnlyWithoutHiddenUnitsThatMatter() {
    Graded g = grade(FOUR, new DeepMaxEntBackwardNoReluDerivative(), 1);
    assertThat(g.caseLine("no hidden layer")).contains("PASS");
    assertThat(g.caseLine("every gradient is 0")).contains("PASS");
    // the dead units get gradient where the library gives them exactly 0
    assertThat(g.caseLine("dead on every state")).contains("FAIL").contains("at dL/dW_0[")
        .contains("expected 0.00000");
    assertThat(g.score()).startsWith("score: 2/6");
  }

  @Test
  void deepNanOrReplacedRows_getOneLineNamingTheEntry() {
    DeepMaxEntBackward nan = (x, w, b, demos, t, gamma, d, gw, gb) -> gw[0][1][0] = Double.NaN;
    assertThat(grade(FOUR, nan, 1).lines().get(1)).contains("FAIL")
        .contains("dL/dW_0[1][0] is NaN");
    DeepMaxEntBackward replaced = (x, w, b, demos, t, gamma, d, gw, gb) -> gb[0] = new double[0];
    assertThat(grade(FOUR, replaced, 1).lines().get(0)).contains("FAIL")
        .contains("gradBiases[0] was replaced: it must keep 4 entries");
  }

  /** A random problem with features in [0, 1), demonstrations of a random policy. */
  private static IrlProblem problem(Rng rng, int states, int actions, int k, double gamma) {
    double[][][] p = TabularCases.transitions(rng, states, actions, false);
    boolean[] terminal = new boolean[states];
    terminal[states - 1] = true;
    double[] d0 = TabularCases.distribution(rng, states);
    TabularMdp mdp = TabularCases.mdp(p, new double[states][actions], terminal, gamma, d0);
    double[] phi = TabularCases.vector(rng, states * k, 0, 1);
    Demonstrations demos = Demonstrations.sample(mdp, TabularCases.policy(
        TabularCases.policy(rng, states, actions, false)), 7, 12, 11);
    return IrlProblem.of(mdp, StateFeatures.of(states, k, phi), demos);
  }

  @Test
  void exerciseThreesAnswer_isMaxEntIrlsFirstStep() {
    // exponentiated gradient from w = 0: w_1 = −2 sinh(η ∇g), so ∇g = −asinh(w_1/2)/η; the
    // grader's μ_D − E[μ] is −∇g
    IrlProblem problem = problem(new Rng(5), 9, 3, 4, 0.9);
    SoftViConfig planning = SoftViConfig.defaults().withTemperature(0.7);
    double eta = 1e-3;
    MaxEntIrlConfig config = MaxEntIrlConfig.defaults()
        .withHorizon(MaxEntObjective.Horizon.DISCOUNTED).withPlanning(planning).withL2(0)
        .withOptimizer(MaxEntIrlConfig.Optimizer.EXPONENTIATED_GRADIENT).withLearningRate(eta)
        .withMaxIterations(2);
    double[] w1 = MaxEntIrl.train(problem, config).weights();
    double[] graded = IrlExercises.libraryGradient(problem, MaxEntObjective.Horizon.DISCOUNTED,
        planning, new double[4]);
    for (int i = 0; i < 4; i++) {
      assertThat(graded[i]).isCloseTo(asinh(w1[i] / 2) / eta, within(1e-9));
    }
    assertThat(graded).isNotEqualTo(new double[4]);
  }

  private static double asinh(double x) {
    return Math.log(x + Math.sqrt(x * x + 1));
  }

  @Test
  void exerciseFoursAnswer_isDeepMaxEntIrlsFirstGradient() {
    IrlProblem problem = problem(new Rng(6), 12, 3, 3, 0.9);
    DeepMaxEntIrlConfig config = DeepMaxEntIrlConfig.defaults().withHidden(List.of(5, 4))
        .withWeightDecay(0).withInputScaling(DeepMaxEntIrlConfig.InputScaling.MIN_MAX)
        .withSeed(3);
    // DeepMaxEntIrl's network before its first step, and its inputs (φ − min)/range
    Mlp net = new Mlp(new int[] {3, 5, 4, 1}, config.activation(), Init.xavierUniform(),
        new Rng(config.seed()));
    StateFeatures phi = problem.features();
    double[][] x = new double[12][3];
    for (int i = 0; i < 3; i++) {
      double lo = Double.POSITIVE_INFINITY;
      double hi = Double.NEGATIVE_INFINITY;
      for (int s = 0; s < 12; s++) {
        lo = Math.min(lo, phi.get(s, i));
        hi = Math.max(hi, phi.get(s, i));
      }
      for (int s = 0; s < 12; s++) {
        x[s][i] = (phi.get(s, i) - lo) / (hi - lo);
      }
    }
    List<DMatrixRMaj> theta0 = net.parameterValues().stream().map(DMatrixRMaj::copy).toList();
    IrlExercises.DeepStep step = IrlExercises.libraryBackward(problem, config.horizon(),
        config.planning(), net, x);
    double sq = 0;
    for (DMatrixRMaj g : step.gradient()) {
      for (double v : g.data) {
        sq += v * v;
      }
    }
    // one iteration: no step, the reported gradient norm is |J_θᵀ(D − D̂)|
    double norm = DeepMaxEntIrl.train(problem, config.withMaxIterations(1)).result()
        .finalMetric();
    assertThat(Math.sqrt(sq)).isCloseTo(norm, within(1e-12 * norm));
    // two: Adam's first step is −lr·g/(|g| + ε), so each parameter moves along the ascent
    // direction the grader asks for
    List<DMatrixRMaj> theta1 = DeepMaxEntIrl.train(problem, config.withMaxIterations(2))
        .network().parameterValues();
    int checked = 0;
    for (int p = 0; p < theta0.size(); p++) {
      for (int j = 0; j < theta0.get(p).data.length; j++) {
        double g = step.gradient().get(p).data[j];
        if (Math.abs(g) > 1e-6) {
          double moved = theta1.get(p).data[j] - theta0.get(p).data[j];
          assertThat(Math.signum(moved)).isEqualTo(Math.signum(g));
          assertThat(Math.abs(moved)).isCloseTo(config.learningRate(), within(1e-6));
          checked++;
        }
      }
    }
    assertThat(checked).isGreaterThan(20);
  }
}
