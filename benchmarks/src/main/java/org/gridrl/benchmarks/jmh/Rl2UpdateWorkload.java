package org.gridrl.benchmarks.jmh;

import java.util.ArrayList;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.gridrl.core.autodiff.Tape;
import org.gridrl.core.nn.Parameter;
import org.gridrl.core.optim.Adam;
import org.gridrl.core.util.Rng;
import org.gridrl.meta.rl2.Rl2;
import org.gridrl.meta.rl2.Rl2Config;
import org.gridrl.meta.rl2.Rl2Network;
import org.gridrl.meta.rl2.Rl2Tasks;

/**
 * Issue 14's "one whole RL² PPO update (16 trials of 100 steps)", for {@code gridrl bench gru}:
 * the first iteration of {@link Rl2#train} on {@link Rl2Tasks#bandits bandits(5, 100)} with
 * {@link Rl2Config#defaults()} but 16 trials per iteration (so one minibatch of all 16 trials, 8
 * epochs: 8 gradient steps, each the GRU at H = 64 unrolled over 100 steps with batch 16, the
 * heads, the PPO loss, {@code Tape.grad}, the norm clip and Adam). The network and the batch are
 * built as {@code train} builds them (the same seed forks), the batch sampled once in the
 * constructor; {@link #update()} restores the initial parameters, a fresh {@link Adam} and the
 * shuffle generator, then runs {@link Rl2#update}, so every call is the same computation, and
 * the parameters after it equal those of {@code Rl2.train} with one iteration bit for bit.
 */
public final class Rl2UpdateWorkload {

  private final Rl2Config config;
  private final Rl2Network network;
  private final Rl2.TrialBatch batch;
  private final List<double[]> initial = new ArrayList<>();
  private final Tape tape = new Tape();

  private Rl2UpdateWorkload(Rl2Tasks<?> tasks, Rl2Config config) {
    this.config = config;
    Rng root = new Rng(config.seed());
    network = Rl2Network.forTasks(tasks, config.hidden(), root.fork(0));
    for (Parameter p : network.parameters()) {
      initial.add(p.value().data.clone());
    }
    batch = Rl2.sample(network, tasks, config.trialsPerIteration(), root.fork(1), root.fork(2),
        root.fork(3));
  }

  /** The issue's update: 16 trials of 5-armed bandits with 100 pulls, H = 64, seed 0. */
  public static Rl2UpdateWorkload issue14() {
    return new Rl2UpdateWorkload(tasks(), config());
  }

  /** The task family, {@code Rl2Tasks.bandits(5, 100)}. */
  public static Rl2Tasks<Integer> tasks() {
    return Rl2Tasks.bandits(5, 100);
  }

  /** {@link Rl2Config#defaults()} with one iteration of 16 trials (minibatch 16, 8 epochs). */
  public static Rl2Config config() {
    return Rl2Config.defaults().withIterations(1).withTrialsPerIteration(16)
        .withMinibatchTrials(16).withHidden(64);
  }

  /**
   * One PPO update from the initial parameters over the sampled batch ({@link Rl2#update}, as
   * the first iteration of {@code train}).
   *
   * @return the mean policy loss of the update, to keep the work alive
   */
  public double update() {
    List<Parameter> params = network.parameters();
    for (int i = 0; i < params.size(); i++) {
      double[] w = initial.get(i);
      System.arraycopy(w, 0, params.get(i).value().data, 0, w.length);
    }
    Adam adam = Rl2.optimizer(network, config);
    Rng shuffle = new Rng(config.seed()).fork(4);
    return Rl2.update(network, adam, tape, batch, config, shuffle, 1)[0];
  }

  /** The network's parameter values (live, not copies). */
  public List<DMatrixRMaj> parameters() {
    List<DMatrixRMaj> out = new ArrayList<>();
    for (Parameter p : network.parameters()) {
      out.add(p.value());
    }
    return out;
  }

  /** Gradient steps per update, epochs × ⌈trials / minibatch⌉ (8). */
  public int gradientSteps() {
    int b = batch.trials();
    int m = config.minibatchTrials();
    return config.epochs() * ((b + m - 1) / m);
  }

  /** Steps in the batch, trials × trial length (1600). */
  public int steps() {
    return batch.trials() * batch.length();
  }
}
