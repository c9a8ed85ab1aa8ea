package org.gridrl.core.planning;

import org.gridrl.core.mdp.UniformSlipDynamics;

/**
 * Operator: the soft Bellman operator of uniform-slip dynamics with rewards r(s,a) that depend
 * on the action, by {@link SoftValueGrid#sweepActionReward} (A loads of V and A − 1 exps per
 * state), with one A-long workspace per thread.
 */
final class SoftViGridActionOperator extends SoftViOperator {

  private final UniformSlipDynamics d;
  private final double[][] work;

  /**
   * @param d dynamics; its γ is the discount backed up with. Not modified.
   * @param tau τ.
   * @param threads the engine's thread count (one workspace each).
   */
  SoftViGridActionOperator(UniformSlipDynamics d, double tau, int threads) {
    super(d.numStates(), d.numActions(), d.gamma(), tau, d.terminals());
    this.d = d;
    this.work = new double[threads][d.numActions()];
  }

  @Override
  double sweep(double[] x, double[] g, int block, int begin, int end, int worker,
      boolean gNext) {
    return SoftValueGrid.sweepActionReward(d, tau(), x, g, begin, end, work[worker]);
  }

  @Override
  void q(double[] v, double[] q, int begin, int end) {
    SoftValueGrid.qValues(d, v, q, begin, end);
  }
}
