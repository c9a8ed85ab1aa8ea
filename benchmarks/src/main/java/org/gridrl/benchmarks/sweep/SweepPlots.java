package org.gridrl.benchmarks.sweep;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.gridrl.benchmarks.runner.Plots;

/**
 * The plots of a sweep: for each grid field with two or more values, {@code sweep-FIELD.png},
 * the sweep's final metric (the first column of metrics in {@code sweep.csv}) against the field's
 * values: one line per setting of the other fields, the mean over seeds with a band of ± one
 * sample standard deviation across seeds ({@link Plots#learningCurve}). A field whose values are
 * not all numbers is drawn at positions 1, 2, ... in the file's order, named on the axis. A seed
 * with a failed run on a line is left out of that line.
 */
public final class SweepPlots {

  private SweepPlots() {
  }

  /**
   * Writes the plots into {@code outDir}.
   *
   * @param outDir the sweep's folder
   * @param plan the sweep. Not modified.
   * @param results one per spec, in spec order. Not modified.
   * @throws IOException if a file cannot be written
   */
  public static void write(Path outDir, SweepPlan plan, List<RunResult> results)
      throws IOException {
    write(outDir, plan, results, null);
  }

  /**
   * Writes the plots of {@code metric} (null: the first final metric) into {@code outDir}.
   *
   * @throws IllegalArgumentException if {@code metric} is not a final metric of the runs,
   *     naming the ones they have
   */
  public static void write(Path outDir, SweepPlan plan, List<RunResult> results, String metric)
      throws IOException {
    List<String> metrics = SweepTables.metricNames(results);
    if (metric != null && !metrics.contains(metric)) {
      throw new IllegalArgumentException("--metric " + metric + ": not a final metric of this"
          + " sweep's runs" + (metrics.isEmpty() ? " (no run completed)" : "; they have: "
          + String.join(", ", metrics)));
    }
    if (metrics.isEmpty()) {
      return;
    }
    String plotted = metric != null ? metric : metrics.get(0);
    for (int k = 0; k < plan.fields().size(); k++) {
      if (plan.values().get(k).size() >= 2) {
        plot(outDir.resolve("sweep-" + plan.fields().get(k) + ".png"), plan, results, k,
            plotted);
      }
    }
  }

  private static void plot(Path png, SweepPlan plan, List<RunResult> results, int k,
      String metric) throws IOException {
    List<String> values = plan.values().get(k);
    boolean numeric = values.stream().allMatch(SweepPlots::isNumber);
    double[] x = new double[values.size()];
    for (int i = 0; i < x.length; i++) {
      x[i] = numeric ? Double.parseDouble(values.get(i)) : i + 1;
    }
    Integer[] order = IntStream.range(0, x.length).boxed().toArray(Integer[]::new);
    java.util.Arrays.sort(order, Comparator.comparingDouble(i -> x[i]));
    int seeds = plan.seeds().size();
    // settings grouped by the other fields' values: one line each, in spec order
    Map<String, int[]> lines = new LinkedHashMap<>();
    for (int s = 0; s < plan.settings(); s++) {
      RunSpec first = plan.specs().get(s * seeds);
      List<String> others = new ArrayList<>();
      for (int j = 0; j < plan.fields().size(); j++) {
        if (j != k) {
          others.add(plan.fields().get(j) + "=" + first.setting().get(j));
        }
      }
      String name = others.isEmpty() ? metric : String.join(", ", others);
      int[] settingAt = lines.computeIfAbsent(name, n -> new int[values.size()]);
      settingAt[values.indexOf(first.setting().get(k))] = s;
    }
    List<Plots.Curve> curves = new ArrayList<>();
    for (Map.Entry<String, int[]> line : lines.entrySet()) {
      List<double[]> xs = new ArrayList<>();
      List<double[]> ys = new ArrayList<>();
      for (int seed = 0; seed < seeds; seed++) {
        double[] y = new double[values.size()];
        boolean whole = true;
        for (int i = 0; i < order.length && whole; i++) {
          RunResult r = results.get(line.getValue()[order[i]] * seeds + seed);
          Double v = r.finalMetrics().get(metric);
          whole = r.complete() && v != null;
          y[i] = whole ? v : Double.NaN;
        }
        if (whole) {
          xs.add(IntStream.range(0, order.length).mapToDouble(i -> x[order[i]]).toArray());
          ys.add(y);
        }
      }
      if (!xs.isEmpty()) {
        curves.add(new Plots.Curve(line.getKey(), xs, ys));
      }
    }
    if (curves.isEmpty()) {
      return;
    }
    String field = plan.fields().get(k);
    String xLabel = numeric ? field : field + " (" + String.join(", ", IntStream
        .range(0, values.size()).mapToObj(i -> (i + 1) + " = " + values.get(i)).toList()) + ")";
    Plots.learningCurve(png, plan.experiment() + ": " + metric + " vs " + field + " ("
        + seeds + " seed" + (seeds == 1 ? "" : "s") + ", band ± std)", xLabel, metric, curves,
        Plots.Band.STD, false);
  }

  private static boolean isNumber(String json) {
    try {
      Double.parseDouble(json);
      return !json.startsWith("\"");
    } catch (NumberFormatException e) {
      return false;
    }
  }
}
