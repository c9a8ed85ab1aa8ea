package org.gridrl.meta.baselines;

import org.gridrl.core.planning.FiniteHorizonSolution;
import org.gridrl.core.planning.ValueIteration;
import org.gridrl.core.util.Check;
import org.gridrl.core.util.Rng;

/**
 * a_t = π_0(s_t) of finite-horizon value iteration on the posterior-mean MDP with the rewards
 * m(s,a) + β/(1 + n(s,a)), horizon H − t, re-solved at every step after new data (so the plan
 * always uses the whole history); with probability ε the action is uniform instead. ε = β = 0 is
 * greedy ("certainty equivalence"), β = 0 is ε-greedy, ε = 0 is BEB. Ties in the plan go to the
 * lowest action index (core's VI). Each act draws one {@code nextDouble} when ε &gt; 0, and one
 * {@code nextInt(A)} if it explores.
 *
 * <p>With {@code replanEachEpisode} the plan is solved once at the episode's first act, over the
 * whole horizon H, and followed until the episode ends, a_t = argmax_a Q_t(s_t, a) with exact ties
 * broken uniformly at random (one {@code nextInt} only when tied), as TabulaRL's agents do
 * ({@code update_policy} once per episode in Osband's {@code run_finite_tabular_experiment};
 * {@code egreedy} draws among all maximisers).
 */
abstract class PosteriorMeanPlanner extends MdpModelPolicy {

  private final double epsilon;
  private final double bonus;
  private final boolean replanEachEpisode;
  private final boolean uniformTies;
  private int[] plan;
  private int planStep = -1;
  private FiniteHorizonSolution episodePlan;

  PosteriorMeanPlanner(MdpPrior prior, double epsilon, double bonus) {
    this(prior, epsilon, bonus, false);
  }

  PosteriorMeanPlanner(MdpPrior prior, double epsilon, double bonus, boolean replanEachEpisode) {
    super(prior);
    this.epsilon = Check.unitInterval("epsilon", epsilon);
    this.bonus = Check.nonNegativeFinite("bonus", bonus);
    this.replanEachEpisode = replanEachEpisode;
    this.uniformTies = replanEachEpisode;
  }

  @Override
  public void startTrial(int numStates, int numActions, int episodeLength,
      Rng rng) {
    super.startTrial(numStates, numActions, episodeLength, rng);
    plan = new int[numStates];
    planStep = -1;
  }

  @Override
  public void startEpisode() {
    requireStarted();
    planStep = -1;
    episodePlan = null;
  }

  @Override
  public void observe(int state, int action, double reward, int nextState) {
    super.observe(state, action, reward, nextState);
    planStep = -1;
  }

  @Override
  public int act(int state, int t) {
    checkStep(state, t);
    if (epsilon > 0 && rng.nextDouble() < epsilon) {
      return rng.nextInt(numActions);
    }
    if (replanEachEpisode) {
      if (episodePlan == null) {
        episodePlan = ValueIteration.solveFiniteHorizon(posterior.meanModel(bonus),
            episodeLength, 1.0);
      }
      return uniformTies ? argmaxUniformTies(episodePlan.q()[t], state * numActions, numActions, rng)
          : episodePlan.policies()[t].greedyAction(state);
    }
    if (planStep != t) {
      var first = ValueIteration.solveFiniteHorizon(posterior.meanModel(bonus),
          episodeLength - t, 1.0).policies()[0];
      for (int s = 0; s < numStates; s++) {
        plan[s] = first.greedyAction(s);
      }
      planStep = t;
    }
    return plan[state];
  }

  /** ε. */
  public double epsilon() {
    return epsilon;
  }

  /** Whether the plan is solved once per episode (else after every observation). */
  public boolean replansEachEpisode() {
    return replanEachEpisode;
  }

  /** β. */
  public double bonus() {
    return bonus;
  }
}
