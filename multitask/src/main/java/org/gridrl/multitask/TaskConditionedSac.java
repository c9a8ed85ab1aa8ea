package org.gridrl.multitask;

import java.util.ArrayList;
import java.util.List;
import org.gridrl.core.env.Env;
import org.gridrl.core.env.OneHotTask;
import org.gridrl.core.nn.Module;
import org.gridrl.core.pg.MultiTaskSac;
import org.gridrl.core.pg.PgResult;
import org.gridrl.core.pg.Policy;
import org.gridrl.core.pg.SacConfig;
import org.gridrl.core.util.Check;
import org.gridrl.core.util.MetricsRecorder;
import org.gridrl.core.util.Provenance;
import org.gridrl.core.util.TrainingListener;

/**
 * The task-conditioned actor-critic on SAC for continuous tasks (multi-task SAC, Yu et al.
 * 2019): one actor π(a | s, k) and one pair of critics Q_i(s, k, a) shared by the T tasks, the
 * one-hot id appended by {@link OneHotTask}, a replay buffer per task and each update's
 * minibatch made of equal shares of every task's buffer, so the actor and critic losses are
 * (1/T) Σ_k L_k ({@link MultiTaskSac}; no gradient combiner: SAC's losses are summed).
 *
 * <p>Reports {@code core.pg.Sac}'s metrics (iteration = round of T environment steps) and, at
 * every round where episodes ended, {@link TaskConditionedMetrics#taskReturn} of each task that
 * ended one and {@link TaskConditionedMetrics#RETURN}, the mean over those tasks.
 */
public final class TaskConditionedSac {

  /** The algorithm's name in results' provenance. */
  public static final String NAME = "task-conditioned-sac";

  private TaskConditionedSac() {}

  /**
   * Trains on the T tasks for {@code config.totalSteps()} rounds.
   *
   * @param tasks the T ≥ 1 base environments (Box observations without the id, the same bounded
   *     Box actions), env k = task k. Modified by stepping.
   * @return per-task {@link TaskIdPolicy} views of the shared actor, the actor, the two critics,
   *     the history and the provenance
   */
  public static TaskConditionedResult train(List<? extends Env<double[], double[]>> tasks,
      SacConfig config, TrainingListener listener) {
    Check.notNull("tasks", tasks);
    Check.notEmpty("tasks", tasks);
    Check.notNull("config", config);
    int numTasks = tasks.size();
    List<EpisodeReturns<double[], double[]>> recorders = new ArrayList<>();
    List<Env<double[], double[]>> withId = new ArrayList<>();
    for (int k = 0; k < numTasks; k++) {
      EpisodeReturns<double[], double[]> r = new EpisodeReturns<>(tasks.get(k));
      recorders.add(r);
      withId.add(new OneHotTask<>(r, k, numTasks));
    }
    MetricsRecorder history = new MetricsRecorder();
    TrainingListener out = TrainingListener.tee(history, listener);
    double[] taskReturns = new double[numTasks];
    TrainingListener perTask = new TrainingListener() {
      @Override
      public void onScalar(long iteration, String name, double value) {
        out.onScalar(iteration, name, value);
      }

      @Override
      public void onIterationEnd(long iteration, double elapsedSeconds) {
        for (int k = 0; k < numTasks; k++) {
          taskReturns[k] = recorders.get(k).drain();
        }
        double mean = EpisodeReturns.nanMean(taskReturns);
        if (!Double.isNaN(mean)) {
          out.onScalar(iteration, TaskConditionedMetrics.RETURN, mean);
          for (int k = 0; k < numTasks; k++) {
            if (!Double.isNaN(taskReturns[k])) {
              out.onScalar(iteration, TaskConditionedMetrics.taskReturn(k), taskReturns[k]);
            }
          }
        }
        out.onIterationEnd(iteration, elapsedSeconds);
      }
    };
    PgResult r = MultiTaskSac.train(withId, config, perTask);
    List<Policy> views = new ArrayList<>();
    for (int k = 0; k < numTasks; k++) {
      views.add(new TaskIdPolicy(r.policy(), k, numTasks));
    }
    List<Module> critics = r.critics();
    return new TaskConditionedResult(views, List.of(r.policy()), critics,
        r.environmentSteps(), history.history(), Provenance.of(NAME, config, config.seed()));
  }
}
