package org.gridrl.benchmarks.experiments.meta;

import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.Future;
import org.gridrl.benchmarks.experiments.meta.TrialMethods.Pooled;
import org.gridrl.benchmarks.report.TextTable;
import org.gridrl.benchmarks.runner.Experiment;
import org.gridrl.benchmarks.runner.Plots;
import org.gridrl.benchmarks.runner.RunContext;
import org.gridrl.benchmarks.runner.SeedPool;
import org.gridrl.core.util.Rng;
import org.gridrl.envs.mdp.RandomMdp;
import org.gridrl.meta.baselines.MdpRandomPolicy;
import org.gridrl.meta.baselines.MdpTrialPolicy;
import org.gridrl.meta.baselines.MdpTrials;
import org.knowm.xchart.XYChart;

/**
 * {@code gridrl run rl2-mdps}: RL²'s Table 2 (Duan et al. 2016) for the classical baselines. Per
 * cell (n episodes of H = 10 steps on one random MDP, {@code RandomMdp.Spec.rl2()}) and method,
 * the mean total return E[Σ_episodes Σ_t r_t] with its standard error, beside the published
 * number, and z = (ours − published)/SE. Also the exact oracle n·V*_0(0) of the same MDPs
 * ({@code RandomMdp.optimalEpisodeValue}), which the paper does not give: the regret of every
 * column is exact. The RL² column is printed as not yet trained.
 */
public final class Rl2Mdps implements Experiment<Rl2MdpsConfig> {

  @Override
  public String name() {
    return "rl2-mdps";
  }

  @Override
  public String description() {
    return "RL2's Table 2: random-MDP baselines (PSRL, UCRL2, BEB, eps-greedy, greedy, random)"
        + " and the exact oracle vs the published numbers";
  }

  @Override
  public Duration expectedRunTime(boolean quick) {
    // measured with the jar on the 2-core machine while other helpers' builds shared it,
    // 2026-12-06: full 76.5 s of run time (400 trials per cell), --quick 21 s wall
    return Duration.ofSeconds(quick ? 20 : 90);
  }

  @Override
  public Rl2MdpsConfig defaultConfig() {
    return Rl2MdpsConfig.defaults();
  }

  @Override
  public Rl2MdpsConfig quickConfig() {
    return Rl2MdpsConfig.quick();
  }

  /** One (n, k) cell of the grid; its index orders the seeds' streams. */
  record Cell(int index, int episodes) {
    String key() {
      return "n" + episodes;
    }

    String label() {
      return "n=" + episodes;
    }
  }

  /**
   * A tuned constant: the grid, the tuning means, the chosen index (the best mean, first on ties).
   */
  record Tuning(List<Double> grid, double[] means, int best) {
    double value() {
      return grid.get(best);
    }
  }

  static List<Cell> cells(Rl2MdpsConfig config) {
    List<Cell> out = new ArrayList<>();
    for (int n : config.episodes()) {
      out.add(new Cell(out.size(), n));
    }
    return out;
  }

  /** The methods that run (every configured one but RL², which has no policy yet). */
  static List<String> baselines(Rl2MdpsConfig config) {
    return config.methods().stream().filter(m -> !m.equals(TrialMethods.RL2)).toList();
  }

  static long cellSeed(long seed, Cell cell) {
    return new Rng(seed).fork(cell.index()).nextLong();
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

  /** The best grid point: the largest mean, the first on ties. */
  static int argmax(double[] means) {
    int best = 0;
    for (int i = 1; i < means.length; i++) {
      if (means[i] > means[best]) {
        best = i;
      }
    }
    return best;
  }

  /** Tunes every tuned method in every cell, in parallel; the result does not depend on threads. */
  static Map<String, Map<String, Tuning>> tune(Rl2MdpsConfig config) throws Exception {
    List<Cell> cells = cells(config);
    Map<String, Map<String, List<Future<double[]>>>> futures = new LinkedHashMap<>();
    Map<String, Map<String, Tuning>> out = new LinkedHashMap<>();
    try (SeedPool pool = new SeedPool(config.threads(), Integer.MAX_VALUE)) {
      for (Cell c : cells) {
        for (String m : baselines(config)) {
          if (config.grid(m).size() < 2) {
            continue; // nothing to choose: no tuning trials
          }
          for (double g : config.grid(m)) {
            long seed = cellSeed(config.tuningSeed(), c);
            futures.computeIfAbsent(c.key(), x -> new LinkedHashMap<>())
                .computeIfAbsent(m, x -> new ArrayList<>())
                .add(pool.submit(() -> totals(m, g, c, config.tuningTrials(), seed)));
          }
        }
      }
      for (Cell c : cells) {
        Map<String, Tuning> perCell = new LinkedHashMap<>();
        for (Map.Entry<String, List<Future<double[]>>> e
            : futures.getOrDefault(c.key(), Map.of()).entrySet()) {
          double[] means = new double[e.getValue().size()];
          for (int i = 0; i < means.length; i++) {
            means[i] = Pooled.of(SeedPool.result(e.getValue().get(i))).mean();
          }
          perCell.put(e.getKey(), new Tuning(config.grid(e.getKey()), means, argmax(means)));
        }
        for (String m : baselines(config)) {
          if (config.grid(m).size() == 1) {
            perCell.put(m, new Tuning(config.grid(m), new double[] {Double.NaN}, 0));
          }
        }
        out.put(c.key(), perCell);
      }
    }
    return out;
  }

  static double constant(Map<String, Map<String, Tuning>> tuned, Cell c, String method) {
    Tuning t = tuned.getOrDefault(c.key(), Map.of()).get(method);
    return t == null ? Double.NaN : t.value();
  }

  static String column(String method) {
    return method + "/mean_total_return";
  }

  static String finalKey(Cell c, String method, String field) {
    return c.key() + "/" + method + "/" + field;
  }

  @Override
  public void run(Rl2MdpsConfig config, RunContext ctx) throws Exception {
    List<Cell> cells = cells(config);
    List<String> methods = new ArrayList<>(baselines(config));
    methods.add("oracle");
    ctx.metrics().declare(methods.stream().map(Rl2Mdps::column).toArray(String[]::new));
    Map<String, Map<String, Tuning>> tuned = tune(config);
    ctx.note("tuned", tunedNote(tuned));
    Map<String, Map<String, Pooled>> pooled = new LinkedHashMap<>();
    try (SeedPool pool = new SeedPool(config.threads(), Integer.MAX_VALUE);
        var progress = ctx.progress("trial blocks", config.seeds().size())) {
      for (long seed : config.seeds()) {
        Map<String, Double> fin = new LinkedHashMap<>();
        Optional<RunContext.KeptSeed> kept = ctx.kept(seed);
        if (kept.isPresent()) {
          fin = kept.get().finalMetrics();
        } else {
          Map<String, Future<double[]>> jobs = new LinkedHashMap<>();
          for (Cell c : cells) {
            long s = cellSeed(seed, c);
            for (String m : methods) {
              double k = constant(tuned, c, m);
              jobs.put(c.key() + "/" + m, pool.submit(() -> m.equals("oracle")
                  ? oracle(c, config.trialsPerSeed(), s)
                  : totals(m, k, c, config.trialsPerSeed(), s)));
            }
          }
          for (Cell c : cells) {
            Map<String, Double> row = new LinkedHashMap<>();
            for (String m : methods) {
              Pooled p = Pooled.of(SeedPool.result(jobs.get(c.key() + "/" + m)));
              row.put(column(m), p.mean());
              fin.put(finalKey(c, m, "sum"), p.sum());
              fin.put(finalKey(c, m, "sum_squares"), p.sumSquares());
            }
            ctx.row(seed, c.index(), row);
          }
          ctx.seedComplete(seed, fin);
        }
        for (Cell c : cells) {
          for (String m : methods) {
            Pooled p = new Pooled(config.trialsPerSeed(), fin.get(finalKey(c, m, "sum")),
                fin.get(finalKey(c, m, "sum_squares")));
            pooled.computeIfAbsent(c.key(), x -> new LinkedHashMap<>())
                .merge(m, p, Pooled::plus);
          }
        }
        progress.step();
      }
    }
    ctx.out().println();
    ctx.out().println("Mean total reward, " + config.trialsPerSeed() * config.seeds().size()
        + " trials per cell: ours±SE (published, Duan et al. 2016 Table 2)");
    paperTable(config, pooled).print(ctx.out(), "");
    ctx.out().println();
    ctx.out().println("(ours - published) / SE; * marks |z| > 2");
    zTable(config, pooled).print(ctx.out(), "");
    ctx.out().println();
    ctx.out().println("Tuned constants (tuning seed " + config.tuningSeed() + ", "
        + config.tuningTrials() + " trials per grid point)");
    tunedTable(config, tuned).print(ctx.out(), "");
    Files.writeString(ctx.file("table.csv"), csv(config, pooled, tuned));
    ctx.note("results", resultsNote(config, pooled));
    List<String> files = new ArrayList<>(List.of("metrics.csv", "summary.json", "table.csv"));
    for (Map.Entry<String, XYChart> chart : charts(config, pooled).entrySet()) {
      Plots.save(chart.getValue(), ctx.file(chart.getKey()));
      files.add(chart.getKey());
    }
    ctx.note("files", files);
  }

  private static Map<String, Object> tunedNote(Map<String, Map<String, Tuning>> tuned) {
    Map<String, Object> out = new LinkedHashMap<>();
    tuned.forEach((cell, perMethod) -> {
      Map<String, Object> m = new LinkedHashMap<>();
      perMethod.forEach((method, t) -> m.put(method, Map.of("chosen", t.value(), "grid",
          t.grid(), "tuning_means", t.means())));
      out.put(cell, m);
    });
    return out;
  }

  private static Map<String, Object> resultsNote(Rl2MdpsConfig config,
      Map<String, Map<String, Pooled>> pooled) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (Cell c : cells(config)) {
      Map<String, Object> perMethod = new LinkedHashMap<>();
      for (String m : config.methods()) {
        Map<String, Object> v = new LinkedHashMap<>();
        Pooled p = pooled.get(c.key()).get(m);
        OptionalDouble pub = Rl2Published.mdp(c.episodes(), m);
        if (p == null) {
          v.put("ours", TrialMethods.NOT_YET_TRAINED);
        } else {
          v.put("mean", p.mean());
          v.put("standard_error", p.standardError());
          v.put("trials", (long) p.count());
        }
        if (pub.isPresent()) {
          v.put("published", pub.getAsDouble());
          if (p != null) {
            double z = TrialMethods.zScore(p, pub.getAsDouble());
            v.put("z", z);
            v.put("within_2se", Math.abs(z) <= 2);
            // the published mean has its own error, about ours (1000 trials each): the
            // difference of two such means has standard error √2·SE
            v.put("z_difference", z / Math.sqrt(2));
          }
        }
        perMethod.put(m, v);
      }
      Pooled o = pooled.get(c.key()).get("oracle");
      perMethod.put("oracle", Map.of("mean", o.mean(), "standard_error", o.standardError()));
      out.put(c.key(), perMethod);
    }
    return out;
  }

  private static String fmt(double x, int episodes) {
    return String.format(Locale.ROOT, "%.1f", x);
  }

  /** The paper's layout: a row per (n, k), a column per method, "ours±SE (published)". */
  static TextTable paperTable(Rl2MdpsConfig config, Map<String, Map<String, Pooled>> pooled) {
    List<String> header = new ArrayList<>(List.of("setup"));
    header.addAll(config.methods());
    header.add("oracle");
    TextTable t = new TextTable(header.toArray(String[]::new));
    for (Cell c : cells(config)) {
      List<String> row = new ArrayList<>(List.of(c.label()));
      for (String m : config.methods()) {
        Pooled p = pooled.get(c.key()).get(m);
        OptionalDouble pub = Rl2Published.mdp(c.episodes(), m);
        String ours = p == null ? TrialMethods.NOT_YET_TRAINED
            : fmt(p.mean(), c.episodes()) + "±" + fmt(p.standardError(), c.episodes());
        row.add(ours + (pub.isPresent() ? " (" + pub.getAsDouble() + ")" : ""));
      }
      row.add(fmt(pooled.get(c.key()).get("oracle").mean(), c.episodes()));
      t.row(row.toArray(String[]::new));
    }
    return t;
  }

  /** z = (ours − published)/SE per cell and baseline, "*" where |z| > 2. */
  static TextTable zTable(Rl2MdpsConfig config, Map<String, Map<String, Pooled>> pooled) {
    List<String> header = new ArrayList<>(List.of("setup"));
    header.addAll(baselines(config));
    TextTable t = new TextTable(header.toArray(String[]::new));
    for (Cell c : cells(config)) {
      List<String> row = new ArrayList<>(List.of(c.label()));
      for (String m : baselines(config)) {
        double z = TrialMethods.zScore(pooled.get(c.key()).get(m),
            Rl2Published.mdp(c.episodes(), m).orElse(Double.NaN));
        row.add(String.format(Locale.ROOT, "%+.1f%s", z, Math.abs(z) > 2 ? "*" : ""));
      }
      t.row(row.toArray(String[]::new));
    }
    return t;
  }

  static TextTable tunedTable(Rl2MdpsConfig config, Map<String, Map<String, Tuning>> tuned) {
    List<String> tunedMethods = baselines(config).stream().filter(TrialMethods::mdpTuned)
        .toList();
    List<String> header = new ArrayList<>(List.of("setup"));
    for (String m : tunedMethods) {
      header.add(m + (m.equals("ucrl2") ? " c" : m.equals("beb") ? " β" : " ε"));
    }
    TextTable t = new TextTable(header.toArray(String[]::new));
    for (Cell c : cells(config)) {
      List<String> row = new ArrayList<>(List.of(c.label()));
      for (String m : tunedMethods) {
        row.add(Double.toString(constant(tuned, c, m)));
      }
      t.row(row.toArray(String[]::new));
    }
    return t;
  }

  static String csv(Rl2MdpsConfig config, Map<String, Map<String, Pooled>> pooled,
      Map<String, Map<String, Tuning>> tuned) {
    StringBuilder sb = new StringBuilder(
        "episodes,method,constant,trials,mean,standard_error,published,z,within_2se\n");
    for (Cell c : cells(config)) {
      List<String> ms = new ArrayList<>(config.methods());
      ms.add("oracle");
      for (String m : ms) {
        Pooled p = pooled.get(c.key()).get(m);
        OptionalDouble pub = Rl2Published.mdp(c.episodes(), m);
        double z = p == null || pub.isEmpty() ? Double.NaN
            : TrialMethods.zScore(p, pub.getAsDouble());
        sb.append(String.format(Locale.ROOT, "%d,%s,%s,%s,%s,%s,%s,%s,%s%n", c.episodes(), m, num(constant(tuned, c, m)), p == null ? "" : (long) p.count(),
            p == null ? "" : num(p.mean()), p == null ? "" : num(p.standardError()),
            pub.isPresent() ? num(pub.getAsDouble()) : "", num(z),
            Double.isNaN(z) ? "" : Math.abs(z) <= 2));
      }
    }
    return sb.toString();
  }

  private static String num(double x) {
    return Double.isNaN(x) ? "" : String.format(Locale.ROOT, "%.6g", x);
  }

  /**
   * z = (ours − published)/SE against n for every baseline, with the ±2 band as two lines.
   */
  static Map<String, XYChart> charts(Rl2MdpsConfig config,
      Map<String, Map<String, Pooled>> pooled) {
    List<Cell> cells = cells(config);
    double[] ns = cells.stream().mapToDouble(Cell::episodes).toArray();
    List<Plots.Curve> curves = new ArrayList<>();
    for (String m : baselines(config)) {
      double[] z = cells.stream().mapToDouble(c -> TrialMethods.zScore(
          pooled.get(c.key()).get(m), Rl2Published.mdp(c.episodes(), m).orElse(Double.NaN)))
          .map(Rl2Bandits::clip).toArray();
      curves.add(Plots.Curve.single(m, ns, z));
    }
    double[] plus = new double[ns.length];
    double[] minus = new double[ns.length];
    java.util.Arrays.fill(plus, 2);
    java.util.Arrays.fill(minus, -2);
    curves.add(Plots.Curve.single("+2 SE", ns, plus));
    curves.add(Plots.Curve.single("-2 SE", ns, minus));
    return Map.of("z.png", Plots.learningCurveChart("rl2-mdps: (ours - Duan et al. 2016 Table 2)"
        + " / SE, clipped at ±10", "episodes n", "z = (ours - published) / SE", curves,
        Plots.Band.NONE, false, false));
  }
}
