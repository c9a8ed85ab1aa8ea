package org.gridrl.benchmarks.experiments.multitask;

import java.awt.Color;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.ejml.data.DMatrixRMaj;
import org.gridrl.benchmarks.experiments.multitask.ConflictingToy.Variant;
import org.gridrl.benchmarks.report.ContourPlot;
import org.gridrl.benchmarks.report.TextTable;
import org.gridrl.benchmarks.runner.Experiment;
import org.gridrl.benchmarks.runner.MetricsCsv;
import org.gridrl.benchmarks.runner.Progress;
import org.gridrl.benchmarks.runner.RunContext;
import org.gridrl.benchmarks.runner.Stats;
import org.gridrl.core.optim.Adam;
import org.gridrl.core.util.Rng;
import org.gridrl.multitask.CaGrad;
import org.gridrl.multitask.GradientCombiner;
import org.gridrl.multitask.Mgda;
import org.gridrl.multitask.PcGrad;
import org.gridrl.multitask.Sum;

/**
 * {@code gridrl run pcgrad-toy}: Adam on the summed loss, PCGrad, MGDA and CAGrad on the
 * two-objective toy of the PCGrad and CAGrad papers ({@link ConflictingToy}, both variants), from
 * fixed start points, drawn over contour plots of L1 + L2 as the papers' Figure 1 are.
 *
 * <p>Per start point (seed), variant and method: θ ← start; each step the two task gradients
 * g1, g2 (closed form) go through the method's {@link GradientCombiner} ({@link Sum},
 * {@link PcGrad}, {@link Mgda}, {@link CaGrad} with c = {@code cagradC}) and the direction into
 * {@link Adam} (lr {@code learningRate}, β = (0.9, 0.999), ε = 1e-8: PyTorch's defaults, as both
 * references). The references average the gradients where {@link Sum} and {@link PcGrad} sum
 * them and their CAGrad divides by 1 + c; Adam's step does not see a constant factor (up to ε).
 * Recorded every {@code recordEvery} steps: θ, L1, L2 ({@code metrics.csv}: columns
 * {@code VARIANT/METHOD/theta1}, ...). Final: θ, L1, L2, L1 + L2, whether the run ends solved
 * (log10: max(L1, L2) ≤ {@code log10Target}, the joint valley; gated: within
 * {@code gatedRadius} of the minimiser of L1 + L2) and the first step at which it was (−1 if
 * never).
 */
public final class PcGradToy implements Experiment<PcGradToyConfig> {

  /** The methods in run order, as the metric keys name them. */
  public static final List<String> METHODS = List.of("sum", "pcgrad", "mgda", "cagrad");
  /** The minimiser of L1 + L2 of the gated variant (the star of the CAGrad authors' plot). */
  public static final double[] GATED_MINIMUM = {0, -8.3552};
  /** The plotted square, θ1 and θ2 in [−12, 12]. */
  static final double[] RANGE = {-12, 12, -12, 12};
  private static final Map<String, Color> COLOURS = Map.of("sum", new Color(31, 119, 180),
      "pcgrad", new Color(255, 127, 14), "mgda", new Color(148, 103, 189),
      "cagrad", new Color(214, 39, 40));
  private static final Map<String, String> LABELS = Map.of("sum", "Adam on L1 + L2",
      "pcgrad", "PCGrad", "mgda", "MGDA", "cagrad", "CAGrad");
  private static final List<String> FIELDS = List.of("theta1", "theta2", "l1", "l2");

  @Override
  public String name() {
    return "pcgrad-toy";
  }

  @Override
  public String description() {
    return "Adam on the summed loss vs PCGrad, MGDA, CAGrad on the 2-D toy of the PCGrad and"
        + " CAGrad papers";
  }

  @Override
  public String reproduces() {
    return "Yu et al. 2020 (Gradient Surgery for Multi-Task Learning), Figure 1, and Liu et al."
        + " 2021 (CAGrad): Adam on the summed loss stalls in the valley where PCGrad, MGDA and"
        + " CAGrad reach the joint optimum";
  }

  @Override
  public String resultsPage() {
    return "docs/results/pcgrad-toy.md";
  }

  @Override
  public Duration expectedRunTime(boolean quick) {
    // measured: wall time of 'gridrl run pcgrad-toy' with the jar, 2026-12-06: 19.8 s full
    // (other builds running), 6.0 s --quick (nothing else running)
    return Duration.ofSeconds(quick ? 6 : 20);
  }

  @Override
  public PcGradToyConfig defaultConfig() {
    return PcGradToyConfig.defaults();
  }

  @Override
  public PcGradToyConfig quickConfig() {
    return PcGradToyConfig.quick();
  }

  /** A budget of a few seconds on the same code path, for the smoke test of every experiment. */
  @Override
  public PcGradToyConfig smokeConfig() {
    return PcGradToyConfig.quick().with(b -> b.log10Steps(1000).gatedSteps(1000)
        .recordEvery(100).seeds(List.of(1L)));
  }

  /**
   * One (variant, method, seed) run: the recorded trajectory (steps, θ1, θ2, L1, L2) and the
   * final numbers.
   */
  record Run(Variant variant, String method, long seed, long[] steps, double[] theta1,
      double[] theta2, double[] l1, double[] l2, boolean reached, long stepsToReach) {

    double finalSum() {
      return l1[l1.length - 1] + l2[l2.length - 1];
    }
  }

  /** The start point of a seed (see {@link PcGradToyConfig}). */
  static double[] start(PcGradToyConfig config, long seed) {
    if (seed >= 1 && seed <= config.starts().size()) {
      List<Double> s = config.starts().get((int) seed - 1);
      return new double[] {s.get(0), s.get(1)};
    }
    Rng rng = new Rng(seed);
    return new double[] {rng.nextDouble(-10, 10), rng.nextDouble(-10, 10)};
  }

  static String column(Variant v, String method, String field) {
    return v.key() + "/" + method + "/" + field;
  }

  @Override
  public void run(PcGradToyConfig config, RunContext ctx) throws Exception {
    List<String> columns = new ArrayList<>();
    for (Variant v : Variant.values()) {
      for (String m : METHODS) {
        for (String f : FIELDS) {
          columns.add(column(v, m, f));
        }
      }
    }
    ctx.metrics().declare(columns.toArray(String[]::new));
    ctx.note("variants", Map.of(
        "log10", "Yu et al. 2020 (the lecture's figure): L1 = 20 log10(max(|0.5 t1 + tanh t2|,"
            + " 5e-6)), L2 = 25 log10(max(|0.5 t1 - tanh t2 + 2|, 5e-6))",
        "gated", "Liu et al. 2021 toy.py: ln valleys for t2 > 0 gated by max(tanh(t2/2), 0),"
            + " quadratics for t2 < 0 gated by max(tanh(-t2/2), 0)"));
    Map<Long, List<Run>> runs = new LinkedHashMap<>();
    try (Progress progress = ctx.progress("starts", config.seeds().size())) {
      for (long seed : config.seeds()) {
        Optional<RunContext.KeptSeed> kept = ctx.kept(seed);
        if (kept.isPresent()) {
          runs.put(seed, keptRuns(config, kept.get()));
          progress.step();
          continue;
        }
        List<Run> perSeed = new ArrayList<>();
        double[] s = start(config, seed);
        for (Variant v : Variant.values()) {
          for (String m : METHODS) {
            perSeed.add(simulate(v, m, seed, s, config));
          }
        }
        writeRows(ctx, seed, perSeed);
        ctx.seedComplete(seed, finalMetrics(perSeed));
        runs.put(seed, perSeed);
        progress.step();
      }
    }
    ctx.out().println();
    resultsTable(config, runs).print(ctx.out(), "");
    Map<String, Object> table = new LinkedHashMap<>();
    for (Variant v : Variant.values()) {
      for (String m : METHODS) {
        List<Run> rs = select(runs, v, m);
        table.put(v.key() + "/" + m, Map.of(
            "sum", Stats.of(rs.stream().mapToDouble(Run::finalSum).toArray()),
            "starts_solved", rs.stream().filter(Run::reached).count()));
      }
    }
    ctx.note("results", table);
    List<String> files = new ArrayList<>(List.of("metrics.csv", "summary.json"));
    for (Variant v : Variant.values()) {
      String file = "contour_" + v.key() + ".png";
      ContourPlot.write(plotTitle(v), (a, b) -> ConflictingToy.sum(v, a, b), RANGE, "θ1", "θ2",
          "L1 + L2", panels(runs, v), ctx.file(file));
      files.add(file);
    }
    ctx.note("files", files);
  }

  private static String plotTitle(Variant v) {
    return v == Variant.LOG10
        ? "log10 toy (Yu et al. 2020, the lecture's): L1 + L2 and Adam trajectories"
        : "gated toy (Liu et al. 2021, toy.py): L1 + L2 and Adam trajectories";
  }

  /** One panel per method, one curve per start point. */
  static List<ContourPlot.Panel> panels(Map<Long, List<Run>> runs, Variant v) {
    List<ContourPlot.Panel> panels = new ArrayList<>();
    for (String m : METHODS) {
      List<ContourPlot.Curve> curves = new ArrayList<>();
      for (Run r : select(runs, v, m)) {
        curves.add(new ContourPlot.Curve(LABELS.get(m), COLOURS.get(m), r.theta1(), r.theta2()));
      }
      long solved = select(runs, v, m).stream().filter(Run::reached).count();
      panels.add(new ContourPlot.Panel(LABELS.get(m) + " (" + solved + "/" + curves.size()
          + " solved)", curves));
    }
    return panels;
  }

  private static List<Run> select(Map<Long, List<Run>> runs, Variant v, String m) {
    List<Run> out = new ArrayList<>();
    for (List<Run> rs : runs.values()) {
      for (Run r : rs) {
        if (r.variant() == v && r.method().equals(m)) {
          out.add(r);
        }
      }
    }
    return out;
  }

  /**
   * The printed table: per variant and method, how many starts end solved, the final L1 + L2
   * (mean ± std over starts) and the first step at which the solved ones got there (median).
   */
  static TextTable resultsTable(PcGradToyConfig config, Map<Long, List<Run>> runs) {
    TextTable table = new TextTable("variant", "method", "solved", "final L1 + L2",
        "steps to solve (median)", "final θ (first start)");
    for (Variant v : Variant.values()) {
      for (String m : METHODS) {
        List<Run> rs = select(runs, v, m);
        long[] steps = rs.stream().filter(Run::reached).mapToLong(Run::stepsToReach).sorted()
            .toArray();
        Run first = rs.get(0);
        int last = first.theta1().length - 1;
        table.row(v.key(), m, rs.stream().filter(Run::reached).count() + "/" + rs.size(),
            Stats.of(rs.stream().mapToDouble(Run::finalSum).toArray()).format(),
            steps.length == 0 ? "-" : Long.toString(steps[(steps.length - 1) / 2]),
            String.format(java.util.Locale.ROOT, "(%.3f, %.3f)", first.theta1()[last],
                first.theta2()[last]));
      }
    }
    return table;
  }

  /** Whether θ with losses l1, l2 counts as solved on the variant (see the config). */
  static boolean solved(PcGradToyConfig config, Variant v, double t1, double t2, double l1,
      double l2) {
    if (v == Variant.LOG10) {
      return Math.max(l1, l2) <= config.log10Target();
    }
    return Math.hypot(t1 - GATED_MINIMUM[0], t2 - GATED_MINIMUM[1]) <= config.gatedRadius();
  }

  static GradientCombiner combiner(String method, long seed, PcGradToyConfig config) {
    return switch (method) {
      case "sum" -> new Sum();
      case "pcgrad" -> new PcGrad(seed);
      case "mgda" -> new Mgda();
      case "cagrad" -> new CaGrad(CaGrad.Config.defaults().withC(config.cagradC()));
      default -> throw new IllegalArgumentException("unknown method " + method);
    };
  }

  /** One run: the method's combined direction into Adam for the variant's step count. */
  static Run simulate(Variant v, String method, long seed, double[] start,
      PcGradToyConfig config) {
    int steps = v == Variant.LOG10 ? config.log10Steps() : config.gatedSteps();
    int every = config.recordEvery();
    int n = steps / every + 1 + (steps % every == 0 ? 0 : 1);
    long[] at = new long[n];
    double[] t1 = new double[n];
    double[] t2 = new double[n];
    double[] l1 = new double[n];
    double[] l2 = new double[n];
    GradientCombiner combiner = combiner(method, seed, config);
    DMatrixRMaj theta = new DMatrixRMaj(1, 2);
    theta.data[0] = start[0];
    theta.data[1] = start[1];
    DMatrixRMaj direction = new DMatrixRMaj(1, 2);
    List<DMatrixRMaj> grads = List.of(direction);
    Adam adam = new Adam(List.of(theta), Adam.Config.defaults()
        .withLearningRate(config.learningRate()));
    double[] losses = new double[2];
    double[][] g = new double[2][2];
    long firstSolved = -1;
    int k = 0;
    for (int step = 0; step <= steps; step++) {
      double a = theta.data[0];
      double b = theta.data[1];
      ConflictingToy.evaluate(v, a, b, losses, g);
      if (step % every == 0 || step == steps) {
        at[k] = step;
        t1[k] = a;
        t2[k] = b;
        l1[k] = losses[0];
        l2[k] = losses[1];
        k++;
      }
      if (firstSolved < 0 && solved(config, v, a, b, losses[0], losses[1])) {
        firstSolved = step;
      }
      if (step == steps) {
        break;
      }
      combiner.combine(g, 2, 2, direction.data);
      adam.step(grads);
    }
    boolean reached = solved(config, v, t1[n - 1], t2[n - 1], l1[n - 1], l2[n - 1]);
    return new Run(v, method, seed, at, t1, t2, l1, l2, reached, firstSolved);
  }

  private static void writeRows(RunContext ctx, long seed, List<Run> runs) {
    TreeMap<Long, Map<String, Double>> rows = new TreeMap<>();
    for (Run r : runs) {
      for (int k = 0; k < r.steps().length; k++) {
        Map<String, Double> row = rows.computeIfAbsent(r.steps()[k], s -> new LinkedHashMap<>());
        row.put(column(r.variant(), r.method(), "theta1"), r.theta1()[k]);
        row.put(column(r.variant(), r.method(), "theta2"), r.theta2()[k]);
        row.put(column(r.variant(), r.method(), "l1"), r.l1()[k]);
        row.put(column(r.variant(), r.method(), "l2"), r.l2()[k]);
      }
    }
    rows.forEach((step, values) -> ctx.row(seed, step, values));
  }

  private static Map<String, Double> finalMetrics(List<Run> runs) {
    Map<String, Double> fin = new LinkedHashMap<>();
    for (Run r : runs) {
      int last = r.theta1().length - 1;
      String p = r.variant().key() + "/" + r.method() + "/";
      fin.put(p + "theta1", r.theta1()[last]);
      fin.put(p + "theta2", r.theta2()[last]);
      fin.put(p + "l1", r.l1()[last]);
      fin.put(p + "l2", r.l2()[last]);
      fin.put(p + "sum", r.finalSum());
      fin.put(p + "solved", r.reached() ? 1.0 : 0.0);
      fin.put(p + "steps_to_solve", (double) r.stepsToReach());
    }
    return fin;
  }

  /** A kept seed's runs, read back from its rows and final metrics. */
  static List<Run> keptRuns(PcGradToyConfig config, RunContext.KeptSeed kept) {
    List<Run> out = new ArrayList<>();
    for (Variant v : Variant.values()) {
      for (String m : METHODS) {
        List<Long> at = new ArrayList<>();
        List<double[]> pts = new ArrayList<>();
        for (MetricsCsv.Row row : kept.rows()) {
          Double a = row.values().get(column(v, m, "theta1"));
          if (a != null) {
            at.add(row.iteration());
            pts.add(new double[] {a, row.values().get(column(v, m, "theta2")),
                row.values().get(column(v, m, "l1")), row.values().get(column(v, m, "l2"))});
          }
        }
        int n = pts.size();
        double[][] cols = new double[4][n];
        for (int k = 0; k < n; k++) {
          for (int f = 0; f < 4; f++) {
            cols[f][k] = pts.get(k)[f];
          }
        }
        String p = v.key() + "/" + m + "/";
        out.add(new Run(v, m, kept.seed(), at.stream().mapToLong(Long::longValue).toArray(),
            cols[0], cols[1], cols[2], cols[3], kept.finalMetrics().get(p + "solved") == 1.0,
            kept.finalMetrics().get(p + "steps_to_solve").longValue()));
      }
    }
    return out;
  }
}
