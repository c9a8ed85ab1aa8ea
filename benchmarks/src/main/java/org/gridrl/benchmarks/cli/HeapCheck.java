package org.gridrl.benchmarks.cli;

import org.gridrl.core.util.MemoryBudget;

/**
 * The one call by which a command checks, before it allocates, that the size an option asks for
 * ({@code --horizon H}, {@code --size N}) fits the Java heap: {@link #require} refuses what
 * cannot fit with one line naming the option, the estimate and the heap (exit code 2), instead
 * of an {@link OutOfMemoryError} after minutes. The estimates are lower bounds of the arrays the
 * work allocates (see each method), so nothing refused could have run.
 */
final class HeapCheck {

  private HeapCheck() {
  }

  /**
   * Refuses {@code request} when {@code bytes} do not fit the heap.
   *
   * @param request what was asked and by which option, the subject of the message:
   *     "--horizon 2000000000 (a finite-horizon solve of 104 states and 4 actions)"
   * @param bytes the estimate, a lower bound
   * @throws UsageException "{@code <request> needs about 15 TB of memory, more than ...}"
   */
  static void require(String request, long bytes) {
    String shortfall = MemoryBudget.shortfall(bytes);
    if (shortfall != null) {
      throw new UsageException(request + " " + shortfall);
    }
  }

  /**
   * A finite-horizon solve's tables over {@code horizon} steps: V_t for t = 0..H (S doubles
   * each), Q_t for t &lt; H (S·A doubles each), with a soft solve also π_t (S·A doubles each),
   * and a reference a step in each of the step tables.
   */
  static long finiteHorizon(long horizon, long numStates, long numActions, boolean soft) {
    long rows = MemoryBudget.times(numStates, numActions);
    long bytes = MemoryBudget.plus(MemoryBudget.doubleArrays(horizon + 1, numStates),
        MemoryBudget.doubleArrays(soft ? 2 * horizon : horizon, rows));
    return MemoryBudget.plus(bytes, MemoryBudget.times(horizon, 3 * MemoryBudget.INT));
  }

  /** The request's words for a finite-horizon solve: "a finite-horizon solve of S states ...". */
  static String finiteHorizonWords(long numStates, long numActions) {
    return "a finite-horizon solve of " + numStates + " state" + (numStates == 1 ? "" : "s")
        + " and " + numActions + " action" + (numActions == 1 ? "" : "s");
  }

  /**
   * The open N×N benchmark grid of {@code bench softvi}: per state (N² of them) its cell, its
   * state and cell indices, value, terminal flag, start probability, sparse reward and V (43
   * bytes), its successor under each action (4 an action); with the CSR kernel also the MDP,
   * at least one transition per (s, a) held by the builder, copied and kept (44 bytes), its
   * rewards three times (24) and row start (4), and per state the start distribution twice
   * and the terminal flags (17).
   */
  static long openGrid(long n, int numActions, boolean csr) {
    long states = MemoryBudget.times(n, n);
    long perState = 43 + 4L * numActions + (csr ? 17 + 72L * numActions : 0);
    return MemoryBudget.times(states, perState);
  }
}
