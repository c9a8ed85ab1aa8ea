package org.gridrl.multitask;

import java.util.List;
import org.gridrl.core.nn.Module;
import org.gridrl.core.pg.Policy;
import org.gridrl.core.util.Check;
import org.gridrl.core.util.MetricsHistory;
import org.gridrl.core.util.Provenance;
import org.gridrl.core.util.TrainingResult;

/**
 * What neural {@link Distral#train} returns: the distilled policy π0, the task policies π_i and
 * their value networks, the metrics and the provenance. {@link #policy(int)} is π_k.
 *
 * @param prior π0, the shared policy (no task id)
 * @param policies π_i for each task, in task order
 * @param values V_i of the regularised reward, one per task
 * @param config the configuration the run used
 * @param history {@link DistralPgMetrics} of every iteration
 * @param provenance algorithm {@value Distral#ALGORITHM}, the config, {@code ppo.seed()}
 */
public record DistralPgResult(Policy prior, List<Policy> policies, List<Module> values,
    DistralPgConfig config, MetricsHistory history, Provenance provenance)
    implements TrainingResult, TaskPolicies {

  /** Checks presence and that the provenance names this config; copies the lists. */
  public DistralPgResult {
    Check.notNull("prior", prior);
    policies = List.copyOf(Check.notNull("policies", policies));
    values = List.copyOf(Check.notNull("values", values));
    Check.notNull("config", config);
    Check.notNull("history", history);
    Check.notNull("provenance", provenance);
    provenance.requireConfig(config);
  }

  /** True: a fixed budget of iterations, completed. */
  @Override
  public boolean converged() {
    return true;
  }

  @Override
  public int numTasks() {
    return policies.size();
  }

  /** π_k. */
  @Override
  public Policy policy(int task) {
    Check.argument(task >= 0 && task < policies.size(), "task must be in [0, %s), got %s",
        policies.size(), task);
    return policies.get(task);
  }
}
