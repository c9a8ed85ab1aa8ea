package org.gridrl.benchmarks.experiments.meta;

import java.util.Map;
import java.util.OptionalDouble;

/**
 * The published numbers our tables stand beside: Duan et al. (2016), "RL²: Fast Reinforcement
 * Learning via Slow Reinforcement Learning", arXiv 1611.02779, Table 1 (multi-armed bandits:
 * mean total reward over n pulls of k Bernoulli arms with means ~ U(0, 1), 1000 trials) and
 * Table 2 (random MDPs, S = 10, A = 5, episodes of 10 steps: mean total reward over n episodes).
 * Transcribed from the paper's tables as reproduced in lucaslingle/pytorch_rl2, README.md
 * ("Reproducing the Paper"); the cells quoted in issue 14 agree. The paper's OTS and OPSRL
 * columns (optimistic Thompson/posterior sampling) have no baseline here and are left out.
 */
public final class Rl2Published {

  private Rl2Published() {
  }

  /** Table 1's columns in the paper's order, by our method keys. */
  public static final String[] BANDIT_METHODS = {"random", "gittins", "thompson", "ucb1",
      "epsilon-greedy", "greedy", "rl2"};

  /** Table 2's columns in the paper's order, by our method keys. */
  public static final String[] MDP_METHODS = {"random", "psrl", "ucrl2", "beb",
      "epsilon-greedy", "greedy", "rl2"};

  // rows "n,k" → values in BANDIT_METHODS order
  private static final Map<String, double[]> BANDITS = Map.of(
      "10,5", new double[] {5.0, 6.6, 5.7, 6.7, 6.6, 6.6, 6.7},
      "10,10", new double[] {5.0, 6.6, 5.5, 6.7, 6.6, 6.6, 6.7},
      "10,50", new double[] {5.1, 6.5, 5.2, 6.6, 6.5, 6.5, 6.8},
      "100,5", new double[] {49.9, 78.3, 74.7, 78.0, 75.4, 74.8, 78.7},
      "100,10", new double[] {49.9, 82.8, 76.7, 82.4, 77.4, 77.1, 83.5},
      "100,50", new double[] {49.8, 85.2, 64.5, 84.3, 78.3, 78.0, 84.9},
      "500,5", new double[] {249.8, 405.8, 402.0, 405.8, 388.2, 380.6, 401.6},
      "500,10", new double[] {249.0, 437.8, 429.5, 437.1, 408.0, 395.0, 432.5},
      "500,50", new double[] {249.6, 463.7, 427.2, 457.6, 413.6, 402.8, 438.9});

  // rows n → values in MDP_METHODS order
  private static final Map<Integer, double[]> MDPS = Map.of(
      10, new double[] {100.1, 138.1, 146.6, 150.2, 132.8, 134.8, 156.2},
      25, new double[] {250.2, 408.8, 424.1, 427.8, 377.3, 368.8, 445.7},
      50, new double[] {499.7, 904.4, 918.9, 917.8, 823.3, 769.3, 936.1},
      75, new double[] {749.9, 1417.1, 1427.6, 1422.6, 1293.9, 1172.9, 1428.8},
      100, new double[] {999.4, 1939.5, 1942.1, 1935.1, 1778.2, 1578.5, 1913.7});

  /** Table 1's value for n pulls, k arms and a method key, if the paper has that cell. */
  public static OptionalDouble bandit(int pulls, int arms, String method) {
    return lookup(BANDITS.get(pulls + "," + arms), BANDIT_METHODS, method);
  }

  /** Table 2's value for n episodes and a method key, if the paper has that cell. */
  public static OptionalDouble mdp(int episodes, String method) {
    return lookup(MDPS.get(episodes), MDP_METHODS, method);
  }

  private static OptionalDouble lookup(double[] row, String[] methods, String method) {
    if (row == null) {
      return OptionalDouble.empty();
    }
    for (int i = 0; i < methods.length; i++) {
      if (methods[i].equals(method)) {
        return OptionalDouble.of(row[i]);
      }
    }
    return OptionalDouble.empty();
  }
}
