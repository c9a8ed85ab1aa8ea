package org.gridrl.benchmarks.cli;

import java.time.Duration;

/** Human forms of run times for {@code gridrl list}: {@code ~40 s}, {@code ~3 min}, {@code ~2 h}. */
final class Durations {

  private Durations() {
  }

  static String approx(Duration d) {
    long s = Math.max(1, d.toSeconds());
    if (s < 90) {
      return "~" + s + " s";
    }
    if (s < 90 * 60) {
      return "~" + Math.round(s / 60.0) + " min";
    }
    return "~" + Math.round(s / 3600.0 * 10) / 10.0 + " h";
  }
}
