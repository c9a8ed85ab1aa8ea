package org.gridrl.meta.baselines;

import org.gridrl.core.dist.Dirichlet;
import org.gridrl.core.mdp.TabularMdp;
import org.gridrl.core.mdp.TabularMdpBuilder;
import org.gridrl.core.util.Check;
import org.gridrl.core.util.Rng;

/**
 * The conjugate posterior of an {@link MdpPrior} after the transitions of a trial. With
 * n(s,a,s') the observed transition counts, n(s,a) = Σ_{s'} n(s,a,s'), n_r(s,a) the rewards
 * observed at (s, a) (= n(s,a) unless some came through {@link #observeReward}) and S_r(s,a) their
 * sum:
 * <pre>
 *   P(·|s,a) | h ~ Dirichlet(α_0 + n(s,a,·)),            E[P(s'|s,a)] = (α_0 + n(s,a,s'))/(S·α_0 + n(s,a))
 *   R̄(s,a) | h  ~ N(m, 1/λ),  λ = 1/σ_0² + n_r(s,a)/σ²,   m = (μ_0/σ_0² + S_r(s,a)/σ²)/λ
 * </pre>
 * (the Normal–Normal update with known noise variance σ²). {@link #meanModel(double)} is the
 * posterior-mean MDP, optionally with the BEB bonus β/(1 + n(s,a)) on its rewards;
 * {@link #sampleModel(Rng)} draws one MDP from the posterior (PSRL). Models are undiscounted
 * (γ = 1) with d0 = δ_0.
 */
public final class MdpPosterior {

  private final MdpPrior prior;
  private final int numStates;
  private final int numActions;
  private final int[] transitionCounts;
  private final int[] visits;
  private final int[] rewardCounts;
  private final double[] rewardSums;
  private final double[] work;

  /**
   * An empty posterior (the prior).
   *
   * @param prior the prior
   * @param numStates S ≥ 1
   * @param numActions A ≥ 1
   */
  public MdpPosterior(MdpPrior prior, int numStates, int numActions) {
    this.prior = Check.notNull("prior", prior);
    this.numStates = Check.positive("numStates", numStates);
    this.numActions = Check.positive("numActions", numActions);
    this.transitionCounts = new int[numStates * numActions * numStates];
    this.visits = new int[numStates * numActions];
    this.rewardCounts = new int[numStates * numActions];
    this.rewardSums = new double[numStates * numActions];
    this.work = new double[numStates];
  }

  /** The prior. */
  public MdpPrior prior() {
    return prior;
  }

  /** Adds one transition (s, a, r, s'). */
  public void observe(int state, int action, double reward, int nextState) {
    checkIndex("state", state, numStates);
    checkIndex("action", action, numActions);
    checkIndex("nextState", nextState, numStates);
    Check.finite("reward", reward);
    int row = state * numActions + action;
    transitionCounts[row * numStates + nextState]++;
    visits[row]++;
    rewardCounts[row]++;
    rewardSums[row] += reward;
  }

  /**
   * Adds the reward of a transition whose next state is not counted: the last step of an
   * episode in TabulaRL's {@code update_obs} (Osband, {@code finite_tabular_agents.py}), which
   * updates the reward posterior always but the Dirichlet only when {@code pContinue == 1}.
   * Changes λ and m of (s, a), not n(s, a) or the Dirichlet.
   */
  public void observeReward(int state, int action, double reward) {
    checkIndex("state", state, numStates);
    checkIndex("action", action, numActions);
    Check.finite("reward", reward);
    int row = state * numActions + action;
    rewardCounts[row]++;
    rewardSums[row] += reward;
  }

  /** n_r(s, a), the rewards observed at (s, a) (n(s, a) unless {@link #observeReward} was used). */
  public int rewardCount(int state, int action) {
    return rewardCounts[state * numActions + action];
  }

  /** n(s, a), the visits of (s, a). */
  public int visits(int state, int action) {
    return visits[state * numActions + action];
  }

  /** α_0 + n(s, a, s'), the posterior Dirichlet parameter. */
  public double transitionAlpha(int state, int action, int nextState) {
    return prior.dirichletConcentration()
        + transitionCounts[(state * numActions + action) * numStates + nextState];
  }

  /** E[P(s'|s,a) | h] = (α_0 + n(s,a,s'))/(S·α_0 + n(s,a)). */
  public double transitionMean(int state, int action, int nextState) {
    return transitionAlpha(state, action, nextState)
        / (numStates * prior.dirichletConcentration() + visits(state, action));
  }

  /** λ = 1/σ_0² + n_r(s,a)/σ², the posterior precision of R̄(s,a). */
  public double rewardPrecision(int state, int action) {
    double s0 = prior.rewardPriorStd();
    double s = prior.rewardNoiseStd();
    return 1 / (s0 * s0) + rewardCount(state, action) / (s * s);
  }

  /** m = (μ_0/σ_0² + S_r(s,a)/σ²)/λ, the posterior mean of R̄(s,a). */
  public double rewardMean(int state, int action) {
    double s0 = prior.rewardPriorStd();
    double s = prior.rewardNoiseStd();
    return (prior.rewardPriorMean() / (s0 * s0)
        + rewardSums[state * numActions + action] / (s * s)) / rewardPrecision(state, action);
  }

  /** 1/λ, the posterior variance of R̄(s,a). */
  public double rewardVariance(int state, int action) {
    return 1 / rewardPrecision(state, action);
  }

  /**
   * The posterior-mean MDP: P̄(s'|s,a) = {@link #transitionMean}, r(s,a) = m(s,a) +
   * β/(1 + n(s,a)) (Kolter &amp; Ng 2009's BEB bonus; β = 0 gives the plain posterior mean).
   *
   * @param bonus β ≥ 0
   */
  public TabularMdp meanModel(double bonus) {
    Check.nonNegativeFinite("bonus", bonus);
    TabularMdpBuilder b = TabularMdp.builder(numStates, numActions).gamma(1.0);
    for (int s = 0; s < numStates; s++) {
      for (int a = 0; a < numActions; a++) {
        for (int next = 0; next < numStates; next++) {
          b.transition(s, a, next, transitionMean(s, a, next));
        }
        b.reward(s, a, rewardMean(s, a) + bonus / (1.0 + visits(s, a)));
      }
    }
    return b.initialDistribution(startAtZero()).build();
  }

  /**
   * One MDP drawn from the posterior. Draw order: the Dirichlet rows P(·|s,a) in row order
   * s·A + a ({@link Dirichlet#sample}), then R̄(s,a) = m + g/√λ in row order, one
   * {@code nextGaussian} each.
   *
   * @param rng the randomness. Modified (advanced).
   */
  public TabularMdp sampleModel(Rng rng) {
    Check.notNull("rng", rng);
    TabularMdpBuilder b = TabularMdp.builder(numStates, numActions).gamma(1.0);
    double[] alpha = new double[numStates];
    for (int s = 0; s < numStates; s++) {
      for (int a = 0; a < numActions; a++) {
        for (int next = 0; next < numStates; next++) {
          alpha[next] = transitionAlpha(s, a, next);
        }
        Dirichlet.sample(alpha, 0, numStates, rng, work, 0);
        for (int next = 0; next < numStates; next++) {
          if (work[next] > 0) {
            b.transition(s, a, next, work[next]);
          }
        }
      }
    }
    for (int s = 0; s < numStates; s++) {
      for (int a = 0; a < numActions; a++) {
        b.reward(s, a, rewardMean(s, a) + rng.nextGaussian() / Math.sqrt(rewardPrecision(s, a)));
      }
    }
    return b.initialDistribution(startAtZero()).build();
  }

  private double[] startAtZero() {
    double[] d0 = new double[numStates];
    d0[0] = 1;
    return d0;
  }

  private static void checkIndex(String name, int i, int n) {
    if (i < 0 || i >= n) {
      throw new IllegalArgumentException(name + " must be in [0, " + n + "), got " + i);
    }
  }
}
