package org.gridrl.multitask;

import java.util.ArrayList;
import java.util.List;
import org.gridrl.core.mdp.TabularMdp;
import org.gridrl.core.mdp.TabularPolicy;
import org.gridrl.core.planning.Solution;
import org.gridrl.core.planning.SoftValueIteration;
import org.gridrl.core.planning.SoftViConfig;
import org.gridrl.core.planning.StateVisitation;
import org.gridrl.core.util.Check;
import org.gridrl.core.util.MetricsRecorder;
import org.gridrl.core.util.Provenance;
import org.gridrl.core.util.TrainingListener;

/**
 * Distral in closed form on tabular tasks (Teh et al. 2017, "Distral: Robust multitask
 * reinforcement learning", eqs. 2–7): alternate the tasks' soft-optimal policies for a shared
 * prior π0 and the prior distilled from them,
 * <pre>
 *   V_i(s)   = (1/β) log Σ_a π0(a|s)^α exp(β Q_i(s,a))
 *   Q_i(s,a) = R_i(s,a) + γ Σ_s' P_i(s'|s,a) V_i(s')
 *   π_i(a|s) = π0(a|s)^α exp(β (Q_i(s,a) − V_i(s)))
 *   π0(a|s)  = Σ_i ρ_i(s,a) / Σ_i ρ_i(s)
 * </pre>
 * with ρ_i(s,a) = d_i(s) π_i(a|s) the discounted state-action occupancy of π_i from task i's
 * initial distribution, tasks weighted equally, and π0 uniform where no task reaches s. This is
 * coordinate ascent on the regularised objective
 * <pre>
 *   J(π0, {π_i}) = Σ_i E_{π_i, d0_i}[Σ_t γ^t (R_i + (α/β) log π0(a_t|s_t) − (1/β) log π_i(a_t|s_t))]
 * </pre>
 * the first step maximises J over each π_i for fixed π0 (soft value iteration), the second over
 * π0 for fixed π_i (a weighted maximum likelihood), so J never decreases and a fixed point is a
 * stationary point of J.
 *
 * <p><b>The prior's normalisation.</b> π0^α is not a distribution for α &lt; 1, while core's
 * soft VI with a prior ({@link SoftValueIteration#solve(TabularMdp, SoftViConfig, TabularPolicy,
 * TrainingListener)}) takes one. Write π0^α = Z(s)·p̃(a|s) with Z(s) = Σ_a π0(a|s)^α (so
 * 1 ≤ Z(s) ≤ A^{1−α}) and p̃ normalised; soft VI at τ = 1/β with prior p̃ and reward
 * R'(s,a) = R(s,a) + τ log Z(s) has the same V, the same π and Q' = Q + τ log Z(s), so the
 * solve below subtracts τ log Z(s) from its Q. Terminal states take no action: V = 0, Q = 0,
 * π(·|s) = p̃(·|s) as core reports, and they add nothing to ρ_i.
 *
 * <p><b>Loop.</b> From a uniform π0: (1) {@link #solveTasks} each task against π0; (2)
 * {@link #distill} the π_i into π0_new; (3) stop when max|π0_new − π0| &lt; the config's
 * tolerance or at the cap. The result holds the π0 of the last step (1) and the π_i solved
 * against it, so the pair is consistent; see {@link DistralResult}. Each alternation reports
 * {@link DistralMetrics#OBJECTIVE} and {@link DistralMetrics#PRIOR_CHANGE}.
 */
public final class DistralTabular {

  /** The algorithm's name in provenance. */
  public static final String ALGORITHM = "distral-tabular";

  private DistralTabular() {
  }

  /** {@link #train(List, DistralConfig, TrainingListener)} without a listener. */
  public static DistralResult train(List<TabularMdp> tasks, DistralConfig config) {
    return train(tasks, config, null);
  }

  /**
   * Alternates task solves and distillation from a uniform π0 to the fixed point.
   *
   * @param tasks at least one task; all with the same S and A and γ &lt; 1; their dynamics,
   *     rewards, γ, terminals and initial distributions may differ. Not modified.
   * @param config α, β, tolerances and cap.
   * @param listener receives {@link DistralMetrics} each alternation; null means none.
   * @return π0, the π_i, how the alternation ended
   * @throws IllegalArgumentException for no task, tasks of different S or A, or γ = 1
   */
  public static DistralResult train(List<TabularMdp> tasks, DistralConfig config,
      TrainingListener listener) {
    checkTasks(tasks);
    Check.notNull("config", config);
    final MetricsRecorder recorder = new MetricsRecorder();
    final TrainingListener out = TrainingListener.tee(recorder, listener);
    final long start = System.nanoTime();
    final int numStates = tasks.get(0).numStates();
    final int numActions = tasks.get(0).numActions();
    TabularPolicy prior = TabularPolicy.uniform(numStates, numActions);
    List<Solution> solutions = null;
    double objective = Double.NaN;
    double change = Double.NaN;
    boolean converged = false;
    int iteration = 0;
    while (iteration < config.maxIterations()) {
      iteration++;
      // (1) each task's soft-optimal policy for the current prior
      solutions = solveTasks(tasks, prior, config);
      objective = objective(tasks, solutions);
      // (2) the prior that maximises J for these policies
      List<TabularPolicy> policies = solutions.stream().map(Solution::policy).toList();
      TabularPolicy next = distill(tasks, policies);
      change = maxAbsDifference(prior, next);
      out.onScalar(iteration, DistralMetrics.OBJECTIVE, objective);
      out.onScalar(iteration, DistralMetrics.PRIOR_CHANGE, change);
      out.onIterationEnd(iteration, (System.nanoTime() - start) * 1e-9);
      // (3) stop at the fixed point; keep the prior the policies were solved against
      if (change < config.tolerance()) {
        converged = true;
        break;
      }
      if (iteration < config.maxIterations()) {
        prior = next;
      }
    }
    List<TabularPolicy> policies = new ArrayList<>();
    List<double[]> values = new ArrayList<>();
    for (Solution sol : solutions) {
      policies.add(sol.policy());
      values.add(sol.v());
    }
    return new DistralResult(prior, policies, values, objective, iteration, converged, change,
        config, recorder.history(), Provenance.of(ALGORITHM, config, 0));
  }

  /**
   * Step (1): each task's V_i, Q_i and π_i for a fixed prior, by core's soft value iteration
   * at τ = 1/β with prior p̃ = π0^α/Z and reward R + τ log Z (see the class comment); Q is
   * returned unshifted, Q_i = R_i + γ P_i V_i.
   *
   * @param tasks as for {@link #train}. Not modified.
   * @param prior π0, S×A like the tasks. Not modified.
   * @param config α, β and the planning tolerance.
   * @return one solution per task, in order
   */
  public static List<Solution> solveTasks(List<TabularMdp> tasks, TabularPolicy prior,
      DistralConfig config) {
    checkTasks(tasks);
    Check.notNull("prior", prior);
    Check.notNull("config", config);
    final int numStates = tasks.get(0).numStates();
    final int numActions = tasks.get(0).numActions();
    Check.argument(prior.numStates() == numStates && prior.numActions() == numActions,
        "prior must be S x A = %s x %s like the tasks, got %s x %s", numStates, numActions,
        prior.numStates(), prior.numActions());
    final double tau = config.temperature();
    final double alpha = config.alpha();
    // p̃(a|s) = π0(a|s)^α / Z(s), and τ log Z(s)
    final double[] normalised = new double[numStates * numActions];
    final double[] tauLogZ = new double[numStates];
    for (int s = 0; s < numStates; s++) {
      double z = 0;
      for (int a = 0; a < numActions; a++) {
        double w = Math.pow(prior.probability(s, a), alpha); // 0^0 = 1: α = 0 ignores π0
        normalised[s * numActions + a] = w;
        z += w;
      }
      for (int a = 0; a < numActions; a++) {
        normalised[s * numActions + a] /= z;
      }
      tauLogZ[s] = tau * Math.log(z);
    }
    final TabularPolicy shiftedPrior = TabularPolicy.wrap(numStates, numActions, normalised);
    final SoftViConfig planning = new SoftViConfig(tau, config.planningTolerance(),
        SoftViConfig.DEFAULT_MAX_ITERATIONS);
    List<Solution> solutions = new ArrayList<>(tasks.size());
    for (TabularMdp task : tasks) {
      final double[] shiftedReward = task.rewards().clone();
      for (int s = 0; s < numStates; s++) {
        for (int a = 0; a < numActions; a++) {
          shiftedReward[s * numActions + a] += tauLogZ[s];
        }
      }
      Solution sol = SoftValueIteration.solve(task.withRewards(shiftedReward), planning,
          shiftedPrior, null);
      // Q = Q' − τ log Z(s) (terminals keep Q = 0: no action is taken there)
      final double[] q = sol.q();
      for (int s = 0; s < numStates; s++) {
        if (!task.isTerminal(s)) {
          for (int a = 0; a < numActions; a++) {
            q[s * numActions + a] -= tauLogZ[s];
          }
        }
      }
      solutions.add(new Solution(sol.v(), q, sol.policy(), sol.report()));
    }
    return solutions;
  }

  /**
   * Step (2): π0(a|s) = Σ_i ρ_i(s,a) / Σ_i ρ_i(s), with ρ_i(s,a) = d_i(s) π_i(a|s) over the
   * non-terminal states of task i and d_i = {@link StateVisitation#discounted} of π_i from
   * task i's initial distribution; uniform where Σ_i ρ_i(s) = 0.
   *
   * @param tasks as for {@link #train}. Not modified.
   * @param policies π_i, one per task, S×A. Not modified.
   * @return π0
   */
  public static TabularPolicy distill(List<TabularMdp> tasks, List<TabularPolicy> policies) {
    checkTasks(tasks);
    Check.notNull("policies", policies);
    Check.argument(policies.size() == tasks.size(), "need one policy per task: %s tasks, %s"
        + " policies", tasks.size(), policies.size());
    final int numStates = tasks.get(0).numStates();
    final int numActions = tasks.get(0).numActions();
    final double[] rho = new double[numStates * numActions];
    final double[] rhoState = new double[numStates];
    for (int i = 0; i < tasks.size(); i++) {
      final TabularMdp task = tasks.get(i);
      final TabularPolicy pi = policies.get(i);
      final double[] d = StateVisitation.discounted(task, pi);
      for (int s = 0; s < numStates; s++) {
        if (task.isTerminal(s)) {
          continue;
        }
        for (int a = 0; a < numActions; a++) {
          final double r = d[s] * pi.probability(s, a);
          rho[s * numActions + a] += r;
          rhoState[s] += r;
        }
      }
    }
    for (int s = 0; s < numStates; s++) {
      for (int a = 0; a < numActions; a++) {
        rho[s * numActions + a] = rhoState[s] > 0 ? rho[s * numActions + a] / rhoState[s]
            : 1.0 / numActions;
      }
    }
    return TabularPolicy.wrap(numStates, numActions, rho);
  }

  /** J = Σ_i Σ_s d0_i(s) V_i(s) for the tasks' soft-optimal solutions. */
  public static double objective(List<TabularMdp> tasks, List<Solution> solutions) {
    double j = 0;
    for (int i = 0; i < tasks.size(); i++) {
      j += solutions.get(i).expectedValue(tasks.get(i).initialDistribution());
    }
    return j;
  }

  /**
   * Refuses what Distral cannot share a prior over: no task, tasks whose S or A differ from
   * task 0's, and undiscounted tasks.
   *
   * @throws IllegalArgumentException naming the task and the mismatch
   */
  public static void checkTasks(List<TabularMdp> tasks) {
    Check.notNull("tasks", tasks);
    Check.argument(!tasks.isEmpty(), "Distral needs at least one task, got none");
    final TabularMdp first = Check.notNull("tasks[0]", tasks.get(0));
    for (int i = 0; i < tasks.size(); i++) {
      final TabularMdp t = Check.notNull("tasks[" + i + "]", tasks.get(i));
      Check.argument(t.numStates() == first.numStates() && t.numActions() == first.numActions(),
          "task %s has S = %s states and A = %s actions, task 0 has S = %s and A = %s; Distral"
              + " shares one prior over the same states and actions", i, t.numStates(),
          t.numActions(), first.numStates(), first.numActions());
      Check.argument(t.gamma() < 1, "task %s has gamma = %s; Distral's discounted occupancies"
          + " need gamma < 1", i, t.gamma());
    }
  }

  private static double maxAbsDifference(TabularPolicy x, TabularPolicy y) {
    double max = 0;
    for (int s = 0; s < x.numStates(); s++) {
      for (int a = 0; a < x.numActions(); a++) {
        max = Math.max(max, Math.abs(x.probability(s, a) - y.probability(s, a)));
      }
    }
    return max;
  }
}
