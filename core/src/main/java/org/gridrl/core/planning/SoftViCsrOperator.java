package org.gridrl.core.planning;

import org.gridrl.core.mdp.TabularMdp;

/**
 * Operator: the soft Bellman operator over an MDP's CSR transitions, with or without a prior π0,
 * by the phased sweeps of {@link SoftValueCsr} ({@link SoftValueCsr#sweep},
 * {@link SoftValueCsr#sweepPrior}) with one workspace per thread.
 */
final class SoftViCsrOperator extends SoftViOperator {

  private final TabularMdp mdp;
  private final double[] prior;
  private final double[][] work;

  /**
   * @param mdp the MDP. Not modified.
   * @param prior π0 at s·A + a, or null. Not modified.
   * @param gamma the discount backed up with (the MDP's γ, or a finite horizon's c).
   * @param tau τ.
   * @param threads the engine's thread count (one workspace each).
   */
  SoftViCsrOperator(TabularMdp mdp, double[] prior, double gamma, double tau, int threads) {
    super(mdp.numStates(), mdp.numActions(), gamma, tau, mdp.terminals());
    this.mdp = mdp;
    this.prior = prior;
    this.work = new double[threads][SoftValueCsr.workspaceLength(mdp.numActions())];
  }

  @Override
  double[] prior() {
    return prior;
  }

  @Override
  double sweep(double[] x, double[] g, int block, int begin, int end, int worker,
      boolean gNext) {
    if (prior != null) {
      return SoftValueCsr.sweepPrior(mdp, prior, gamma(), tau(), x, g, begin, end, work[worker]);
    }
    return SoftValueCsr.sweep(mdp, gamma(), tau(), x, g, begin, end, work[worker]);
  }

  @Override
  void q(double[] v, double[] q, int begin, int end) {
    SoftValueCsr.qValues(mdp, gamma(), v, q, begin, end);
  }
}
