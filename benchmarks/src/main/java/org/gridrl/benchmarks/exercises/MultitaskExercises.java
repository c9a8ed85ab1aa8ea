package org.gridrl.benchmarks.exercises;

import java.util.ArrayList;
import java.util.List;
import org.gridrl.core.mdp.TabularMdp;
import org.gridrl.core.mdp.TabularPolicy;
import org.gridrl.core.planning.Solution;
import org.gridrl.core.planning.StateVisitation;
import org.gridrl.core.util.Rng;
import org.gridrl.multitask.DistralConfig;
import org.gridrl.multitask.DistralTabular;
import org.gridrl.multitask.PcGrad;

/**
 * The multi-task exercises: 8, the PCGrad projection, against {@link PcGrad#combineInOrder} (the
 * library's PCGrad with the visiting orders given); 9, the tabular Distral prior update, against
 * {@link DistralTabular#distill}, with the visitations from {@link StateVisitation#discounted}.
 */
final class MultitaskExercises {

  /** The tolerance on d: max error ≤ TOL · (1 + max |d|). */
  static final double TOL = 1e-10;

  /** The tolerance on π0: max error ≤ PRIOR_TOL (probabilities, so 1 + max ≤ 2). */
  static final double PRIOR_TOL = 1e-10;

  private MultitaskExercises() {
  }

  /** Exercise 8. */
  static Exercise<PcGradProjection> pcGrad() {
    return new Exercise<>(8, "pcgrad-projection", "The PCGrad projection",
        PcGradProjection.class, MultitaskExercises::pcGradCases);
  }

  /** Exercise 9. */
  static Exercise<DistralPrior> distralPrior() {
    return new Exercise<>(9, "distral-prior", "The Distral prior update (tabular)",
        DistralPrior.class, MultitaskExercises::distralCases);
  }

  // ------------------------------------------------------------------ 8, PCGrad

  /** The three-task example of docs/exercises/08-pcgrad-projection.md. */
  private static final double[][] HAND = {{1, 0}, {-1, 2}, {0, -1}};

  /**
   * (T tasks, n parameters, how the gradients are made, a note): "random" uniform on [−1, 1],
   * "agree" two with a positive dot product, "oppose" g_1 = −2 g_0, "zero" g_1 = 0, "allzero",
   * "hand" and "hand2" the example in two sets of orders.
   */
  private record PcShape(int tasks, int dim, String kind, String note) {
  }

  private static List<Exercise.Case<PcGradProjection>> pcGradCases(long seed) {
    PcShape[] shapes = {
        new PcShape(2, 3, "agree", "no conflict: the plain sum"),
        new PcShape(2, 4, "oppose", "exact opposition, g_1 = -2 g_0: d = 0"),
        new PcShape(3, 5, "zero", "g_1 = 0 never conflicts: no 0/0"),
        new PcShape(2, 3, "allzero", "every gradient zero: d = 0"),
        new PcShape(1, 4, "random", "one task: d = g_0"),
        new PcShape(3, 2, "hand", "the page's example, orders (1,2) (0,2) (0,1): d = (0.4, -0.2)"),
        new PcShape(3, 2, "hand2", "the same gradients, orders (2,1) (2,0) (1,0): d = (0.8, 0.2)"),
        new PcShape(2, 6, "random", ""),
        new PcShape(5, 8, "random", ""),
        new PcShape(10, 20, "random", ""),
    };
    Rng root = new Rng(seed);
    List<Exercise.Case<PcGradProjection>> cases = new ArrayList<>();
    for (int c = 0; c < shapes.length; c++) {
      PcShape sh = shapes[c];
      Rng rng = root.fork(c);
      double[][] g = pcGradients(rng, sh);
      int[][] orders = switch (sh.kind) {
        case "hand" -> new int[][] {{1, 2}, {0, 2}, {0, 1}};
        case "hand2" -> new int[][] {{2, 1}, {2, 0}, {1, 0}};
        default -> randomOrders(rng, sh.tasks);
      };
      double[] expected = new double[sh.dim];
      new PcGrad(0).combineInOrder(g, sh.tasks, sh.dim, orders, expected);
      String name = "T=" + sh.tasks + " n=" + sh.dim + " (" + (sh.note.isEmpty()
          ? conflicts(g) + " of " + sh.tasks * (sh.tasks - 1) / 2 + " pairs conflict"
          : sh.note) + ")";
      cases.add(new Exercise.Case<>(name, student -> Verdict.compare("d", "parameter",
          expected, student.combine(TabularCases.copy(g), copy(orders)), TOL)));
    }
    return cases;
  }

  private static double[][] pcGradients(Rng rng, PcShape sh) {
    if (sh.kind.startsWith("hand")) {
      return TabularCases.copy(HAND);
    }
    double[][] g = new double[sh.tasks][];
    for (int i = 0; i < sh.tasks; i++) {
      g[i] = TabularCases.vector(rng, sh.dim, -1, 1);
    }
    switch (sh.kind) {
      case "agree" -> {
        if (dot(g[0], g[1]) < 0) {
          for (int k = 0; k < sh.dim; k++) {
            g[1][k] = -g[1][k];
          }
        }
      }
      case "oppose" -> {
        for (int k = 0; k < sh.dim; k++) {
          g[1][k] = -2 * g[0][k];
        }
      }
      case "zero" -> g[1] = new double[sh.dim];
      case "allzero" -> {
        for (int i = 0; i < sh.tasks; i++) {
          g[i] = new double[sh.dim];
        }
      }
      default -> {
      }
    }
    return g;
  }

  /** Per task i, the others (0..T−1 without i) in a random order. */
  private static int[][] randomOrders(Rng rng, int tasks) {
    int[][] orders = new int[tasks][tasks - 1];
    for (int i = 0; i < tasks; i++) {
      int[] all = new int[tasks];
      for (int k = 0; k < tasks; k++) {
        all[k] = k;
      }
      rng.shuffle(all);
      for (int n = 0, m = 0; n < tasks; n++) {
        if (all[n] != i) {
          orders[i][m++] = all[n];
        }
      }
    }
    return orders;
  }

  private static int conflicts(double[][] g) {
    int n = 0;
    for (int i = 0; i < g.length; i++) {
      for (int j = i + 1; j < g.length; j++) {
        if (dot(g[i], g[j]) < 0) {
          n++;
        }
      }
    }
    return n;
  }

  private static double dot(double[] x, double[] y) {
    double s = 0;
    for (int k = 0; k < x.length; k++) {
      s += x[k] * y[k];
    }
    return s;
  }

  private static int[][] copy(int[][] x) {
    int[][] c = new int[x.length][];
    for (int i = 0; i < x.length; i++) {
      c[i] = x[i].clone();
    }
    return c;
  }

  // ------------------------------------------------------------------ 9, Distral

  /**
   * (T tasks, S, A, how the tasks are made, a note): "dense" random transitions from a random
   * start; "disjoint" task 0 on states 0..2 and task 1 on 2..3 (state 4 reached by neither);
   * "terminals" two random terminals per task; "gammas" γ = 0.5, 0.9, 0.99; "solved" the π_i
   * soft-optimal for a uniform prior (one Distral alternation); "sparse" sparse transitions with
   * two terminals per task.
   */
  private record DShape(int tasks, int states, int actions, String kind, String note) {
  }

  private static List<Exercise.Case<DistralPrior>> distralCases(long seed) {
    DShape[] shapes = {
        new DShape(1, 4, 2, "dense", "one task: pi0 = its policy"),
        new DShape(2, 5, 3, "disjoint", "task 0 on states 0-2, task 1 on 2-3, state 4 on"
            + " neither: uniform there"),
        new DShape(3, 6, 3, "dense", ""),
        new DShape(2, 6, 2, "terminals", "terminal states that differ between the tasks"),
        new DShape(3, 5, 3, "gammas", "gamma = 0.5, 0.9, 0.99: visitations of different mass"),
        new DShape(3, 6, 3, "solved", "the pi_i soft-optimal for a uniform prior, alpha=0.5"
            + " beta=5"),
        new DShape(8, 20, 4, "sparse", "sparse transitions, two terminals per task"),
    };
    Rng root = new Rng(seed);
    List<Exercise.Case<DistralPrior>> cases = new ArrayList<>();
    for (int c = 0; c < shapes.length; c++) {
      DShape sh = shapes[c];
      Rng rng = root.fork(c);
      List<TabularMdp> tasks = new ArrayList<>();
      boolean[][] terminal = new boolean[sh.tasks][sh.states];
      for (int i = 0; i < sh.tasks; i++) {
        tasks.add(distralTask(rng, sh, i, terminal[i]));
      }
      List<TabularPolicy> policies = new ArrayList<>();
      if (sh.kind.equals("solved")) {
        for (Solution s : DistralTabular.solveTasks(tasks,
            TabularPolicy.uniform(sh.states, sh.actions), DistralConfig.defaults())) {
          policies.add(s.policy());
        }
      } else {
        for (int i = 0; i < sh.tasks; i++) {
          policies.add(TabularCases.policy(TabularCases.policy(rng, sh.states, sh.actions,
              false)));
        }
      }
      double[][][] pi = new double[sh.tasks][][];
      double[][] d = new double[sh.tasks][];
      for (int i = 0; i < sh.tasks; i++) {
        pi[i] = table(policies.get(i));
        d[i] = StateVisitation.discounted(tasks.get(i), policies.get(i));
      }
      double[][] expected = table(DistralTabular.distill(tasks, policies));
      String name = "T=" + sh.tasks + " S=" + sh.states + " A=" + sh.actions
          + (sh.note.isEmpty() ? "" : " (" + sh.note + ")");
      cases.add(new Exercise.Case<>(name, student -> compareTable("pi0", expected,
          student.prior(TabularCases.copy(pi), TabularCases.copy(d), copy(terminal)),
          PRIOR_TOL)));
    }
    return cases;
  }

  /** Task i of a Distral case; fills {@code terminal} with its terminal states. */
  private static TabularMdp distralTask(Rng rng, DShape sh, int i, boolean[] terminal) {
    int states = sh.states;
    double[][][] p = TabularCases.transitions(rng, states, sh.actions, sh.kind.equals("sparse"));
    double[] d0 = TabularCases.distribution(rng, states);
    double gamma = sh.kind.equals("gammas") ? new double[] {0.5, 0.9, 0.99}[i] : 0.9;
    if (sh.kind.equals("disjoint")) {
      // task 0 lives on {0, 1, 2}, task 1 on {2, 3}: every row and d0 stay inside
      int lo = i == 0 ? 0 : 2;
      int hi = i == 0 ? 2 : 3;
      for (double[][] rows : p) {
        for (double[] row : rows) {
          double sum = 0;
          for (int n = 0; n < states; n++) {
            row[n] = n >= lo && n <= hi ? 0.1 + rng.nextDouble() : 0;
            sum += row[n];
          }
          for (int n = 0; n < states; n++) {
            row[n] /= sum;
          }
        }
      }
      java.util.Arrays.fill(d0, 0);
      for (int n = lo; n <= hi; n++) {
        d0[n] = 1.0 / (hi - lo + 1);
      }
    }
    if (sh.kind.equals("terminals") || sh.kind.equals("sparse")) {
      for (int placed = 0; placed < 2; ) {
        int s = rng.nextInt(states);
        if (!terminal[s]) {
          terminal[s] = true;
          placed++;
        }
      }
    }
    double[][] r = TabularCases.table(rng, states, sh.actions, -1, 1);
    return TabularCases.mdp(p, r, terminal, gamma, d0);
  }

  private static double[][] table(TabularPolicy pi) {
    double[][] t = new double[pi.numStates()][pi.numActions()];
    for (int s = 0; s < t.length; s++) {
      for (int a = 0; a < t[s].length; a++) {
        t[s][a] = pi.probability(s, a);
      }
    }
    return t;
  }

  private static boolean[][] copy(boolean[][] x) {
    boolean[][] c = new boolean[x.length][];
    for (int i = 0; i < x.length; i++) {
      c[i] = x[i].clone();
    }
    return c;
  }

  /**
   * Compares an S × A answer with the library's: fails on null, a wrong shape or a non-finite
   * entry (naming the state and action), else passes when the largest |got − expected| ≤ tol.
   */
  static Verdict compareTable(String what, double[][] expected, double[][] got, double tol) {
    if (got == null) {
      return Verdict.broken("returned null instead of " + what);
    }
    if (got.length != expected.length) {
      return Verdict.broken("returned " + got.length + " rows of " + what + ", expected "
          + expected.length + " (one per state)");
    }
    double worst = -1;
    int atState = 0;
    int atAction = 0;
    for (int s = 0; s < got.length; s++) {
      if (got[s] == null || got[s].length != expected[s].length) {
        return Verdict.broken(what + "(state " + s + ") has " + (got[s] == null ? "no"
            : got[s].length) + " entries, expected " + expected[s].length + " (one per action)");
      }
      for (int a = 0; a < got[s].length; a++) {
        if (!Double.isFinite(got[s][a])) {
          return Verdict.broken(what + "(state " + s + ", action " + a + ") is " + got[s][a]
              + ", expected " + Verdict.fmt(expected[s][a]) + " (0/0 is NaN: a state no task"
              + " acts in has no weight)");
        }
        double err = Math.abs(got[s][a] - expected[s][a]);
        if (err > worst) {
          worst = err;
          atState = s;
          atAction = a;
        }
      }
    }
    return new Verdict(worst <= tol, worst, "largest error " + Verdict.fmt(worst) + " at state "
        + atState + ", action " + atAction + ": " + what + " = "
        + Verdict.fmt(got[atState][atAction]) + ", expected "
        + Verdict.fmt(expected[atState][atAction]));
  }
}
