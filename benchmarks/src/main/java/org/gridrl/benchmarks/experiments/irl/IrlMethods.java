package org.gridrl.benchmarks.experiments.irl;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gridrl.benchmarks.runner.RunContext;
import org.gridrl.core.util.Check;
import org.gridrl.irl.DeepMaxEntIrl;
import org.gridrl.irl.DeepMaxEntIrlConfig;
import org.gridrl.irl.IrlProblem;
import org.gridrl.irl.IrlResult;
import org.gridrl.irl.MaxEntIrl;
import org.gridrl.irl.MaxEntIrlConfig;
import org.gridrl.irl.MaxMarginConfig;
import org.gridrl.irl.MaxMarginIrl;

/**
 * The IRL methods the experiments compare, by name: {@code maxent} (the pinned finite-horizon
 * objective, Adam), {@code deep-maxent} (Wulfmeier et al. 2015, MLP reward; objective, weight
 * decay and planning from the settings: the sweeps fit the stationary likelihood),
 * {@code max-margin} (structured max-margin with slack, Ratliff et al. 2006)
 * and {@code projection} (Abbeel &amp; Ng 2004).
 */
final class IrlMethods {

  /** Every method name the experiments accept. */
  static final List<String> NAMES = List.of("maxent", "deep-maxent", "max-margin",
      "projection");

  private IrlMethods() {
  }

  /** Checks a method list: non-empty, known names. */
  static List<String> check(List<String> methods) {
    Check.argument(methods != null && !methods.isEmpty(), "methods must not be empty");
    for (String m : methods) {
      Check.argument(NAMES.contains(m), "unknown method '%s', expected one of %s", m, NAMES);
    }
    return List.copyOf(methods);
  }

  /**
   * A method's fit: the learned reward, and whether the fit met its stopping rule
   * ({@link org.gridrl.irl.IrlResult#converged()}; false when it stopped at its cap of
   * iterations, or the projection method could not get closer).
   */
  record Fit(LearnedReward reward, boolean converged) {
  }

  /**
   * Fits one method.
   *
   * @param method a name from {@link #NAMES}
   * @param problem the IRL problem. Not modified.
   * @param settings the methods' configs
   */
  static Fit fit(String method, IrlProblem problem, Settings settings) {
    return switch (method) {
      case "maxent" -> linear(MaxEntIrl.train(problem, settings.maxEnt()));
      case "deep-maxent" -> {
        DeepMaxEntIrl.Model model = DeepMaxEntIrl.train(problem, settings.deep());
        yield new Fit(model::reward, model.result().converged());
      }
      case "max-margin" -> linear(MaxMarginIrl.train(problem, settings.structured()));
      case "projection" -> linear(MaxMarginIrl.train(problem, settings.projection()));
      default -> throw new IllegalArgumentException("unknown method '" + method + "'");
    };
  }

  private static Fit linear(IrlResult<?> result) {
    return new Fit(LearnedReward.linear(result.weights()), result.converged());
  }

  /**
   * Records in summary.json how many fits of each method ended unconverged (at their cap of
   * iterations, or the projection method unable to get closer), out of {@code fitsPerMethod}
   * each: the notes {@code "unconverged"} ({@code {"maxent": 0, "max-margin": 3, ...}}) and
   * {@code "fits_per_method"}. metrics.csv is not touched.
   */
  static void noteUnconverged(RunContext ctx, Map<String, Integer> unconverged,
      int fitsPerMethod) {
    ctx.note("unconverged", new LinkedHashMap<>(unconverged));
    ctx.note("fits_per_method", fitsPerMethod);
  }

  /** The final-metrics key of a seed's count of {@code method}'s unconverged fits. */
  static String unconvergedKey(String method) {
    return "unconverged/" + method;
  }

  /**
   * A seed's final metrics for summary.json: its last metrics.csv row plus, per method, how many
   * of the seed's fits ended unconverged ({@link #unconvergedKey}), so that the counts survive a
   * resumed run (kept seeds are not refitted) and summary.json says per seed which fits stopped
   * at their cap. metrics.csv gets {@code row} alone.
   */
  static Map<String, Double> finalMetrics(Map<String, Double> row,
      Map<String, Integer> seedUnconverged) {
    Map<String, Double> out = new LinkedHashMap<>(row);
    seedUnconverged.forEach((m, k) -> out.put(unconvergedKey(m), (double) k));
    return out;
  }

  /** Adds a seed's counts (from its final metrics; absent counts add 0) to {@code totals}. */
  static void addUnconverged(Map<String, Integer> totals, Map<String, Double> finalMetrics) {
    for (Map.Entry<String, Integer> e : totals.entrySet()) {
      Double k = finalMetrics.get(unconvergedKey(e.getKey()));
      e.setValue(e.getValue() + (k == null ? 0 : k.intValue()));
    }
  }

  /** "fits that ended unconverged: maxent 0 of 5, max-margin 5 of 5, ...". */
  static String unconvergedLine(Map<String, Integer> unconverged, int fitsPerMethod) {
    StringBuilder line = new StringBuilder("fits that ended unconverged (see summary.json):");
    String sep = " ";
    for (Map.Entry<String, Integer> e : unconverged.entrySet()) {
      line.append(sep).append(e.getKey()).append(' ').append(e.getValue()).append(" of ")
          .append(fitsPerMethod);
      sep = ", ";
    }
    return line.toString();
  }

  /**
   * The config of each method, as an experiment's config sets them.
   *
   * @param maxEnt {@code maxent}'s
   * @param deep {@code deep-maxent}'s
   * @param structured {@code max-margin}'s (method STRUCTURED)
   * @param projection {@code projection}'s (method PROJECTION)
   */
  record Settings(MaxEntIrlConfig maxEnt, DeepMaxEntIrlConfig deep, MaxMarginConfig structured,
      MaxMarginConfig projection) {

    /** Checks the max-margin configs' methods. */
    Settings {
      Check.argument(structured.method() == MaxMarginConfig.Method.STRUCTURED,
          "structured must have method STRUCTURED, got %s", structured.method());
      Check.argument(projection.method() == MaxMarginConfig.Method.PROJECTION,
          "projection must have method PROJECTION, got %s", projection.method());
    }

    /**
     * The settings the experiments share: MaxEnt from its defaults with λ, step and cap; both
     * max-margin methods from their defaults with a cap; deep MaxEnt as given.
     */
    static Settings of(double l2, double learningRate, int maxEntIterations,
        int maxMarginIterations, DeepMaxEntIrlConfig deep) {
      return new Settings(
          MaxEntIrlConfig.defaults().with(b -> b.l2(l2).learningRate(learningRate)
              .maxIterations(maxEntIterations)),
          deep,
          MaxMarginConfig.defaults(MaxMarginConfig.Method.STRUCTURED)
              .withMaxIterations(maxMarginIterations),
          MaxMarginConfig.defaults(MaxMarginConfig.Method.PROJECTION)
              .withMaxIterations(maxMarginIterations));
    }
  }
}
