package org.gridrl.benchmarks.sweep;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.gridrl.benchmarks.runner.AtomicFiles;
import org.gridrl.benchmarks.runner.Stats;
import org.gridrl.core.util.Numbers;

/**
 * The tables over a sweep's runs. {@code sweep.csv}: one row per run in spec order, the columns
 * a column per grid field (the value as JSON text), {@code seed}, {@code status} ({@code
 * complete} or {@code failed: <why>}) and the runs' final metrics (in the order the runs first
 * report them; empty where a run lacks one; values in the shortest text that reads back the same
 * double, as {@code metrics.csv}). {@code sweep.json}: the sweep (experiment, quick, grid, seeds),
 * the counts of runs and, per setting in spec order, its values, its complete and failed runs and
 * each final metric's {@link Stats} across the complete runs' seeds (n, mean, sample std, min,
 * max). Neither holds a time or a path, so both depend only on the sweep file.
 */
public final class SweepTables {

  private static final ObjectMapper MAPPER = new ObjectMapper()
      .enable(SerializationFeature.INDENT_OUTPUT);

  private SweepTables() {
  }

  /** The final metrics' names, in the order the runs (in spec order) first report them. */
  public static List<String> metricNames(List<RunResult> results) {
    Set<String> names = new LinkedHashSet<>();
    for (RunResult r : results) {
      names.addAll(r.finalMetrics().keySet());
    }
    return List.copyOf(names);
  }

  /**
   * Writes {@code sweep.csv} (atomically).
   *
   * @param file the file
   * @param plan the sweep. Not modified.
   * @param results one per spec, in spec order. Not modified.
   * @throws IOException if it cannot be written
   */
  public static void writeCsv(Path file, SweepPlan plan, List<RunResult> results)
      throws IOException {
    List<String> metrics = metricNames(results);
    AtomicFiles.writeText(file, w -> {
      List<String> header = new ArrayList<>(plan.fields());
      header.add("seed");
      header.add("status");
      header.addAll(metrics);
      w.write(line(header));
      for (RunSpec spec : plan.specs()) {
        RunResult r = results.get(spec.index());
        List<String> cells = new ArrayList<>(spec.setting());
        cells.add(Long.toString(spec.seed()));
        cells.add(r.status());
        for (String m : metrics) {
          Double v = r.finalMetrics().get(m);
          cells.add(v == null ? "" : Numbers.shortest(v));
        }
        w.write(line(cells));
      }
    });
  }

  private static String line(List<String> cells) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < cells.size(); i++) {
      b.append(i == 0 ? "" : ",").append(csv(cells.get(i)));
    }
    return b.append('\n').toString();
  }

  /** A CSV cell: quoted (quotes doubled) when it holds a comma, a quote or a line break. */
  static String csv(String cell) {
    if (cell.indexOf(',') < 0 && cell.indexOf('"') < 0 && cell.indexOf('\n') < 0
        && cell.indexOf('\r') < 0) {
      return cell;
    }
    return "\"" + cell.replace("\"", "\"\"") + "\"";
  }

  /**
   * Writes {@code sweep.json} (atomically): mean ± std of each final metric per setting.
   *
   * @param file the file
   * @param plan the sweep. Not modified.
   * @param results one per spec, in spec order. Not modified.
   * @throws IOException if it cannot be written
   */
  public static void writeJson(Path file, SweepPlan plan, List<RunResult> results)
      throws IOException {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("experiment", plan.experiment());
    root.put("quick", plan.quick());
    Map<String, Object> grid = new LinkedHashMap<>();
    for (int k = 0; k < plan.fields().size(); k++) {
      grid.put(plan.fields().get(k), plan.values().get(k).stream().map(SweepTables::json)
          .toList());
    }
    root.put("grid", grid);
    root.put("seeds", plan.seeds());
    long failed = results.stream().filter(r -> !r.complete()).count();
    root.put("runs", results.size());
    root.put("complete", results.size() - failed);
    root.put("failed", failed);
    List<String> metrics = metricNames(results);
    List<Object> settings = new ArrayList<>();
    int perSetting = plan.seeds().size();
    for (int s = 0; s < plan.settings(); s++) {
      List<RunResult> runs = results.subList(s * perSetting, (s + 1) * perSetting);
      RunSpec first = plan.specs().get(s * perSetting);
      Map<String, Object> entry = new LinkedHashMap<>();
      Map<String, Object> values = new LinkedHashMap<>();
      for (int k = 0; k < plan.fields().size(); k++) {
        values.put(plan.fields().get(k), json(first.setting().get(k)));
      }
      entry.put("setting", values);
      List<Long> done = new ArrayList<>();
      List<Long> failedSeeds = new ArrayList<>();
      for (int j = 0; j < runs.size(); j++) {
        (runs.get(j).complete() ? done : failedSeeds).add(plan.seeds().get(j));
      }
      entry.put("completeSeeds", done);
      entry.put("failedSeeds", failedSeeds);
      Map<String, Object> stats = new LinkedHashMap<>();
      for (String m : metrics) {
        double[] xs = runs.stream().filter(RunResult::complete)
            .map(r -> r.finalMetrics().get(m)).filter(v -> v != null)
            .mapToDouble(Double::doubleValue).toArray();
        if (xs.length > 0) {
          stats.put(m, Stats.of(xs));
        }
      }
      entry.put("metrics", stats);
      settings.add(entry);
    }
    root.put("settings", settings);
    AtomicFiles.writeText(file, w -> {
      w.write(MAPPER.writeValueAsString(root));
      w.write('\n');
    });
  }

  private static JsonNode json(String text) {
    try {
      return MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
