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

  /** α_0 = 1, μ_0 = 1, σ_0 = 1, σ = 1: the generating distribution of RL²'s random MDPs. */
  public static MdpPrior rl2() {
    return new MdpPrior(1, 1, 1, 1);
  }
}
