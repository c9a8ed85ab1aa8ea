package org.gridrl.multitask;

import java.util.List;
import org.gridrl.core.mdp.TabularPolicy;
import org.gridrl.core.util.Check;
import org.gridrl.core.util.MetricsHistory;
import org.gridrl.core.util.Provenance;
import org.gridrl.core.util.TrainingResult;

/**
 * What {@link DistralTabular#train} returns: the distilled prior π0, each task's policy π_i and
 * values, how the alternation ended, its metrics and provenance. {@code train(tasks,
 * result.config())} on the same tasks gives the same numbers.
 *
 * <p>The pair is consistent: every π_i is the soft-optimal policy of task i for the returned
 * π0 (to the planning tolerance), and distilling the π_i moves π0 by {@link #priorChange()}
 * (below the config's tolerance when {@link #converged()}).
 *
 * @param prior π0, S×A
 * @param policies π_i for each task, in the order of the tasks
 * @param values V_i for each task, length S (the pinned V of the issue, not shifted)
 * @param objective J = Σ_i d0_i·V_i, the regularised objective at (π0, {π_i})
 * @param iterations alternations done
 * @param converged whether π0 moved less than the tolerance before the cap
 * @param priorChange max_{s,a} |π0_new − π0| of the last alternation
 * @param config the configuration the run used
 * @param history {@link DistralMetrics} of every alternation
 * @param provenance algorithm {@code distral-tabular}, the config, seed 0 (deterministic)
 */
public record DistralResult(TabularPolicy prior, List<TabularPolicy> policies,
    List<double[]> values, double objective, int iterations, boolean converged,
    double priorChange, DistralConfig config, MetricsHistory history, Provenance provenance)
    implements TrainingResult {

  /** Checks presence and that the provenance names this config; copies the lists. */
  public DistralResult {
    Check.notNull("prior", prior);
    policies = List.copyOf(Check.notNull("policies", policies));
    values = List.copyOf(Check.notNull("values", values));
    Check.notNull("config", config);
    Check.notNull("history", history);
    Check.notNull("provenance", provenance);
    provenance.requireConfig(config);
  }

  /** The number of tasks. */
  public int numTasks() {
    return policies.size();
  }
}
