package org.gridrl.benchmarks.experiments.multitask;

import java.util.Arrays;
import org.gridrl.core.mdp.TabularMdp;
import org.gridrl.core.mdp.TabularMdpBuilder;
import org.gridrl.core.planning.ValueIteration;
import org.gridrl.core.util.Check;
import org.gridrl.envs.tabular.MultiGoalGrid;

/**
 * B = max_π (1/T) Σ_k (J_k(π) − J^unif_k)/(J*_k − J^unif_k) over every policy π that does not see
 * the task id, even one that remembers the states it has visited: an exact upper bound on the mean
 * normalised return of any shared policy without the id (a network on s alone is one of them).
 *
 * <p>Derivation. The tasks share S, A, γ, the start distribution d0 and the dynamics P(s'|s,a) of
 * their non-terminal states; they differ in rewards r_k and terminal sets. A policy that sees only
 * states induces the same state process in every task until the task ends, so with weights
 * w_k = 1/(T·(J*_k − J^unif_k)),
 * <pre>  Σ_k w_k J_k(π) = E_π Σ_t γ^t Σ_{k ∈ m_t} w_k r_k(s_t, a_t),</pre>
 * m_t the tasks not yet ended (s_0..s_t entered no terminal of theirs). That is the return of one
 * MDP, the "averaged task", on states (s, m): reward Σ_{k∈m} w_k r_k(s,a), s' ~ P(·|s,a), m' = m
 * minus the tasks whose terminal s' is, terminal when m' is empty. Hard VI on it
 * ({@link ValueIteration#solve}) gives max over policies of (s, m), which contain every policy of
 * s alone and of state histories (m is a function of the history), hence
 * <pre>  B = Σ_{s} d0(s)·V*((s, all tasks)) − Σ_k w_k J^unif_k.</pre>
 * It is an upper bound, not always attained by a policy of s alone: on
 * {@link MultiGoalGrid#conflictPair()} the averaged task's optimum walks to one end and, if the
 * episode goes on, back to the other, which a policy of s alone cannot do (it would have to turn
 * in the cells it just crossed).
 */
public final class SharedPolicyBound {

  private SharedPolicyBound() {
  }

  /** B for the family (at most 20 tasks: the averaged task has S·2^T states). */
  public static double meanNormalisedReturn(MultiGoalGrid family) {
    int t = family.numTasks();
    double[] w = weights(family);
    TabularMdp avg = averagedTask(family, w);
    double[] v = ValueIteration.solve(avg, 1e-13, 1_000_000).v();
    double[] d0 = family.mdp(0).initialDistribution();
    int all = (1 << t) - 1;
    double b = 0;
    for (int s = 0; s < d0.length; s++) {
      b += d0[s] * v[index(s, all, t)];
    }
    for (int k = 0; k < t; k++) {
      b -= w[k] * family.uniformReturn(k);
    }
    return b;
  }

  /** w_k = 1/(T·(J*_k − J^unif_k)). */
  static double[] weights(MultiGoalGrid family) {
    int t = family.numTasks();
    double[] w = new double[t];
    for (int k = 0; k < t; k++) {
      w[k] = 1.0 / (t * (family.optimalReturn(k) - family.uniformReturn(k)));
    }
    return w;
  }

  /** State (s, m) of the averaged task, m a non-empty task set as a bit mask. */
  static int index(int s, int mask, int numTasks) {
    return s * (1 << numTasks) + mask;
  }

  /**
   * The averaged task with weights w (see the class comment); states s·2^T + m, m = 0 terminal.
   *
   * @throws IllegalArgumentException if the tasks differ in d0, γ or in the dynamics of a state
   *     where two of them are not terminal
   */
  static TabularMdp averagedTask(MultiGoalGrid family, double[] w) {
    int t = family.numTasks();
    Check.argument(t <= 20, "the averaged task needs at most 20 tasks, got %s", t);
    int ns = family.numStates();
    int na = family.numActions();
    TabularMdp first = family.mdp(0);
    for (int k = 1; k < t; k++) {
      TabularMdp m = family.mdp(k);
      Check.argument(Arrays.equals(m.initialDistribution(), first.initialDistribution()),
          "%s: task %s starts elsewhere than task 0; the bound needs one start distribution",
          family.sourceName(), k);
      Check.argument(m.gamma() == first.gamma(), "%s: task %s has another gamma",
          family.sourceName(), k);
    }
    int masks = 1 << t;
    TabularMdpBuilder b = TabularMdp.builder(ns * masks, na).gamma(first.gamma());
    double[] d0 = new double[ns * masks];
    double[] start = first.initialDistribution();
    for (int s = 0; s < ns; s++) {
      d0[index(s, masks - 1, t)] = start[s];
    }
    b.initialDistribution(d0);
    for (int s = 0; s < ns; s++) {
      b.terminal(index(s, 0, t));
      for (int a = 0; a < na; a++) {
        b.transition(index(s, 0, t), a, index(s, 0, t), 1.0);
      }
      for (int mask = 1; mask < masks; mask++) {
        int from = index(s, mask, t);
        TabularMdp dyn = null;
        boolean dead = false;
        for (int k = 0; k < t; k++) {
          if ((mask >> k & 1) != 0) {
            dead |= family.mdp(k).isTerminal(s);
            dyn = dyn == null ? family.mdp(k) : dyn;
          }
        }
        if (dead) { // (s, m) with s terminal in a task of m is never reached
          b.terminal(from);
          for (int a = 0; a < na; a++) {
            b.transition(from, a, from, 1.0);
          }
          continue;
        }
        for (int a = 0; a < na; a++) {
          double r = 0;
          for (int k = 0; k < t; k++) {
            if ((mask >> k & 1) != 0) {
              TabularMdp m = family.mdp(k);
              r += w[k] * m.reward(s, a);
              checkSameRow(family, dyn, m, s, a);
            }
          }
          b.reward(from, a, r);
          int row = s * na + a;
          for (int j = dyn.rowStart()[row]; j < dyn.rowStart()[row + 1]; j++) {
            int next = dyn.successors()[j];
            int alive = mask;
            for (int k = 0; k < t; k++) {
              if (family.mdp(k).isTerminal(next)) {
                alive &= ~(1 << k);
              }
            }
            b.transition(from, a, index(next, alive, t), dyn.probabilities()[j]);
          }
        }
      }
    }
    return b.build();
  }

  private static void checkSameRow(MultiGoalGrid family, TabularMdp x, TabularMdp y, int s,
      int a) {
    int row = s * x.numActions() + a;
    boolean same = x.rowStart()[row + 1] - x.rowStart()[row]
        == y.rowStart()[row + 1] - y.rowStart()[row];
    for (int j = x.rowStart()[row], i = y.rowStart()[row]; same && j < x.rowStart()[row + 1];
        j++, i++) {
      same = x.successors()[j] == y.successors()[i]
          && x.probabilities()[j] == y.probabilities()[i];
    }
    Check.argument(same, "%s: the tasks' dynamics differ at state %s, action %s; the bound needs"
        + " shared dynamics", family.sourceName(), s, a);
  }
}
