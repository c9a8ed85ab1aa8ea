package org.gridrl.irl;

import java.util.Set;

/**
 * The metric keys of the IRL family, each spelled once, all in the {@value #NAMESPACE}
 * namespace. Every method of this package reports only these through its
 * {@link org.gridrl.core.util.TrainingListener}, one row per iteration (pinned by
 * {@code MetricsTest}):
 * <ul>
 *   <li>{@link MaxEntIrl} and {@link DeepMaxEntIrl}: {@value #DUAL}, {@value #LOG_LIKELIHOOD},
 *       {@value #FEATURE_GAP}, {@value #GRADIENT_NORM};</li>
 *   <li>{@link MaxMarginIrl}, projection: {@value #MARGIN}, then (unless it converged)
 *       {@value #FEATURE_GAP}, {@value #DEMO_MATCH};</li>
 *   <li>{@link MaxMarginIrl}, structured: {@value #OBJECTIVE}, {@value #SLACK},
 *       {@value #FEATURE_GAP}, {@value #GRADIENT_NORM}.</li>
 * </ul>
 */
public final class Metrics {

  /** The prefix of every key: {@code irl/}. */
  public static final String NAMESPACE = "irl/";

  /** MaxEnt: g(w) + (λ/2)|w|², the dual (−τℓ for the stationary objective) plus the L2 term. */
  public static final String DUAL = "irl/dual";
  /** MaxEnt: ℓ = (1/N) Σ_n Σ_t γ^t log π_t(a_t|s_t), the demonstrations' log-likelihood. */
  public static final String LOG_LIKELIHOOD = "irl/log_likelihood";
  /**
   * |E[μ] − μ_D|₂: MaxEnt's model feature expectations (raw features for deep MaxEnt), the
   * projection method's μ(π_i), structured max-margin's μ(π̂).
   */
  public static final String FEATURE_GAP = "irl/feature_gap";
  /**
   * The stopping quantity of the gradient methods: MaxEnt's |∇|₂ of the regularised objective
   * (|∇_w| or |∇_θ|), structured max-margin's subgradient norm.
   */
  public static final String GRADIENT_NORM = "irl/gradient_norm";
  /** Projection: t_i = |μ_D − μ̄_{i−1}|, the stopping quantity. */
  public static final String MARGIN = "irl/margin";
  /**
   * Projection: the fraction of demonstrated non-terminal steps whose action the policy of
   * w_i takes.
   */
  public static final String DEMO_MATCH = "irl/demo_match";
  /** Structured max-margin: ½|w|² + C·ξ. */
  public static final String OBJECTIVE = "irl/objective";
  /** Structured max-margin: the slack ξ = max(0, max_π [wᵀμ(π) + D(π)] − wᵀμ_D). */
  public static final String SLACK = "irl/slack";

  /** Every key above. */
  public static final Set<String> ALL = Set.of(DUAL, LOG_LIKELIHOOD, FEATURE_GAP, GRADIENT_NORM,
      MARGIN, DEMO_MATCH, OBJECTIVE, SLACK);

  private Metrics() {
  }
}
