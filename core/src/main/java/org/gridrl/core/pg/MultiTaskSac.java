package org.gridrl.core.pg;

import java.util.ArrayList;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.gridrl.core.env.Box;
import org.gridrl.core.env.Env;
import org.gridrl.core.env.Step;
import org.gridrl.core.util.Check;
import org.gridrl.core.util.MetricsRecorder;
import org.gridrl.core.util.Provenance;
import org.gridrl.core.util.Rng;
import org.gridrl.core.util.TrainingListener;

/**
 * Multi-task soft actor-critic (the multi-task SAC of Yu et al. 2019, Meta-World; the lecture's
 * template): one actor π(a | s, k) and one pair of critics Q_i(s, k, a) shared by T tasks,
 * minimising the mean over tasks of {@link Sac}'s losses, (1/T) Σ_k L_k with each L_k a mean over
 * task k's share of the minibatch. Each round steps every task's environment once (T
 * environment steps) and stores task k's transition in task k's own {@link ReplayBuffer}; after
 * the warm-up, one update ({@code SacLearner}, exactly {@link Sac}'s) on a minibatch of B rows
 * made of equal shares drawn from each task's buffer (task k gets ⌊B/T⌋ rows, the first
 * B mod T tasks one more), so every task weighs equally whatever its episode lengths. The
 * observation given is the caller's: append the task id with {@code core.env.OneHotTask}.
 *
 * <p>Seeding and metrics as {@link Sac} (iteration = round): network initialisation from stream
 * 0, warm-up actions 1, resets 2 (task 0's first reset first), minibatch indices 3 (task 0's
 * share first), Gaussian noise 4 (acting in task order, then the update).
 * {@value Metrics#EPISODIC_RETURN} and {@value Metrics#EPISODIC_LENGTH} are the means over the
 * episodes that ended in the round. With one task the numbers are {@link Sac#train}'s, bit for
 * bit (tested). A round reuses its buffers, minibatches and noise arrays (no allocation test
 * pins this yet, unlike {@code SacAllocationTest} for {@link Sac}).
 */
public final class MultiTaskSac {

  /** The algorithm's name in results' provenance. */
  public static final String NAME = "multi-task-sac";

  private MultiTaskSac() {}

  /**
   * Trains for {@code config.totalSteps()} rounds (T environment steps each).
   *
   * @param envs the T ≥ 1 task environments, env k = task k: Box observations (with the task
   *     id), the same bounded Box action space. Modified (reset and stepped).
   * @param listener receives {@link Sac#METRICS} but the evaluation's
   * @return the trained actor and critics, the history (iteration = round), the provenance
   * @throws ArithmeticException if a loss or gradient is NaN or infinite
   */
  public static PgResult train(List<? extends Env<double[], double[]>> envs, SacConfig config,
      TrainingListener listener) {
    Check.notNull("envs", envs);
    Check.notEmpty("envs", envs);
    Check.notNull("config", config);
    int numTasks = envs.size();
    Env<double[], double[]> first = envs.get(0);
    if (!(first.observationSpace() instanceof Box obsBox)
        || !(first.actionSpace() instanceof Box actions)) {
      throw new IllegalArgumentException("SAC needs Box observation and action spaces, got "
          + first.observationSpace() + " and " + first.actionSpace());
    }
    for (Env<double[], double[]> e : envs) {
      if (!e.actionSpace().equals(actions) || !e.observationSpace().equals(obsBox)) {
        throw new IllegalArgumentException("task environments differ in spaces: "
            + e.observationSpace() + "/" + e.actionSpace() + " and " + obsBox + "/" + actions);
      }
    }
    Check.argument(config.batchSize() >= numTasks,
        "batchSize must be >= the number of tasks %s, got %s", numTasks, config.batchSize());
    int obsDim = obsBox.dim();
    int actDim = actions.dim();
    Rng root = new Rng(config.seed());
    Rng init = root.fork(0);
    Rng explorationRng = root.fork(1);
    Rng resetRng = root.fork(2);
    Rng batchRng = root.fork(3);
    Rng noiseRng = root.fork(4);
    TanhGaussianPolicy policy = TanhGaussianPolicy.mlp(obsDim, actions, config.hiddenWidth(),
        config.hiddenLayers(), config.logStdMin(), config.logStdMax(), init);
    SacLearner learner = new SacLearner(config, policy, init);
    List<ReplayBuffer> buffers = new ArrayList<>();
    List<ReplayBuffer.Minibatch> shares = new ArrayList<>();
    for (int k = 0; k < numTasks; k++) {
      buffers.add(new ReplayBuffer(config.bufferCapacity(), obsDim, actDim));
      int share = config.batchSize() / numTasks + (k < config.batchSize() % numTasks ? 1 : 0);
      shares.add(new ReplayBuffer.Minibatch(share, obsDim, actDim));
    }
    ReplayBuffer.Minibatch joint = new ReplayBuffer.Minibatch(config.batchSize(), obsDim,
        actDim);
    DMatrixRMaj epsOne = new DMatrixRMaj(1, actDim);
    double[] unitAction = new double[actDim];
    double[] envAction = new double[actDim];
    double[][] obs = new double[numTasks][];
    double[] episodeReturn = new double[numTasks];
    int[] episodeLength = new int[numTasks];
    for (int k = 0; k < numTasks; k++) {
      obs[k] = envs.get(k).reset(resetRng.nextLong());
    }
    MetricsRecorder history = new MetricsRecorder();
    TrainingListener out = TrainingListener.tee(history, listener);
    long start = System.nanoTime();
    double lastReturn = Double.NaN;
    for (long step = 1; step <= config.totalSteps(); step++) {
      boolean learning = step > config.learningStarts();
      boolean logged = false;
      double endedReturn = 0;
      double endedLength = 0;
      int ended = 0;
      // 1-2. act in every task and store each transition in its task's buffer
      for (int k = 0; k < numTasks; k++) {
        if (learning) {
          for (int i = 0; i < actDim; i++) {
            epsOne.data[i] = noiseRng.nextGaussian();
          }
          policy.sampleUnit(obs[k], epsOne, unitAction);
        } else {
          for (int i = 0; i < actDim; i++) {
            unitAction[i] = explorationRng.nextDouble(-1, 1);
          }
        }
        policy.toEnvironment(unitAction, envAction);
        Step<double[]> s = envs.get(k).step(envAction);
        buffers.get(k).add(obs[k], unitAction, s.reward(), s.observation(), s.terminated());
        episodeReturn[k] += s.reward();
        episodeLength[k]++;
        if (s.done()) {
          endedReturn += episodeReturn[k];
          endedLength += episodeLength[k];
          ended++;
          episodeReturn[k] = 0;
          episodeLength[k] = 0;
          obs[k] = envs.get(k).reset(resetRng.nextLong());
        } else {
          obs[k] = s.observation();
        }
      }
      if (ended > 0) {
        lastReturn = endedReturn / ended;
        out.onScalar(step, Metrics.EPISODIC_RETURN, lastReturn);
        out.onScalar(step, Metrics.EPISODIC_LENGTH, endedLength / ended);
        logged = true;
      }
      // 3. one update on equal shares of every task's buffer
      if (learning) {
        int row = 0;
        for (int k = 0; k < numTasks; k++) {
          ReplayBuffer.Minibatch share = shares.get(k);
          buffers.get(k).sample(batchRng, share);
          row = append(share, joint, row, buffers.get(k).capacity() * k);
        }
        SacLearner.Stats stats = learner.update(joint, noiseRng, step);
        if (step % config.logEvery() == 0) {
          stats.report(out, step);
          logged = true;
        }
      }
      if (logged) {
        out.onIterationEnd(step, (System.nanoTime() - start) * 1e-9);
      }
    }
    return new PgResult(policy, List.of(learner.q1(), learner.q2()), config.totalSteps(),
        (long) config.totalSteps() * numTasks, lastReturn, history.history(), true,
        Provenance.of(NAME, config, config.seed()));
  }

  /**
   * Copies the share's rows into {@code joint} from row {@code row}; the joint minibatch's
   * indices are offset by {@code indexOffset} (task k's buffer index + k·capacity). Returns the
   * next free row.
   */
  private static int append(ReplayBuffer.Minibatch share, ReplayBuffer.Minibatch joint, int row,
      int indexOffset) {
    int m = share.size();
    copy(share.observations, joint.observations, row, m);
    copy(share.actions, joint.actions, row, m);
    copy(share.rewards, joint.rewards, row, m);
    copy(share.nextObservations, joint.nextObservations, row, m);
    copy(share.terminated, joint.terminated, row, m);
    for (int i = 0; i < m; i++) {
      joint.indices[row + i] = share.indices[i] + indexOffset;
    }
    return row + m;
  }

  private static void copy(DMatrixRMaj from, DMatrixRMaj to, int row, int m) {
    int c = from.numCols;
    System.arraycopy(from.data, 0, to.data, row * c, m * c);
  }
}
