package org.gridrl.benchmarks.experiments.meta;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import org.gridrl.benchmarks.experiments.meta.TrialMethods.Pooled;
import org.gridrl.benchmarks.report.TextTable;
import org.gridrl.core.util.Rng;
import org.gridrl.envs.bandit.BernoulliBandit;
import org.gridrl.meta.baselines.BanditPolicy;
import org.gridrl.meta.baselines.BanditTrials;
import org.gridrl.meta.rl2.Rl2Network;
import org.gridrl.meta.rl2.Rl2Tasks;
import org.gridrl.meta.rl2.Rl2TrialPolicies;
import org.knowm.xchart.XYChart;

/**
 * {@code gridrl run rl2-bandits}: RL²'s Table 1 (Duan et al. 2016), RL² and the classical
 * baselines. Per cell (n pulls, k arms, means μ_i ~ U(0, 1)) and method, the mean total reward
 * E[Σ_t r_t] over 1000 trials with its standard error, beside the published number, and
 * z = (ours − published)/SE: the issue asks |z| ≤ 2. Also the oracle n·max_i μ_i of the same tasks
 * (E = n·k/(k + 1)). UCB1's c, ε-greedy's ε and Gittins' γ are tuned per cell on a separate seed
 * ({@link Rl2BanditsConfig}), as the paper tuned them; the chosen values go to summary.json
 * ({@code tuned}) and {@code table.csv}. RL² is one network per cell ({@link Rl2Tasks#bandits},
 * {@link Rl2BanditsConfig#rl2()}), evaluated on the same trials as the baselines.
 */
public final class Rl2Bandits extends PublishedTable<Rl2BanditsConfig, Rl2Bandits.Cell> {

  @Override
  public String name() {
    return "rl2-bandits";
  }

  @Override
  public String description() {
    return "RL²'s Table 1: RL² trained per cell and the bandit baselines (random, Gittins, TS,"
        + " UCB1, ε-greedy, greedy) vs the published numbers";
  }

  @Override
  public String reproduces() {
    return "Duan et al. 2016 (RL²), Table 1: RL² against Gittins, Thompson sampling, UCB1,"
        + " ε-greedy, greedy and random on Bernoulli bandits, total reward per trial";
  }

  @Override
  public String resultsPage() {
    return "docs/results/meta.md";
  }

  @Override
  public Duration expectedRunTime(boolean quick) {
    // measured: wall time of 'gridrl run rl2-bandits' with the jar on the 2-core machine,
    // products on the Vector API path: 4650 s full (2026-12-06 23:05-00:22 UTC, RL²'s training
    // nearly all of it, the test suite running beside it for a quarter of an hour); 39 s --quick
    // with Gittins' γ = 0.99 tables (~20 s of it) and a one-core probe beside it; 48 s full with
    // rl2Networks (no training)
    return Duration.ofSeconds(quick ? 39 : 4650);
  }

  @Override
  public Rl2BanditsConfig defaultConfig() {
    return Rl2BanditsConfig.defaults();
  }

  @Override
  public Rl2BanditsConfig quickConfig() {
    return Rl2BanditsConfig.quick();
  }

  /** A budget of a few seconds on the same code path, for the smoke test of every experiment. */
  @Override
  public Rl2BanditsConfig smokeConfig() {
    return Rl2BanditsConfig.quick().with(b -> b.pulls(List.of(10)).arms(List.of(5))
        .trialsPerSeed(20).tuningTrials(10).gittinsGrid(List.of(0.9)).threads(1)
        .seeds(List.of(1L)));
  }

  /** One (n, k) cell of the grid; its index orders the seeds' streams. */
  record Cell(int index, int pulls, int arms) implements PublishedTable.GridCell {
    @Override
    public String key() {
      return "n" + pulls + "_k" + arms;
    }

    @Override
    public String label() {
      return "n=" + pulls + ",k=" + arms;
    }
  }

  static List<Cell> cells(Rl2BanditsConfig config) {
    return cells(config.pulls(), config.arms());
  }

  /** The grid n × k, n the outer loop; a cell's index orders the seeds' streams. */
  static List<Cell> cells(List<Integer> pulls, List<Integer> arms) {
    List<Cell> out = new ArrayList<>();
    for (int n : pulls) {
      for (int k : arms) {
        out.add(new Cell(out.size(), n, k));
      }
    }
    return out;
  }

  /** The classical baselines among the configured methods. */
  static List<String> baselines(Rl2BanditsConfig config) {
    return baselines(config.methods());
  }

  /**
   * The trials' totals of one method in one cell from one seed, greedy's and ε-greedy's ties
   * broken as {@code ties} says ({@link Rl2BanditsConfig#ties()}).
   */
  static double[] totals(String method, double constant, String ties, Cell cell, int trials,
      long seed) {
    BanditPolicy policy = TrialMethods.bandit(method, constant, TrialMethods.lowestTies(ties),
        cell.pulls()).orElseThrow();
    return BanditTrials.run(policy, BernoulliBandit.tasks(cell.arms(), cell.pulls()), trials,
        seed).totalReward();
  }

  /**
   * n·max_i μ_i of the tasks {@link BanditTrials#run} draws with this seed (its task stream is
   * {@code Rng(seed).fork(0)}, in order): the oracle that knows the means.
   */
  static double[] oracle(Cell cell, int trials, long seed) {
    Rng tasks = new Rng(seed).fork(0);
    double[] out = new double[trials];
    for (int i = 0; i < trials; i++) {
      out[i] = cell.pulls() * BernoulliBandit.tasks(cell.arms(), cell.pulls()).sample(tasks)
          .bestMean();
    }
    return out;
  }

  /** Tunes every tuned method in every cell, in parallel; the result does not depend on threads. */
  static Map<String, Map<String, Tuning>> tune(Rl2BanditsConfig config) throws Exception {
    return new Rl2Bandits().tuneAll(config);
  }

  /** The paper's layout: a row per (n, k), a column per method, "ours±SE (published)". */
  static TextTable paperTable(Rl2BanditsConfig config, Map<String, Map<String, Pooled>> pooled) {
    return new Rl2Bandits().paper(config, pooled);
  }

  /**
   * One chart per n: z = (ours − published)/SE against k for every baseline, with the ±2 band
   * the issue asks for as two dashed lines.
   */
  static Map<String, XYChart> charts(Rl2BanditsConfig config,
      Map<String, Map<String, Pooled>> pooled) {
    Rl2Bandits table = new Rl2Bandits();
    Map<String, XYChart> out = new LinkedHashMap<>();
    for (int n : config.pulls()) {
      out.put("z_n" + n + ".png", table.zChart(
          cells(config).stream().filter(c -> c.pulls() == n).toList(), Cell::arms,
          baselines(config), pooled, "rl2-bandits, n = " + n
              + " pulls: (ours - Duan et al. 2016 Table 1) / SE, clipped at ±10", "arms k"));
    }
    return out;
  }

  /**
   * RL²'s training curves relative to the published RL², one chart per n
   * ({@code rl2_training_n10.png}, ...).
   */
  static Map<String, XYChart> trainingCharts(Rl2BanditsConfig config,
      Map<String, TrainedRl2> rl2) {
    Rl2Bandits table = new Rl2Bandits();
    Map<String, XYChart> out = new LinkedHashMap<>();
    for (int n : config.pulls()) {
      out.put("rl2_training_n" + n + ".png", table.rl2Chart(
          cells(config).stream().filter(c -> c.pulls() == n).toList(), rl2,
          "RL² training, n = " + n + " pulls: training return / published RL²"));
    }
    return out;
  }

  @Override
  Plan<Cell> plan(Rl2BanditsConfig config) {
    return new Plan<>(cells(config), config.methods(), config::grid, config.trialsPerSeed(),
        config.tuningTrials(), config.tuningSeed(), config.threads(), config.seeds(),
        config.rl2(), c -> config.rl2Iterations(c.pulls()), config.rl2Networks());
  }

  @Override
  double[] trialTotals(Rl2BanditsConfig config, String method, double constant, Cell cell,
      int trials, long seed) {
    return totals(method, constant, config.ties(), cell, trials, seed);
  }

  @Override
  double[] oracleTotals(Cell cell, int trials, long seed) {
    return oracle(cell, trials, seed);
  }

  @Override
  Rl2Tasks<Integer> rl2Tasks(Cell cell) {
    return Rl2Tasks.bandits(cell.arms(), cell.pulls());
  }

  @Override
  double[] rl2Totals(Rl2Network network, Cell cell, int trials, long seed) {
    return BanditTrials.run(Rl2TrialPolicies.bandit(network),
        BernoulliBandit.tasks(cell.arms(), cell.pulls()), trials, seed).totalReward();
  }

  @Override
  OptionalDouble published(Cell cell, String method) {
    return Rl2Published.bandit(cell.pulls(), cell.arms(), method);
  }

  @Override
  boolean tuned(String method) {
    return TrialMethods.banditTuned(method);
  }

  @Override
  String constantSymbol(String method) {
    return method.equals("ucb1") ? "c" : method.equals("gittins") ? "γ" : "ε";
  }

  @Override
  String format(double x, Cell cell) {
    return String.format(Locale.ROOT, cell.pulls() >= 100 ? "%.1f" : "%.2f", x);
  }

  @Override
  String metric() {
    return "mean_total_reward";
  }

  @Override
  String source() {
    return "Duan et al. 2016 Table 1";
  }

  @Override
  String csvCellHeader() {
    return "pulls,arms";
  }

  @Override
  String csvCell(Cell cell) {
    return cell.pulls() + "," + cell.arms();
  }

  /** Also the expected oracle over tasks, E[n·max_i μ_i] = n·k/(k + 1). */
  @Override
  Map<String, Object> oracleNote(Cell cell, Pooled oracle) {
    return Map.of("mean", oracle.mean(), "standard_error", oracle.standardError(),
        "expected", cell.pulls() * cell.arms() / (cell.arms() + 1.0));
  }

  @Override
  Map<String, XYChart> zCharts(Rl2BanditsConfig config, Map<String, Map<String, Pooled>> pooled) {
    return charts(config, pooled);
  }

  @Override
  Map<String, XYChart> rl2Charts(Rl2BanditsConfig config, Map<String, TrainedRl2> rl2) {
    return trainingCharts(config, rl2);
  }
}
