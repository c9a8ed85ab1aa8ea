package org.gridrl.core.planning;

import org.gridrl.core.mdp.UniformSlipDynamics;

/**
 * Operator: the soft Bellman operator of uniform-slip dynamics with a state reward r(s), by
 * {@link SoftValueGrid#sweep}: one exp and one log per state through the exponentials
 * E(s) = exp(k·(V(s) − M)), k = γ(1 − ε)/τ, which the sweep producing V computes for the next
 * sweep. This class keeps E for the current and the next iterate and their shifts M: the next
 * shift is the max of the previous output (per-block maxima reduced in block order, so the same
 * for any thread count).
 */
final class SoftViGridOperator extends SoftViOperator {

  /**
   * Each block's max sits on its own 64-byte cache line: the kernel rewrites it once per grid
   * row, and two threads writing neighbouring doubles would pass the line back and forth.
   */
  private static final int PAD = 8;

  private final UniformSlipDynamics d;
  private final double[] blockMax;
  private double[] eCur;
  private double[] eNext;
  private double shiftCur;
  private double shiftNext;

  /**
   * @param d dynamics with a state reward; its γ is the discount backed up with. Not modified.
   * @param tau τ.
   * @param numBlocks the engine's number of blocks for S states.
   */
  SoftViGridOperator(UniformSlipDynamics d, double tau, int numBlocks) {
    super(d.numStates(), d.numActions(), d.gamma(), tau, d.terminals());
    this.d = d;
    this.blockMax = new double[numBlocks * PAD];
    this.eCur = new double[d.numStates()];
    this.eNext = new double[d.numStates()];
  }

  @Override
  void start(double[] x) {
    double max = Double.NEGATIVE_INFINITY;
    for (double xs : x) {
      max = Math.max(max, xs);
    }
    shiftCur = max;
    shiftNext = max;
    SoftValueGrid.exponentials(d, tau(), x, shiftCur, eCur, 0, x.length);
  }

  @Override
  double sweep(double[] x, double[] g, int block, int begin, int end, int worker,
      boolean gNext) {
    return SoftValueGrid.sweep(d, tau(), x, eCur, shiftCur, g, gNext ? eNext : null, shiftNext,
        blockMax, block * PAD, begin, end);
  }

  @Override
  void aux(double[] x, int block, int begin, int end) {
    blockMax[block * PAD] = SoftValueGrid.exponentials(d, tau(), x, shiftNext, eNext, begin, end);
  }

  @Override
  void flip() {
    double[] t = eCur;
    eCur = eNext;
    eNext = t;
    shiftCur = shiftNext;
    double max = Double.NEGATIVE_INFINITY;
    for (int b = 0; b < blockMax.length; b += PAD) {
      max = Math.max(max, blockMax[b]);
    }
    // a non-finite max (divergence) is caught by the residual check; keep the shift finite
    shiftNext = Double.isFinite(max) ? max : shiftCur;
  }

  /** Q_t and π_t in one pass, π_t from the exponentials of V_{t+1} ({@link
   * SoftValueGrid#qAndPolicy}): no exp. */
  @Override
  void stepOutputs(double[] v, double[] q, double[] pi, int begin, int end) {
    SoftValueGrid.qAndPolicy(d, tau(), v, eCur, q, pi, begin, end);
  }

  @Override
  void q(double[] v, double[] q, int begin, int end) {
    SoftValueGrid.qValues(d, v, q, begin, end);
  }
}
