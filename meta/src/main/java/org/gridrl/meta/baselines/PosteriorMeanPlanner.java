package org.gridrl.meta.baselines;

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
 */
abstract class PosteriorMeanPlanner extends MdpModelPolicy {

  private final double epsilon;
  private final double bonus;
  private int[] plan;
  private int planStep = -1;

  PosteriorMeanPlanner(MdpPrior prior, double epsilon, double bonus) {
    super(prior);
    this.epsilon = Check.unitInterval("epsilon", epsilon);
    this.bonus = Check.nonNegativeFinite("bonus", bonus);
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

  /** β. */
  public double bonus() {
    return bonus;
  }
}
