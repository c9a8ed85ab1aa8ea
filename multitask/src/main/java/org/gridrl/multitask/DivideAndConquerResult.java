package org.gridrl.multitask;

import java.util.List;
import org.gridrl.core.pg.Policy;
import org.gridrl.core.util.Check;
import org.gridrl.core.util.MetricsHistory;
import org.gridrl.core.util.Provenance;
import org.gridrl.core.util.TrainingResult;

/**
 * What {@link DivideAndConquer#train} returns: the global policy π_G (the method's output, for
 * every context: {@link #policy(int)}), the local policies π_i as they ended the local phase,
 * the metrics and the provenance.
 *
 * @param global π_G, distilled and then trained by PPO on all contexts (no context id)
 * @param locals π_i for each context, in context order
 * @param config the configuration the run used
 * @param history {@link DivideAndConquerMetrics} of every iteration
 * @param provenance algorithm {@value DivideAndConquer#ALGORITHM}, the config, {@code ppo.seed()}
 */
public record DivideAndConquerResult(Policy global, List<Policy> locals,
    DivideAndConquerConfig config, MetricsHistory history, Provenance provenance)
    implements TrainingResult, TaskPolicies {

  /** Checks presence and that the provenance names this config; copies the list. */
  public DivideAndConquerResult {
    Check.notNull("global", global);
    locals = List.copyOf(Check.notNull("locals", locals));
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
    return locals.size();
  }

  /** π_G, the same policy for every context. */
  @Override
  public Policy policy(int task) {
    Check.argument(task >= 0 && task < locals.size(), "task must be in [0, %s), got %s",
        locals.size(), task);
    return global;
  }

  /** π_k, the local policy of context k. */
  public Policy local(int task) {
    Check.argument(task >= 0 && task < locals.size(), "task must be in [0, %s), got %s",
        locals.size(), task);
    return locals.get(task);
  }
}
