package org.gridrl.meta.baselines;

import org.gridrl.core.util.Check;

/**
 * The conjugate prior the tabular-MDP baselines put on an unknown MDP:
 * <pre>
 *   P(·|s,a) ~ Dirichlet(α_0, ..., α_0),   R̄(s,a) ~ N(μ_0, σ_0²),   r | R̄ ~ N(R̄, σ²) (σ known),
 * </pre>
 * independently per (s, a). {@link #rl2()} is the prior RL²'s random MDPs are actually drawn from
 * (flat Dirichlet, N(1, 1), unit noise), so posterior sampling under it is exact Thompson
 * sampling for that task distribution.
 *
 * @param dirichletConcentration α_0 &gt; 0 (1 is flat)
 * @param rewardPriorMean μ_0
 * @param rewardPriorStd σ_0 &gt; 0
 * @param rewardNoiseStd σ &gt; 0, the known noise of an observed reward
 */
public record MdpPrior(double dirichletConcentration, double rewardPriorMean,
    double rewardPriorStd, double rewardNoiseStd) {

  /** Rejects a bad field by name. */
  public MdpPrior {
    Check.positiveFinite("dirichletConcentration", dirichletConcentration);
    Check.finite("rewardPriorMean", rewardPriorMean);
    Check.positiveFinite("rewardPriorStd", rewardPriorStd);
    Check.positiveFinite("rewardNoiseStd", rewardNoiseStd);
  }

  /**
   * α_0 = 10⁻⁴, μ_0 = 0, σ_0 = 100, σ = 1: TabulaRL's {@code EpsilonGreedy} agent (Osband,
   * {@code src/finite_tabular_agents.py}: {@code alpha0 = tau0 = 0.0001}, {@code mu0 = 0},
   * {@code tau = 1}, σ_0 = 1/√tau0), the implementation behind Duan et al.'s greedy and ε-greedy
   * MDP baselines. Its posterior mean is the empirical (maximum-likelihood) model up to 10⁻⁴
   * pseudo-counts: a visited pair has its sample-mean reward and transition frequencies, an
   * unvisited pair reward 0 and uniform transitions.
   */
  public static MdpPrior tabulaRlEmpirical() {
    return new MdpPrior(1e-4, 0, 100, 1);
  }

  /**
   * α_0 = 1, μ_0 = 0, σ_0 = 1, σ = 1: the defaults of TabulaRL's {@code FiniteHorizonTabularAgent}
   * (Osband, {@code src/finite_tabular_agents.py}: {@code alpha0 = 1., mu0 = 0., tau0 = 1.,
   * tau = 1.}), which its {@code PSRL} and {@code BEB} keep when Duan et al.'s script
   * ({@code evaluate_pacmdp.py}) builds them with no prior arguments. It differs from
   * {@link #rl2()} only in μ_0 = 0 against the true mean 1.
   */
  public static MdpPrior tabulaRl() {
    return new MdpPrior(1, 0, 1, 1);
  }

  /**
   * α_0 = 10⁻⁵, μ_0 = 0, σ_0 = 100, σ = 1: TabulaRL's {@code UCRL2} agent ({@code alpha0 = 1e-5},
   * {@code tau0 = 0.0001}, the other defaults), whose posterior mean is the empirical model.
   */
  public static MdpPrior tabulaRlUcrl2() {
    return new MdpPrior(1e-5, 0, 100, 1);
  }

  /** α_0 = 1, μ_0 = 1, σ_0 = 1, σ = 1: the generating distribution of RL²'s random MDPs. */
  public static MdpPrior rl2() {
    return new MdpPrior(1, 1, 1, 1);
  }
}
