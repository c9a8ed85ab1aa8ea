package org.gridrl.core.util;

/**
 * The metrics stream every algorithm emits: for each iteration, named scalars, then the end of
 * the iteration with the wall time so far. Names are namespaced ({@code planning/residual},
 * {@code irl/feature_gap}, {@code loss/value}).
 *
 * <p>Calls allocate nothing, so a kernel may report every sweep. Library code never prints:
 * a command-line tool or an experiment attaches a listener that does.
 */
public interface TrainingListener {

  /** A listener that ignores everything. */
  TrainingListener NONE = new TrainingListener() {
    @Override
    public void onScalar(long iteration, String name, double value) {
    }
  };

  /** One named scalar of the given iteration (iterations count from 1). */
  void onScalar(long iteration, String name, double value);

  /** The iteration is complete; {@code elapsedSeconds} is wall time since training began. */
  default void onIterationEnd(long iteration, double elapsedSeconds) {
  }

  /**
   * A listener that forwards every call to {@code first}, then to {@code second} (null means
   * none): how every {@code train} reports both to its result's history and to the caller.
   */
  static TrainingListener tee(TrainingListener first, TrainingListener second) {
    final TrainingListener a = first == null ? NONE : first;
    final TrainingListener b = second == null ? NONE : second;
    return new TrainingListener() {
      @Override
      public void onScalar(long iteration, String name, double value) {
        a.onScalar(iteration, name, value);
        b.onScalar(iteration, name, value);
      }

      @Override
      public void onIterationEnd(long iteration, double elapsedSeconds) {
        a.onIterationEnd(iteration, elapsedSeconds);
        b.onIterationEnd(iteration, elapsedSeconds);
      }
    };
  }

  /** Whether this listener ignores everything (lets a kernel skip computing a metric). */
  default boolean isNone() {
    return this == NONE;
  }
}
