package org.gridrl.meta.baselines;

/**
 * UCRL2 as TabulaRL's {@code UCRL2} agent (Osband, {@code src/finite_tabular_agents.py},
 * {@code get_slack} and {@code compute_qVals_EVI}), the one Duan et al.'s script ran for RL²'s
 * Table 2 ({@code evaluate_pacmdp.py}, {@code evaluate_ucrl2_once}:
 * {@code UCRL2(nState, nAction, epLen, scaling=scaling)}, δ = 0.05). At the start of episode
 * e = 0, 1, ... of a trial, on the posterior of {@link MdpPrior#tabulaRlUcrl2()} (the empirical
 * model: r̂ = S_r/(10⁻⁴ + n_r), p̂ = (10⁻⁵ + n(s,a,·))/(S·10⁻⁵ + n(s,a)), r̂ = 0 and p̂ uniform
 * when unvisited), with L = ln(2·S·A·(e + 1)/δ):
 * <pre>
 *   r-slack(s,a) = κ·√(4L / max(n_r, 1)),    p-slack(s,a) = κ·√(4·S·L / max(S·α_0 + n − α_0, 1))
 *   Q_t(s,a) = r̂(s,a) + r-slack(s,a) + Σ_{s'} p̃_t(s'|s,a) V_{t+1}(s'),   V_H = 0,
 * </pre>
 * and a_t = argmax_a Q_t(s_t, a), exact ties uniform. p̃ is TabulaRL's extended value iteration
 * step, including its in-place update: a working copy w(·|s,a) starts at p̂ and at each t, with
 * the states sorted by V_{t+1} ascending (ties by index, numpy's stable sort for S ≤ 16) and
 * b the last (best): if w(b) + p-slack/2 &gt; 1 then p̃_t = δ_b (w unchanged); else w(b) +=
 * p-slack/2, then while Σw &gt; 1 the lowest states in turn get w(s) = max(0, 1 − Σw + w(s)),
 * and p̃_t = w. Since w carries over from t + 1 to t, the plan grows more optimistic the more
 * steps are left than Jaksch et al.'s fixed L1 ball ({@link Ucrl2}). e counts from 0 (the
 * modified {@code run_finite_tabular_experiment} of Duan et al.'s copy logs an episode 0); the
 * last step of each episode updates the reward posterior only ({@code pContinue = 0}). κ is the
 * script's {@code scaling}, searched over 10^(−4 + k/5), k = 0..20. Acting draws one
 * {@code nextInt} only at a tie.
 */
public final class TabulaRlUcrl2 extends TabulaRlPlanner {

  /** δ = 0.05, TabulaRL's default. */
  public static final double DELTA = 0.05;

  /**
   * κ = 10^(−0.4) ≈ 0.398, the 19th point of the script's grid
   * ({@link MdpBaselineTuning#tabulaRlScalings()}[18]): the best mean of the grid at every n of
   * RL²'s Table 2 (n = 10 … 100, 200 tuning trials per point, tuning seed 1000 of rl2-mdps;
   * n = 10: 147.2 against 146.2 and 138.8 at its neighbours, docs/results/meta.md).
   */
  public static final double TUNED_SCALING_RL2 = MdpBaselineTuning.tabulaRlScalings()[18];


  /** @param scaling κ ≥ 0, TabulaRL's {@code scaling} */
  public TabulaRlUcrl2(double scaling) {
    super(MdpPrior.tabulaRlUcrl2(), scaling);
  }

  /** r-slack(s, a) at episode e. */
  double rewardSlack(int state, int action, int e) {
    double tau0 = 1 / (prior.rewardPriorStd() * prior.rewardPriorStd());
    double nObs = Math.max(posterior.rewardPrecision(state, action) - tau0, 1);
    return scaling() * Math.sqrt(4 * logTerm(e) / nObs);
  }

  /** p-slack(s, a) at episode e. */
  double transitionSlack(int state, int action, int e) {
    double alpha0 = prior.dirichletConcentration();
    double nObs = Math.max(numStates * alpha0 + posterior.visits(state, action) - alpha0, 1);
    return scaling() * Math.sqrt(4 * numStates * logTerm(e) / nObs);
  }

  private double logTerm(int e) {
    return Math.log(2.0 * numStates * numActions * (e + 1) / DELTA);
  }

  /** Q_t(s, a) at index [t][s·A + a] for episode e (the recursion above). */
  @Override
  double[][] plan(int e) {
    requireStarted();
    int h = episodeLength;
    int rows = numStates * numActions;
    double[][] w = new double[rows][numStates];
    double[] rOpt = new double[rows];
    double[] pSlack = new double[rows];
    for (int s = 0; s < numStates; s++) {
      for (int a = 0; a < numActions; a++) {
        int row = s * numActions + a;
        for (int next = 0; next < numStates; next++) {
          w[row][next] = posterior.transitionMean(s, a, next);
        }
        rOpt[row] = posterior.rewardMean(s, a) + rewardSlack(s, a, e);
        pSlack[row] = transitionSlack(s, a, e);
      }
    }
    double[][] qs = new double[h][rows];
    double[] vNext = new double[numStates];
    double[] v = new double[numStates];
    int[] ascending = new int[numStates];
    for (int t = h - 1; t >= 0; t--) {
      stableAscendingOrder(vNext, ascending);
      int best = ascending[numStates - 1];
      for (int s = 0; s < numStates; s++) {
        double max = Double.NEGATIVE_INFINITY;
        for (int a = 0; a < numActions; a++) {
          int row = s * numActions + a;
          double ev = optimisticStep(w[row], pSlack[row], vNext, ascending, best);
          double value = rOpt[row] + ev;
          qs[t][row] = value;
          max = Math.max(max, value);
        }
        v[s] = max;
      }
      double[] swap = vNext;
      vNext = v;
      v = swap;
    }
    return qs;
  }

  /**
   * One step of TabulaRL's {@code compute_qVals_EVI} for one (s, a): returns Σ p̃ V and updates w
   * in place as TabulaRL does (see the class comment).
   *
   * @param w the working distribution. Modified unless the best state takes all the mass.
   */
  static double optimisticStep(double[] w, double slack, double[] v, int[] ascending,
      int best) {
    int n = w.length;
    if (w[best] + slack * 0.5 > 1) {
      return v[best];
    }
    w[best] += slack * 0.5;
    int l = 0;
    double sum = sum(w);
    while (sum > 1 && l < n) {
      int worst = ascending[l];
      w[worst] = Math.max(0, 1 - sum + w[worst]);
      l++;
      sum = sum(w);
    }
    double ev = 0;
    for (int i = 0; i < n; i++) {
      ev += w[i] * v[i];
    }
    return ev;
  }

  private static double sum(double[] x) {
    double s = 0;
    for (double xi : x) {
      s += xi;
    }
    return s;
  }

  /** The indices of v sorted ascending, ties by index (a stable insertion sort). */
  static void stableAscendingOrder(double[] v, int[] order) {
    for (int i = 0; i < v.length; i++) {
      order[i] = i;
    }
    for (int i = 1; i < v.length; i++) {
      int x = order[i];
      int j = i - 1;
      while (j >= 0 && v[order[j]] > v[x]) {
        order[j + 1] = order[j];
        j--;
      }
      order[j + 1] = x;
    }
  }

  @Override
  public String name() {
    return "ucrl2";
  }
}
