package org.gridrl.core.planning;

/**
 * Which soft Bellman kernel a solve uses. All give the same fixed point; they differ in speed
 * (see docs/performance.md).
 */
public enum SoftViKernel {
  /**
   * {@link #GRID} when the MDP has uniform-slip dynamics
   * ({@link org.gridrl.core.mdp.UniformSlipDynamics#detect}) and there is no prior, else
   * {@link #CSR}.
   */
  AUTO,
  /** The generic sparse kernel over the MDP's CSR transitions ({@link SoftValueCsr}). */
  CSR,
  /**
   * The structured uniform-slip kernel ({@link SoftValueGrid}); a solve that asks for it on an
   * MDP that is not of this kind, or with a prior, is rejected.
   */
  GRID
}
