package org.gridrl.irl.sampled;

import org.gridrl.core.mdp.TabularMdp;
import org.gridrl.core.pg.Sampler.ObservationEncoder;
import org.gridrl.core.util.Check;

/**
 * A reward learned from samples, r(o, a, o'), as a function of observations (one-hot states,
 * features or continuous positions), so that it can be evaluated on states the data never
 * visited and re-optimised in a world it never saw: AIRL's g(o) (or g(o, a)), GAIL's
 * discriminator reward, GCL's r_θ(o, a).
 */
public interface LearnedReward {

  /** What the reward reads: only o, (o, a), or (o, a, o'). */
  enum Inputs { STATE, STATE_ACTION, TRANSITION }

  /** What the reward reads. */
  Inputs inputs();

  /** The observation length it reads. */
  int observationDim();

  /**
   * r for n rows.
   *
   * @param observations n × obsDim. Not modified.
   * @param actions n × actionDim (a discrete action as its index); ignored for {@code STATE}.
   *     Not modified.
   * @param nextObservations n × obsDim, or null unless {@link #inputs()} is TRANSITION. Not
   *     modified.
   * @param out length ≥ n. Modified.
   * @return out
   */
  double[] rewards(double[] observations, double[] actions, double[] nextObservations, int n,
      double[] out);

  /**
   * r(s, a) of every state and action of a tabular world, the observation of s written by
   * {@code encoder} (for a TRANSITION reward, the expectation over s' under the MDP's P(s'|s, a)).
   *
   * @param mdp the world's states, actions and (for TRANSITION) dynamics. Not modified.
   * @return S × A, row-major at s·A + a
   */
  default double[] stateActionRewards(TabularMdp mdp, ObservationEncoder<Integer> encoder) {
    Check.notNull("mdp", mdp);
    Check.notNull("encoder", encoder);
    int numS = mdp.numStates();
    int numA = mdp.numActions();
    int d = observationDim();
    double[] obs = new double[numS * numA * d];
    double[] act = new double[numS * numA];
    for (int s = 0; s < numS; s++) {
      for (int a = 0; a < numA; a++) {
        encoder.encode(s, obs, (s * numA + a) * d);
        act[s * numA + a] = a;
      }
    }
    double[] out = new double[numS * numA];
    if (inputs() != Inputs.TRANSITION) {
      return rewards(obs, act, null, numS * numA, out);
    }
    // E_{s'}[r(s, a, s')] over the CSR row of (s, a): one batch of all (s, a, s') triples
    int[] rowStart = mdp.rowStart();
    int[] succ = mdp.successors();
    double[] prob = mdp.probabilities();
    int m = succ.length;
    double[] o = new double[m * d];
    double[] a1 = new double[m];
    double[] next = new double[m * d];
    for (int row = 0; row < numS * numA; row++) {
      for (int k = rowStart[row]; k < rowStart[row + 1]; k++) {
        System.arraycopy(obs, row * d, o, k * d, d);
        a1[k] = act[row];
        encoder.encode(succ[k], next, k * d);
      }
    }
    double[] r = rewards(o, a1, next, m, new double[m]);
    for (int row = 0; row < numS * numA; row++) {
      double sum = 0;
      for (int k = rowStart[row]; k < rowStart[row + 1]; k++) {
        sum += prob[k] * r[k];
      }
      out[row] = sum;
    }
    return out;
  }
}
