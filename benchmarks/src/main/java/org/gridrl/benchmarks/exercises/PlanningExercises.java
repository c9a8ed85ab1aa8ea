package org.gridrl.benchmarks.exercises;

import java.util.ArrayList;
import java.util.List;
import org.gridrl.core.mdp.TabularMdp;
import org.gridrl.core.planning.SoftValueIteration;
import org.gridrl.core.planning.StateVisitation;
import org.gridrl.core.util.Numbers;
import org.gridrl.core.util.Rng;

/**
 * The planning exercises: 1, the soft Bellman backup, against core's soft value iteration
 * ({@link SoftValueIteration#solveFiniteHorizon}: one step with the rewards r + γPV is exactly
 * one backup of V, the log-sum-exp done by the library's kernel); 2, the discounted state
 * visitation, against {@link StateVisitation#discounted}.
 */
final class PlanningExercises {

  /** The tolerance: max error ≤ TOL · (1 + max |library|). */
  static final double TOL = 1e-8;

  private PlanningExercises() {
  }

  /** Exercise 1. */
  static Exercise<SoftBellmanBackup> softBellmanBackup() {
    return new Exercise<>(1, "soft-bellman-backup", "The soft Bellman backup (log-sum-exp,"
        + " temperature)", SoftBellmanBackup.class, PlanningExercises::backupCases);
  }

  /** Exercise 2. */
  static Exercise<DiscountedVisitation> discountedVisitation() {
    return new Exercise<>(2, "discounted-visitation", "Discounted state visitation",
        DiscountedVisitation.class, PlanningExercises::visitationCases);
  }

  /**
   * The cases' shapes, in order: S, A, γ, τ, V uniform on [scale − spread, scale + spread]
   * (spread 5 around 0, else 10% of the scale), the number of terminals, tied actions (a
   * deterministic policy for exercise 2), sparse transitions, a note for the case's name.
   */
  private record Shape(int states, int actions, double gamma, double tau, double scale,
      int terminals, boolean ties, boolean sparse, String note) {
  }

  private static List<Exercise.Case<SoftBellmanBackup>> backupCases(long seed) {
    Shape[] shapes = {
        new Shape(1, 1, 0.0, 1.0, 0, 0, false, false, "one state, one action"),
        new Shape(4, 2, 0.9, 1.0, 0, 0, false, false, ""),
        new Shape(3, 4, 0.9, 0.5, 0, 0, true, false, "all actions tied"),
        new Shape(8, 3, 0.95, 2.0, 0, 2, false, false, "two terminal states"),
        new Shape(6, 3, 0.99, 1e-4, 0, 0, false, false, "tau near 0"),
        new Shape(5, 3, 0.9, 1.0, 1000, 0, false, false, "values near 1000"),
        new Shape(20, 5, 0.8, 0.1, 0, 3, false, true, "sparse transitions, terminals"),
        new Shape(4, 3, 0.0, 1.0, 0, 0, false, false, "gamma = 0"),
    };
    List<Exercise.Case<SoftBellmanBackup>> cases = new ArrayList<>();
    Rng root = new Rng(seed);
    for (int c = 0; c < shapes.length; c++) {
      Shape sh = shapes[c];
      Rng rng = root.fork(c);
      double[][][] p = TabularCases.transitions(rng, sh.states, sh.actions, sh.sparse);
      double[][] r = TabularCases.table(rng, sh.states, sh.actions, -1, 1);
      if (sh.ties) {
        for (int s = 0; s < sh.states; s++) {
          for (int a = 1; a < sh.actions; a++) {
            r[s][a] = r[s][0];
            p[s][a] = p[s][0].clone();
          }
        }
      }
      boolean[] terminal = TabularCases.terminals(rng, sh.states, sh.terminals);
      double spread = sh.scale == 0 ? 5 : 0.1 * Math.abs(sh.scale);
      double[] v = TabularCases.vector(rng, sh.states, sh.scale - spread, sh.scale + spread);
      double[] expected = softBackup(p, r, terminal, sh.gamma, sh.tau, v);
      String name = name(sh) + " tau=" + Numbers.shortest(sh.tau);
      cases.add(new Exercise.Case<>(name, student -> Verdict.compare("V'", "state", expected,
          student.backup(TabularCases.copy(p), TabularCases.copy(r), terminal.clone(),
              sh.gamma, sh.tau, v.clone()), TOL)));
    }
    return cases;
  }

  /** The library's one soft backup of v: one finite-horizon step with rewards r + γPV. */
  static double[] softBackup(double[][][] p, double[][] r, boolean[] terminal, double gamma,
      double tau, double[] v) {
    int states = p.length;
    int actions = p[0].length;
    double[][] q = new double[states][actions];
    for (int s = 0; s < states; s++) {
      for (int a = 0; a < actions; a++) {
        double next = 0;
        for (int n = 0; n < states; n++) {
          next += p[s][a][n] * v[n];
        }
        q[s][a] = r[s][a] + gamma * next;
      }
    }
    TabularMdp mdp = TabularCases.mdp(p, q, terminal, 0.0, null);
    return SoftValueIteration.solveFiniteHorizon(mdp, 1, tau, null, 0.0).v()[0];
  }

  private static List<Exercise.Case<DiscountedVisitation>> visitationCases(long seed) {
    Shape[] shapes = {
        new Shape(1, 1, 0.5, 0, 0, 0, false, false, "one state: d = 1/(1 - gamma)"),
        new Shape(5, 2, 0.9, 0, 0, 0, false, false, ""),
        new Shape(6, 3, 0.9, 0, 0, 2, false, false, "two terminal states"),
        new Shape(4, 3, 0.0, 0, 0, 0, false, false, "gamma = 0: d = d0"),
        new Shape(15, 4, 0.99, 0, 0, 0, false, true, "gamma = 0.99, sparse transitions"),
        new Shape(10, 3, 0.9, 0, 0, 1, true, false, "deterministic policy, a terminal"),
    };
    List<Exercise.Case<DiscountedVisitation>> cases = new ArrayList<>();
    Rng root = new Rng(seed);
    for (int c = 0; c < shapes.length; c++) {
      Shape sh = shapes[c];
      Rng rng = root.fork(c);
      double[][][] p = TabularCases.transitions(rng, sh.states, sh.actions, sh.sparse);
      double[][] pi = TabularCases.policy(rng, sh.states, sh.actions, sh.ties);
      boolean[] terminal = TabularCases.terminals(rng, sh.states, sh.terminals);
      double[] d0 = TabularCases.distribution(rng, sh.states);
      TabularMdp mdp = TabularCases.mdp(p, new double[sh.states][sh.actions], terminal,
          sh.gamma, d0);
      double[] expected = StateVisitation.discounted(mdp, TabularCases.policy(pi), d0);
      String name = name(sh);
      cases.add(new Exercise.Case<>(name, student -> Verdict.compare("d", "state", expected,
          student.visitation(TabularCases.copy(p), TabularCases.copy(pi), terminal.clone(),
              sh.gamma, d0.clone()), TOL)));
    }
    return cases;
  }

  private static String name(Shape sh) {
    return "S=" + sh.states + " A=" + sh.actions + " gamma=" + Numbers.shortest(sh.gamma)
        + (sh.note.isEmpty() ? "" : " (" + sh.note + ")");
  }
}
