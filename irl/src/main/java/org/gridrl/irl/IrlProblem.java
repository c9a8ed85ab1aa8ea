package org.gridrl.irl;

import java.util.Arrays;
import org.gridrl.core.mdp.StateFeatures;
import org.gridrl.core.mdp.TabularMdp;
import org.gridrl.core.util.Check;

/**
 * One feature-matching IRL problem: known dynamics (a {@link TabularMdp} whose rewards are
 * ignored), state features φ(s) ∈ R^k, demonstrations, a horizon T and the start distribution
 * the model's expectations begin from. Every method in this package fits one of these.
 *
 * <p>With γ the MDP's discount, the demonstrations' discounted visitation and feature
 * expectations are
 * <pre>
 *   D̂(s) = (1/N) Σ_n Σ_{t&lt;min(L_n, T)} γ^t [s_t^n = s, s not terminal],   μ_D = Σ_s D̂(s) φ(s)
 * </pre>
 * Terminal states are left out: they have no reward to collect (planning gives them V = 0),
 * so their features cannot be matched and {@link MaxEntObjective} leaves them out of E[μ] too.
 *
 * <p>The start distribution is the MDP's d0 ({@link Start#INIT}, the pinned default) or the
 * demonstrations' own start states ({@link Start#EMPIRICAL}, as the authors' toolkit does).
 */
public final class IrlProblem {

  /** Where the model's expected feature counts start. */
  public enum Start {
    /** The MDP's initial distribution d0. */
    INIT,
    /** The empirical distribution of the demonstrations' first states. */
    EMPIRICAL
  }

  private final TabularMdp mdp;
  private final StateFeatures features;
  private final Demonstrations demos;
  private final int horizon;
  private final Start start;
  private final double[] startDistribution;
  private final double[] empiricalVisitation;
  private final double[] empiricalFeatures;

  private IrlProblem(TabularMdp mdp, StateFeatures features, Demonstrations demos, int horizon,
      Start start) {
    this.mdp = mdp;
    this.features = features;
    this.demos = demos;
    this.horizon = horizon;
    this.start = start;
    this.startDistribution = start == Start.INIT ? mdp.initialDistribution().clone()
        : demos.startDistribution();
    double[] d = demos.visitation(mdp.gamma(), horizon);
    for (int s = 0; s < d.length; s++) {
      if (mdp.isTerminal(s)) {
        d[s] = 0;
      }
    }
    this.empiricalVisitation = d;
    this.empiricalFeatures = transposeTimes(features, d, new double[features.numFeatures()]);
  }

  /** The problem with T = the longest demonstration and the MDP's d0 as the start. */
  public static IrlProblem of(TabularMdp mdp, StateFeatures features, Demonstrations demos) {
    Check.notNull("demos", demos);
    return of(mdp, features, demos, demos.maxLength(), Start.INIT);
  }

  /**
   * A problem.
   *
   * @param mdp dynamics, γ, d0 and terminals (rewards unused). Not modified.
   * @param features φ, S×k for the MDP's S. Not modified.
   * @param demos demonstrations over the MDP's S and A. Not modified.
   * @param horizon T, at least the longest demonstration
   * @param start where E[μ] starts
   */
  public static IrlProblem of(TabularMdp mdp, StateFeatures features, Demonstrations demos,
      int horizon, Start start) {
    Check.notNull("mdp", mdp);
    Check.notNull("features", features);
    Check.notNull("demos", demos);
    Check.notNull("start", start);
    if (features.numStates() != mdp.numStates()) {
      throw new IllegalArgumentException("features have S = " + features.numStates()
          + " but the MDP has S = " + mdp.numStates());
    }
    if (demos.numStates() != mdp.numStates() || demos.numActions() != mdp.numActions()) {
      throw new IllegalArgumentException("demonstrations are over S = " + demos.numStates()
          + ", A = " + demos.numActions() + " but the MDP has S = " + mdp.numStates() + ", A = "
          + mdp.numActions());
    }
    if (horizon < demos.maxLength()) {
      throw new IllegalArgumentException("horizon " + horizon
          + " is shorter than the longest demonstration (" + demos.maxLength() + " steps)");
    }
    return new IrlProblem(mdp, features, demos, horizon, start);
  }

  /** The same problem with other demonstrations (same horizon rule: T = max(T, longest)). */
  public IrlProblem withDemonstrations(Demonstrations other) {
    return of(mdp, features, other, Math.max(horizon, other.maxLength()), start);
  }

  /** The MDP (dynamics, γ, d0, terminals). */
  public TabularMdp mdp() {
    return mdp;
  }

  /** The features φ. */
  public StateFeatures features() {
    return features;
  }

  /** The demonstrations. */
  public Demonstrations demos() {
    return demos;
  }

  /** The horizon T. */
  public int horizon() {
    return horizon;
  }

  /** The start rule. */
  public Start start() {
    return start;
  }

  /** γ, the MDP's discount, which weights step t by γ^t. */
  public double gamma() {
    return mdp.gamma();
  }

  /** The start distribution of E[μ]. Shared, not to be modified. */
  public double[] startDistribution() {
    return startDistribution;
  }

  /** D̂(s), the demonstrations' discounted visitation (terminals 0). Shared, not to be modified. */
  public double[] empiricalVisitation() {
    return empiricalVisitation;
  }

  /** μ_D = Σ_s D̂(s) φ(s), length k. Shared, not to be modified. */
  public double[] empiricalFeatures() {
    return empiricalFeatures;
  }

  /**
   * out = Φᵀ d, i.e. out_i = Σ_s d(s) φ_i(s); allocation-free.
   *
   * @param d length S. Not modified.
   * @param out length k. Modified.
   * @return out
   */
  public static double[] transposeTimes(StateFeatures phi, double[] d, double[] out) {
    final int numStates = phi.numStates();
    final int k = phi.numFeatures();
    final double[] table = phi.data();
    Arrays.fill(out, 0);
    for (int s = 0; s < numStates; s++) {
      final double ds = d[s];
      if (ds == 0) {
        continue;
      }
      final int base = s * k;
      for (int i = 0; i < k; i++) {
        out[i] += ds * table[base + i];
      }
    }
    return out;
  }

  @Override
  public String toString() {
    return "IrlProblem[S=" + mdp.numStates() + ", A=" + mdp.numActions() + ", k="
        + features.numFeatures() + ", N=" + demos.size() + ", T=" + horizon + ", start="
        + start + "]";
  }
}
