package org.gridrl.core.testing;

import java.util.Locale;
import java.util.Random;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.gridrl.core.mdp.TabularMdp;
import org.gridrl.core.mdp.TabularPolicy;

/**
 * One seeded random planning instance for property checks: an MDP from {@link RandomMdps}
 * with S, A, branching, γ, terminals and a temperature all drawn from the seed. Use
 * {@link #cases(int)} as a {@code @MethodSource}; the display name lists the parameters.
 *
 * @param seed the seed everything was drawn from
 * @param mdp the MDP (S in [1, 24], A in [1, 5], γ in [0, 0.95], terminals in every
 *     other case)
 * @param tau a temperature in [0.2, 2]
 */
public record RandomMdpCase(long seed, TabularMdp mdp, double tau) {

  /** The instance for one seed; odd seeds have about a quarter of their states terminal. */
  public static RandomMdpCase of(long seed) {
    Random r = new Random(1000 + seed);
    int numStates = 1 + r.nextInt(24);
    int numActions = 1 + r.nextInt(5);
    int branching = 1 + r.nextInt(Math.min(numStates, 4));
    double gamma = seed % 5 == 0 ? 0.0 : 0.95 * r.nextDouble();
    double terminals = seed % 2 == 1 ? 0.25 : 0.0;
    double tau = 0.2 + 1.8 * r.nextDouble();
    return new RandomMdpCase(seed,
        RandomMdps.random(seed, numStates, numActions, branching, gamma, terminals), tau);
  }

  /** Cases for seeds 0 .. n−1. */
  public static Stream<RandomMdpCase> cases(int n) {
    return LongStream.range(0, n).mapToObj(RandomMdpCase::of);
  }

  /** A random strictly positive policy for this MDP, seeded by the case. */
  public TabularPolicy randomPolicy() {
    return randomPolicy(mdp.numStates(), mdp.numActions(), new Random(seed * 31 + 7));
  }

  /** A random strictly positive policy S×A. */
  public static TabularPolicy randomPolicy(int numStates, int numActions, Random r) {
    double[] pi = new double[numStates * numActions];
    for (int s = 0; s < numStates; s++) {
      double sum = 0;
      for (int a = 0; a < numActions; a++) {
        pi[s * numActions + a] = 0.05 + r.nextDouble();
        sum += pi[s * numActions + a];
      }
      for (int a = 0; a < numActions; a++) {
        pi[s * numActions + a] /= sum;
      }
    }
    return TabularPolicy.of(numStates, numActions, pi);
  }

  @Override
  public String toString() {
    return "seed " + seed + ": S=" + mdp.numStates() + " A=" + mdp.numActions() + " gamma="
        + String.format(Locale.ROOT, "%.3f", mdp.gamma()) + " terminals="
        + mdp.numTerminals() + " tau=" + String.format(Locale.ROOT, "%.2f", tau);
  }
}
