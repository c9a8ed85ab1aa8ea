package org.gridrl.core.planning;

/**
 * A value became NaN or infinite during planning. The message names the state, the sweep (or
 * the finite-horizon step) and the offending value; {@link #state()} and {@link #sweep()} give
 * them to code.
 *
 * <p>Rewards of a {@link org.gridrl.core.mdp.TabularMdp} are finite, so this happens only
 * through overflow: rewards near {@link Double#MAX_VALUE} compounded by r/(1−γ), or a
 * temperature so large that τ·log A overflows.
 */
public final class DivergenceException extends ArithmeticException {

  private final int state;
  private final int sweep;

  /**
   * @param message the whole message (names state and sweep)
   * @param state the first state found with a non-finite value
   * @param sweep the sweep (1-based) or finite-horizon step t in which it appeared
   */
  public DivergenceException(String message, int state, int sweep) {
    super(message);
    this.state = state;
    this.sweep = sweep;
  }

  /** The first state found with a non-finite value. */
  public int state() {
    return state;
  }

  /** The sweep (1-based) or the finite-horizon step t in which it appeared. */
  public int sweep() {
    return sweep;
  }
}
