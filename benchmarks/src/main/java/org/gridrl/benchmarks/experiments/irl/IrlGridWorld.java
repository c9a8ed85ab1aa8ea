package org.gridrl.benchmarks.experiments.irl;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.gridrl.benchmarks.report.TextTable;
import org.gridrl.benchmarks.runner.Experiment;
import org.gridrl.benchmarks.runner.Progress;
import org.gridrl.benchmarks.runner.RunContext;
import org.gridrl.core.mdp.TabularMdp;
import org.gridrl.core.mdp.TabularPolicy;
import org.gridrl.core.planning.ValueIteration;
import org.gridrl.envs.tabular.GridWorld;
import org.gridrl.irl.Demonstrations;
import org.gridrl.irl.IrlProblem;
import org.gridrl.irl.metrics.IrlMetrics;

/**
 * {@code irl-gridworld}: the bundled open 5×5 map with slip, a goal reward of 1 paid in the
 * (non-terminal) goal cell, uniform start, one-hot state features. The expert is the optimal
 * policy of the true reward (hard value iteration); each seed samples its demonstrations and
 * every method fits a reward with E[μ] from the MDP's uniform d0 ({@code --start init}). The
 * headline number is {@code agreement/METHOD}: the fraction of states where the greedy optimal
 * policy of the learned reward takes an action that is optimal for the true reward (ties in Q*
 * count), which must be ≥ 0.95 for every method; EVD and reward correlation are reported too.
 */
public final class IrlGridWorld implements Experiment<IrlGridWorldConfig> {

  @Override
  public String name() {
    return "irl-gridworld";
  }

  @Override
  public String description() {
    return "IRL on a 5x5 slip-0.3 grid with a goal: every method's learned reward is optimal"
        + " for the expert's actions in >= 95% of states";
  }

  @Override
  public String reproduces() {
    return "Ziebart et al. 2008 (MaxEnt IRL), Wulfmeier et al. 2015 (deep MaxEnt) and Abbeel &"
        + " Ng / Ratliff et al. (max-margin) on a small grid: each learned reward makes the"
        + " expert's actions optimal (a check of the methods, no published table)";
  }

  @Override
  public String resultsPage() {
    return "docs/results/irl.md";
  }

  @Override
  public Duration expectedRunTime(boolean quick) {
    // measured: wall time of 'gridrl run irl-gridworld' (and --quick) on the 2-core machine with nothing
    // else running, 2026-12-06: 3.0 s full, 1.8 s --quick
    return Duration.ofSeconds(quick ? 2 : 3);
  }

  @Override
  public IrlGridWorldConfig defaultConfig() {
    return IrlGridWorldConfig.defaults();
  }

  @Override
  public IrlGridWorldConfig quickConfig() {
    return IrlGridWorldConfig.quick();
  }

  /** A budget of a few seconds on the same code path, for the smoke test of every experiment. */
  @Override
  public IrlGridWorldConfig smokeConfig() {
    return IrlGridWorldConfig.quick().with(b -> b.numDemos(32).maxEntIterations(30)
        .maxMarginIterations(30).seeds(List.of(1L)));
  }

  /** The world of the config. */
  static GridWorld world(IrlGridWorldConfig config) {
    return GridWorld.bundled("open5", GridWorld.Options.defaults().withSlip(config.slip())
        .withGamma(config.gamma()).withGoalTerminal(false)
        .withRewardTiming(GridWorld.RewardTiming.IN_STATE));
  }

  /** The true MDP: the world with a uniform start. */
  static TabularMdp trueMdp(GridWorld world) {
    double[] uniform = new double[world.numStates()];
    Arrays.fill(uniform, 1.0 / world.numStates());
    return world.mdp().withInitialDistribution(uniform);
  }

  /**
   * The IRL problem of one seed: the true MDP, one-hot features, the seed's demonstrations of
   * the optimal expert, E[μ] from the MDP's d0.
   */
  static IrlProblem problem(IrlGridWorldConfig config, long seed) {
    GridWorld world = world(config);
    TabularMdp mdp = trueMdp(world);
    TabularPolicy expert = ValueIteration.solve(mdp).policy();
    Demonstrations demos = Demonstrations.sample(mdp, expert, config.numDemos(),
        config.demoLength(), seed);
    return IrlProblem.of(mdp, world.features(), demos, config.demoLength(),
        IrlProblem.Start.INIT);
  }

  /**
   * One seed: per method, {@code agreement/M}, {@code evd/M}, {@code corr/M}; the learned rewards
   * are put into {@code rewards} (method → r) when it is not null, and each method whose fit
   * ended unconverged adds 1 to its count in {@code unconverged} when that is not null.
   */
  static Map<String, Double> runSeed(IrlGridWorldConfig config, long seed,
      Map<String, double[]> rewards, Map<String, Integer> unconverged) {
    GridWorld world = world(config);
    IrlProblem problem = problem(config, seed);
    TabularMdp mdp = problem.mdp();
    Map<String, Double> out = new LinkedHashMap<>();
    for (String method : config.methods()) {
      IrlMethods.Fit fit = IrlMethods.fit(method, problem, config.settings(seed));
      if (!fit.converged() && unconverged != null) {
        unconverged.merge(method, 1, Integer::sum);
      }
      double[] r = fit.reward().stateReward(world.features());
      TabularPolicy greedy = ValueIteration.solve(mdp.withStateRewards(r)).policy();
      out.put("agreement/" + method, IrlMetrics.optimalActionAgreement(mdp, greedy));
      out.put("evd/" + method, IrlMetrics.expectedValueDifference(mdp, greedy));
      out.put("corr/" + method, IrlMetrics.rewardCorrelation(world.stateReward(), r));
      if (rewards != null) {
        rewards.put(method, r);
      }
    }
    return out;
  }

  @Override
  public void run(IrlGridWorldConfig config, RunContext ctx) throws Exception {
    GridWorld world = world(config);
    TabularMdp mdp = trueMdp(world);
    ctx.out().println("irl-gridworld: " + world + ", slip " + config.slip() + ", gamma "
        + config.gamma() + ", " + config.numDemos() + " demonstrations x " + config.demoLength()
        + " steps from the optimal expert, one-hot features");
    ctx.out().println("expert (optimal for the true reward):");
    ctx.out().print(world.renderAscii(ValueIteration.solve(mdp).policy()));
    List<String> columns = new ArrayList<>();
    for (String m : config.methods()) {
      columns.addAll(List.of("agreement/" + m, "evd/" + m, "corr/" + m));
    }
    ctx.metrics().declare(columns.toArray(new String[0]));
    Map<String, double[]> firstRewards = new LinkedHashMap<>();
    Map<String, List<Double>> agreements = new LinkedHashMap<>();
    Map<String, Integer> unconverged = new LinkedHashMap<>();
    for (String m : config.methods()) {
      unconverged.put(m, 0);
    }
    int fits = 0;
    try (Progress progress = ctx.progress("seeds", config.seeds().size())) {
      for (long seed : config.seeds()) {
        Optional<RunContext.KeptSeed> kept = ctx.kept(seed);
        Map<String, Double> row;
        if (kept.isPresent()) { // finished by the run this one resumes: its row is its final one
          row = kept.get().finalMetrics();
          if (firstRewards.isEmpty()) { // the first seed's learned rewards are plotted: refit
            runSeed(config, seed, firstRewards, null);
          }
        } else {
          Map<String, Integer> seedUnconverged = new LinkedHashMap<>();
          for (String m : config.methods()) {
            seedUnconverged.put(m, 0);
          }
          row = runSeed(config, seed, firstRewards.isEmpty() ? firstRewards : null,
              seedUnconverged);
          ctx.row(seed, 1, row);
          row = IrlMethods.finalMetrics(row, seedUnconverged);
          ctx.seedComplete(seed, row);
        }
        IrlMethods.addUnconverged(unconverged, row);
        fits++;
        IrlMethods.noteUnconverged(ctx, unconverged, fits);
        for (String m : config.methods()) {
          agreements.computeIfAbsent(m, k -> new ArrayList<>()).add(row.get("agreement/" + m));
        }
        progress.step();
      }
    }
    List<String> labels = new ArrayList<>(List.of("true reward"));
    List<double[]> panels = new ArrayList<>(List.of(world.stateReward()));
    ctx.out().println();
    for (Map.Entry<String, double[]> e : firstRewards.entrySet()) {
      labels.add(e.getKey());
      panels.add(e.getValue());
      ctx.out().println(e.getKey() + " (seed " + config.seeds().get(0)
          + "): greedy policy of the learned reward");
      ctx.out().print(world.renderAscii(ValueIteration.solve(mdp.withStateRewards(e.getValue()))
          .policy()));
    }
    RewardHeatMaps.write(ctx.file("rewards.png"), "open 5x5, slip " + config.slip()
        + ": true vs learned reward (seed " + config.seeds().get(0) + ")", world.height(),
        world.width(), labels, panels);
    ctx.out().println();
    ctx.out().println("agreement with the expert's optimal actions, per seed:");
    agreementTable(agreements).print(ctx.out(), "  ");
    ctx.out().println(IrlMethods.unconvergedLine(unconverged, fits));
  }

  /** The printed table: per method, the agreement of each seed, their minimum, and the check. */
  static TextTable agreementTable(Map<String, List<Double>> agreements) {
    TextTable table = new TextTable("method", "per seed", "min", "check");
    for (Map.Entry<String, List<Double>> e : agreements.entrySet()) {
      double min = e.getValue().stream().mapToDouble(Double::doubleValue).min().orElse(0);
      table.row(e.getKey(), e.getValue().toString(), String.format(Locale.ROOT, "%.2f", min),
          min >= 0.95 ? ">= 0.95" : "BELOW 0.95");
    }
    return table;
  }
}
