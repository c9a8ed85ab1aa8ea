package org.gridrl.benchmarks.experiments.meta;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import org.gridrl.benchmarks.experiments.meta.TrialMethods.Pooled;
import org.gridrl.benchmarks.report.TextTable;
import org.gridrl.envs.mdp.RandomMdp;
import org.gridrl.meta.baselines.MdpRandomPolicy;
import org.gridrl.meta.baselines.MdpTrialPolicy;
import org.gridrl.meta.baselines.MdpTrials;
import org.gridrl.meta.rl2.Rl2Network;
import org.gridrl.meta.rl2.Rl2Tasks;
import org.gridrl.meta.rl2.Rl2TrialPolicies;
import org.knowm.xchart.XYChart;

/**
 * {@code gridrl run rl2-mdps}: RL²'s Table 2 (Duan et al. 2016) for the classical baselines. Per
 * cell (n episodes of H = 10 steps on one random MDP, {@code RandomMdp.Spec.rl2()}) and method,
 * the mean total return E[Σ_episodes Σ_t r_t] with its standard error, beside the published
 * number, and z = (ours − published)/SE. Also the exact oracle n·V*_0(0) of the same MDPs
 * ({@code RandomMdp.optimalEpisodeValue}), which the paper does not give: the regret of every
 * column is exact. RL² is one network per cell ({@link Rl2Tasks#mdps},
 * {@link Rl2MdpsConfig#rl2()}), evaluated on the same trials as the baselines.
 */
public final class Rl2Mdps extends PublishedTable<Rl2MdpsConfig, Rl2Mdps.Cell> {

  @Override
  public String name() {
    return "rl2-mdps";
  }

  @Override
  public String description() {
    return "RL²'s Table 2: RL² trained per cell and the random-MDP baselines (PSRL, UCRL2, BEB,"
        + " ε-greedy, greedy, random) and the exact oracle vs the published numbers";
  }

  @Override
  public String reproduces() {
    return "Duan et al. 2016 (RL²), Table 2: RL² against PSRL, BEB, UCRL2, ε-greedy, greedy and"
        + " random on random tabular MDPs, total reward per trial of n episodes";
  }

  @Override
  public String resultsPage() {
    return "docs/results/meta.md";
  }

  @Override
  public Duration expectedRunTime(boolean quick) {
    // measured: wall time of 'gridrl run rl2-mdps' with the jar on the 2-core machine,
    // 2026-12-06: 439 s full with nothing else running (RL²'s training 13 min of one core, two
    // cells at a time), 4.1 s --quick
    return Duration.ofSeconds(quick ? 4 : 439);
  }

  @Override
  public Rl2MdpsConfig defaultConfig() {
    return Rl2MdpsConfig.defaults();
  }

  @Override
  public Rl2MdpsConfig quickConfig() {
    return Rl2MdpsConfig.quick();
  }

  /** A budget of a few seconds on the same code path, for the smoke test of every experiment. */
  @Override
  public Rl2MdpsConfig smokeConfig() {
    return Rl2MdpsConfig.quick().with(b -> b.episodes(List.of(2))
        .rl2Iterations(List.of(new Rl2Budget(2, 2))).trialsPerSeed(4).threads(1)
        .seeds(List.of(1L)));
  }

  /** One (n, k) cell of the grid; its index orders the seeds' streams. */
  record Cell(int index, int episodes) implements PublishedTable.GridCell {
    @Override
    public String key() {
      return "n" + episodes;
    }

    @Override
    public String label() {
      return "n=" + episodes;
    }
  }

  static List<Cell> cells(Rl2MdpsConfig config) {
    return cells(config.episodes());
  }

  /** One cell per n of episodes, in order; a cell's index orders the seeds' streams. */
  static List<Cell> cells(List<Integer> episodes) {
    List<Cell> out = new ArrayList<>();
    for (int n : episodes) {
      out.add(new Cell(out.size(), n));
    }
    return out;
  }

  /** The classical baselines among the configured methods. */
  static List<String> baselines(Rl2MdpsConfig config) {
    return baselines(config.methods());
  }

  /** The trials' total returns of one method in one cell from one seed. */
  static double[] totals(String method, double constant, Cell cell, int trials, long seed) {
    MdpTrialPolicy policy = TrialMethods.mdp(method, constant).orElseThrow();
    return MdpTrials.run(policy, RandomMdp.tasks(RandomMdp.Spec.rl2()), trials,
        cell.episodes(), seed).totalReturn();
  }

  /** n·V*_0(0) of the MDPs {@link MdpTrials#run} draws with this seed: the exact oracle. */
  static double[] oracle(Cell cell, int trials, long seed) {
    return MdpTrials.run(new MdpRandomPolicy(), RandomMdp.tasks(RandomMdp.Spec.rl2()), trials,
        cell.episodes(), seed).optimalReturn();
  }

  /** Tunes every tuned method in every cell, in parallel; the result does not depend on threads. */
  static Map<String, Map<String, Tuning>> tune(Rl2MdpsConfig config) throws Exception {
    return new Rl2Mdps().tuneAll(config);
  }

  /** The paper's layout: a row per n, a column per method, "ours±SE (published)". */
  static TextTable paperTable(Rl2MdpsConfig config, Map<String, Map<String, Pooled>> pooled) {
    return new Rl2Mdps().paper(config, pooled);
  }

  /**
   * z = (ours − published)/SE against n for every baseline, with the ±2 band as two lines.
   */
  static Map<String, XYChart> charts(Rl2MdpsConfig config,
      Map<String, Map<String, Pooled>> pooled) {
    return Map.of("z.png", new Rl2Mdps().zChart(cells(config), Cell::episodes,
        baselines(config), pooled, "rl2-mdps: (ours - Duan et al. 2016 Table 2)"
            + " / SE, clipped at ±10", "episodes n"));
  }

  /** RL²'s training curves relative to the published RL², every n in one chart. */
  static Map<String, XYChart> trainingCharts(Rl2MdpsConfig config,
      Map<String, TrainedRl2> rl2) {
    return Map.of("rl2_training.png", new Rl2Mdps().rl2Chart(cells(config), rl2,
        "RL² training on random MDPs: training return / published RL²"));
  }

  @Override
  Plan<Cell> plan(Rl2MdpsConfig config) {
    return new Plan<>(cells(config), config.methods(), config::grid, config.trialsPerSeed(),
        config.tuningTrials(), config.tuningSeed(), config.threads(), config.seeds(),
        config.rl2(), c -> config.rl2Iterations(c.episodes()), config.rl2Networks());
  }

  @Override
  double[] trialTotals(Rl2MdpsConfig config, String method, double constant, Cell cell,
      int trials, long seed) {
    return totals(method, constant, cell, trials, seed);
  }

  @Override
  double[] oracleTotals(Cell cell, int trials, long seed) {
    return oracle(cell, trials, seed);
  }

  @Override
  Rl2Tasks<Integer> rl2Tasks(Cell cell) {
    return Rl2Tasks.mdps(RandomMdp.Spec.rl2(), cell.episodes());
  }

  @Override
  double[] rl2Totals(Rl2Network network, Cell cell, int trials, long seed) {
    return MdpTrials.run(Rl2TrialPolicies.mdp(network), RandomMdp.tasks(RandomMdp.Spec.rl2()),
        trials, cell.episodes(), seed).totalReturn();
  }

  @Override
  OptionalDouble published(Cell cell, String method) {
    return Rl2Published.mdp(cell.episodes(), method);
  }

  @Override
  boolean tuned(String method) {
    return TrialMethods.mdpTuned(method);
  }

  @Override
  String constantSymbol(String method) {
    return method.equals("epsilon-greedy") ? "ε" : "κ"; // TabulaRL's scaling for UCRL2 and BEB
  }

  @Override
  String format(double x, Cell cell) {
    return String.format(Locale.ROOT, "%.1f", x);
  }

  @Override
  String metric() {
    return "mean_total_return";
  }

  @Override
  String source() {
    return "Duan et al. 2016 Table 2";
  }

  @Override
  String csvCellHeader() {
    return "episodes";
  }

  @Override
  String csvCell(Cell cell) {
    return Integer.toString(cell.episodes());
  }

  @Override
  Map<String, Object> oracleNote(Cell cell, Pooled oracle) {
    return Map.of("mean", oracle.mean(), "standard_error", oracle.standardError());
  }

  @Override
  Map<String, XYChart> zCharts(Rl2MdpsConfig config, Map<String, Map<String, Pooled>> pooled) {
    return charts(config, pooled);
  }

  @Override
  Map<String, XYChart> rl2Charts(Rl2MdpsConfig config, Map<String, TrainedRl2> rl2) {
    return trainingCharts(config, rl2);
  }
}
