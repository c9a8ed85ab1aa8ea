package org.gridrl.core.pg;

import org.gridrl.core.util.MetricsRecorder;
import org.gridrl.core.util.TrainingListener;

/** The listener every {@code train} reports to: the result's history, then the caller's. */
final class Listeners {

  private Listeners() {
  }

  /** Forwards every call to {@code history}, then to {@code user}. */
  static TrainingListener tee(MetricsRecorder history, TrainingListener user) {
    return new TrainingListener() {
      @Override
      public void onScalar(long iteration, String name, double value) {
        history.onScalar(iteration, name, value);
        user.onScalar(iteration, name, value);
      }

      @Override
      public void onIterationEnd(long iteration, double elapsedSeconds) {
        history.onIterationEnd(iteration, elapsedSeconds);
        user.onIterationEnd(iteration, elapsedSeconds);
      }
    };
  }
}
