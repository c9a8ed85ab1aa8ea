package org.gridrl.meta.rl2;

import org.gridrl.core.util.Check;
import org.gridrl.core.util.SampleStats;

/**
 * The returns of a policy evaluated trial by trial ({@link Rl2#evaluate}).
 *
 * @param episodeReturns the undiscounted return of episode e of trial i at [i][e]
 */
public record Rl2Evaluation(double[][] episodeReturns) {

  /** Checks presence. */
  public Rl2Evaluation {
    Check.notNull("episodeReturns", episodeReturns);
    Check.argument(episodeReturns.length > 0, "no trials");
  }

  /** Trials evaluated. */
  public int trials() {
    return episodeReturns.length;
  }

  /** The total return of each trial. */
  public double[] trialReturns() {
    double[] out = new double[episodeReturns.length];
    for (int i = 0; i < out.length; i++) {
      for (double r : episodeReturns[i]) {
        out[i] += r;
      }
    }
    return out;
  }

  /** Mean total return over trials. */
  public double meanTrialReturn() {
    return SampleStats.mean(trialReturns());
  }

  /** Standard error of the mean trial return, σ_{n−1}/√n (0 for one trial). */
  public double standardError() {
    double[] r = trialReturns();
    return r.length < 2 ? 0.0 : SampleStats.standardError(r);
  }

  /** Mean return of episode {@code e} over trials. */
  public double meanEpisodeReturn(int e) {
    double s = 0;
    for (double[] row : episodeReturns) {
      s += row[e];
    }
    return s / trials();
  }
}
