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

  /** Environment steps so far, over all tasks. */
  public static final String STEPS = "multitask/steps";

  private static final String TASK_RETURN = "multitask/return/task_";

  private TaskConditionedMetrics() {}

  /** Task k's mean undiscounted return of the episodes that ended this iteration. */
  public static String taskReturn(int task) {
    return TASK_RETURN + task;
  }

  /** Every key for T tasks, in the order reported. */
  public static List<String> keys(int numTasks) {
    List<String> keys = new ArrayList<>();
    keys.add(RETURN);
    for (int k = 0; k < numTasks; k++) {
      keys.add(taskReturn(k));
    }
    keys.add(STEPS);
    return List.copyOf(keys);
  }
}
