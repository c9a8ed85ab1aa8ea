package org.gridrl.benchmarks.experiments.irl;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import org.gridrl.benchmarks.report.TextTable;
import org.gridrl.benchmarks.runner.Experiment;
import org.gridrl.benchmarks.runner.MetricsCsv;
import org.gridrl.benchmarks.runner.Plots;
import org.gridrl.benchmarks.runner.Progress;
import org.gridrl.benchmarks.runner.RunContext;
import org.gridrl.benchmarks.runner.SeedPool;
import org.gridrl.core.mdp.StateFeatures;
import org.gridrl.core.mdp.TabularPolicy;
import org.gridrl.core.planning.SoftValueIteration;
import org.gridrl.core.planning.Solution;
import org.gridrl.core.planning.ValueIteration;
import org.gridrl.irl.Demonstrations;
import org.gridrl.irl.IrlProblem;
import org.gridrl.irl.metrics.IrlMetrics;
import org.knowm.xchart.XYChart;

/**
 * {@code irl-objectworld} and {@code irl-binaryworld}: the protocol of Levine et al. (2011, Fig. 3)
 * and Wulfmeier et al. (2015, Fig. 4). Per seed: draw the training world (seed) and a transfer
 * world (seed + {@value #TRANSFER_OFFSET}); the expert is the soft-optimal policy (τ = 1,
 * discounted) of the true reward, as in the authors' toolkit; sample the largest number of
 * demonstrations of the configured length from the uniform start, and use its first n for each
 * count n. Each method fits on the training world's features with E[μ] started from the demos'
 * start states ({@code --start empirical}); its learned reward, as a function of the features, is
 * evaluated by EVD on the training world and on the transfer world (with that world's features),
 * and by its correlation with the true reward.
 *
 * <p>metrics.csv has one row per (seed, n) with iteration = n and columns
 * {@code evd_train/METHOD/FEATURES}, {@code evd_transfer/...}, {@code corr/...}. Seeds run in
 * parallel on {@code threads} workers; each seed's numbers depend only on the seed, so they do
 * not depend on the thread count, and rows are written in seed order.
 */
public final class IrlSweep implements Experiment<IrlSweepConfig> {

  /** The transfer world's seed is the training seed plus this. */
  public static final long TRANSFER_OFFSET = 1_000_003L;

  private final String name;
  private final String world;
  private final Duration fullRunTime;
  private final Duration quickRunTime;

  private IrlSweep(String name, String world, Duration fullRunTime, Duration quickRunTime) {
    this.name = name;
    this.world = world;
    this.fullRunTime = fullRunTime;
    this.quickRunTime = quickRunTime;
  }

  /** {@code irl-objectworld}. */
  public static IrlSweep objectWorld() {
    return new IrlSweep("irl-objectworld", "objectworld", Duration.ofSeconds(81),
        Duration.ofSeconds(10));
  }

  /**
   * {@code irl-objectworld-toolkit}: ObjectWorld with the irl_toolkit's rewards (+5 / −10 / 0),
   * continuous features, so EVDs sit on the scale of the published curves.
   */
  public static IrlSweep objectWorldToolkit() {
    return new IrlSweep("irl-objectworld-toolkit", "objectworld-toolkit",
        Duration.ofSeconds(40), Duration.ofSeconds(7));
  }

  /** {@code irl-binaryworld}. */
  public static IrlSweep binaryWorld() {
    return new IrlSweep("irl-binaryworld", "binaryworld", Duration.ofSeconds(38),
        Duration.ofSeconds(6));
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String description() {
    String what = switch (world) {
      case "objectworld" -> "ObjectWorld";
      case "objectworld-toolkit" -> "ObjectWorld with the irl_toolkit's rewards (+5/-10/0),"
          + " continuous features,";
      default -> "BinaryWorld";
    };
    return "IRL on " + what
        + " 32x32: EVD (training and transfer world) vs number of demonstrations, 5 seeds";
  }

  @Override
  public String reproduces() {
    return switch (world) {
      case "binaryworld" -> "Wulfmeier et al. 2015 (deep MaxEnt IRL), BinaryWorld: deep MaxEnt"
          + " beats linear MaxEnt in expected value difference as demonstrations grow";
      default -> "Levine et al. 2011 (GPIRL), Fig. 3/4, and Wulfmeier et al. 2015: on"
          + " ObjectWorld linear MaxEnt and max-margin plateau at a high expected value"
          + " difference where a non-linear reward (deep MaxEnt) falls well below, on training"
          + " and transfer worlds";
    };
  }

  @Override
  public String resultsPage() {
    return "docs/results/irl.md";
  }

  @Override
  public Duration expectedRunTime(boolean quick) {
    // measured: wall time of 'gridrl run NAME' (and --quick) on the 2-core machine with nothing
    // else running, 2026-12-06: irl-objectworld 81.4 s full, 9.7 s --quick;
    // irl-objectworld-toolkit 39.6 s, 6.7 s; irl-binaryworld 38.1 s, 6.3 s
    return quick ? quickRunTime : fullRunTime;
  }

  @Override
  public IrlSweepConfig defaultConfig() {
    return IrlSweepConfig.defaults(world);
  }

  @Override
  public IrlSweepConfig quickConfig() {
    return IrlSweepConfig.quick(world);
  }

  /** A budget of a few seconds on the same code path, for the smoke test of every experiment. */
  @Override
  public IrlSweepConfig smokeConfig() {
    return IrlSweepConfig.quick(world).withSize(8).withDemoCounts(List.of(4, 16))
        .withMaxEntIterations(10).withMaxMarginIterations(5).withThreads(1)
        .withSeeds(List.of(quickConfig().seeds().get(0)));
  }

  /** Column name of a metric of a method on a feature set. */
  static String column(String metric, String method, String features) {
    return metric + "/" + method + "/" + features;
  }

  /**
   * One seed's numbers: per demo count, the row; the learned rewards at the largest count; and
   * per method, how many of its fits (one per demo count and feature set) ended unconverged.
   */
  record SeedResult(long seed, Map<Integer, Map<String, Double>> rows,
      Map<String, double[]> rewardsAtMax, double[] trueReward,
      Map<String, Integer> unconverged) {
  }

  /** Runs one seed (pure: depends only on the config and the seed). */
  static SeedResult runSeed(IrlSweepConfig config, long seed) {
    return runSeed(config, seed, config.demoCounts());
  }

  /**
   * A seed kept from the run this one resumes: its rows as read back from metrics.csv and, for
   * the first seed, whose learned rewards are plotted, those rewards refitted at the largest
   * demonstration count only (each count's fit depends only on the config, seed and count).
   */
  static SeedResult keptSeed(IrlSweepConfig config, RunContext.KeptSeed kept, boolean first) {
    Map<Integer, Map<String, Double>> rows = new LinkedHashMap<>();
    for (MetricsCsv.Row r : kept.rows()) {
      rows.put(Math.toIntExact(r.iteration()), r.values());
    }
    if (!first) {
      return new SeedResult(kept.seed(), rows, Map.of(), null, Map.of());
    }
    int maxCount = config.demoCounts().get(config.demoCounts().size() - 1);
    SeedResult refit = runSeed(config, kept.seed(), List.of(maxCount));
    return new SeedResult(kept.seed(), rows, refit.rewardsAtMax(), refit.trueReward(), Map.of());
  }

  /** Runs one seed at the demonstration counts {@code counts} (a subset of the config's). */
  private static SeedResult runSeed(IrlSweepConfig config, long seed, List<Integer> counts) {
    Worlds.World train = Worlds.draw(config, seed);
    Worlds.World transfer = Worlds.draw(config, seed + TRANSFER_OFFSET);
    TabularPolicy expert = SoftValueIteration.solve(train.mdp()).policy();
    Solution trainStar = ValueIteration.solve(train.mdp());
    Solution transferStar = ValueIteration.solve(transfer.mdp());
    int maxCount = config.demoCounts().get(config.demoCounts().size() - 1);
    Demonstrations all = Demonstrations.sample(train.mdp(), expert, maxCount,
        config.demoLength(), seed * 31 + 7);
    Map<Integer, Map<String, Double>> rows = new LinkedHashMap<>();
    Map<String, double[]> rewards = new LinkedHashMap<>();
    Map<String, Integer> unconverged = new LinkedHashMap<>();
    for (String method : config.methods()) {
      unconverged.put(method, 0); // every method gets a count, 0 included
    }
    for (int n : counts) {
      Map<String, Double> row = new LinkedHashMap<>();
      for (String fs : config.featureSets()) {
        StateFeatures phi = train.features(fs);
        IrlProblem problem = IrlProblem.of(train.mdp(), phi, all.first(n), config.demoLength(),
            IrlProblem.Start.EMPIRICAL);
        for (String method : config.methods()) {
          IrlMethods.Fit fit = IrlMethods.fit(method, problem, config.settings(fs, seed));
          if (!fit.converged()) {
            unconverged.merge(method, 1, Integer::sum);
          }
          LearnedReward learned = fit.reward();
          double[] r = learned.stateReward(phi);
          double[] rT = learned.stateReward(transfer.features(fs));
          row.put(column("evd_train", method, fs),
              IrlMetrics.expectedValueDifference(train.mdp(), trainStar, r));
          row.put(column("evd_transfer", method, fs),
              IrlMetrics.expectedValueDifference(transfer.mdp(), transferStar, rT));
          row.put(column("corr", method, fs), IrlMetrics.rewardCorrelation(train.trueReward(), r));
          if (n == maxCount) {
            rewards.put(method + "/" + fs, r);
          }
        }
      }
      rows.put(n, row);
    }
    return new SeedResult(seed, rows, rewards, train.trueReward(), unconverged);
  }

  @Override
  public void run(IrlSweepConfig config, RunContext ctx) throws Exception {
    List<String> columns = new ArrayList<>();
    for (String metric : List.of("evd_train", "evd_transfer", "corr")) {
      for (String fs : config.featureSets()) {
        for (String m : config.methods()) {
          columns.add(column(metric, m, fs));
        }
      }
    }
    ctx.metrics().declare(columns.toArray(new String[0]));
    ctx.note("protocol", "expert: soft-optimal (tau 1) policy of the true reward; demos: "
        + config.demoLength() + " steps from the uniform start, nested sets; E[mu] from the demos'"
        + " start states; transfer world seed = seed + " + TRANSFER_OFFSET);
    ctx.out().println(name + ": " + config.world() + " " + config.size() + "x" + config.size()
        + ", methods " + config.methods() + ", features " + config.featureSets() + ", demos "
        + config.demoCounts() + " x " + config.demoLength() + " steps, seeds " + config.seeds()
        + " on " + config.threads() + " threads");
    List<SeedResult> results = new ArrayList<>();
    Map<String, Integer> unconverged = new LinkedHashMap<>();
    for (String m : config.methods()) {
      unconverged.put(m, 0);
    }
    int fitsPerSeed = config.demoCounts().size() * config.featureSets().size();
    int fitsRun = 0;
    try (SeedPool pool = new SeedPool(config.threads(), config.seeds().size());
        Progress progress = ctx.progress("seeds", config.seeds().size())) {
      List<Future<SeedResult>> futures = new ArrayList<>();
      for (long seed : config.seeds()) {
        Optional<RunContext.KeptSeed> kept = ctx.kept(seed); // finished by a resumed run
        boolean first = seed == config.seeds().get(0);
        futures.add(kept.isEmpty() ? pool.submit(() -> runSeed(config, seed))
            : first ? pool.submit(() -> keptSeed(config, kept.get(), true))
            : CompletableFuture.completedFuture(keptSeed(config, kept.get(), false)));
      }
      for (Future<SeedResult> f : futures) {
        SeedResult r = SeedPool.result(f);
        int maxCount = config.demoCounts().get(config.demoCounts().size() - 1);
        Optional<RunContext.KeptSeed> kept = ctx.kept(r.seed());
        Map<String, Double> finalMetrics;
        if (kept.isEmpty()) {
          for (Map.Entry<Integer, Map<String, Double>> row : r.rows().entrySet()) {
            ctx.row(r.seed(), row.getKey(), row.getValue());
          }
          finalMetrics = IrlMethods.finalMetrics(r.rows().get(maxCount), r.unconverged());
          ctx.seedComplete(r.seed(), finalMetrics);
        } else { // a kept seed's counts come back with its final metrics
          finalMetrics = kept.get().finalMetrics();
        }
        IrlMethods.addUnconverged(unconverged, finalMetrics);
        fitsRun += fitsPerSeed;
        IrlMethods.noteUnconverged(ctx, unconverged, fitsRun);
        results.add(r);
        progress.step();
      }
    }
    writePlots(config, ctx, results);
    printTable(config, ctx, results);
    ctx.out().println(IrlMethods.unconvergedLine(unconverged, fitsRun));
  }

  private void writePlots(IrlSweepConfig config, RunContext ctx, List<SeedResult> results)
      throws Exception {
    for (Map.Entry<String, XYChart> chart : evdCharts(config, ctx.metrics()).entrySet()) {
      Plots.save(chart.getValue(), ctx.file(chart.getKey()));
    }
    for (String fs : config.featureSets()) {
      SeedResult first = results.get(0);
      List<String> labels = new ArrayList<>(List.of("true reward"));
      List<double[]> panels = new ArrayList<>(List.of(first.trueReward()));
      for (String m : config.methods()) {
        labels.add(m);
        panels.add(first.rewardsAtMax().get(m + "/" + fs));
      }
      int maxCount = config.demoCounts().get(config.demoCounts().size() - 1);
      RewardHeatMaps.write(ctx.file("rewards_" + fs + ".png"), config.world() + " seed "
          + first.seed() + ", " + fs + " features, " + maxCount + " demonstrations: true vs"
          + " learned reward", config.size(), config.size(), labels, panels);
    }
  }

  /**
   * The EVD plots, by file name: per feature set, {@code evd_FS.png} (training world) and
   * {@code evd_transfer_FS.png}, one line per method (mean over seeds, min–max band) against the
   * number of demonstrations on a log axis labelled at the counts.
   *
   * @param config the run's config
   * @param metrics the run's {@code metrics.csv}, its rows written. Not modified.
   */
  static Map<String, XYChart> evdCharts(IrlSweepConfig config, MetricsCsv metrics) {
    Map<String, XYChart> charts = new LinkedHashMap<>();
    for (String fs : config.featureSets()) {
      for (String which : List.of("train", "transfer")) {
        List<Plots.Curve> curves = new ArrayList<>();
        for (String m : config.methods()) {
          curves.add(Plots.Curve.of(m, metrics.series(column("evd_" + which, m, fs))));
        }
        charts.put(which.equals("train") ? "evd_" + fs + ".png" : "evd_transfer_" + fs + ".png",
            Plots.learningCurveChart(config.world() + " " + config.size() + "x" + config.size()
                + ", " + fs + " features: EVD on the "
                + (which.equals("train") ? "training" : "transfer") + " world",
                "number of demonstrations (log scale)", "EVD", curves, Plots.Band.MIN_MAX, true,
                false));
      }
    }
    return charts;
  }

  private void printTable(IrlSweepConfig config, RunContext ctx, List<SeedResult> results) {
    ctx.out().println();
    ctx.out().println("EVD, mean ± std over " + results.size() + " seed(s) (train / transfer):");
    evdTable(config, results).print(ctx.out(), "");
  }

  /**
   * The printed table: per method and feature set, EVD on the training / transfer world as
   * mean ± std over seeds, one column per number of demonstrations.
   */
  static TextTable evdTable(IrlSweepConfig config, List<SeedResult> results) {
    List<String> header = new ArrayList<>(List.of("method/features"));
    for (int n : config.demoCounts()) {
      header.add("n=" + n);
    }
    TextTable table = new TextTable(header.toArray(new String[0]));
    for (String fs : config.featureSets()) {
      for (String m : config.methods()) {
        List<String> cells = new ArrayList<>(List.of(m + "/" + fs));
        for (int n : config.demoCounts()) {
          double[] tr = stats(results, n, column("evd_train", m, fs));
          double[] te = stats(results, n, column("evd_transfer", m, fs));
          cells.add(String.format(Locale.ROOT, "%.2f±%.2f / %.2f±%.2f", tr[0], tr[1], te[0],
              te[1]));
        }
        table.row(cells.toArray(new String[0]));
      }
    }
    return table;
  }

  /** Mean and sample standard deviation over seeds. */
  static double[] stats(List<SeedResult> results, int n, String col) {
    double sum = 0;
    for (SeedResult r : results) {
      sum += r.rows().get(n).get(col);
    }
    double mean = sum / results.size();
    double ss = 0;
    for (SeedResult r : results) {
      double d = r.rows().get(n).get(col) - mean;
      ss += d * d;
    }
    return new double[] {mean, results.size() > 1 ? Math.sqrt(ss / (results.size() - 1)) : 0};
  }
}
