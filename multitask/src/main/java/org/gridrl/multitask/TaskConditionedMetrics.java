package org.gridrl.multitask;

import java.util.ArrayList;
import java.util.List;

/** The metric keys {@link TaskConditionedActorCritic} reports each iteration. */
public final class TaskConditionedMetrics {

  /**
   * Mean over the tasks that ended an episode this iteration of each task's mean undiscounted
   * episodic return (tasks weigh equally).
   */
  public static final String RETURN = "multitask/return";

  /**
   * Per-task gradients only (a combiner other than NONE, a shared network): the mean over task
   * pairs of the cosine g_i·g_j / (‖g_i‖‖g_j‖) between the tasks' policy gradients, averaged
   * over the iteration's minibatch steps ({@code UpdateStats.PpoClip#gradientCosine}); for two
   * tasks it is the pair's cosine. Absent when there is no per-task path or no pair of nonzero
   * gradients.
   */
  public static final String GRADIENT_COSINE = "multitask/gradient_cosine";

  /**
   * Per-task gradients only: the share of task pairs whose policy gradients have a negative
   * cosine (conflict, in Yu et al. 2020's sense), averaged over the iteration's minibatch steps;
   * absent when {@link #GRADIENT_COSINE} is.
   */
  public static final String CONFLICT_FRACTION = "multitask/conflict_fraction";

  /** Environment steps so far, over all tasks. */
  public static final String STEPS = "multitask/steps";

  private static final String TASK_RETURN = "multitask/return/task_";

  private TaskConditionedMetrics() {}

  /** Task k's mean undiscounted return of the episodes that ended this iteration. */
  public static String taskReturn(int task) {
    return TASK_RETURN + task;
  }

  /** Every key for T tasks, in the order reported (some may be absent in an iteration). */
  public static List<String> keys(int numTasks) {
    List<String> keys = new ArrayList<>();
    keys.add(RETURN);
    for (int k = 0; k < numTasks; k++) {
      keys.add(taskReturn(k));
    }
    keys.add(GRADIENT_COSINE);
    keys.add(CONFLICT_FRACTION);
    keys.add(STEPS);
    return List.copyOf(keys);
  }
}
