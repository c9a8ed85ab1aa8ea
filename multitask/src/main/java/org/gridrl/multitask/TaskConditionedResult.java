package org.gridrl.multitask;

import java.util.List;
import org.gridrl.core.nn.Module;
import org.gridrl.core.pg.Policy;
import org.gridrl.core.util.Check;
import org.gridrl.core.util.MetricsHistory;
import org.gridrl.core.util.Provenance;
import org.gridrl.core.util.TrainingResult;

/**
 * What {@link TaskConditionedActorCritic#train} and {@link TaskConditionedSac#train} return.
 *
 * @param taskPolicies π_k acting on task k's base observation, one per task: a
 *     {@link TaskIdPolicy} view of the shared policy (with id), the shared policy itself (no id),
 *     or task k's own policy (independent); immutable
 * @param policies the trained policy networks: one (shared modes) or T (independent); immutable
 * @param values the trained critics: a value network per policy (PPO), or SAC's Q₁ and Q₂;
 *     immutable
 * @param environmentSteps environment steps over all tasks
 * @param history per iteration the keys of {@link TaskConditionedMetrics}
 * @param provenance the algorithm ({@link TaskConditionedActorCritic#NAME} with its
 *     {@link TaskConditionedConfig}, or {@link TaskConditionedSac#NAME} with its
 *     {@code SacConfig}), the seed
 */
public record TaskConditionedResult(List<Policy> taskPolicies, List<Policy> policies,
    List<Module> values, long environmentSteps, MetricsHistory history, Provenance provenance)
    implements TrainingResult, TaskPolicies {

  /** Checks presence; copies the lists. */
  public TaskConditionedResult {
    taskPolicies = List.copyOf(Check.notEmpty("taskPolicies", taskPolicies));
    policies = List.copyOf(Check.notEmpty("policies", policies));
    values = List.copyOf(Check.notEmpty("values", values));
    Check.notNull("history", history);
    Check.notNull("provenance", provenance);
  }

  @Override
  public int numTasks() {
    return taskPolicies.size();
  }

  @Override
  public Policy policy(int task) {
    return taskPolicies.get(task);
  }

  /** A fixed budget: true when it completed. */
  @Override
  public boolean converged() {
    return true;
  }
}
