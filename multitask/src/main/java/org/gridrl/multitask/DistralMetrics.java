package org.gridrl.multitask;

import java.util.Set;

/**
 * The metric keys of {@link DistralTabular}, each spelled once, in the {@value #NAMESPACE}
 * namespace; one row per alternation with both keys.
 */
public final class DistralMetrics {

  /** The prefix of every key: {@code distral/}. */
  public static final String NAMESPACE = "distral/";

  /**
   * J(π0) = Σ_i Σ_s d0_i(s) V_i(s), the regularised objective of the tasks' soft-optimal
   * policies for the π0 they were solved against; non-decreasing over alternations.
   */
  public static final String OBJECTIVE = "distral/objective";

  /** max_{s,a} |π0_new(a|s) − π0(a|s)|, the stopping quantity. */
  public static final String PRIOR_CHANGE = "distral/prior_change";

  /** Every key above. */
  public static final Set<String> ALL = Set.of(OBJECTIVE, PRIOR_CHANGE);

  private DistralMetrics() {
  }
}
