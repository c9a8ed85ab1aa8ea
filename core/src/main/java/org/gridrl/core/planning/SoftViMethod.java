package org.gridrl.core.planning;

/** How a discounted soft VI solve iterates toward the fixed point V = T(V). */
public enum SoftViMethod {
  /** Plain Jacobi sweeps V ← T(V) from V = 0; the error shrinks by γ per sweep. */
  JACOBI,
  /**
   * Anderson acceleration (type II, Walker &amp; Ni 2011) of the Jacobi sweeps with a short
   * memory: each step extrapolates from the last few sweeps' residuals by a small least-squares
   * fit. The stopping rule, the reported residual (max_s |T(x) − x| of the last sweep) and the
   * returned V = T(x) are those of Jacobi, so the answer satisfies the same error bound; it
   * needs several times fewer sweeps on grids at τ ≈ 1 (issue 4's world: 56 instead of 225;
   * four rooms with γ = 0.99: 239 instead of 2325). Not always: near the hard max (τ = 0.001 on
   * four rooms) Jacobi reaches the fixed point in ~20 sweeps and Anderson takes ~60. Costs
   * 2m + 2 extra vectors of S doubles (memory m = 5). Not used by
   * finite-horizon solves, which take exactly H backward steps.
   */
  ANDERSON
}
