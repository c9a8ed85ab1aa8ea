package org.gridrl.core.planning;

/**
 * The metric keys the planning solvers report through a
 * {@link org.gridrl.core.util.TrainingListener}, declared once: {@link SoftValueIteration} and
 * {@link ValueIteration} send {@value #RESIDUAL} after every discounted sweep.
 */
public final class Metrics {

  /** A discounted sweep's residual max_s |V_new(s) − V(s)|, one value per sweep. */
  public static final String RESIDUAL = "planning/residual";

  private Metrics() {
  }
}
