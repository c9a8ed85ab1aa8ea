package org.gridrl.benchmarks.experiments.multitask;

import java.util.ArrayList;
import java.util.List;
import org.gridrl.core.env.Env;
import org.gridrl.core.env.OneHotTask;
import org.gridrl.core.mdp.TabularPolicy;
import org.gridrl.core.pg.Policy;
import org.gridrl.core.pg.PolicyTables;
import org.gridrl.core.pg.Sampler;
import org.gridrl.core.util.Check;
import org.gridrl.core.util.MetricsHistory;
import org.gridrl.core.util.MetricsRecorder;
import org.gridrl.core.util.SampleStats;
import org.gridrl.envs.tabular.MultiGoalGrid;
import org.gridrl.multitask.Distral;
import org.gridrl.multitask.DistralPgMetrics;
import org.gridrl.multitask.DivideAndConquer;
import org.gridrl.multitask.DivideAndConquerMetrics;
import org.gridrl.multitask.DivideAndConquerResult;
import org.gridrl.multitask.TaskConditionedActorCritic;
import org.gridrl.multitask.TaskConditionedConfig;
import org.gridrl.multitask.TaskConditionedConfig.Combiner;
import org.gridrl.multitask.TaskConditionedConfig.Mode;
import org.gridrl.multitask.TaskConditionedMetrics;
import org.gridrl.multitask.TaskIdPolicy;
import org.gridrl.multitask.TaskPolicies;

/**
 * The eight multi-task methods of issue 13's table, by name, each trained on T base tasks with the
 * same environment-step budget per task ({@link MultitaskMethodsConfig#stepsPerTask()}), and
 * their exact scoring on a {@link MultiGoalGrid}:
 * <ul>
 *   <li>{@code independent}: one PPO actor-critic per task ({@link Mode#INDEPENDENT});</li>
 *   <li>{@code shared-no-id}: one actor-critic for all tasks, s alone ({@link Mode#SHARED_NO_ID},
 *       plain PPO on the mixed batch);</li>
 *   <li>{@code shared-id}: one actor-critic on (s, e_k), the gradient of (1/T) Σ_k L_k
 *       ({@link Mode#SHARED_WITH_ID}, {@link Combiner#SUM});</li>
 *   <li>{@code pcgrad}, {@code mgda}, {@code cagrad}: the same with the per-task gradients
 *       combined by PCGrad (Yu et al. 2020), MGDA (Sener &amp; Koltun 2018), CAGrad (Liu et al.
 *       2021, c = 0.5);</li>
 *   <li>{@code distral}: neural Distral (Teh et al. 2017), π_k per task, scored by π_k;</li>
 *   <li>{@code dnc}: divide-and-conquer (Ghosh et al. 2018), scored by its one global policy.
 *       Its contexts get the one-hot task id appended ({@link OneHotTask}): in the paper a
 *       context is a region of the state space, visible in the state; here the tasks share
 *       every state, so without the id π_G could not tell them apart (it would be
 *       {@code shared-no-id} with extra steps).</li>
 * </ul>
 * Every method's history is reduced to one learning curve: after iteration n, the environment
 * steps so far, n · T · stepsPerEnv, and the mean over tasks of the undiscounted return of the
 * training episodes that ended in the iteration (its metric: {@link TaskConditionedMetrics#RETURN},
 * {@link DistralPgMetrics#EPISODIC_RETURN} or {@link DivideAndConquerMetrics#EPISODIC_RETURN}).
 */
public final class MultitaskMethods {

  /** The methods in the order. */
  public static final List<String> NAMES = List.of("independent", "shared-no-id", "shared-id",
      "pcgrad", "mgda", "cagrad", "distral", "dnc");

  private MultitaskMethods() {
  }

  /**
   * A trained method: π_k for each task (on task k's base observation) and its learning curve.
   *
   * @param steps environment steps over all tasks after each iteration 1..I
   * @param meanReturn the mean training episode return over tasks after each iteration (NaN
   *     where no episode ended)
   */
  public record Trained(String method, TaskPolicies policies, MetricsHistory history,
      double[] steps, double[] meanReturn) {
  }

  /**
   * Trains {@code method} on the tasks with {@code config}'s budget, every seed replaced by
   * {@code seed}.
   *
   * @param tasks T base environments (one-hot state, no task id), env k = task k; fresh ones,
   *     they are stepped. Modified.
   */
  public static Trained train(String method, List<? extends Env<double[], Integer>> tasks,
      MultitaskMethodsConfig config, long seed) {
    Check.argument(NAMES.contains(method), "method must be one of %s, got %s", NAMES, method);
    Check.notEmpty("tasks", tasks);
    MultitaskMethodsConfig c = config.withSeed(seed);
    int numTasks = tasks.size();
    TaskPolicies policies;
    MetricsHistory history;
    String returnKey;
    switch (method) {
      case "distral" -> {
        var r = Distral.train(tasks, c.distral(), null);
        policies = r;
        history = r.history();
        returnKey = DistralPgMetrics.EPISODIC_RETURN;
      }
      case "dnc" -> {
        List<Env<double[], Integer>> withId = new ArrayList<>();
        for (int k = 0; k < numTasks; k++) {
          withId.add(new OneHotTask<>(tasks.get(k), k, numTasks));
        }
        DivideAndConquerResult r = DivideAndConquer.train(withId, c.dnc(), null);
        policies = new GlobalWithId(r.global(), numTasks);
        history = r.history();
        returnKey = DivideAndConquerMetrics.EPISODIC_RETURN;
      }
      default -> {
        var r = TaskConditionedActorCritic.train(tasks, taskConditioned(method, c), null);
        policies = r;
        history = r.history();
        returnKey = TaskConditionedMetrics.RETURN;
      }
    }
    int iterations = c.iterations();
    double[] steps = new double[iterations];
    double[] ret = new double[iterations];
    java.util.Arrays.fill(ret, Double.NaN);
    for (int n = 0; n < iterations; n++) {
      steps[n] = (double) (n + 1) * numTasks * c.ppo().stepsPerEnv();
    }
    for (MetricsRecorder.Row row : history.rows()) {
      Double v = row.values().get(returnKey);
      if (v != null && row.iteration() >= 1 && row.iteration() <= iterations) {
        ret[(int) row.iteration() - 1] = v;
      }
    }
    return new Trained(method, policies, history, steps, ret);
  }

  /** The task-conditioned configuration of one of the first six methods. */
  static TaskConditionedConfig taskConditioned(String method, MultitaskMethodsConfig c) {
    return switch (method) {
      case "independent" -> new TaskConditionedConfig(c.ppo(), Mode.INDEPENDENT, Combiner.NONE);
      case "shared-no-id" -> new TaskConditionedConfig(c.ppo(), Mode.SHARED_NO_ID, Combiner.NONE);
      case "shared-id" -> new TaskConditionedConfig(c.ppo(), Mode.SHARED_WITH_ID, Combiner.SUM);
      case "pcgrad" -> new TaskConditionedConfig(c.ppo(), Mode.SHARED_WITH_ID, Combiner.PCGRAD);
      case "mgda" -> new TaskConditionedConfig(c.ppo(), Mode.SHARED_WITH_ID, Combiner.MGDA);
      case "cagrad" -> new TaskConditionedConfig(c.ppo(), Mode.SHARED_WITH_ID, Combiner.CAGRAD);
      default -> throw new IllegalArgumentException("not a task-conditioned method: " + method);
    };
  }

  /**
   * A method's exact scores on a family: per task, whether the greedy policy reaches the goal
   * ({@link MultiGoalGrid#reachesGoal}), the normalised return (J − J_unif)/(J* − J_unif) of the
   * stochastic policy as it acts and of its greedy policy.
   */
  public record Scores(boolean[] success, double[] normalisedReturn,
      double[] greedyNormalisedReturn) {

    /** The share of tasks whose greedy policy reaches the goal. */
    public double successRate() {
      int n = 0;
      for (boolean s : success) {
        n += s ? 1 : 0;
      }
      return (double) n / success.length;
    }

    /** The mean over tasks of the stochastic policies' normalised return. */
    public double meanNormalisedReturn() {
      return SampleStats.mean(normalisedReturn);
    }

    /** The mean over tasks of the greedy policies' normalised return. */
    public double meanGreedyNormalisedReturn() {
      return SampleStats.mean(greedyNormalisedReturn);
    }
  }

  /** The scores of trained policies: each π_k tabulated on the one-hot states of task k. */
  public static Scores score(MultiGoalGrid family, TaskPolicies policies) {
    Check.argument(policies.numTasks() == family.numTasks(), "%s policies for %s tasks",
        policies.numTasks(), family.numTasks());
    List<TabularPolicy> tables = new ArrayList<>();
    int s = family.numStates();
    for (int k = 0; k < family.numTasks(); k++) {
      tables.add(table(policies.policy(k), s));
    }
    return score(family, tables);
  }

  /** π(a|s) at every one-hot state s (a task-id view appends its id itself). */
  static TabularPolicy table(Policy policy, int numStates) {
    return PolicyTables.policy(policy, numStates, Sampler.ObservationEncoder.oneHot(numStates));
  }

  /** The scores of tabular policies, π_k for task k. */
  public static Scores score(MultiGoalGrid family, List<TabularPolicy> policies) {
    int t = family.numTasks();
    Check.argument(policies.size() == t, "%s policies for %s tasks", policies.size(), t);
    boolean[] success = new boolean[t];
    double[] norm = new double[t];
    double[] greedyNorm = new double[t];
    for (int k = 0; k < t; k++) {
      TabularPolicy pi = policies.get(k);
      success[k] = family.reachesGoal(k, pi);
      norm[k] = family.normalisedReturn(k, pi);
      greedyNorm[k] = family.normalisedReturn(k, greedy(pi));
    }
    return new Scores(success, norm, greedyNorm);
  }

  /** The deterministic policy of π's argmax (ties to the lowest action). */
  static TabularPolicy greedy(TabularPolicy pi) {
    int[] a = new int[pi.numStates()];
    for (int s = 0; s < a.length; s++) {
      a[s] = pi.greedyAction(s);
    }
    return TabularPolicy.deterministic(a, pi.numActions());
  }

  /** Divide-and-conquer's global policy acting in task k with the id e_k appended. */
  private record GlobalWithId(Policy global, int numTasks) implements TaskPolicies {
    @Override
    public Policy policy(int task) {
      return new TaskIdPolicy(global, task, numTasks);
    }
  }
}
