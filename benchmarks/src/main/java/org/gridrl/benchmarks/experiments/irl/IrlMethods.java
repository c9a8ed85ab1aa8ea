package org.gridrl.benchmarks.experiments.irl;

import java.util.List;
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
 * objective, Adam), {@code deep-maxent} (Wulfmeier et al. 2015, MLP reward; objective and
 * weight decay from the settings: the sweeps fit the stationary likelihood),
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
    if (methods == null || methods.isEmpty()) {
      throw new IllegalArgumentException("methods must not be empty");
    }
    for (String m : methods) {
      if (!NAMES.contains(m)) {
        throw new IllegalArgumentException("unknown method '" + m + "', expected one of " + NAMES);
      }
    }
    return List.copyOf(methods);
  }

  /**
   * Fits one method.
   *
   * @param method a name from {@link #NAMES}
   * @param problem the IRL problem. Not modified.
   * @param settings the shared hyperparameters
   */
  static LearnedReward fit(String method, IrlProblem problem, Settings settings) {
    if (method.equals("deep-maxent")) {
      DeepMaxEntIrl.Model model = DeepMaxEntIrl.train(problem, settings.deep());
      return model::reward;
    }
    IrlResult r = switch (method) {
      case "maxent" -> MaxEntIrl.train(problem, MaxEntIrlConfig.defaults()
          .withL2(settings.l2()).withLearningRate(settings.learningRate())
          .withMaxIterations(settings.maxEntIterations()));
      case "max-margin" -> MaxMarginIrl.train(problem, MaxMarginConfig.defaults(
          MaxMarginConfig.Method.STRUCTURED).withMaxIterations(settings.maxMarginIterations()));
      case "projection" -> MaxMarginIrl.train(problem, MaxMarginConfig.defaults(
          MaxMarginConfig.Method.PROJECTION).withMaxIterations(settings.maxMarginIterations()));
      default -> throw new IllegalArgumentException("unknown method '" + method + "'");
    };
    return LearnedReward.linear(r.weights());
  }

  /**
   * Hyperparameters shared by the methods.
   *
   * @param l2 MaxEnt's λ
   * @param learningRate MaxEnt's Adam step
   * @param maxEntIterations MaxEnt's cap
   * @param maxMarginIterations the max-margin methods' cap
   * @param deep deep MaxEnt's configuration
   */
  record Settings(double l2, double learningRate, int maxEntIterations, int maxMarginIterations,
      DeepMaxEntIrlConfig deep) {
  }
}
