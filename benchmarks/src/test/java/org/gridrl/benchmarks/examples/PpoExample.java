package org.gridrl.benchmarks.examples;

import java.util.ArrayList;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.gridrl.core.autodiff.Tape;
import org.gridrl.core.env.Env;
import org.gridrl.core.env.TabularEnv;
import org.gridrl.core.env.TimeLimit;
import org.gridrl.core.mdp.TabularMdp;
import org.gridrl.core.mdp.TabularPolicy;
import org.gridrl.core.pg.CategoricalPolicy;
import org.gridrl.core.pg.PgResult;
import org.gridrl.core.pg.Ppo;
import org.gridrl.core.pg.PpoConfig;
import org.gridrl.core.pg.Sampler;
import org.gridrl.core.planning.PolicyEvaluation;
import org.gridrl.core.util.TrainingListener;
import org.gridrl.envs.tabular.GridWorld;

/** PPO on FourRooms from one-hot states, its policy evaluated exactly against the uniform one. */
public class PpoExample {
  public static void main(String[] args) {
    // step reward -1, goal 100, moves slip with probability 0.1
    GridWorld world = GridWorld.bundled("fourrooms",
        GridWorld.Options.forSoftPlanning().withSlip(0.1));
    TabularMdp mdp = world.mdp();
    List<Env<Integer, Integer>> envs = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      envs.add(new TimeLimit<>(new TabularEnv(mdp), 200));  // episodes cut at 200 steps
    }
    Sampler<Integer, Integer> sampler = Sampler.oneHot(envs, mdp.numStates());
    PpoConfig config = PpoConfig.defaults().withIterations(40).withGamma(0.95)
        .withLearningRate(3e-3).withHidden(List.of(32)).withSeed(1);
    PgResult result = Ppo.train(sampler, config, TrainingListener.NONE);
    System.out.println(result.environmentSteps() + " steps, return of the last episodes: "
        + result.lastEpisodicReturn());
    // pi(a|s) of the trained network on every state (one-hot rows), then V^pi exactly
    DMatrixRMaj probs = ((CategoricalPolicy) result.policy())
        .probabilities(new Tape(), CommonOps_DDRM.identity(mdp.numStates()), null);
    TabularPolicy ppo = TabularPolicy.of(mdp.numStates(), mdp.numActions(), probs.data);
    TabularPolicy uniform = TabularPolicy.uniform(mdp.numStates(), mdp.numActions());
    int start = world.stateAt(1, 1);
    System.out.println("V(start): PPO " + PolicyEvaluation.evaluate(mdp, ppo)[start]
        + ", uniform random policy " + PolicyEvaluation.evaluate(mdp, uniform)[start]);
  }
}
