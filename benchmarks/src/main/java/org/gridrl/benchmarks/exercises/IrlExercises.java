package org.gridrl.benchmarks.exercises;

import java.util.ArrayList;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.gridrl.core.autodiff.Tape;
import org.gridrl.core.autodiff.Tensor;
import org.gridrl.core.mdp.StateFeatures;
import org.gridrl.core.mdp.TabularMdp;
import org.gridrl.core.nn.Activation;
import org.gridrl.core.nn.Init;
import org.gridrl.core.nn.Mlp;
import org.gridrl.core.planning.SoftViConfig;
import org.gridrl.core.util.Numbers;
import org.gridrl.core.util.Rng;
import org.gridrl.irl.DeepMaxEntIrlConfig;
import org.gridrl.irl.Demonstrations;
import org.gridrl.irl.IrlProblem;
import org.gridrl.irl.MaxEntObjective;

/**
 * The IRL exercises: 3, the MaxEnt gradient μ_D − E[μ], against the irl module's
 * {@link MaxEntObjective} (the objective {@code MaxEntIrl} descends: its ∂g/∂r = D − D̂ mapped
 * to the weights by {@link IrlProblem#transposeTimes}, negated), discounted horizon; 4, the deep
 * MaxEnt backward step, against what {@code DeepMaxEntIrl} runs each iteration: the network
 * forward on a {@link Tape} ({@link Mlp}), {@link MaxEntObjective#evaluate} at that reward with
 * the deep fit's default horizon and planning, and the vector-Jacobian product
 * {@link Tape#vjp} of D̂ − D. The library's soft VI runs to 1e-12 (the default is 1e-10) so that
 * its own error stays far below the tolerance.
 */
final class IrlExercises {

  /** Exercise 3's tolerance: max error ≤ TOL · (1 + max |library|); a solution iterates soft
   * VI itself, to its own tolerance. */
  static final double GRADIENT_TOL = 1e-7;
  /** Exercise 4's tolerance: D is given, so only round-off separates a right answer. */
  static final double BACKWARD_TOL = 1e-10;
  /** The library's soft VI tolerance in the graded cases. */
  static final double PLANNING_TOL = 1e-12;

  private IrlExercises() {
  }

  /** Exercise 3. */
  static Exercise<MaxEntGradient> maxEntGradient() {
    return new Exercise<>(3, "maxent-gradient", "The MaxEnt IRL gradient (mu_D - E[mu])",
        MaxEntGradient.class, IrlExercises::gradientCases);
  }

  /** Exercise 4. */
  static Exercise<DeepMaxEntBackward> deepMaxEntBackward() {
    return new Exercise<>(4, "deep-maxent-backward", "The deep MaxEnt backward step (the"
        + " reward gradient through the visitation and the network)", DeepMaxEntBackward.class,
        IrlExercises::backwardCases);
  }

  /**
   * One random IRL problem's shape: S, A, k features (0 for one indicator per state), γ, τ, the
   * number of terminals, N demonstrations of at most L steps (fewer if they reach a terminal),
   * sparse transitions, a special case (exercise 3: w = 0; exercise 4: half the hidden units
   * dead), network layer sizes (exercise 4: input k first, output 1 last),
   * a note for the case's name.
   */
  private record Shape(int states, int actions, int features, double gamma, double tau,
      int terminals, int demos, int length, boolean sparse, boolean special, int[] layers,
      String note) {
  }

  /** A problem as the student sees it (arrays) and as the library does. */
  private record Problem(double[][][] p, boolean[] terminal, double gamma, double[] d0,
      double[][] phi, int[][] demos, IrlProblem library) {
  }

  private static List<Exercise.Case<MaxEntGradient>> gradientCases(long seed) {
    Shape[] shapes = {
        shape(3, 1, 2, 0.9, 1, 0, 3, 0, "a chain into a terminal, one action, three equal"
            + " demonstrations: mu_D = E[mu], the gradient is 0"),
        shape(5, 3, 4, 0.9, 1, 0, 10, 15, ""),
        new Shape(6, 3, 3, 0.9, 1, 0, 8, 12, false, true, null,
            "w = 0: every action tied, the soft policy is uniform"),
        shape(8, 3, 4, 0.95, 1, 2, 10, 30, "two terminal states, demonstrations stop there"),
        shape(6, 2, 3, 0.9, 1, 0, 1, 20, "one demonstration"),
        new Shape(12, 4, 5, 0.9, 0.5, 0, 10, 20, true, false, null,
            "tau = 0.5, sparse transitions"),
        shape(20, 3, 6, 0.99, 1, 1, 12, 60, "gamma = 0.99, a terminal"),
        shape(5, 2, 0, 0.8, 2, 0, 6, 10, "one indicator feature per state, tau = 2: the"
            + " gradient is D_hat - D"),
    };
    List<Exercise.Case<MaxEntGradient>> cases = new ArrayList<>();
    Rng root = new Rng(seed);
    for (int c = 0; c < shapes.length; c++) {
      Shape sh = shapes[c];
      Rng rng = root.fork(c);
      Problem pr = c == 0 ? chain(rng, sh) : problem(rng, sh);
      int k = pr.phi[0].length;
      double[] w = sh.special ? new double[k] : TabularCases.vector(rng, k, -1, 1);
      double[] expected = libraryGradient(pr.library, MaxEntObjective.Horizon.DISCOUNTED,
          SoftViConfig.defaults().withTemperature(sh.tau).withTolerance(PLANNING_TOL), w);
      String name = name(sh, pr, " tau=" + Numbers.shortest(sh.tau));
      cases.add(new Exercise.Case<>(name, student -> Verdict.compare("dL/dw", "feature",
          expected, student.gradient(TabularCases.copy(pr.p), pr.terminal.clone(), pr.gamma,
              pr.d0.clone(), TabularCases.copy(pr.phi), copy(pr.demos), w.clone(), sh.tau),
          GRADIENT_TOL)));
    }
    return cases;
  }

  /**
   * μ_D − E[μ] at r = Φw, by the library: {@link MaxEntObjective#evaluate} gives
   * ∂g/∂r = D − D̂, and Φᵀ of it is ∇_w g = E[μ] − μ_D, as in {@code MaxEntIrl.train}.
   */
  static double[] libraryGradient(IrlProblem problem, MaxEntObjective.Horizon horizon,
      SoftViConfig planning, double[] w) {
    StateFeatures phi = problem.features();
    MaxEntObjective objective = new MaxEntObjective(problem, horizon, planning);
    double[] gradR = new double[phi.numStates()];
    objective.evaluate(phi.linear(w, new double[phi.numStates()]), gradR);
    double[] g = IrlProblem.transposeTimes(phi, gradR, new double[phi.numFeatures()]);
    for (int i = 0; i < g.length; i++) {
      g[i] = -g[i];
    }
    return g;
  }

  private static List<Exercise.Case<DeepMaxEntBackward>> backwardCases(long seed) {
    Shape[] shapes = {
        new Shape(3, 1, 2, 0.9, 1, 0, 3, 0, false, false, new int[] {2, 4, 1},
            "a chain into a terminal, one action, three equal demonstrations: D = D_hat, every"
            + " gradient is 0"),
        new Shape(6, 2, 3, 0.9, 1, 0, 8, 12, false, false, new int[] {3, 1},
            "no hidden layer: r = x W + b, the gradient is exercise 3's"),
        new Shape(10, 3, 4, 0.9, 1, 0, 10, 15, false, false, new int[] {4, 8, 1}, ""),
        new Shape(20, 4, 5, 0.95, 1, 2, 10, 30, true, false, new int[] {5, 16, 16, 1},
            "two terminals, sparse transitions"),
        new Shape(10, 3, 4, 0.9, 1, 0, 10, 15, false, true, new int[] {4, 8, 1},
            "half the hidden units dead on every state: their gradients are 0"),
        new Shape(15, 3, 3, 0.99, 1, 1, 1, 60, false, false, new int[] {3, 6, 6, 1},
            "one demonstration, gamma = 0.99, a terminal"),
    };
    DeepMaxEntIrlConfig deep = DeepMaxEntIrlConfig.defaults();
    SoftViConfig planning = deep.planning().withTolerance(PLANNING_TOL);
    List<Exercise.Case<DeepMaxEntBackward>> cases = new ArrayList<>();
    Rng root = new Rng(seed);
    for (int c = 0; c < shapes.length; c++) {
      Shape sh = shapes[c];
      Rng rng = root.fork(c);
      Problem pr = c == 0 ? chain(rng, sh) : problem(rng, sh);
      double[][] x = TabularCases.table(rng, sh.states, sh.features, -2, 2);
      Mlp net = new Mlp(sh.layers, deep.activation(), Init.xavierUniform(), rng.split());
      List<DMatrixRMaj> theta = net.parameterValues();
      for (int l = 0; l < theta.size(); l += 2) {
        double[] b = theta.get(l + 1).data;
        for (int j = 0; j < b.length; j++) {
          // dead: relu(xW + b) = 0 on every state (|xW| ≤ 2k·max|W| < 100, x in [−2, 2])
          boolean dead = sh.special && l + 2 < theta.size() && j % 2 == 0;
          b[j] = dead ? -100 : rng.nextDouble(-0.5, 0.5);
        }
      }
      DeepStep step = libraryBackward(pr.library, deep.horizon(), planning, net, x);
      double[][][] w = new double[theta.size() / 2][][];
      double[][] b = new double[theta.size() / 2][];
      for (int l = 0; l < w.length; l++) {
        w[l] = rows(theta.get(2 * l));
        b[l] = theta.get(2 * l + 1).data.clone();
      }
      String name = name(sh, pr, " layers=" + sizes(sh.layers));
      cases.add(new Exercise.Case<>(name, student -> {
        double[][][] gw = zerosLike(w);
        double[][] gb = TabularCases.copy(b);
        for (double[] row : gb) {
          java.util.Arrays.fill(row, 0);
        }
        student.backward(TabularCases.copy(x), copy(w), TabularCases.copy(b), copy(pr.demos),
            pr.terminal.clone(), pr.gamma, step.visitation.clone(), gw, gb);
        return compareParameters(step.gradient, gw, gb, BACKWARD_TOL);
      }));
    }
    return cases;
  }

  /**
   * The library's deep MaxEnt step at the network's current θ.
   *
   * @param visitation D, the model's visitation (0 at terminals)
   * @param gradient ∂L/∂θ = J_θᵀ (D̂ − D), one matrix per parameter in {@link Mlp}'s order
   */
  record DeepStep(double[] visitation, List<DMatrixRMaj> gradient) {
  }

  /**
   * What {@code DeepMaxEntIrl} computes each iteration, with its public pieces: r = f_θ(x) on a
   * tape, ∂g/∂r = D − D̂ from {@link MaxEntObjective#evaluate}, then the vector-Jacobian
   * product J_θᵀ (D̂ − D) (the ascent direction of L = −g; DeepMaxEntIrl descends J_θᵀ(D − D̂)).
   */
  static DeepStep libraryBackward(IrlProblem problem, MaxEntObjective.Horizon horizon,
      SoftViConfig planning, Mlp net, double[][] x) {
    int states = x.length;
    Tape tape = new Tape();
    List<Tensor> params = net.bind(tape);
    Tensor r = net.forward(tape, tape.constant(new DMatrixRMaj(x)), params);
    MaxEntObjective objective = new MaxEntObjective(problem, horizon, planning);
    double[] gradR = new double[states];
    MaxEntObjective.Evaluation eval = objective.evaluate(r.value().data.clone(), gradR);
    DMatrixRMaj seed = new DMatrixRMaj(states, 1);
    for (int s = 0; s < states; s++) {
      seed.data[s] = -gradR[s];
    }
    List<DMatrixRMaj> grads = new ArrayList<>();
    for (Tensor g : tape.vjp(r, tape.constant(seed), params, false)) {
      grads.add(g.value().copy());
    }
    return new DeepStep(objective.visitation(eval.policies()), grads);
  }

  /**
   * Compares a student's ∂L/∂W_l, ∂L/∂b_l with the library's, entry by entry, as
   * {@link Verdict#compare}: max error ≤ tol · (1 + max |library|), naming the worst entry.
   */
  private static Verdict compareParameters(List<DMatrixRMaj> expected, double[][][] gw,
      double[][] gb, double tol) {
    double scale = 1;
    for (DMatrixRMaj m : expected) {
      for (double e : m.data) {
        scale = Math.max(scale, Math.abs(e));
      }
    }
    double worst = -1;
    String at = "";
    double gotAt = 0;
    double expAt = 0;
    for (int l = 0; l < gw.length; l++) {
      DMatrixRMaj ew = expected.get(2 * l);
      DMatrixRMaj eb = expected.get(2 * l + 1);
      if (gw[l] == null || gw[l].length != ew.numRows) {
        return Verdict.broken("gradWeights[" + l + "] was replaced: it must keep "
            + ew.numRows + " rows");
      }
      for (int i = 0; i < ew.numRows; i++) {
        if (gw[l][i] == null || gw[l][i].length != ew.numCols) {
          return Verdict.broken("gradWeights[" + l + "][" + i + "] was replaced: it must keep "
              + ew.numCols + " entries");
        }
      }
      if (gb[l] == null || gb[l].length != eb.numCols) {
        return Verdict.broken("gradBiases[" + l + "] was replaced: it must keep " + eb.numCols
            + " entries");
      }
      for (int i = 0; i <= ew.numRows; i++) {
        boolean bias = i == ew.numRows;
        for (int j = 0; j < ew.numCols; j++) {
          double got = bias ? gb[l][j] : gw[l][i][j];
          double exp = bias ? eb.get(0, j) : ew.get(i, j);
          String where = bias ? "dL/db_" + l + "[" + j + "]" : "dL/dW_" + l + "[" + i + "][" + j
              + "]";
          if (!Double.isFinite(got)) {
            return Verdict.broken(where + " is " + got + ", expected " + Verdict.fmt(exp));
          }
          double err = Math.abs(got - exp);
          if (err > worst) {
            worst = err;
            at = where;
            gotAt = got;
            expAt = exp;
          }
        }
      }
    }
    return new Verdict(worst <= tol * scale, worst, "largest error " + Verdict.fmt(worst)
        + " at " + at + " = " + Verdict.fmt(gotAt) + ", expected " + Verdict.fmt(expAt));
  }

  private static Shape shape(int states, int actions, int features, double gamma, double tau,
      int terminals, int demos, int length, String note) {
    return new Shape(states, actions, features, gamma, tau, terminals, demos, length, false,
        false, null, note);
  }

  /** A random problem: dynamics, terminals, d0, features on [0, 1), demonstrations of a
   * random stochastic policy (each stops after the first terminal it reaches). */
  private static Problem problem(Rng rng, Shape sh) {
    int s = sh.states;
    double[][][] p = TabularCases.transitions(rng, s, sh.actions, sh.sparse);
    boolean[] terminal = TabularCases.terminals(rng, s, sh.terminals);
    double[] d0 = TabularCases.distribution(rng, s);
    double[][] phi = sh.features == 0 ? identity(s) : TabularCases.table(rng, s, sh.features,
        0, 1);
    TabularMdp mdp = TabularCases.mdp(p, new double[s][sh.actions], terminal, sh.gamma, d0);
    double[][] pi = TabularCases.policy(rng, s, sh.actions, false);
    Demonstrations demos = Demonstrations.sample(mdp, TabularCases.policy(pi), sh.demos,
        sh.length, rng.nextLong());
    return new Problem(p, terminal, sh.gamma, d0, phi, demos.states(), IrlProblem.of(mdp,
        features(phi), demos));
  }

  /**
   * 0 → 1 → 2, state 2 terminal, one action, d0 = δ_0, N demonstrations 0, 1, 2: D̂ = D =
   * (1, γ, 0), so every gradient is 0 (whatever the reward).
   */
  private static Problem chain(Rng rng, Shape sh) {
    double[][][] p = {{{0, 1, 0}}, {{0, 0, 1}}, {{0, 0, 1}}};
    boolean[] terminal = {false, false, true};
    double[] d0 = {1, 0, 0};
    double[][] phi = TabularCases.table(rng, 3, sh.features, 0, 1);
    int[][] states = new int[sh.demos][];
    int[][] actions = new int[sh.demos][];
    for (int n = 0; n < sh.demos; n++) {
      states[n] = new int[] {0, 1, 2};
      actions[n] = new int[3];
    }
    TabularMdp mdp = TabularCases.mdp(p, new double[3][1], terminal, sh.gamma, d0);
    return new Problem(p, terminal, sh.gamma, d0, phi, states, IrlProblem.of(mdp,
        features(phi), Demonstrations.of(3, 1, states, actions)));
  }

  private static double[][] identity(int n) {
    double[][] m = new double[n][n];
    for (int i = 0; i < n; i++) {
      m[i][i] = 1;
    }
    return m;
  }

  private static StateFeatures features(double[][] phi) {
    int k = phi[0].length;
    double[] flat = new double[phi.length * k];
    for (int s = 0; s < phi.length; s++) {
      System.arraycopy(phi[s], 0, flat, s * k, k);
    }
    return StateFeatures.of(phi.length, k, flat);
  }

  private static double[][] rows(DMatrixRMaj m) {
    double[][] out = new double[m.numRows][m.numCols];
    for (int i = 0; i < m.numRows; i++) {
      for (int j = 0; j < m.numCols; j++) {
        out[i][j] = m.get(i, j);
      }
    }
    return out;
  }

  private static double[][][] zerosLike(double[][][] w) {
    double[][][] z = new double[w.length][][];
    for (int l = 0; l < w.length; l++) {
      z[l] = new double[w[l].length][w[l][0].length];
    }
    return z;
  }

  private static double[][][] copy(double[][][] x) {
    return TabularCases.copy(x);
  }

  private static int[][] copy(int[][] x) {
    int[][] c = new int[x.length][];
    for (int i = 0; i < x.length; i++) {
      c[i] = x[i].clone();
    }
    return c;
  }

  private static String sizes(int[] layers) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < layers.length; i++) {
      sb.append(i == 0 ? "" : "-").append(layers[i]);
    }
    return sb.toString();
  }

  /** "S=5 A=3 k=4 gamma=0.9 tau=1 N=10 (note)", with the exercise's own part after γ. */
  private static String name(Shape sh, Problem pr, String own) {
    return "S=" + sh.states + " A=" + sh.actions + " k=" + pr.phi[0].length + " gamma="
        + Numbers.shortest(sh.gamma) + own + " N=" + pr.demos.length
        + (sh.note.isEmpty() ? "" : " (" + sh.note + ")");
  }
}
