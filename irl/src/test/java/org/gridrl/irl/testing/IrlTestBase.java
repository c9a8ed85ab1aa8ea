package org.gridrl.irl.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.gridrl.core.mdp.StateFeatures;
import org.gridrl.core.mdp.TabularMdp;
import org.gridrl.core.mdp.TabularMdpBuilder;

/** Base for irl tests: seeded random MDPs and features, tolerances, array assertions. */
public abstract class IrlTestBase {

  /** Round-off agreement. */
  public static final double TIGHT = 1e-12;
  /** Central finite differences with step 1e-5 on smooth objectives. */
  public static final double FD = 1e-6;

  /** Seeded per test instance. */
  protected final Random rand = new Random(345);

  /** Asserts equal lengths and entry-wise agreement within tol. */
  public static void assertClose(double[] expected, double[] actual, double tol) {
    assertThat(actual).as("length").hasSize(expected.length);
    for (int i = 0; i < expected.length; i++) {
      assertThat(actual[i]).as("entry %d", i).isCloseTo(expected[i], within(tol));
    }
  }

  /**
   * A random MDP: each (s,a) has {@code branching} distinct random successors (1 gives
   * deterministic dynamics), rewards 0, random d0, no terminals unless {@code terminals} > 0
   * (then that many random states are terminal).
   */
  public static TabularMdp randomMdp(long seed, int numStates, int numActions, int branching,
      double gamma, int terminals) {
    Random r = new Random(seed);
    TabularMdpBuilder b = TabularMdp.builder(numStates, numActions).gamma(gamma);
    for (int s = 0; s < numStates; s++) {
      for (int a = 0; a < numActions; a++) {
        int[] next = distinct(r, numStates, Math.min(branching, numStates));
        double[] w = new double[next.length];
        double sum = 0;
        for (int i = 0; i < next.length; i++) {
          w[i] = r.nextDouble() + 0.05;
          sum += w[i];
        }
        for (int i = 0; i < next.length; i++) {
          b.transition(s, a, next[i], w[i] / sum);
        }
      }
    }
    double[] d0 = new double[numStates];
    double sum = 0;
    for (int s = 0; s < numStates; s++) {
      d0[s] = r.nextDouble() + 0.05;
      sum += d0[s];
    }
    for (int s = 0; s < numStates; s++) {
      d0[s] /= sum;
    }
    b.initialDistribution(d0);
    int[] perm = distinct(r, numStates, terminals);
    for (int s : perm) {
      b.terminal(s);
    }
    return b.build();
  }

  /** Random features uniform in [-1, 1], S×k. */
  public static StateFeatures randomFeatures(long seed, int numStates, int k) {
    Random r = new Random(seed);
    double[] phi = new double[numStates * k];
    for (int j = 0; j < phi.length; j++) {
      phi[j] = 2 * r.nextDouble() - 1;
    }
    return StateFeatures.of(numStates, k, phi);
  }

  /** Random vector uniform in [-scale, scale]. */
  public static double[] randomVector(Random r, int n, double scale) {
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = scale * (2 * r.nextDouble() - 1);
    }
    return x;
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
