package org.gridrl.meta.baselines;

/**
 * a_t = π*_0(s_t) of the posterior-mean MDP over the remaining H − t steps with probability
 * 1 − ε, else uniform: ε-greedy on the posterior-mean model, one of RL²'s tabular baselines (Duan
 * et al. 2016, Table 2). ε = 0 is {@link #greedy(MdpPrior)}, certainty equivalence. The plan is
 * core's finite-horizon value iteration ({@code ValueIteration.solveFiniteHorizon}) on
 * {@link MdpPosterior#meanModel(double)} with β = 0, re-solved after every observation.
 */
public final class MdpEpsilonGreedy extends PosteriorMeanPlanner {

  /**
   * ε chosen by {@link MdpBaselineTuning} for RL²'s setting (S = 10, A = 5, H = 10, n = 10
   * episodes, prior {@link MdpPrior#rl2()}): the smallest point of the grid
   * {0.01, 0.02, 0.05, 0.1, 0.2}, as the return falls monotonically with ε there (ε = 0, greedy,
   * is as good); see the tuning table in docs/algorithms/meta.md.
   */
  public static final double TUNED_EPSILON_RL2 = 0.01;

  /**
   * ε = 0.1 for {@link #tabulaRl}: the smallest point of the grid {0.1, 0.2, ..., 1.0} that Duan
   * et al.'s script searched ({@code evaluate_pacmdp.py}, {@code evaluate_epsilon_greedy}); with
   * it the TabulaRL variant lands within 2 SE of RL²'s Table 2 at every n (docs/results/meta.md).
   */
  public static final double TABULA_RL_EPSILON = 0.1;

  /**
   * @param prior the prior of the posterior-mean model
   * @param epsilon ε ∈ [0, 1]
   */
  public MdpEpsilonGreedy(MdpPrior prior, double epsilon) {
    super(prior, epsilon, 0);
  }

  /**
   * @param prior the prior of the posterior-mean model
   * @param epsilon ε ∈ [0, 1]
   * @param replanEachEpisode solve the plan once per episode and break ties uniformly
   *     (TabulaRL's schedule) instead of re-solving after every observation
   */
  public MdpEpsilonGreedy(MdpPrior prior, double epsilon, boolean replanEachEpisode) {
    super(prior, epsilon, 0, replanEachEpisode);
  }

  /**
   * ε-greedy as TabulaRL's {@code EpsilonGreedy} agent (Osband, {@code finite_tabular_agents.py}),
   * the implementation behind RL²'s greedy and ε-greedy MDP baselines: the posterior mean under
   * {@link MdpPrior#tabulaRlEmpirical()} (the empirical model; unvisited pairs reward 0, uniform
   * transitions), planned once per episode, ties uniform. ε = 0 is TabulaRL's greedy.
   *
   * @param epsilon ε ∈ [0, 1]
   */
  public static MdpEpsilonGreedy tabulaRl(double epsilon) {
    return new MdpEpsilonGreedy(MdpPrior.tabulaRlEmpirical(), epsilon, true);
  }

  /** ε = 0. */
  public static MdpEpsilonGreedy greedy(MdpPrior prior) {
    return new MdpEpsilonGreedy(prior, 0);
  }

  @Override
  public String name() {
    return epsilon() == 0 ? "greedy" : "epsilon-greedy";
  }
}
