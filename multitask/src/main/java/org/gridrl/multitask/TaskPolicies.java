package org.gridrl.multitask;

import org.gridrl.core.pg.Policy;

/** One policy per task of a multi-task method, each taking its task's base observation. */
public interface TaskPolicies {

  /** T, the number of tasks. */
  int numTasks();

  /**
   * The policy acting in task k; its input is task k's base observation (without a task id:
   * a policy that needs the id appends it itself).
   */
  Policy policy(int task);
}
