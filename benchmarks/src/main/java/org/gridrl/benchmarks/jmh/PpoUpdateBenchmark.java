package org.gridrl.benchmarks.jmh;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.gridrl.core.env.Env;
import org.gridrl.core.env.TabularEnv;
import org.gridrl.core.env.TimeLimit;
import org.gridrl.core.mdp.TabularMdp;
import org.gridrl.core.nn.Module;
import org.gridrl.core.pg.Batch;
import org.gridrl.core.pg.Networks;
import org.gridrl.core.pg.Policy;
import org.gridrl.core.pg.Ppo;
import org.gridrl.core.pg.PpoConfig;
import org.gridrl.core.pg.Sampler;
import org.gridrl.core.pg.UpdateStats;
import org.gridrl.envs.tabular.GridWorld;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One PPO update ({@link Ppo#update}) on a batch of 4,096 FourRooms steps (8 environments ×
 * 512, one-hot observations of the 104 free cells, 4 actions): value predictions over the batch
 * and its next states, GAE, then {@code epochs} passes of shuffled minibatches of 256 through
 * the policy and value MLPs (one tanh hidden layer of {@code hidden} units), each with the
 * clipped surrogate, the value loss, the entropy bonus, backward, global-norm clipping and an
 * Adam step — the settings of the {@code pg-fourrooms} experiment. Issue 5's target: under
 * 100 ms on one core. Run: {@code java -cp benchmarks/target/gridrl.jar org.openjdk.jmh.Main
 * PpoUpdateBenchmark -t 1}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class PpoUpdateBenchmark {

  @Param({"32", "64"})
  int hidden;

  @Param({"4"})
  int epochs;

  Batch batch;
  Ppo ppo;
  long iteration;

  @Setup
  public void setup() {
    GridWorld world = GridWorld.bundled("fourrooms", GridWorld.Options.defaults().withSlip(0.1)
        .withStepReward(-1).withGoalReward(100));
    TabularMdp mdp = world.mdp();
    List<Env<Integer, Integer>> envs = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      envs.add(new TimeLimit<>(new TabularEnv(mdp), 200));
    }
    Sampler<Integer, Integer> sampler = Sampler.oneHot(envs, mdp.numStates());
    sampler.reseed(1);
    PpoConfig config = new PpoConfig(1, 512, 0.95, 0.95, 0.2, 0.0, true, epochs, 256, 3e-3,
        0.01, 0.5, 0.5, List.of(hidden), 0.0, 1L);
    Policy policy = Networks.defaultPolicy(sampler, config.hidden(), 0.0, config.seed());
    Module value = Networks.defaultValue(sampler, config.hidden(), config.seed());
    batch = sampler.collect(policy, 512);
    ppo = new Ppo(policy, value, config);
  }

  @Benchmark
  public UpdateStats.PpoClip update() {
    return ppo.update(batch, ++iteration);
  }
}
