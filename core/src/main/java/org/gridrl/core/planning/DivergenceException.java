package org.gridrl.core.planning;

/**
 * A value became NaN or infinite during planning. The message names the solver, the state, the
 * sweep (or the finite-horizon step) and the offending value; {@link #state()}, {@link #sweep()}
 * and {@link #kind()} give them to code.
 *
 * <p>Rewards of a {@link org.gridrl.core.mdp.TabularMdp} are finite, so this happens only
 * through overflow: rewards near {@link Double#MAX_VALUE} compounded by r/(1−γ), or a
 * temperature so large that τ·log A overflows.
 *
 * <p>This class is also the one place the messages are built: the planning solvers call its
 * factories ({@link #soft}, {@link #hard}) with the values they hold, and the factory finds
 * the first state whose V or Q is not finite. The {@link Kind} says whether a temperature took
 * part, and with it what the message blames: "rewards or temperature too large" or "rewards
 * too large".
 */
public final class DivergenceException extends ArithmeticException {

  /** Whether the diverged backup was soft (with a temperature τ) or hard (max, or a fixed π). */
  public enum Kind {
    /** Hard value iteration or policy evaluation: no temperature. */
    HARD,
    /** Soft value iteration: the message gives the temperature too. */
    SOFT
  }

  /** Where in a solve a value broke: a discounted sweep, or a finite-horizon backward step. */
  enum At {
    /** The k-th Jacobi or Gauss–Seidel sweep (1-based), "at sweep k". */
    SWEEP("sweep"),
    /** The backward step t of a finite-horizon solve, "at step t = t". */
    STEP("step t =");

    private final String words;

    At(String words) {
      this.words = words;
    }
  }

  private final Kind kind;
  private final int state;
  private final int sweep;

  /**
   * @param kind soft or hard
   * @param message the whole message (names state and sweep)
   * @param state the first state found with a non-finite value, or −1 if none was found
   * @param sweep the sweep (1-based) or finite-horizon step t in which it appeared
   */
  public DivergenceException(Kind kind, String message, int state, int sweep) {
    super(message);
    this.kind = kind;
    this.state = state;
    this.sweep = sweep;
  }

  /** Soft or hard. */
  public Kind kind() {
    return kind;
  }

  /** The first state found with a non-finite value (−1 if the values were not at hand). */
  public int state() {
    return state;
  }

  /** The sweep (1-based) or the finite-horizon step t in which it appeared. */
  public int sweep() {
    return sweep;
  }

  /**
   * The exception of a soft solve: "soft value iteration diverged: V(3) = Infinity in state 3
   * at sweep 12 (gamma 0.9, temperature 1.0): rewards or temperature too large for double
   * precision".
   *
   * @param solver the solver's name, first in the message
   * @param at sweep or step
   * @param index the sweep (1-based) or step t
   * @param v V, scanned for the first non-finite entry. Not modified.
   * @param q Q row-major (may be empty), scanned after V. Not modified.
   * @param numActions A, to name the state and action of a Q entry
   * @param gamma the discount used
   * @param tau the temperature
   */
  static DivergenceException soft(String solver, At at, int index, double[] v, double[] q,
      int numActions, double gamma, double tau) {
    return build(Kind.SOFT, solver, at, index, v, q, numActions, " (gamma " + gamma
        + ", temperature " + tau + "): rewards or temperature too large for double precision");
  }

  /**
   * The exception of a hard solve or a policy evaluation: as {@link #soft} without a
   * temperature, "... (gamma 0.9): rewards too large for double precision".
   */
  static DivergenceException hard(String solver, At at, int index, double[] v, double[] q,
      int numActions, double gamma) {
    return build(Kind.HARD, solver, at, index, v, q, numActions, " (gamma " + gamma
        + "): rewards too large for double precision");
  }

  /** Whether every entry of V and Q is finite. */
  static boolean allFinite(double[] v, double[] q) {
    for (double x : v) {
      if (!Double.isFinite(x)) {
        return false;
      }
    }
    for (double x : q) {
      if (!Double.isFinite(x)) {
        return false;
      }
    }
    return true;
  }

  private static DivergenceException build(Kind kind, String solver, At at, int index,
      double[] v, double[] q, int numActions, String tail) {
    final String when = at == null ? "" : " at " + at.words + " " + index;
    for (int s = 0; s < v.length; s++) {
      if (!Double.isFinite(v[s])) {
        return new DivergenceException(kind, solver + " diverged: V(" + s + ") = " + v[s]
            + " in state " + s + when + tail, s, index);
      }
    }
    for (int j = 0; j < q.length; j++) {
      if (!Double.isFinite(q[j])) {
        int s = j / numActions;
        return new DivergenceException(kind, solver + " diverged: Q(" + s + "," + j % numActions
            + ") = " + q[j] + " in state " + s + when + tail, s, index);
      }
    }
    return new DivergenceException(kind, solver + " diverged" + when + tail, -1, index);
  }
}
