package org.gridrl.core.pg;

import org.gridrl.core.util.TrainingListener;

/** The namespaced metrics every on-policy algorithm emits per iteration. */
final class Reporting {

  private Reporting() {
  }

  /** Emits the iteration's scalars; returns the latest mean episodic return. */
  static double report(TrainingListener l, long it, Batch batch, long steps, UpdateStats s,
      double lastReturn, boolean ppo) {
    double ret = batch.meanEpisodeReturn();
    if (!Double.isNaN(ret)) {
      lastReturn = ret;
      double len = 0;
      for (int x : batch.episodeLengths()) {
        len += x;
      }
      l.onScalar(it, "charts/episodic_return", ret);
      l.onScalar(it, "charts/episode_length", len / batch.episodeLengths().length);
    }
    l.onScalar(it, "charts/steps", steps);
    l.onScalar(it, "charts/entropy", s.entropy());
    l.onScalar(it, "loss/policy", s.policyLoss());
    l.onScalar(it, "loss/value", s.valueLoss());
    if (ppo) {
      l.onScalar(it, "ppo/approx_kl", s.approxKl());
      l.onScalar(it, "ppo/clip_fraction", s.clipFraction());
    }
    return lastReturn;
  }
}
