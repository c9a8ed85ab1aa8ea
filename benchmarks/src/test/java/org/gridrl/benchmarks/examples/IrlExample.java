package org.gridrl.benchmarks.examples;

import org.gridrl.core.mdp.TabularMdp;
import org.gridrl.core.mdp.TabularPolicy;
import org.gridrl.core.planning.ValueIteration;
import org.gridrl.envs.tabular.GridWorld;
import org.gridrl.irl.Demonstrations;
import org.gridrl.irl.IrlProblem;
import org.gridrl.irl.IrlResult;
import org.gridrl.irl.MaxEntIrl;
import org.gridrl.irl.MaxEntIrlConfig;
import org.gridrl.irl.metrics.IrlMetrics;

/** MaxEnt IRL: the reward of the open 5×5 map, recovered from an expert's demonstrations. */
public class IrlExample {
  public static void main(String[] args) {
    // the true reward: 1 for each step spent in the goal cell G (bottom right), which does not
    // end the episode; moves slip with probability 0.3
    GridWorld world = GridWorld.bundled("open5", GridWorld.Options.defaults().withSlip(0.3)
        .withGamma(0.9).withGoalTerminal(false)
        .withRewardTiming(GridWorld.RewardTiming.IN_STATE));
    TabularMdp mdp = world.mdp();
    TabularPolicy expert = ValueIteration.solve(mdp).policy();  // optimal for the true reward
    // 100 trajectories of 15 steps from the S cell, seed 1
    Demonstrations demos = Demonstrations.sample(mdp, expert, 100, 15, 1);
    // one-hot features phi(s), horizon T = the longest demonstration (15)
    IrlProblem problem = IrlProblem.of(mdp, world.features(), demos);
    IrlResult<MaxEntIrlConfig> result = MaxEntIrl.train(problem,
        MaxEntIrlConfig.defaults().withL2(0.01).withMaxIterations(2000));
    System.out.println(result.iterations() + " iterations, converged: " + result.converged());
    // expected value difference: the true value lost by acting optimally for the learned
    // reward instead of the true one
    double evd = IrlMetrics.expectedValueDifference(mdp, result.stateReward());
    double evdUniform = IrlMetrics.expectedValueDifference(mdp,
        TabularPolicy.uniform(mdp.numStates(), mdp.numActions()));
    System.out.println("EVD = " + evd + " (uniform random policy: " + evdUniform + ")");
  }
}
