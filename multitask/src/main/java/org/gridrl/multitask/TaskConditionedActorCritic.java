package org.gridrl.multitask;

import java.util.ArrayList;
import java.util.List;
import org.gridrl.core.env.Env;
import org.gridrl.core.env.OneHotTask;
import org.gridrl.core.nn.Module;
import org.gridrl.core.pg.Batch;
import org.gridrl.core.pg.Networks;
import org.gridrl.core.pg.Policy;
import org.gridrl.core.pg.Ppo;
import org.gridrl.core.pg.PpoConfig;
import org.gridrl.core.pg.Sampler;
import org.gridrl.core.pg.UpdateStats;
import org.gridrl.core.util.Check;
import org.gridrl.core.util.MetricsRecorder;
import org.gridrl.core.util.Provenance;
import org.gridrl.core.util.Rng;
import org.gridrl.core.util.TrainingListener;

/**
 * The task-conditioned actor-critic, the lecture's multi-task template, on PPO
 * ({@link Ppo}): one actor π_θ(a | s, k) and one critic V_φ(s, k) shared by all T tasks, the
 * task id k a one-hot e_k appended to s ({@link OneHotTask}), data from every task each
 * iteration, and the objective min_θ,φ (1/T) Σ_k L_k(θ, φ) with L_k task k's PPO loss
 * (clipped surrogate + c_V·value loss − c_H·entropy, means over task k's rows). The per-task
 * gradients g_k = ∇L_k (one pass over each task's rows of a minibatch) are combined into one
 * direction by a {@link GradientCombiner} — the plain sum, PCGrad (Yu et al. 2020), MGDA
 * (Sener &amp; Koltun 2018) or CAGrad (Liu et al. 2021) — separately for the actor's and the
 * critic's parameters; {@link TaskConditionedConfig.Combiner#NONE} instead takes one pass over
 * the mixed minibatch (plain PPO on the multi-task batch).
 *
 * <p>Baselines ({@link TaskConditionedConfig.Mode}): one shared actor-critic without the id
 * (it cannot tell conflicting tasks apart), and one independent actor-critic per task, each
 * trained by PPO on its task alone with the same per-task step budget, seeds forked per task.
 *
 * <p>Seeding: the shared networks from the PPO seed as {@link Ppo#train} builds them
 * ({@link Networks#defaultPolicy}, {@link Networks#defaultValue}), the sampler reseeded from
 * stream 2, PCGrad's order from stream 4; independent task k runs with PPO seed
 * {@code Rng(seed).fork(5).fork(k).nextLong()}.
 *
 * <p>Logged per iteration ({@link TaskConditionedMetrics}): the mean return of each task's
 * episodes that ended, their mean over the tasks, and the environment steps; with per-task
 * gradients also how much the tasks' policy gradients conflict (mean pairwise cosine, share of
 * negative cosines, from the Gram matrix the combiner uses).
 */
public final class TaskConditionedActorCritic {

  /** The algorithm's name in results' provenance. */
  public static final String NAME = "task-conditioned-ppo";

  private TaskConditionedActorCritic() {}

  /**
   * Trains on the T tasks for {@code config.ppo().iterations()} iterations.
   *
   * @param tasks the T ≥ 1 base environments (observation without a task id), env k = task k;
   *     same spaces. Modified by stepping.
   * @param listener receives the metrics of {@link TaskConditionedMetrics#keys} every iteration
   * @return the per-task policies, the trained networks, the history and the provenance
   */
  public static <A> TaskConditionedResult train(List<? extends Env<double[], A>> tasks,
      TaskConditionedConfig config, TrainingListener listener) {
    Check.notNull("tasks", tasks);
    Check.notNull("config", config);
    Check.positive("number of tasks", tasks.size());
    int numTasks = tasks.size();
    PpoConfig ppo = config.ppo();
    List<EpisodeReturns<double[], A>> recorders = new ArrayList<>();
    for (Env<double[], A> env : tasks) {
      recorders.add(new EpisodeReturns<>(env));
    }
    // 1. the learners: one shared (with or without the id) or one per task
    List<Sampler<double[], A>> samplers = new ArrayList<>();
    List<PpoConfig> configs = new ArrayList<>();
    switch (config.mode()) {
      case SHARED_WITH_ID -> {
        List<Env<double[], A>> withId = new ArrayList<>();
        for (int k = 0; k < numTasks; k++) {
          withId.add(new OneHotTask<>(recorders.get(k), k, numTasks));
        }
        samplers.add(Sampler.vector(withId));
        configs.add(ppo);
      }
      case SHARED_NO_ID -> {
        samplers.add(Sampler.vector(recorders));
        configs.add(ppo);
      }
      case INDEPENDENT -> {
        Rng seeds = new Rng(ppo.seed()).fork(5);
        for (int k = 0; k < numTasks; k++) {
          samplers.add(Sampler.vector(List.of(recorders.get(k))));
          configs.add(ppo.withSeed(seeds.fork(k).nextLong()));
        }
      }
      default -> throw new IllegalStateException("unknown mode " + config.mode());
    }
    List<Policy> policies = new ArrayList<>();
    List<Module> values = new ArrayList<>();
    List<Ppo> learners = new ArrayList<>();
    for (int j = 0; j < samplers.size(); j++) {
      Sampler<double[], A> sampler = samplers.get(j);
      PpoConfig c = configs.get(j);
      Policy policy = Networks.defaultPolicy(sampler, c.hidden(), c.initLogStd(), c.seed());
      Module value = Networks.defaultValue(sampler, c.hidden(), c.seed());
      sampler.reseed(new Rng(c.seed()).fork(2).nextLong());
      policies.add(policy);
      values.add(value);
      learners.add(new Ppo(policy, value, c,
          config.combiner().create(new Rng(c.seed()).fork(4).nextLong())));
    }
    // 2. iterations: every learner collects stepsPerEnv steps per task, then updates
    MetricsRecorder history = new MetricsRecorder();
    TrainingListener out = TrainingListener.tee(history, listener);
    double[] taskReturns = new double[numTasks];
    long steps = 0;
    long start = System.nanoTime();
    for (int it = 1; it <= ppo.iterations(); it++) {
      double cosine = Double.NaN;
      double conflict = Double.NaN;
      for (int j = 0; j < learners.size(); j++) {
        Batch batch = samplers.get(j).collect(policies.get(j), configs.get(j).stepsPerEnv());
        steps += batch.size();
        UpdateStats.PpoClip stats = learners.get(j).update(batch, it);
        // NaN unless a shared learner took per-task gradients
        cosine = stats.gradientCosine();
        conflict = stats.conflictFraction();
      }
      // 3. report each task's returns and their mean
      for (int k = 0; k < numTasks; k++) {
        taskReturns[k] = recorders.get(k).drain();
      }
      double mean = EpisodeReturns.nanMean(taskReturns);
      if (!Double.isNaN(mean)) {
        out.onScalar(it, TaskConditionedMetrics.RETURN, mean);
      }
      for (int k = 0; k < numTasks; k++) {
        if (!Double.isNaN(taskReturns[k])) {
          out.onScalar(it, TaskConditionedMetrics.taskReturn(k), taskReturns[k]);
        }
      }
      if (!Double.isNaN(cosine)) {
        out.onScalar(it, TaskConditionedMetrics.GRADIENT_COSINE, cosine);
        out.onScalar(it, TaskConditionedMetrics.CONFLICT_FRACTION, conflict);
      }
      out.onScalar(it, TaskConditionedMetrics.STEPS, steps);
      out.onIterationEnd(it, (System.nanoTime() - start) * 1e-9);
    }
    List<Policy> taskPolicies = new ArrayList<>();
    for (int k = 0; k < numTasks; k++) {
      taskPolicies.add(switch (config.mode()) {
        case SHARED_WITH_ID -> new TaskIdPolicy(policies.get(0), k, numTasks);
        case SHARED_NO_ID -> policies.get(0);
        case INDEPENDENT -> policies.get(k);
      });
    }
    return new TaskConditionedResult(taskPolicies, policies, values, steps, history.history(),
        Provenance.of(NAME, config, config.seed()));
  }
}
