package org.gridrl.meta.baselines;

/**
 * BEB as TabulaRL's {@code BEB} agent (Osband, {@code src/finite_tabular_agents.py}, classes
 * {@code BEB} and {@code GaussianPSRL}, {@code compute_qVals_opt}), the one Duan et al.'s script
 * ran for RL²'s Table 2 ({@code evaluate_pacmdp.py}, {@code evaluate_beb_once}:
 * {@code BEB(nState, nAction, epLen, scaling=scaling)}). At the start of each episode, on the
 * posterior of the agent's default prior {@link MdpPrior#tabulaRl()} (α_0 = 1, μ_0 = 0,
 * σ_0 = σ = 1), with V_H = 0 and i = H − 1 − t the steps left after step t:
 * <pre>
 *   Q_t(s,a) = m(s,a) + 1/(λ(s,a) + 1) + Σ_{s'} P̄(s'|s,a) V_{t+1}(s') + i · β·H/(1 + S·α_0 + n(s,a)),
 *   β = 2·H²·κ,    V_t(s) = max_a Q_t(s,a),
 * </pre>
 * m and λ the reward posterior's mean and precision (λ = 1 + n_r, so the reward bonus is
 * 1/(n_r + 2), not scaled by κ), P̄ the Dirichlet mean and n(s,a) the counted transitions; the
 * last step of each episode updates the reward posterior only ({@code pContinue = 0}). It then
 * follows a_t = argmax_a Q_t(s_t, a) for the episode, exact ties uniform (TabulaRL's
 * {@code egreedy}: unvisited actions of a state tie exactly). κ is the script's
 * {@code scaling}, searched over 10^(−4 + k/5), k = 0..20 ({@code np.exp(np.linspace(np.log(
 * 0.0001), np.log(1.0), 21))}). Unlike {@link Beb} (Kolter &amp; Ng's β/(1 + n) on the reward
 * of the true-prior model, re-planned every step), the transition bonus grows with the steps left
 * and scales with H³. Acting draws one {@code nextInt} only at a tie.
 */
public final class TabulaRlBeb extends TabulaRlPlanner {

  /**
   * κ = 10^(−2.8) ≈ 0.00158, the 7th point of the script's grid
   * ({@link MdpBaselineTuning#tabulaRlScalings()}[6]): the best mean of the grid at every n of
   * RL²'s Table 2 (n = 10 … 100, 200 tuning trials per point, tuning seed 1000 of rl2-mdps;
   * n = 10: 151.8 against 150.0 at both neighbours, docs/results/meta.md).
   */
  public static final double TUNED_SCALING_RL2 = MdpBaselineTuning.tabulaRlScalings()[6];


  /** @param scaling κ ≥ 0, TabulaRL's {@code scaling} (β = 2H²κ) */
  public TabulaRlBeb(double scaling) {
    super(MdpPrior.tabulaRl(), scaling);
  }

  /** Q_t(s, a) at index [t][s·A + a] of the current posterior (the formula above; e unused). */
  @Override
  double[][] plan(int e) {
    requireStarted();
    int h = episodeLength;
    double beta = 2.0 * h * h * scaling();
    double alpha0 = prior.dirichletConcentration();
    double[][] qs = new double[h][numStates * numActions];
    double[] vNext = new double[numStates];
    double[] v = new double[numStates];
    for (int t = h - 1; t >= 0; t--) {
      int stepsLeft = h - 1 - t;
      for (int s = 0; s < numStates; s++) {
        double best = Double.NEGATIVE_INFINITY;
        for (int a = 0; a < numActions; a++) {
          double ev = 0;
          for (int next = 0; next < numStates; next++) {
            ev += posterior.transitionMean(s, a, next) * vNext[next];
          }
          double rewardBonus = 1 / (posterior.rewardPrecision(s, a) + 1);
          double transitionBonus = beta * h
              / (1 + numStates * alpha0 + posterior.visits(s, a));
          double value = posterior.rewardMean(s, a) + rewardBonus + ev
              + transitionBonus * stepsLeft;
          qs[t][s * numActions + a] = value;
          best = Math.max(best, value);
        }
        v[s] = best;
      }
      double[] swap = vNext;
      vNext = v;
      v = swap;
    }
    return qs;
  }

  @Override
  public String name() {
    return "beb";
  }
}
