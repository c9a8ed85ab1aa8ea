package org.gridrl.benchmarks.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.gridrl.benchmarks.runner.AtomicFiles;
import org.gridrl.core.env.Env;
import org.gridrl.core.env.TabularEnv;
import org.gridrl.core.env.TimeLimit;
import org.gridrl.core.mdp.StateFeatures;
import org.gridrl.core.mdp.TabularMdp;
import org.gridrl.core.mdp.TabularPolicy;
import org.gridrl.core.pg.PolicyTables;
import org.gridrl.core.pg.Sampler;
import org.gridrl.core.pg.Sampler.ObservationEncoder;
import org.gridrl.core.util.Numbers;
import org.gridrl.irl.Demonstrations;
import org.gridrl.irl.sampled.Airl;
import org.gridrl.irl.sampled.AirlConfig;
import org.gridrl.irl.sampled.BehaviourCloning;
import org.gridrl.irl.sampled.BehaviourCloningConfig;
import org.gridrl.irl.sampled.Gail;
import org.gridrl.irl.sampled.GailConfig;
import org.gridrl.irl.sampled.GuidedCostLearning;
import org.gridrl.irl.sampled.GuidedCostLearningConfig;
import org.gridrl.irl.sampled.LearnedReward;
import org.gridrl.irl.sampled.SampledIrlResult;
import org.gridrl.irl.sampled.Transitions;

/**
 * {@code gridrl irl gail|airl|gcl|bc}: the sample-based methods on a user's tabular problem. The
 * MDP file is used only as a simulator (the learners sample episodes of the demonstrations'
 * length from it, never read its transition table); the observations are the feature rows, so
 * the learned reward is a function of the features and every state gets one. Writes
 * {@code policy.csv} (state,action,probability of the trained policy) and, except for behaviour
 * cloning, {@code reward.csv} (state,reward: AIRL's g(s); for the state-action rewards of GAIL
 * and GCL, Σ_a π(a|s) r(s, a) under the trained policy).
 */
final class SampledIrl {

  /** The methods this class runs. */
  static final List<String> METHODS = List.of("gail", "airl", "gcl", "bc");

  /** Environments the learners sample from in lock step. */
  static final int NUM_ENVS = 8;

  private SampledIrl() {
  }

  /** Everything a run needs, read and checked by {@link IrlCommand}. */
  record Inputs(String method, Path mdpFile, TabularMdp mdp, StateFeatures features,
      Demonstrations demos, int horizon, long seed, Integer iterations, Path out) {
  }

  /** Runs the method and writes its files; returns the exit code. */
  static int run(Io io, Inputs in) throws IOException {
    TabularMdp mdp = in.mdp();
    StateFeatures phi = in.features();
    int k = phi.numFeatures();
    double[] rows = phi.data();
    ObservationEncoder<Integer> encoder = (s, o, off) -> System.arraycopy(rows, s * k, o, off, k);
    Transitions expert = Transitions.fromDemonstrations(in.demos(), mdp, encoder, k);
    List<Env<Integer, Integer>> envs = new ArrayList<>();
    for (int i = 0; i < NUM_ENVS; i++) {
      envs.add(new TimeLimit<>(new TabularEnv(mdp), in.horizon()));
    }
    Sampler<Integer, Integer> sampler = new Sampler<>(envs, encoder, k);
    SampledIrlResult<?> result = train(in, sampler, expert, mdp.gamma());

    Files.createDirectories(in.out());
    TabularPolicy pi = PolicyTables.policy(result.policy(), mdp.numStates(), encoder);
    Path policy = in.out().resolve("policy.csv");
    Path reward = in.out().resolve("reward.csv");
    if (result.reward() != null) {
      double[] r = stateReward(result.reward(), mdp, encoder, pi);
      AtomicFiles.writeText(reward, w -> {
        w.write("state,reward\n");
        for (int s = 0; s < mdp.numStates(); s++) {
          w.write(s + "," + Numbers.shortest(r[s]) + "\n");
        }
      });
    }
    AtomicFiles.writeText(policy, w -> {
      w.write("state,action,probability\n");
      for (int s = 0; s < mdp.numStates(); s++) {
        for (int a = 0; a < mdp.numActions(); a++) {
          w.write(s + "," + a + "," + Numbers.shortest(pi.probability(s, a)) + "\n");
        }
      }
    });
    io.out().println(result.algorithm() + " on " + in.mdpFile() + ": S = " + mdp.numStates()
        + ", A = " + mdp.numActions() + ", k = " + k + " features as observations, "
        + in.demos().size() + " demonstrations (" + expert.size() + " steps), episodes of "
        + in.horizon() + " steps, gamma " + mdp.gamma() + ", seed " + in.seed() + ", "
        + result.iterations() + (in.method().equals("bc") ? " epochs" : " iterations, "
        + result.environmentSteps() + " environment steps"));
    io.out().println("wrote " + (result.reward() == null ? "" : reward + ", ") + policy);
    io.out().flush();
    return 0;
  }

  private static SampledIrlResult<?> train(Inputs in, Sampler<Integer, Integer> sampler,
      Transitions expert, double gamma) {
    long seed = in.seed();
    Integer n = in.iterations();
    return switch (in.method()) {
      case "bc" -> BehaviourCloning.train(expert, BehaviourCloningConfig.defaults().with(b -> {
        b.seed(seed);
        if (n != null) {
          b.epochs(n);
        }
      }), null);
      case "gail" -> Gail.train(sampler, expert, GailConfig.defaults().with(b -> {
        b.seed(seed).ppo(GailConfig.defaults().ppo().withGamma(gamma));
        if (n != null) {
          b.iterations(n);
        }
      }), null);
      case "airl" -> Airl.train(sampler, expert, AirlConfig.defaults().with(b -> {
        b.seed(seed).ppo(AirlConfig.defaults().ppo().withGamma(gamma));
        if (n != null) {
          b.iterations(n);
        }
      }), null);
      case "gcl" -> GuidedCostLearning.train(sampler, expert, GuidedCostLearningConfig.defaults()
          .with(b -> {
            b.seed(seed).ppo(GuidedCostLearningConfig.defaultPpo().withGamma(gamma));
            if (n != null) {
              b.iterations(n);
            }
          }), null);
      default -> throw new IllegalArgumentException("not a sample-based method: " + in.method());
    };
  }

  /**
   * r(s) to write: a state reward as it is; a state-action reward averaged under the trained
   * policy, Σ_a π(a|s) r(s, a).
   */
  static double[] stateReward(LearnedReward reward, TabularMdp mdp,
      ObservationEncoder<Integer> encoder, TabularPolicy pi) {
    double[] rsa = reward.stateActionRewards(mdp, encoder);
    int numA = mdp.numActions();
    double[] r = new double[mdp.numStates()];
    for (int s = 0; s < r.length; s++) {
      if (reward.inputs() == LearnedReward.Inputs.STATE) {
        r[s] = rsa[s * numA];
        continue;
      }
      for (int a = 0; a < numA; a++) {
        r[s] += pi.probability(s, a) * rsa[s * numA + a];
      }
    }
    return r;
  }
}
