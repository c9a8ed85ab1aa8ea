package org.gridrl.multitask;

import org.gridrl.core.mdp.TabularMdp;

/**
 * A direct dense implementation of the pinned Distral equations, for tests: fixed-point
 * iteration of V_i(s) = (1/β) log Σ_a π0(a|s)^α exp(β Q_i(s,a)) with Q = R + γPV (no
 * normalisation trick, no core planning), policy evaluation of the regularised objective and
 * discounted occupancies by plain iteration. Slow and obvious on purpose.
 */
final class DirectDistral {

  /** Iterations stop when max |x_new − x| is below this. */
  static final double EPS = 1e-14;
  /** Cap on iterations (γ = 0.9 needs about 330 to EPS, which is above the ulp of V ≈ 10). */
  static final int CAP = 100_000;

  private DirectDistral() {
  }

  /** V, Q (row-major) and π of one task for prior pi0 (row-major). */
  record Soft(double[] v, double[] q, double[] pi) {
  }

  static Soft solve(TabularMdp mdp, double[] pi0, double alpha, double beta) {
    final int ns = mdp.numStates();
    final int na = mdp.numActions();
    double[] v = new double[ns];
    double[] q = new double[ns * na];
    for (int it = 0; it < CAP; it++) {
      q = qFromV(mdp, v);
      double[] next = new double[ns];
      double diff = 0;
      for (int s = 0; s < ns; s++) {
        if (!mdp.isTerminal(s)) {
          double sum = 0;
          for (int a = 0; a < na; a++) {
            sum += Math.pow(pi0[s * na + a], alpha) * Math.exp(beta * q[s * na + a]);
          }
          next[s] = Math.log(sum) / beta;
        }
        diff = Math.max(diff, Math.abs(next[s] - v[s]));
      }
      v = next;
      if (diff < EPS) {
        break;
      }
    }
    q = qFromV(mdp, v);
    double[] pi = new double[ns * na];
    for (int s = 0; s < ns; s++) {
      for (int a = 0; a < na; a++) {
        pi[s * na + a] = Math.pow(pi0[s * na + a], alpha)
            * Math.exp(beta * (q[s * na + a] - v[s]));
      }
    }
    return new Soft(v, q, pi);
  }

  /** Q = R + γPV, zero at terminals. */
  static double[] qFromV(TabularMdp mdp, double[] v) {
    final int ns = mdp.numStates();
    final int na = mdp.numActions();
    double[] q = new double[ns * na];
    for (int s = 0; s < ns; s++) {
      if (mdp.isTerminal(s)) {
        continue;
      }
      for (int a = 0; a < na; a++) {
        double ev = 0;
        for (int n = 0; n < ns; n++) {
          ev += mdp.transitionProbability(s, a, n) * v[n];
        }
        q[s * na + a] = mdp.reward(s, a) + mdp.gamma() * ev;
      }
    }
    return q;
  }

  /**
   * J_i = E_{π, d0}[Σ_t γ^t (R + (α/β) log π0 − (1/β) log π)] by policy evaluation of the
   * regularised reward (0·log 0 = 0).
   */
  static double objective(TabularMdp mdp, double[] pi0, double[] pi, double alpha, double beta) {
    final int ns = mdp.numStates();
    final int na = mdp.numActions();
    double[] r = new double[ns];
    for (int s = 0; s < ns; s++) {
      for (int a = 0; a < na; a++) {
        double p = pi[s * na + a];
        if (p > 0) {
          r[s] += p * (mdp.reward(s, a) + alpha / beta * Math.log(pi0[s * na + a])
              - Math.log(p) / beta);
        }
      }
    }
    double[] v = new double[ns];
    for (int it = 0; it < CAP; it++) {
      double[] next = new double[ns];
      double diff = 0;
      for (int s = 0; s < ns; s++) {
        if (!mdp.isTerminal(s)) {
          double ev = 0;
          for (int a = 0; a < na; a++) {
            for (int n = 0; n < ns; n++) {
              ev += pi[s * na + a] * mdp.transitionProbability(s, a, n) * v[n];
            }
          }
          next[s] = r[s] + mdp.gamma() * ev;
        }
        diff = Math.max(diff, Math.abs(next[s] - v[s]));
      }
      v = next;
      if (diff < EPS) {
        break;
      }
    }
    double j = 0;
    for (int s = 0; s < ns; s++) {
      j += mdp.initialDistribution()[s] * v[s];
    }
    return j;
  }

  /** F(π0) = Σ_i J_i(π0, π_i*(π0)): the objective with every task's policy optimal for π0. */
  static double bestObjective(java.util.List<TabularMdp> tasks, double[] pi0, double alpha,
      double beta) {
    double j = 0;
    for (TabularMdp t : tasks) {
      j += objective(t, pi0, solve(t, pi0, alpha, beta).pi(), alpha, beta);
    }
    return j;
  }

  /** π0(a|s) = softmax over a of θ(s,·). */
  static double[] softmax(double[] theta, int ns, int na) {
    double[] p = new double[ns * na];
    for (int s = 0; s < ns; s++) {
      double max = Double.NEGATIVE_INFINITY;
      for (int a = 0; a < na; a++) {
        max = Math.max(max, theta[s * na + a]);
      }
      double sum = 0;
      for (int a = 0; a < na; a++) {
        p[s * na + a] = Math.exp(theta[s * na + a] - max);
        sum += p[s * na + a];
      }
      for (int a = 0; a < na; a++) {
        p[s * na + a] /= sum;
      }
    }
    return p;
  }
}
