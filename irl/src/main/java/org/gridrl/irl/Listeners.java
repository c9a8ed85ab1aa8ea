package org.gridrl.irl;

import org.gridrl.core.util.TrainingListener;

/** Sends each metric to two listeners (the result's recorder and the caller's). */
final class Listeners implements TrainingListener {

  private final TrainingListener first;
  private final TrainingListener second;

  Listeners(TrainingListener first, TrainingListener second) {
    this.first = first;
    this.second = second == null ? TrainingListener.NONE : second;
  }

  @Override
  public void onScalar(long iteration, String name, double value) {
    first.onScalar(iteration, name, value);
    second.onScalar(iteration, name, value);
  }

  @Override
  public void onIterationEnd(long iteration, double elapsedSeconds) {
    first.onIterationEnd(iteration, elapsedSeconds);
    second.onIterationEnd(iteration, elapsedSeconds);
  }
}
