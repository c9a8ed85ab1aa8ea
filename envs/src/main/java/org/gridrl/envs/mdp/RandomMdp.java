package org.gridrl.envs.mdp;

import java.util.Arrays;
import org.gridrl.core.dist.Dirichlet;
import org.gridrl.core.env.Discrete;
import org.gridrl.core.env.Env;
import org.gridrl.core.env.Step;
import org.gridrl.core.env.TaskDistribution;
import org.gridrl.core.mdp.TabularMdp;
import org.gridrl.core.mdp.TabularMdpBuilder;
import org.gridrl.core.planning.FiniteHorizonSolution;
import org.gridrl.core.planning.ValueIteration;
import org.gridrl.core.util.Check;
import org.gridrl.core.util.Rng;

/**
 * RL²'s random tabular MDPs (Duan et al. 2016, "RL²: Fast reinforcement learning via slow
 * reinforcement learning", §3.2 "Tabular MDPs" and Table 2): per trial
 * <pre>
 *   P(·|s,a) ~ Dirichlet(1, ..., 1)   (flat, over the S successors),
 *   R̄(s,a)  ~ N(1, 1),
 *   r_t = R̄(s_t, a_t) + ε_t,  ε_t ~ N(0, 1),
 * </pre>
 * S = 10, A = 5, every episode starting in state 0 and lasting H = 10 steps; the MDP is kept for
 * the n episodes of a trial and redrawn for the next trial ({@link #tasks(Spec)}). Undiscounted:
 * the return of an episode is Σ_{t&lt;H} r_t. RL²'s own code was not released; the details (N(1, 1)
 * means, a flat Dirichlet per row, unit noise, start state 0, 10 steps) agree with the PyTorch
 * reimplementation lucaslingle/pytorch_rl2, {@code rl2/envs/mdp_env.py}.
 *
 * <p>The exact model is public ({@link #mdp()}: P, the mean rewards R̄, d0 = δ_0, γ = 1), so the
 * optimum of an episode, V*_0(0) of finite-horizon value iteration ({@link #optimalSolution()},
 * {@link #optimalEpisodeValue()}), and hence the regret of a learner, are exact.
 *
 * <p>As an {@link Env}: observation and action are indices ({@code Discrete(S)},
 * {@code Discrete(A)}); {@code reset(seed)} starts the stream {@code Rng(seed)} and returns
 * state 0; each step draws ε_t by one {@code nextGaussian} and then s_{t+1} by one
 * {@code nextCategorical} over the row of (s_t, a_t). The episode is truncated (never
 * terminated) after H steps. Not thread-safe.
 */
public final class RandomMdp implements Env<Integer, Integer> {

  /** The start state of every episode. */
  public static final int START_STATE = 0;

  /**
   * The distribution of random MDPs.
   *
   * @param numStates S ≥ 1
   * @param numActions A ≥ 1
   * @param episodeLength H ≥ 1, the steps of one episode
   * @param dirichletConcentration α of the symmetric Dirichlet(α, ..., α) over successors; 1 is
   *     flat
   * @param rewardMeanMean the mean of the N(·, ·) the mean rewards R̄(s,a) are drawn from
   * @param rewardMeanStd the standard deviation of that normal, ≥ 0
   * @param rewardNoiseStd σ, the standard deviation of the observed reward around R̄(s,a), ≥ 0
   */
  public record Spec(int numStates, int numActions, int episodeLength,
      double dirichletConcentration, double rewardMeanMean, double rewardMeanStd,
      double rewardNoiseStd) {

    /** Rejects a bad field by name. */
    public Spec {
      Check.positive("numStates", numStates);
      Check.positive("numActions", numActions);
      Check.positive("episodeLength", episodeLength);
      Check.positiveFinite("dirichletConcentration", dirichletConcentration);
      Check.finite("rewardMeanMean", rewardMeanMean);
      Check.nonNegativeFinite("rewardMeanStd", rewardMeanStd);
      Check.nonNegativeFinite("rewardNoiseStd", rewardNoiseStd);
    }

    /** RL²'s setting: S = 10, A = 5, H = 10, flat Dirichlet, R̄ ~ N(1, 1), σ = 1. */
    public static Spec rl2() {
      return rl2(10, 5, 10);
    }

    /** RL²'s distributions with other sizes. */
    public static Spec rl2(int numStates, int numActions, int episodeLength) {
      return new Spec(numStates, numActions, episodeLength, 1.0, 1.0, 1.0, 1.0);
    }
  }

  private final TabularMdp mdp;
  private final int episodeLength;
  private final double rewardNoiseStd;
  private final Discrete observationSpace;
  private final Discrete actionSpace;
  private FiniteHorizonSolution optimal;
  private Rng rng;
  private int state;
  private int steps = -1;

  /**
   * A fixed MDP stepped with Gaussian reward noise.
   *
   * @param mdp the exact model: its rewards are the means R̄(s,a); its γ and d0 are ignored
   *     (episodes start in state 0, undiscounted); it must have no terminal states. Not modified.
   * @param episodeLength H ≥ 1
   * @param rewardNoiseStd σ ≥ 0
   */
  public RandomMdp(TabularMdp mdp, int episodeLength, double rewardNoiseStd) {
    Check.notNull("mdp", mdp);
    Check.argument(mdp.numTerminals() == 0, "a random MDP has no terminal states, got %s",
        mdp.numTerminals());
    this.mdp = mdp;
    this.episodeLength = Check.positive("episodeLength", episodeLength);
    this.rewardNoiseStd = Check.nonNegativeFinite("rewardNoiseStd", rewardNoiseStd);
    this.observationSpace = new Discrete(mdp.numStates());
    this.actionSpace = new Discrete(mdp.numActions());
  }

  /**
   * The task distribution p(T) of {@code spec}. Draw order: for each row (s, a) in row order
   * s·A + a, the S gammas of P(·|s,a) ({@link Dirichlet#sample}); then R̄(s,a) for every row in
   * row order, one {@code nextGaussian} each.
   */
  public static TaskDistribution<RandomMdp> tasks(Spec spec) {
    Check.notNull("spec", spec);
    return rng -> sample(spec, rng);
  }

  /** One MDP drawn from {@code spec} (see {@link #tasks(Spec)} for the draw order). */
  public static RandomMdp sample(Spec spec, Rng rng) {
    int ns = spec.numStates();
    int na = spec.numActions();
    double[] alpha = new double[ns];
    Arrays.fill(alpha, spec.dirichletConcentration());
    double[] p = new double[ns];
    TabularMdpBuilder b = TabularMdp.builder(ns, na).gamma(1.0);
    for (int s = 0; s < ns; s++) {
      for (int a = 0; a < na; a++) {
        Dirichlet.sample(alpha, 0, ns, rng, p, 0);
        for (int next = 0; next < ns; next++) {
          b.transition(s, a, next, p[next]);
        }
      }
    }
    for (int s = 0; s < ns; s++) {
      for (int a = 0; a < na; a++) {
        b.reward(s, a, spec.rewardMeanMean() + spec.rewardMeanStd() * rng.nextGaussian());
      }
    }
    double[] d0 = new double[ns];
    d0[START_STATE] = 1;
    b.initialDistribution(d0);
    return new RandomMdp(b.build(), spec.episodeLength(), spec.rewardNoiseStd());
  }

  /** The exact model: P, mean rewards R̄(s,a), d0 as built. Shared, read-only. */
  public TabularMdp mdp() {
    return mdp;
  }

  /** S. */
  public int numStates() {
    return mdp.numStates();
  }

  /** A. */
  public int numActions() {
    return mdp.numActions();
  }

  /** H, the steps of one episode. */
  public int episodeLength() {
    return episodeLength;
  }

  /** σ, the standard deviation of the reward noise. */
  public double rewardNoiseStd() {
    return rewardNoiseStd;
  }

  /**
   * The optimal finite-horizon solution of the exact model over H undiscounted steps
   * ({@link ValueIteration#solveFiniteHorizon}), computed on first use.
   */
  public FiniteHorizonSolution optimalSolution() {
    if (optimal == null) {
      optimal = ValueIteration.solveFiniteHorizon(mdp, episodeLength, 1.0);
    }
    return optimal;
  }

  /** V*_0(0): the best expected return of one episode from the start state. */
  public double optimalEpisodeValue() {
    return optimalSolution().v()[0][START_STATE];
  }

  @Override
  public Discrete observationSpace() {
    return observationSpace;
  }

  @Override
  public Discrete actionSpace() {
    return actionSpace;
  }

  /** A new stream {@code Rng(seed)}; returns the start state 0. */
  @Override
  public Integer reset(long seed) {
    rng = new Rng(seed);
    state = START_STATE;
    steps = 0;
    return state;
  }

  /**
   * r_t = R̄(s_t, a_t) + σ·ε_t (one {@code nextGaussian}), then s_{t+1} ~ P(·|s_t, a_t) (one
   * {@code nextCategorical}).
   *
   * @throws IllegalArgumentException if the action is null or not in [0, A)
   * @throws IllegalStateException before a reset or after the H-th step
   */
  @Override
  public Step<Integer> step(Integer action) {
    if (steps < 0) {
      throw new IllegalStateException("RandomMdp: step before reset");
    }
    if (steps >= episodeLength) {
      throw new IllegalStateException("RandomMdp: the episode ended after " + episodeLength
          + " steps; reset first");
    }
    if (action == null || !actionSpace.contains((int) action)) {
      throw new IllegalArgumentException("action must be in [0, " + mdp.numActions()
          + "), got " + action);
    }
    int row = state * mdp.numActions() + action;
    double reward = mdp.rewards()[row] + rewardNoiseStd * rng.nextGaussian();
    int start = mdp.rowStart()[row];
    int k = rng.nextCategorical(mdp.probabilities(), start, mdp.rowStart()[row + 1] - start);
    state = mdp.successors()[start + k];
    steps++;
    return new Step<>(state, reward, false, steps >= episodeLength);
  }

  @Override
  public String toString() {
    return "RandomMdp[S=" + mdp.numStates() + ", A=" + mdp.numActions() + ", H="
        + episodeLength + "]";
  }
}
