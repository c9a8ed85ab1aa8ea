package org.gridrl.core.planning;

import java.util.Arrays;
import java.util.Objects;
import org.gridrl.core.mdp.StateFeatures;
import org.gridrl.core.mdp.TabularMdp;
import org.gridrl.core.mdp.TabularPolicy;

/**
 * Feature expectations μ = E[Σ_t c^t φ(s_t)] (Abbeel &amp; Ng 2004; Ziebart et al. 2008):
 * <pre>
 *   of a visitation:      μ = Σ_s d(s) φ(s)
 *   empirical:            μ̂ = (1/N) Σ_{i=1..N} Σ_t c^t φ(s_t^i)
 * </pre>
 * With d from {@link StateVisitation}, {@link #of} is the model's μ, which the empirical μ̂ of
 * demonstrations is matched against in apprenticeship learning and MaxEnt IRL.
 */
public final class FeatureExpectations {

  private FeatureExpectations() {
  }

  /**
   * μ = Σ_s d(s) φ(s).
   *
   * @param phi φ, S×k. Not modified.
   * @param visitation d(s), length S. Not modified.
   * @return μ, length k
   */
  public static double[] of(StateFeatures phi, double[] visitation) {
    Objects.requireNonNull(phi, "phi");
    return of(phi, visitation, new double[phi.numFeatures()]);
  }

  /**
   * μ = Σ_s d(s) φ(s) = Φᵀd into a caller's array, nothing allocated. Each μ_i is summed in
   * order of s, μ_i ← μ_i + d(s)·φ_i(s) from +0: the same bits as
   * {@link #of(StateFeatures, double[])} and as a loop over the states one by one. The loop
   * takes four states per pass over the k features, μ_i ← (((μ_i + d(s)φ_i(s)) + d(s+1)φ_i(s+1))
   * + ...), the same additions in the same order with a quarter of the loads and stores of μ
   * (a term with d(s) = 0 adds ±0, which leaves μ_i unchanged since μ_i is never −0 and φ is
   * finite).
   *
   * @param phi φ, S×k. Not modified.
   * @param visitation d(s), length S. Not modified.
   * @param mu μ, length k, not {@code visitation}. Modified.
   * @return mu
   */
  public static double[] of(StateFeatures phi, double[] visitation, double[] mu) {
    Objects.requireNonNull(phi, "phi");
    Objects.requireNonNull(visitation, "visitation");
    Objects.requireNonNull(mu, "mu");
    final int numStates = phi.numStates();
    final int k = phi.numFeatures();
    if (visitation.length != numStates) {
      throw new IllegalArgumentException("visitation must have length S = " + numStates
          + ", got " + visitation.length);
    }
    if (mu.length != k || mu == visitation) {
      throw new IllegalArgumentException("mu must be an array of length k = " + k
          + " other than the visitation, got length " + mu.length);
    }
    final double[] table = phi.data();
    Arrays.fill(mu, 0.0);
    int s = 0;
    for (; s + 3 < numStates; s += 4) {
      final double d0 = visitation[s];
      final double d1 = visitation[s + 1];
      final double d2 = visitation[s + 2];
      final double d3 = visitation[s + 3];
      final int o0 = s * k;
      final int o1 = o0 + k;
      final int o2 = o1 + k;
      final int o3 = o2 + k;
      for (int i = 0; i < k; i++) {
        mu[i] = (((mu[i] + d0 * table[o0 + i]) + d1 * table[o1 + i]) + d2 * table[o2 + i])
            + d3 * table[o3 + i];
      }
    }
    for (; s < numStates; s++) {
      final double ds = visitation[s];
      final int o = s * k;
      for (int i = 0; i < k; i++) {
        mu[i] += ds * table[o + i];
      }
    }
    return mu;
  }

  /**
   * The discounted feature expectations of a policy from the MDP's initial distribution:
   * {@code of(phi, StateVisitation.discounted(mdp, pi))}.
   */
  public static double[] ofPolicy(TabularMdp mdp, TabularPolicy pi, StateFeatures phi) {
    Objects.requireNonNull(phi, "phi");
    if (phi.numStates() != mdp.numStates()) {
      throw new IllegalArgumentException("features have S = " + phi.numStates()
          + " but the MDP has S = " + mdp.numStates());
    }
    return of(phi, StateVisitation.discounted(mdp, pi));
  }

  /**
   * μ̂ = mean over trajectories of Σ_t c^t φ(s_t).
   *
   * @param phi φ, S×k. Not modified.
   * @param stateTrajectories N ≥ 1 state sequences s_0, s_1, ..., each state in [0, S) (an
   *     empty sequence contributes 0). Not modified.
   * @param discount c in [0, 1].
   * @return μ̂, length k
   */
  public static double[] empirical(StateFeatures phi, int[][] stateTrajectories,
      double discount) {
    Objects.requireNonNull(phi, "phi");
    Objects.requireNonNull(stateTrajectories, "stateTrajectories");
    if (stateTrajectories.length == 0) {
      throw new IllegalArgumentException("need at least one trajectory, got 0");
    }
    if (!(discount >= 0 && discount <= 1)) {
      throw new IllegalArgumentException("discount must be in [0, 1], got " + discount);
    }
    final int numStates = phi.numStates();
    final int k = phi.numFeatures();
    final double[] table = phi.data();
    final double[] mu = new double[k];
    for (int n = 0; n < stateTrajectories.length; n++) {
      final int[] traj = stateTrajectories[n];
      if (traj == null) {
        throw new IllegalArgumentException("trajectory " + n + " is null");
      }
      double c = 1;
      for (int t = 0; t < traj.length; t++) {
        final int s = traj[t];
        if (s < 0 || s >= numStates) {
          throw new IllegalArgumentException("trajectory " + n + " step " + t + ": state " + s
              + " out of range [0, " + numStates + ")");
        }
        for (int i = 0; i < k; i++) {
          mu[i] += c * table[s * k + i];
        }
        c *= discount;
      }
    }
    final double inv = 1.0 / stateTrajectories.length;
    for (int i = 0; i < k; i++) {
      mu[i] *= inv;
    }
    return mu;
  }
}
