package org.gridrl.meta.pearl;

/**
 * The returns of {@link Pearl#evaluate}: {@code returns[k][n]} is the undiscounted return of
 * trajectory n on task k.
 *
 * @param returns task × trajectory returns
 */
public record PearlEvaluation(double[][] returns) {

  /** The mean over tasks of trajectory n's return (the authors' "online return"). */
  public double meanReturn(int n) {
    double s = 0;
    for (double[] r : returns) {
      s += r[n];
    }
    return s / returns.length;
  }

  /** The mean over tasks of the last trajectory's return (the authors' "final return"). */
  public double finalReturn() {
    return meanReturn(returns[0].length - 1);
  }
}
