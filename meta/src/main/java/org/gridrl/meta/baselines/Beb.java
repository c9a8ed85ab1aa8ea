package org.gridrl.meta.baselines;

/**
 * Bayesian exploration bonus (Kolter &amp; Ng 2009, "Near-Bayesian exploration in polynomial
 * time", ICML): a_t = π_0(s_t) of the posterior-mean MDP with rewards
 * <pre>
 *   r̃(s,a) = m(s,a) + β/(1 + n(s,a))
 * </pre>
 * planned over the remaining H − t steps by core's finite-horizon value iteration and re-solved
 * after every observation. m is the Normal posterior mean of the reward and n(s,a) the visits
 * ({@link MdpPosterior}); Kolter &amp; Ng's bonus is β/(1 + n) on the mean-transition model, as
 * here. One of the two optimistic baselines of RL²'s Table 2 (Duan et al. 2016), with
 * {@link Ucrl2}.
 */
public final class Beb extends PosteriorMeanPlanner {

  /**
   * β chosen by {@link MdpBaselineTuning} for RL²'s setting (S = 10, A = 5, H = 10, n = 10
   * episodes, prior {@link MdpPrior#rl2()}): see the tuning table in docs/algorithms/meta.md.
   */
  public static final double TUNED_BETA_RL2 = 0.5;

  /**
   * @param prior the prior of the posterior-mean model
   * @param beta β ≥ 0, the bonus scale
   */
  public Beb(MdpPrior prior, double beta) {
    super(prior, 0, beta);
  }

  /**
   * BEB as Duan et al.'s script ran it for RL²'s Table 2: TabulaRL's agent, {@link TabulaRlBeb}
   * (reward bonus 1/(n_r + 2), transition bonus 2H³κ/(1 + S + n) per step left, prior mean 0,
   * a plan per episode, uniform ties).
   *
   * @param scaling κ ≥ 0, TabulaRL's {@code scaling}
   */
  public static TabulaRlBeb tabulaRl(double scaling) {
    return new TabulaRlBeb(scaling);
  }

  /** β. */
  public double beta() {
    return bonus();
  }

  @Override
  public String name() {
    return "beb";
  }
}
