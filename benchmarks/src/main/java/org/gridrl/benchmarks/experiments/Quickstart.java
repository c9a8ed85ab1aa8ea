package org.gridrl.benchmarks.experiments;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gridrl.benchmarks.report.GridHeatMap;
import org.gridrl.benchmarks.report.SolutionCsv;
import org.gridrl.benchmarks.runner.Experiment;
import org.gridrl.benchmarks.runner.MetricsCsv;
import org.gridrl.benchmarks.runner.MetricsListener;
import org.gridrl.benchmarks.runner.Plots;
import org.gridrl.benchmarks.runner.Progress;
import org.gridrl.benchmarks.runner.RunContext;
import org.gridrl.core.env.TabularEnv;
import org.gridrl.core.mdp.TabularMdp;
import org.gridrl.core.mdp.TabularPolicy;
import org.gridrl.core.planning.Metrics;
import org.gridrl.core.planning.PolicyEvaluation;
import org.gridrl.core.planning.SoftValueIteration;
import org.gridrl.core.planning.Solution;
import org.gridrl.core.planning.ValueIteration;
import org.gridrl.core.util.MetricsRecorder;
import org.gridrl.core.util.Rng;
import org.gridrl.core.util.TrainingListener;
import org.gridrl.envs.tabular.GridWorld;
import org.knowm.xchart.XYChart;

/**
 * {@code gridrl run quickstart}: FourRooms solved exactly by soft value iteration (τ = 1) and by
 * hard value iteration, then the soft policy sampled.
 *
 * <p>Per seed (planning is deterministic; the seed drives the sampled episodes):
 * <ol>
 *   <li>soft VI, Q = r + γPV, V = τ·log Σ_a exp(Q/τ), each sweep's residual max_s |V_new − V|
 *       streamed into {@code metrics.csv} as {@value Metrics#RESIDUAL};
 *   <li>hard VI, V = max_a Q;
 *   <li>exact evaluation ({@link PolicyEvaluation}) of the soft policy, of its greedy
 *       (most probable action) policy and of the hard VI policy: Σ_s d0(s) V^π(s), the expected
 *       discounted reward without the entropy bonus;
 *   <li>{@code rolloutEpisodes} episodes of the soft policy sampled on a {@link TabularEnv};
 *       their mean discounted return estimates the soft policy's exact return above.
 * </ol>
 * Writes {@code metrics.csv}, {@code summary.json}, the soft solution's {@code values.csv},
 * {@code q.csv}, {@code policy.csv} (and {@code hard_*.csv}), {@code heatmap_soft.png},
 * {@code heatmap_hard.png} and {@code convergence.png} (residual per sweep, log scale), and
 * prints both policies as ASCII maps.
 */
public final class Quickstart implements Experiment<QuickstartConfig> {

  @Override
  public String name() {
    return "quickstart";
  }

  @Override
  public String description() {
    return "FourRooms solved by soft (τ = 1) and hard value iteration: heat maps, convergence,"
        + " sampled returns";
  }

  @Override
  public String reproduces() {
    return "the closed forms of the tabular MDP: soft value iteration's fixed point V ="
        + " τ·log Σ_a exp(Q/τ) against hard value iteration, and the sampled returns of the soft"
        + " policy against its exact evaluation (no published table)";
  }

  @Override
  public String resultsPage() {
    return "docs/experiments/quickstart.md";
  }

  @Override
  public Duration expectedRunTime(boolean quick) {
    // measured: wall time of 'gridrl run quickstart' (and --quick) on the 2-core machine with nothing
    // else running, 2026-12-06: 1.7 s full, 1.5 s --quick
    return Duration.ofSeconds(2);
  }

  @Override
  public QuickstartConfig defaultConfig() {
    return QuickstartConfig.defaults();
  }

  @Override
  public QuickstartConfig quickConfig() {
    return QuickstartConfig.quick();
  }

  @Override
  public void run(QuickstartConfig config, RunContext ctx) throws Exception {
    GridWorld world = GridWorld.bundled(config.map(), config.gridOptions());
    TabularMdp mdp = world.mdp();
    double[] d0 = mdp.initialDistribution();
    ctx.metrics().declare(Metrics.RESIDUAL);
    ctx.note("world", world.toString());
    ctx.out().println(world + ", gamma " + mdp.gamma() + ", step reward " + config.stepReward()
        + ", goal reward " + config.goalReward());

    MetricsRecorder hardHistory = null;
    Solution soft = null;
    Solution hard = null;
    try (Progress progress = ctx.progress("seeds", config.seeds().size())) {
      for (long seed : config.seeds()) {
        if (ctx.kept(seed).isPresent()) { // finished by the run this one resumes
          progress.step();
          continue;
        }
        progress.message("seed " + seed);
        try (MetricsListener listener = ctx.listener(seed)) {
          soft = SoftValueIteration.solve(mdp, config.planning(), null, listener);
        }
        hardHistory = new MetricsRecorder();
        hard = ValueIteration.solve(mdp, config.planning().tolerance(),
            config.planning().maxIterations(), hardHistory);

        TabularPolicy greedy = greedy(soft.policy());
        double[] rollout = sampleReturns(mdp, soft.policy(), new Rng(seed),
            config.rolloutEpisodes(), config.rolloutMaxSteps());

        Map<String, Double> fin = new LinkedHashMap<>();
        fin.put("soft_vi/sweeps", (double) soft.report().iterations());
        fin.put("soft_vi/residual", soft.report().residual());
        fin.put("soft_vi/v_start", soft.expectedValue(d0));
        fin.put("soft_vi/policy_return", expectedReturn(mdp, soft.policy()));
        fin.put("soft_vi/greedy_return", expectedReturn(mdp, greedy));
        fin.put("hard_vi/sweeps", (double) hard.report().iterations());
        fin.put("hard_vi/residual", hard.report().residual());
        fin.put("hard_vi/v_start", hard.expectedValue(d0));
        fin.put("hard_vi/policy_return", expectedReturn(mdp, hard.policy()));
        fin.put("rollout/return_mean", rollout[0]);
        fin.put("rollout/return_stderr", rollout[1]);
        fin.put("rollout/length_mean", rollout[2]);
        ctx.seedComplete(seed, fin);
        progress.step();
      }
    }

    if (soft == null) { // every seed was kept; planning does not depend on the seed
      soft = SoftValueIteration.solve(mdp, config.planning(), null, TrainingListener.NONE);
      hardHistory = new MetricsRecorder();
      hard = ValueIteration.solve(mdp, config.planning().tolerance(),
          config.planning().maxIterations(), hardHistory);
    }
    ctx.note("soft_vi", soft.report().describe());
    ctx.note("hard_vi", hard.report().describe());
    ctx.out().println();
    ctx.out().println("soft value iteration (τ = " + config.planning().temperature() + "): "
        + soft.report().describe() + "; most probable action per cell:");
    ctx.out().print(world.renderAscii(soft.policy()));
    ctx.out().println("hard value iteration: " + hard.report().describe()
        + "; greedy action per cell:");
    ctx.out().print(world.renderAscii(hard.policy()));

    List<String> files = new ArrayList<>(List.of("metrics.csv", "summary.json"));
    SolutionCsv.write(soft.v(), soft.q(), soft.policy(), ctx.outputDir(), "");
    SolutionCsv.write(hard.v(), hard.q(), hard.policy(), ctx.outputDir(), "hard_");
    for (String f : SolutionCsv.FILES) {
      files.add(f);
      files.add("hard_" + f);
    }
    String subtitle = ", γ = " + mdp.gamma() + ", slip " + config.slip();
    GridHeatMap.write(world, soft.v(), soft.policy(),
        config.map() + ": soft value iteration, τ = " + config.planning().temperature()
            + subtitle,
        ctx.file("heatmap_soft.png"));
    GridHeatMap.write(world, hard.v(), hard.policy(),
        config.map() + ": hard value iteration" + subtitle, ctx.file("heatmap_hard.png"));
    Plots.save(convergenceChart(config, ctx.metrics().series(Metrics.RESIDUAL),
        hardHistory.series(Metrics.RESIDUAL)), ctx.file("convergence.png"));
    files.addAll(List.of("heatmap_soft.png", "heatmap_hard.png", "convergence.png"));
    ctx.note("files", files);
  }

  /**
   * {@code convergence.png}: the residual max_s |V_new(s) − V(s)| per sweep of soft VI (mean over
   * seeds, min–max band) and of hard VI, on a log axis.
   *
   * @param config the run's config (map and temperature for the labels)
   * @param soft soft VI's residuals per seed, as {@code metrics.csv} holds them. Not modified.
   * @param hard hard VI's residual per sweep. Not modified.
   */
  static XYChart convergenceChart(QuickstartConfig config, Map<Long, MetricsCsv.Series> soft,
      double[] hard) {
    return Plots.learningCurveChart(config.map() + ": value iteration convergence", "sweep",
        "residual max_s |V_new(s) − V(s)| (log scale)",
        List.of(Plots.Curve.of("soft VI, τ = " + config.planning().temperature(), soft),
            Plots.Curve.single("hard VI", iota(hard.length), hard)),
        Plots.Band.MIN_MAX, false, true);
  }

  /** The deterministic policy taking each state's most probable action (lowest index on ties). */
  static TabularPolicy greedy(TabularPolicy pi) {
    int[] actions = new int[pi.numStates()];
    for (int s = 0; s < actions.length; s++) {
      actions[s] = pi.greedyAction(s);
    }
    return TabularPolicy.deterministic(actions, pi.numActions());
  }

  /** Σ_s d0(s) V^π(s) by an exact policy evaluation. */
  static double expectedReturn(TabularMdp mdp, TabularPolicy pi) {
    double[] v = PolicyEvaluation.evaluate(mdp, pi);
    double[] d0 = mdp.initialDistribution();
    double acc = 0;
    for (int s = 0; s < v.length; s++) {
      acc += d0[s] * v[s];
    }
    return acc;
  }

  /**
   * Runs {@code episodes} episodes of π on a {@link TabularEnv} over {@code mdp} and returns {mean
   * discounted return, its standard error, mean episode length}. An episode ends at a terminal
   * state or after {@code maxSteps} steps; its return is Σ_t γ^t r(s_t, a_t). Episode k resets
   * the environment with the k-th draw of {@code rng.fork(0)}; actions come from
   * {@code rng.fork(1)}, so the result depends only on the seed of {@code rng}.
   */
  static double[] sampleReturns(TabularMdp mdp, TabularPolicy pi, Rng rng, int episodes,
      int maxSteps) {
    TabularEnv env = new TabularEnv(mdp);
    Rng resetSeeds = rng.fork(0);
    Rng actions = rng.fork(1);
    double gamma = mdp.gamma();
    double sum = 0;
    double sumSq = 0;
    double steps = 0;
    for (int e = 0; e < episodes; e++) {
      int s = env.resetState(resetSeeds.nextLong());
      double ret = 0;
      double discount = 1;
      int t = 0;
      while (t < maxSteps && !env.terminated()) {
        s = env.stepState(pi.sample(s, actions));
        ret += discount * env.lastReward();
        discount *= gamma;
        t++;
      }
      sum += ret;
      sumSq += ret * ret;
      steps += t;
    }
    double mean = sum / episodes;
    double var = episodes > 1 ? Math.max(0, (sumSq - episodes * mean * mean) / (episodes - 1)) : 0;
    return new double[] {mean, Math.sqrt(var / episodes), steps / episodes};
  }

  private static double[] iota(int n) {
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = i + 1;
    }
    return x;
  }
}
