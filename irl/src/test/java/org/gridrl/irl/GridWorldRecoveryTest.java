package org.gridrl.irl;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.gridrl.core.mdp.TabularMdp;
import org.gridrl.core.mdp.TabularPolicy;
import org.gridrl.core.planning.ValueIteration;
import org.gridrl.envs.tabular.GridWorld;
import org.gridrl.irl.metrics.IrlMetrics;
import org.gridrl.irl.testing.IrlTestBase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The irl-gridworld protocol at test size: the bundled open 5×5 map, slip 0.3, γ = 0.9, goal
 * reward 1 paid in the (non-terminal) goal cell, uniform start, one-hot features, 512
 * demonstrations of length 15 from the optimal expert. Each method's learned reward must have
 * an optimal policy that is optimal for the true reward in ≥ 95% of states. (The one state a
 * method may miss is a near tie: in state 10, south beats east by 0.017 in Q*.) The discounted
 * and exponentiated-gradient variants are held to ≥ 90%: the discounted model does not match
 * demonstrations cut at 15 steps, and across demo seeds it misses 1–2 states.
 */
class GridWorldRecoveryTest extends IrlTestBase {

  private static TabularMdp trueMdp;
  private static IrlProblem problem;

  @BeforeAll
  static void setUp() {
    GridWorld g = GridWorld.bundled("open5", GridWorld.Options.defaults().withSlip(0.3)
        .withGamma(0.9).withGoalTerminal(false)
        .withRewardTiming(GridWorld.RewardTiming.IN_STATE));
    double[] uniform = new double[g.numStates()];
    Arrays.fill(uniform, 1.0 / g.numStates());
    trueMdp = g.mdp().withInitialDistribution(uniform);
    TabularPolicy expert = ValueIteration.solve(trueMdp).policy();
    Demonstrations demos = Demonstrations.sample(trueMdp, expert, 512, 15, 2026);
    problem = IrlProblem.of(trueMdp, g.features(), demos, 15, IrlProblem.Start.INIT);
  }

  private static double agreement(IrlResult<?> r) {
    TabularPolicy greedy = ValueIteration.solve(trueMdp.withStateRewards(r.stateReward()))
        .policy();
    return IrlMetrics.optimalActionAgreement(trueMdp, greedy);
  }

  @Test
  void maxEnt_recoversRewardWhoseOptimalPolicyMatchesTheExpert() {
    IrlResult<MaxEntIrlConfig> r = MaxEntIrl.train(problem, MaxEntIrlConfig.defaults().withL2(0.01)
        .withMaxIterations(300));
    assertThat(agreement(r)).isGreaterThanOrEqualTo(0.95);
    double[] ll = r.history().series(Metrics.LOG_LIKELIHOOD);
    assertThat(ll[ll.length - 1]).isGreaterThan(ll[0]);
    assertThat(IrlMetrics.expectedValueDifference(trueMdp, r.stateReward())).isLessThan(0.05);
  }

  @Test
  void maxEntExponentiatedGradient_recoversReward() {
    IrlResult<MaxEntIrlConfig> r = MaxEntIrl.train(problem, MaxEntIrlConfig.defaults().withL2(0.01)
        .withOptimizer(MaxEntIrlConfig.Optimizer.EXPONENTIATED_GRADIENT).withLearningRate(0.05)
        .withMaxIterations(300));
    assertThat(agreement(r)).isGreaterThanOrEqualTo(0.9);
  }

  @Test
  void maxEntDiscounted_recoversReward() {
    IrlResult<MaxEntIrlConfig> r = MaxEntIrl.train(problem, MaxEntIrlConfig.defaults().withL2(0.01)
        .withHorizon(MaxEntObjective.Horizon.DISCOUNTED).withMaxIterations(300));
    assertThat(agreement(r)).isGreaterThanOrEqualTo(0.9);
  }

  @Test
  void projection_recoversReward() {
    IrlResult<MaxMarginConfig> r = MaxMarginIrl.train(problem,
        MaxMarginConfig.defaults(MaxMarginConfig.Method.PROJECTION));
    assertThat(agreement(r)).isGreaterThanOrEqualTo(0.95);
  }

  @Test
  void structuredMaxMargin_recoversReward() {
    IrlResult<MaxMarginConfig> r = MaxMarginIrl.train(problem,
        MaxMarginConfig.defaults(MaxMarginConfig.Method.STRUCTURED).withMaxIterations(300));
    assertThat(agreement(r)).isGreaterThanOrEqualTo(0.95);
  }
}
