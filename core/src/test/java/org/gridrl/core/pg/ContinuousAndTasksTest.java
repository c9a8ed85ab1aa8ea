package org.gridrl.core.pg;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.gridrl.core.autodiff.Tape;
import org.gridrl.core.env.Box;
import org.gridrl.core.env.Discrete;
import org.gridrl.core.env.Env;
import org.gridrl.core.env.Space;
import org.gridrl.core.env.Step;
import org.gridrl.core.env.TabularEnv;
import org.gridrl.core.env.TaskDistribution;
import org.gridrl.core.env.TimeLimit;
import org.gridrl.core.mdp.TabularMdp;
import org.gridrl.core.testing.TestBase;
import org.gridrl.core.util.Rng;
import org.gridrl.core.util.TrainingListener;
import org.junit.jupiter.api.Test;

class ContinuousAndTasksTest extends TestBase {

  /** One-step continuous bandit: observation [1], reward −(a − target)², then terminal. */
  static final class QuadraticBandit implements Env<double[], double[]> {
    private final double target;

    QuadraticBandit(double target) {
      this.target = target;
    }

    @Override
    public Space observationSpace() {
      return Box.uniform(1, 0, 1);
    }

    @Override
    public Space actionSpace() {
      return Box.uniform(1, -2, 2);
    }

    @Override
    public double[] reset(long seed) {
      return new double[] {1};
    }

    @Override
    public Step<double[]> step(double[] a) {
      double d = a[0] - target;
      return new Step<>(new double[] {1}, -d * d, true, false);
    }
  }

  @Test
  void ppo_gaussianPolicy_learnsTheMaximisingMean() {
    List<Env<double[], double[]>> envs = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      envs.add(new QuadraticBandit(0.5));
    }
    Sampler<double[], double[]> sampler = Sampler.vector(envs);
    assertThat(sampler.discrete()).isFalse();
    PpoConfig c = new PpoConfig(100, 16, 0.9, 0.95, 0.2, 0.0, true, 4, 32, 3e-3, 0.0, 0.5,
        0.5, List.of(8), -0.5, 5);
    PgResult r = Ppo.train(sampler, c, TrainingListener.NONE);
    GaussianPolicy pi = (GaussianPolicy) r.policy();
    Tape tape = new Tape();
    double mean = pi.distribution(tape, tape.filled(1, 1, 1.0), pi.bind(tape)).mean().item();
    // E[r] = −(μ − 0.5)² − σ², maximised at μ = 0.5
    assertThat(mean).isCloseTo(0.5, org.assertj.core.api.Assertions.within(0.05));
    assertThat(r.lastEpisodicReturn()).isGreaterThan(-0.2);
  }

  @Test
  void forTasks_eachEnvironmentIsOneSampledTask_andStepsCarryItsIndex() {
    // tasks: bandits whose best-arm reward is drawn uniformly in [1, 2)
    TaskDistribution<TabularMdp> tasks = rng -> OnPolicyGoldenTest.bandit(1 + rng.nextDouble());
    Rng rng = new Rng(9);
    Sampler<Integer, Integer> s = Sampler.forTasks(tasks, 3,
        mdp -> new TimeLimit<>(new TabularEnv(mdp), 5), Sampler.ObservationEncoder.oneHot(2), 2,
        rng);
    Rng same = new Rng(9);
    double[] best = new double[3];
    for (int i = 0; i < 3; i++) {
      best[i] = 1 + same.nextDouble();
    }
    CategoricalPolicy alwaysBest = CategoricalPolicy.mlp(2, new int[] {}, 2, new Rng(0));
    alwaysBest.parameters().get(0).value().zero();
    alwaysBest.parameters().get(1).value().set(0, 1, 30.0);
    Batch b = s.collectEpisodes(alwaysBest, 2);
    assertThat(b.tasks()).containsExactly(0, 0, 1, 1, 2, 2);
    assertClose(new double[] {best[0], best[0], best[1], best[1], best[2], best[2]}, b.rewards(),
        TIGHT);
    assertThat(s.envs().get(0).actionSpace()).isEqualTo(new Discrete(2));
  }
}
