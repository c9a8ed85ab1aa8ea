package org.gridrl.core.planning;

/**
 * Operator (abstract): one soft Bellman operator T(V)(s) = τ·log Σ_a π0(a|s) exp(Q(s,a)/τ),
 * Q = r + γPV, over one storage of the MDP at a fixed discount γ and temperature τ, as
 * {@link SoftViEngine} applies it block by block: {@link SoftViCsrOperator} (CSR transitions,
 * with or without a prior), {@link SoftViGridOperator} (uniform-slip moves, state reward: one exp
 * and one log per state) and {@link SoftViGridActionOperator} (uniform-slip moves, r(s,a)).
 *
 * <p>An operator holds its kernel's per-solve data (workspaces per thread, the grid kernel's
 * exponentials) and calls the unchecked kernels of {@link SoftValueCsr} and {@link SoftValueGrid};
 * it checks nothing. Block methods touch only their block's outputs and per-block slots, so the
 * engine may run blocks on any thread.
 */
abstract class SoftViOperator {

  private final int numStates;
  private final int numActions;
  private final double gamma;
  private final double tau;
  private final boolean[] terminals;

  SoftViOperator(int numStates, int numActions, double gamma, double tau, boolean[] terminals) {
    this.numStates = numStates;
    this.numActions = numActions;
    this.gamma = gamma;
    this.tau = tau;
    this.terminals = terminals;
  }

  final int numStates() {
    return numStates;
  }

  final int numActions() {
    return numActions;
  }

  /** The discount γ the operator backs up with (a finite-horizon solve's per-step c). */
  final double gamma() {
    return gamma;
  }

  final double tau() {
    return tau;
  }

  final boolean[] terminals() {
    return terminals;
  }

  /** π0 at s·A + a, or null for none. */
  double[] prior() {
    return null;
  }

  /** Prepares auxiliary data for the starting iterate x (serially, before the first sweep). */
  void start(double[] x) {
  }

  /**
   * g = T(x) on the block [begin, end); returns max |g − x| there.
   *
   * @param gNext whether g is the next iterate (then its auxiliary data is computed too)
   * @param worker the thread's index, for per-thread workspaces
   */
  abstract double sweep(double[] x, double[] g, int block, int begin, int end, int worker,
      boolean gNext);

  /** Auxiliary data of an iterate that did not come out of a sweep (Anderson), on a block. */
  void aux(double[] x, int block, int begin, int end) {
  }

  /** After every sweep (or Anderson step), serially: the new iterate's data becomes current. */
  void flip() {
  }

  /** Q(s,a) = r(s,a) + γ Σ P V on the block, summed as the sweep sums. */
  abstract void q(double[] v, double[] q, int begin, int end);

  /** The soft-greedy policy of Q on the block ({@link SoftValueCsr#policy}). */
  final void policy(double[] q, double[] pi, int begin, int end) {
    SoftValueCsr.policy(numActions, terminals, prior(), tau, q, pi, begin, end);
  }

  /**
   * Q and π of one finite-horizon step on the block, called after the sweep from {@code v} and
   * before {@link #flip}: Q = r + γPv ({@link #q}), then its soft-greedy policy ({@link
   * #policy}). An operator whose auxiliary data gives them more cheaply overrides this (the
   * grid operator takes π from the exponentials of v it already has, in the pass that writes
   * Q, instead of A exps per state).
   */
  void stepOutputs(double[] v, double[] q, double[] pi, int begin, int end) {
    q(v, q, begin, end);
    policy(q, pi, begin, end);
  }
}
