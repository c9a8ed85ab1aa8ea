package org.gridrl.core.testing;

import java.util.Random;
import org.gridrl.core.mdp.TabularMdp;
import org.gridrl.core.mdp.TabularMdpBuilder;

/** Seeded random MDPs for property checks. */
public final class RandomMdps {

  private RandomMdps() {
  }

  /**
   * A random MDP: each (s,a) moves to {@code branching} distinct random successors with random
   * probabilities, rewards uniform in [-1, 1], a random initial distribution, and each state
   * terminal with probability {@code terminalFraction}.
   */
  public static TabularMdp random(long seed, int numStates, int numActions, int branching,
      double gamma, double terminalFraction) {
    Random r = new Random(seed);
    TabularMdpBuilder b = TabularMdp.builder(numStates, numActions).gamma(gamma);
    int k = Math.min(branching, numStates);
    for (int s = 0; s < numStates; s++) {
      for (int a = 0; a < numActions; a++) {
        b.reward(s, a, 2 * r.nextDouble() - 1);
        int[] next = distinct(r, numStates, k);
        double[] w = new double[k];
        double sum = 0;
        for (int i = 0; i < k; i++) {
          w[i] = r.nextDouble() + 1e-3;
          sum += w[i];
        }
        for (int i = 0; i < k; i++) {
          b.transition(s, a, next[i], w[i] / sum);
        }
      }
    }
    double[] d0 = new double[numStates];
    double sum = 0;
    for (int s = 0; s < numStates; s++) {
      d0[s] = r.nextDouble();
      sum += d0[s];
    }
    for (int s = 0; s < numStates; s++) {
      d0[s] /= sum;
    }
    b.initialDistribution(d0);
    for (int s = 0; s < numStates; s++) {
      if (r.nextDouble() < terminalFraction) {
        b.terminal(s);
      }
    }
    return b.build();
  }

  /** A random MDP without terminals, 3 successors per (s,a). */
  public static TabularMdp random(long seed, int numStates, int numActions, double gamma) {
    return random(seed, numStates, numActions, 3, gamma, 0.0);
  }

  private static int[] distinct(Random r, int n, int k) {
    int[] perm = new int[n];
    for (int i = 0; i < n; i++) {
      perm[i] = i;
    }
    for (int i = 0; i < k; i++) {
      int j = i + r.nextInt(n - i);
      int t = perm[i];
      perm[i] = perm[j];
      perm[j] = t;
    }
    int[] out = new int[k];
    System.arraycopy(perm, 0, out, 0, k);
    return out;
  }
}
