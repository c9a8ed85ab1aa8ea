package org.gridrl.benchmarks.experiments.meta;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.gridrl.core.util.Check;
import org.gridrl.meta.baselines.BanditPolicy;
import org.gridrl.meta.baselines.Beb;
import org.gridrl.meta.baselines.EpsilonGreedy;
import org.gridrl.meta.baselines.GittinsIndex;
import org.gridrl.meta.baselines.GittinsPolicy;
import org.gridrl.meta.baselines.GittinsTable;
import org.gridrl.meta.baselines.MdpEpsilonGreedy;
import org.gridrl.meta.baselines.MdpRandomPolicy;
import org.gridrl.meta.baselines.MdpTrialPolicy;
import org.gridrl.meta.baselines.Psrl;
import org.gridrl.meta.baselines.RandomPolicy;
import org.gridrl.meta.baselines.ThompsonSampling;
import org.gridrl.meta.baselines.Ucb1;
import org.gridrl.meta.baselines.Ucrl2;

/**
 * The methods of RL²'s two tables by key: a baseline of {@code meta.baselines} for its tuned
 * constant (NaN for one without a constant), or nothing for {@link #RL2}: RL² is not a fixed
 * rule but a network trained per cell, which {@code PublishedTable} trains and then runs as one
 * more {@link BanditPolicy} / {@link MdpTrialPolicy} ({@code meta.rl2.Rl2TrialPolicies}) through
 * the same {@code BanditTrials} / {@code MdpTrials} loops as the baselines.
 */
public final class TrialMethods {

  /** The key of RL²'s column. */
  public static final String RL2 = "rl2";

  /**
   * The Gittins truncation error the experiments use, 1e−6: depth N = the smallest with
   * γ^N/(1−γ) ≤ 1e−6 (153 at γ = 0.9, against 219 for {@link GittinsIndex}'s default 1e−9),
   * which halves the cost of an index; the computed index is at most 1e−6 below the exact one.
   */
  public static final double GITTINS_TRUNCATION = 1e-6;

  /**
   * How greedy and ε-greedy may break ties among the arms of the largest posterior mean:
   * "lowest" (the lowest-numbered arm, numpy's {@code argmax} in Duan et al.'s baseline script)
   * or "uniform" (one drawn at random).
   */
  public static final List<String> TIE_RULES = List.of("lowest", "uniform");

  /**
   * Gittins index tables by (γ, n), kept for the process: every posterior a trial of n pulls
   * reaches, Beta(1 + s, 1 + f) with s + f ≤ n, computed at once ({@link GittinsTable}, one
   * backward sweep per grid point, on every core; bit-identical for any thread count) the first
   * time a trial of n pulls asks, then read by every thread. One index at a time
   * ({@link GittinsIndex}) the n = 500 cells' ~10⁵ posteriors took hours at γ = 0.99; the table
   * takes seconds.
   */
  private static final Map<List<Double>, GittinsTable> GITTINS = new ConcurrentHashMap<>();

  private TrialMethods() {
  }

  /** The smallest N with γ^N/(1−γ) ≤ {@link #GITTINS_TRUNCATION}. */
  public static int gittinsDepth(double gamma) {
    double n = Math.log(GITTINS_TRUNCATION * (1 - gamma)) / Math.log(gamma);
    return Math.max(1, (int) Math.ceil(n - 1e-9));
  }

  /**
   * The Gittins indices of every Beta(1 + s, 1 + f), s + f ≤ n, at discount γ, truncated at
   * depth {@link #gittinsDepth}(γ) on {@link GittinsTable#DEFAULT_GRID_POINTS} known arms;
   * computed once per (γ, n) and kept.
   */
  public static GittinsTable gittinsTable(double gamma, int pulls) {
    Check.positive("pulls", pulls);
    return GITTINS.computeIfAbsent(List.of(gamma, (double) pulls),
        k -> GittinsTable.compute(gamma, gittinsDepth(gamma), 1, 1, pulls,
            GittinsTable.DEFAULT_GRID_POINTS, Runtime.getRuntime().availableProcessors()));
  }

  /** Whether a rule of {@link #TIE_RULES} is "lowest", the {@code lowestTies} of {@link #bandit}. */
  public static boolean lowestTies(String rule) {
    Check.argument(TIE_RULES.contains(rule), "unknown tie rule '%s' (one of %s)", rule, TIE_RULES);
    return rule.equals("lowest");
  }

  /** Whether the bandit method has a constant to tune ("ucb1" c, "epsilon-greedy" ε, "gittins" γ). */
  public static boolean banditTuned(String key) {
    return List.of("ucb1", "epsilon-greedy", "gittins").contains(key);
  }

  /** Whether the MDP method has a constant to tune ("beb" β, "ucrl2" c, "epsilon-greedy" ε). */
  public static boolean mdpTuned(String key) {
    return List.of("beb", "ucrl2", "epsilon-greedy").contains(key);
  }

  /**
   * The bandit baseline for a key and constant; empty for {@link #RL2}.
   *
   * @param key one of {@link Rl2Published#BANDIT_METHODS}
   * @param constant c of UCB1 (the Beta(1, 1) pseudo-count form {@link Ucb1#withPrior}, as in
   *     Duan et al.'s baseline script, not Auer's initial round), ε of ε-greedy, γ of Gittins
   *     (Beta(1, 1) priors, depth {@link #gittinsDepth}, indices from {@link #gittinsTable});
   *     ignored by the others
   * @param lowestTies whether greedy and ε-greedy break ties toward the lowest-numbered arm
   *     ({@link EpsilonGreedy#lowestTie}, numpy's {@code argmax} in Duan et al.'s baseline
   *     script) instead of uniformly at random; the other methods are the same either way
   * @param pulls n, the pulls of a trial the policy will play (sizes the Gittins table)
   */
  public static Optional<BanditPolicy> bandit(String key, double constant, boolean lowestTies,
      int pulls) {
    return Optional.ofNullable(switch (key) {
      case "random" -> new RandomPolicy();
      case "greedy" -> lowestTies ? EpsilonGreedy.lowestTie(0) : EpsilonGreedy.greedy();
      case "epsilon-greedy" -> lowestTies ? EpsilonGreedy.lowestTie(constant)
          : new EpsilonGreedy(constant);
      case "ucb1" -> Ucb1.withPrior(constant, 1, 1);
      case "thompson" -> new ThompsonSampling();
      case "gittins" -> new GittinsPolicy(gittinsTable(constant, pulls));
      case RL2 -> null;
      default -> throw new IllegalArgumentException("unknown bandit method '" + key + "'");
    });
  }

  /**
   * The MDP baseline for a key and constant: TabulaRL's agents (Osband,
   * {@code finite_tabular_agents.py}) as Duan et al.'s baseline script ran them
   * ({@code evaluate_pacmdp.py}): greedy and ε-greedy {@link MdpEpsilonGreedy#tabulaRl}, PSRL
   * {@link Psrl#tabulaRl}, BEB {@link Beb#tabulaRl}, UCRL2 {@link Ucrl2#tabulaRl}; empty for
   * {@link #RL2}.
   *
   * @param key one of {@link Rl2Published#MDP_METHODS}
   * @param constant TabulaRL's {@code scaling} κ of BEB and UCRL2, ε of ε-greedy; ignored by
   *     the others
   */
  public static Optional<MdpTrialPolicy> mdp(String key, double constant) {
    return Optional.ofNullable(switch (key) {
      case "random" -> new MdpRandomPolicy();
      case "greedy" -> MdpEpsilonGreedy.tabulaRl(0);
      case "epsilon-greedy" -> MdpEpsilonGreedy.tabulaRl(constant);
      case "psrl" -> Psrl.tabulaRl();
      case "ucrl2" -> Ucrl2.tabulaRl(constant);
      case "beb" -> Beb.tabulaRl(constant);
      case RL2 -> null;
      default -> throw new IllegalArgumentException("unknown MDP method '" + key + "'");
    });
  }

  /**
   * Trial totals pooled over seeds: mean = Σx/m, standard error = √((Σx² − m·mean²)/(m − 1)/m).
   *
   * @param count m, the trials
   * @param sum Σx
   * @param sumSquares Σx²
   */
  public record Pooled(double count, double sum, double sumSquares) {

    /** One block of trial totals. */
    public static Pooled of(double[] x) {
      double s = 0;
      double ss = 0;
      for (double v : x) {
        s += v;
        ss += v * v;
      }
      return new Pooled(x.length, s, ss);
    }

    /** Both blocks together. */
    public Pooled plus(Pooled o) {
      return new Pooled(count + o.count, sum + o.sum, sumSquares + o.sumSquares);
    }

    /** The mean. */
    public double mean() {
      return sum / count;
    }

    /** The standard error of the mean (NaN for one trial). */
    public double standardError() {
      double m = mean();
      return Math.sqrt(Math.max(0, sumSquares - count * m * m) / (count - 1) / count);
    }
  }

  /** (ours − published)/SE, the distance in standard errors of our mean. */
  public static double zScore(Pooled ours, double published) {
    return (ours.mean() - published) / ours.standardError();
  }
}
