package org.gridrl.benchmarks.experiments.meta;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.gridrl.core.util.Check;

/**
 * RL²'s training iterations for the cells of one n (pulls of a bandit, episodes of an MDP trial),
 * an entry of {@code rl2Iterations} in {@link Rl2BanditsConfig} and {@link Rl2MdpsConfig}: in a
 * config file {@code "rl2Iterations": [{"n": 10, "iterations": 1200}, ...]}, replaced whole.
 *
 * @param n the cells' n
 * @param iterations {@code Rl2.train}'s iterations for them, ≥ 1
 */
public record Rl2Budget(int n, int iterations) {

  /** Rejects a non-positive value by name. */
  public Rl2Budget {
    Check.positive("rl2Iterations n", n);
    Check.positive("rl2Iterations iterations", iterations);
  }

  /**
   * Checks a config's budgets: one entry per n, and one for every n of its grid.
   *
   * @param budgets the config's entries
   * @param grid the config's n values
   * @param gridName the grid's field ("pulls", "episodes"), named in the message
   * @return an unmodifiable copy
   */
  static List<Rl2Budget> check(List<Rl2Budget> budgets, List<Integer> grid, String gridName) {
    List<Rl2Budget> out = List.copyOf(Check.notEmpty("rl2Iterations", budgets));
    Set<Integer> seen = new HashSet<>();
    for (Rl2Budget b : out) {
      Check.argument(seen.add(b.n()), "rl2Iterations gives n = %s twice", b.n());
    }
    for (int n : grid) {
      Check.argument(seen.contains(n),
          "rl2Iterations has no entry for n = %s (one of %s); give {\"n\": %s, \"iterations\": I}",
          n, gridName, n);
    }
    return out;
  }

  /** The iterations for {@code n} among {@code budgets} (checked by {@link #check}). */
  static int iterationsFor(List<Rl2Budget> budgets, int n) {
    for (Rl2Budget b : budgets) {
      if (b.n() == n) {
        return b.iterations();
      }
    }
    throw new IllegalArgumentException("rl2Iterations has no entry for n = " + n);
  }

  /** Budgets from (n, iterations) pairs, in order. */
  static List<Rl2Budget> of(int... nAndIterations) {
    Rl2Budget[] out = new Rl2Budget[nAndIterations.length / 2];
    for (int i = 0; i < out.length; i++) {
      out[i] = new Rl2Budget(nAndIterations[2 * i], nAndIterations[2 * i + 1]);
    }
    return List.of(out);
  }
}
