package org.gridrl.multitask;

import com.google.common.primitives.Ints;
import java.util.ArrayList;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.gridrl.core.autodiff.Tape;
import org.gridrl.core.autodiff.Tensor;
import org.gridrl.core.env.Env;
import org.gridrl.core.env.Space;
import org.gridrl.core.nn.Module;
import org.gridrl.core.optim.Adam;
import org.gridrl.core.pg.Batch;
import org.gridrl.core.pg.CategoricalPolicy;
import org.gridrl.core.pg.Networks;
import org.gridrl.core.pg.Policy;
import org.gridrl.core.pg.PolicyDistillation;
import org.gridrl.core.pg.Ppo;
import org.gridrl.core.pg.PpoConfig;
import org.gridrl.core.pg.Sampler;
import org.gridrl.core.util.Check;
import org.gridrl.core.util.Rng;

/**
 * What neural Distral and divide-and-conquer share around core.pg: the local learners they
 * start from ({@link #locals}), one sampler per task, the log-probabilities of a policy on a
 * batch's (s_t, a_t), a batch with replaced rewards, and the pooled (state, teacher
 * distribution) rows a distillation step fits ({@link #distil}). Reuses its scratch across
 * calls; not thread-safe.
 */
final class TaskBatches {

  private final Tape tape = new Tape();
  private final List<Tensor> leaves = new ArrayList<>();
  private final Policy.Evaluation evaluation = new Policy.Evaluation(null, null);
  private final DMatrixRMaj obs = new DMatrixRMaj(1, 1);
  private final DMatrixRMaj probs = new DMatrixRMaj(1, 1);
  /** The pooled states of {@link #pool}. */
  final DMatrixRMaj pooledObs = new DMatrixRMaj(1, 1);
  /** The pooled teacher rows of {@link #pool}. */
  final DMatrixRMaj pooledTeacher = new DMatrixRMaj(1, 1);

  /** Checks the tasks: at least one, discrete actions, equal spaces. */
  static void checkTasks(List<? extends Env<double[], Integer>> tasks) {
    Check.notNull("tasks", tasks);
    Check.argument(!tasks.isEmpty(), "need at least one task");
    Space os = tasks.get(0).observationSpace();
    Space as = tasks.get(0).actionSpace();
    for (int i = 0; i < tasks.size(); i++) {
      Env<double[], Integer> e = Check.notNull("tasks[" + i + "]", tasks.get(i));
      Check.argument(e.observationSpace().equals(os) && e.actionSpace().equals(as),
          "task %s has spaces %s, %s; task 0 has %s, %s", i, e.observationSpace(),
          e.actionSpace(), os, as);
    }
  }

  /**
   * What both methods start from, built in this order from {@code root = Rng(ppo.seed())}: one
   * sampler per task ({@link #samplers}, stream T + 1), then for i = 0..T−1 π_i and V_i (hidden
   * layers {@code ppo.hidden()}) from stream i and a {@link Ppo} whose shuffle seed is the next
   * draw of {@code shuffleSeeds} (stream T + 2; its later draws are the method's). Stream T is
   * left for the method's shared policy, T + 3 and on for its other uses.
   *
   * @param tasks checked by {@link #checkTasks}
   */
  static Locals locals(List<? extends Env<double[], Integer>> tasks, PpoConfig ppo) {
    int numTasks = tasks.size();
    long seed = ppo.seed();
    List<Sampler<double[], Integer>> samplers = samplers(tasks, seed, numTasks + 1);
    int obsDim = samplers.get(0).observationDim();
    int numActions = samplers.get(0).numActions();
    int[] hidden = Ints.toArray(ppo.hidden());
    Rng root = new Rng(seed);
    Rng shuffleSeeds = root.fork(numTasks + 2);
    List<Policy> policies = new ArrayList<>();
    List<Module> values = new ArrayList<>();
    List<Ppo> learners = new ArrayList<>();
    for (int i = 0; i < numTasks; i++) {
      Rng init = root.fork(i);
      Policy pi = CategoricalPolicy.mlp(obsDim, hidden, numActions, init);
      Module v = Networks.value(obsDim, ppo.hidden(), init);
      policies.add(pi);
      values.add(v);
      learners.add(new Ppo(pi, v, ppo.withSeed(shuffleSeeds.nextLong())));
    }
    return new Locals(root, shuffleSeeds, samplers, obsDim, numActions, hidden, policies, values,
        learners);
  }

  /**
   * The result of {@link #locals}: the generators the method goes on drawing from, the samplers,
   * the spaces' sizes, the hidden layers, and π_i, V_i and PPO learner i for each task.
   */
  record Locals(Rng root, Rng shuffleSeeds, List<Sampler<double[], Integer>> samplers,
      int obsDim, int numActions, int[] hidden, List<Policy> policies, List<Module> values,
      List<Ppo> learners) {

    /** A fresh policy network of the locals' architecture, initialised from {@code init}. */
    Policy newPolicy(Rng init) {
      return CategoricalPolicy.mlp(obsDim, hidden, numActions, init);
    }
  }

  /** The distillation of the method's shared policy: Adam from its defaults at this rate. */
  static PolicyDistillation distillation(Policy student, double learningRate, String algorithm) {
    return new PolicyDistillation(student,
        Adam.Config.defaults().withLearningRate(learningRate), algorithm + " iteration");
  }

  /**
   * One single-environment sampler per task, reseeded with the k-th draw of
   * {@code new Rng(seed).fork(fork)}; each sampler's batches carry task index 0.
   */
  static List<Sampler<double[], Integer>> samplers(List<? extends Env<double[], Integer>> tasks,
      long seed, int fork) {
    Rng r = new Rng(seed).fork(fork);
    List<Sampler<double[], Integer>> out = new ArrayList<>();
    for (Env<double[], Integer> e : tasks) {
      Sampler<double[], Integer> s = Sampler.vector(List.of(e));
      Check.argument(s.discrete(), "the tasks need discrete actions, got %s", e.actionSpace());
      s.reseed(r.nextLong());
      out.add(s);
    }
    return out;
  }

  /** The batch with its rewards replaced by {@code rewards} (every other array shared). */
  static Batch withRewards(Batch b, double[] rewards) {
    return new Batch(b.observationDim(), b.actionDim(), b.observations(), b.actions(),
        b.actionIndices(), rewards, b.logProbs(), b.nextObservations(), b.terminated(),
        b.truncated(), b.last(), b.tasks(), b.episodeReturns(), b.episodeLengths());
  }

  /** Copies every parameter matrix of {@code from} into {@code to} (same architecture). */
  static void copyParameters(Policy from, Policy to) {
    for (int k = 0; k < from.parameters().size(); k++) {
      to.parameters().get(k).value().setTo(from.parameters().get(k).value());
    }
  }

  /** The batch's states as an N × obsDim matrix (this object's scratch). */
  DMatrixRMaj observations(Batch b) {
    obs.reshape(b.size(), b.observationDim());
    System.arraycopy(b.observations(), 0, obs.data, 0, b.size() * b.observationDim());
    return obs;
  }

  /**
   * log π(a_t|s_t) for every step of the batch, values only.
   *
   * @param out length ≥ N, or null for a new array. Modified.
   */
  double[] logProbs(Policy pi, Batch b, double[] out) {
    int n = b.size();
    if (out == null || out.length < n) {
      out = new double[n];
    }
    tape.reset();
    pi.bind(tape, leaves);
    Policy.Evaluation ev = pi.evaluate(tape, tape.constant(observations(b)), leaves, null,
        b.actionIndices(), evaluation);
    System.arraycopy(ev.logProb().value().data, 0, out, 0, n);
    tape.reset();
    return out;
  }

  /**
   * {@code steps} full-batch {@link PolicyDistillation#klStep}s of {@code distill} on the rows
   * {@link #pool}{@code (batches, teachers, numActions)} stacks.
   *
   * @return the KL of the last step; NaN when {@code steps} is 0
   */
  double distil(PolicyDistillation distill, int steps, List<Batch> batches,
      List<? extends Policy> teachers, int numActions, long iteration) {
    pool(batches, teachers, numActions);
    double kl = Double.NaN;
    for (int k = 0; k < steps; k++) {
      kl = distill.klStep(pooledObs, pooledTeacher, iteration);
    }
    return kl;
  }

  /**
   * Stacks the states of every batch into {@link #pooledObs} and, row by row, the teacher
   * {@code teachers.get(i)}'s π(·|s) for the rows of batch i into {@link #pooledTeacher}.
   */
  void pool(List<Batch> batches, List<? extends Policy> teachers, int numActions) {
    int total = 0;
    for (Batch b : batches) {
      total += b.size();
    }
    int d = batches.get(0).observationDim();
    pooledObs.reshape(total, d);
    pooledTeacher.reshape(total, numActions);
    int row = 0;
    for (int i = 0; i < batches.size(); i++) {
      Batch b = batches.get(i);
      int n = b.size();
      System.arraycopy(b.observations(), 0, pooledObs.data, row * d, n * d);
      PolicyDistillation.probabilities(teachers.get(i), observations(b), tape, leaves, probs);
      System.arraycopy(probs.data, 0, pooledTeacher.data, row * numActions, n * numActions);
      row += n;
    }
  }
}
