package org.gridrl.irl.sampled;

import org.gridrl.core.mdp.TabularMdp;
import org.gridrl.core.mdp.TabularPolicy;
import org.gridrl.core.pg.Sampler.ObservationEncoder;
import org.gridrl.core.planning.ValueIteration;
import org.gridrl.core.util.Check;
import org.gridrl.irl.metrics.IrlMetrics;

/**
 * The exact answers a learned reward is judged by on a tabular world, where the dynamics are known
 * to us but not to the method: the policy that re-optimises it, its expected value difference and
 * its correlation with the true reward. The policy side (a network policy as a table, its
 * normalised return) is {@link org.gridrl.core.pg.PolicyTables}.
 */
public final class TabularEvaluation {

  private TabularEvaluation() {
  }

  /**
   * The optimal (hard value iteration) policy for a learned reward r̂(s, a) in a world: what
   * "re-optimise the learned reward" means in the transfer experiments.
   *
   * @param world the dynamics, γ and d0 (its reward is replaced). Not modified.
   * @param learned the learned reward, tabulated on the world's states. Not modified.
   */
  public static TabularPolicy optimalPolicy(TabularMdp world, LearnedReward learned,
      ObservationEncoder<Integer> encoder) {
    Check.notNull("world", world);
    Check.notNull("learned", learned);
    return ValueIteration.solve(world.withRewards(learned.stateActionRewards(world, encoder)))
        .policy();
  }

  /**
   * Expected value difference of a learned reward: Σ_s d0(s) [V*(s) − V^π̂(s)] under the true
   * reward, π̂ optimal for the learned one ({@link IrlMetrics#expectedValueDifference}).
   *
   * @param trueMdp the world with its true reward. Not modified.
   */
  public static double expectedValueDifference(TabularMdp trueMdp, LearnedReward learned,
      ObservationEncoder<Integer> encoder) {
    return IrlMetrics.expectedValueDifference(trueMdp, optimalPolicy(trueMdp, learned, encoder));
  }

  /**
   * Pearson r of a learned reward with the true one over every (s, a) pair, r̂(s, a) against the
   * MDP's r(s, a) (for a state reward on both sides it equals the correlation over states, each
   * state counted A times).
   *
   * @param trueMdp the world with its true reward. Not modified.
   */
  public static double rewardCorrelation(TabularMdp trueMdp, LearnedReward learned,
      ObservationEncoder<Integer> encoder) {
    Check.notNull("trueMdp", trueMdp);
    Check.notNull("learned", learned);
    return IrlMetrics.rewardCorrelation(learned.stateActionRewards(trueMdp, encoder),
        trueMdp.rewards());
  }
}
