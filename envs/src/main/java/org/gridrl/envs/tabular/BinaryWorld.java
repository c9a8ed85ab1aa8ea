package org.gridrl.envs.tabular;

import io.soabase.recordbuilder.core.RecordBuilder;
import java.util.List;
import org.gridrl.core.mdp.StateFeatures;
import org.gridrl.core.mdp.TabularMdp;
import org.gridrl.core.mdp.UniformSlipDynamics;
import org.gridrl.core.util.Check;
import org.gridrl.core.util.Rng;

/**
 * BinaryWorld (Wulfmeier, Ondrúška &amp; Posner 2015, "Maximum entropy deep inverse reinforcement
 * learning"): an N×N grid whose cells are blue with probability p (0.5), else red. With b(s) the
 * number of blue cells among the 9 cells of the 3×3 neighbourhood of s (s included; cells outside
 * the grid are not blue), r(s) = {@code rewardFour} (+1) if b(s) = 4, {@code rewardFive} (−1) if
 * b(s) = 5, else 0, lifted to r(s,a) = r(s).
 *
 * <p>Dynamics as {@link ObjectWorld}: 5 actions (0 = north, 1 = east, 2 = south, 3 = west,
 * 4 = stay), the intended move with probability {@code determinism} (0.7), each other action's
 * move with (1 − determinism)/4, border moves stay put; γ = 0.9, uniform d0, no terminals,
 * s = row·N + col.
 *
 * <p>Features: the 9 neighbourhood cells in row-major order (columns {@code nw n ne w c e sw s
 * se}), +1 for blue, −1 for red and the third value 0 for a cell outside the grid.
 *
 * <p>Generation: {@code new Rng(seed)} visits the cells in row-major order and each is blue when
 * its draw u ~ U[0,1) is &lt; p.
 */
public final class BinaryWorld {

  /**
   * BinaryWorld parameters. Vary them with the generated {@code withX} methods
   * ({@code Config.defaults(seed).withSize(16)}), several at once with
   * {@code with(b -> b.rewardFour(3).rewardFive(-7))}, or build one with
   * {@code BinaryWorldConfigBuilder.builder(Config.defaults(seed))}; every way goes through the
   * checks of the compact constructor. {@code withSeed} gives a transfer world: the same
   * parameters, another colouring.
   *
   * @param size N ≥ 1 (default 32)
   * @param blueProbability p in [0, 1] (default 0.5)
   * @param determinism probability in [0, 1] that the intended move happens (default 0.7)
   * @param gamma discount in [0, 1) (default 0.9)
   * @param rewardFour reward when exactly 4 of the 9 cells are blue, finite (default +1)
   * @param rewardFive reward when exactly 5 are blue, finite (default −1)
   * @param seed seed of the colouring
   */
  @RecordBuilder
  public record Config(int size, double blueProbability, double determinism, double gamma,
      double rewardFour, double rewardFive, long seed) implements BinaryWorldConfigBuilder.With {

    /** Validates every field; the message names the field and the value. */
    public Config {
      Check.argument(size >= 1 && (long) size * size * 5 < Integer.MAX_VALUE,
          "size must be >= 1 with 5*size^2 < 2^31, got %s", size);
      Check.unitInterval("blueProbability", blueProbability);
      Check.unitInterval("determinism", determinism);
      Check.unitIntervalOpen("gamma", gamma);
      Check.finite("rewardFour", rewardFour);
      Check.finite("rewardFive", rewardFive);
    }

    /** N = 32, p = 0.5, determinism 0.7, γ = 0.9, rewards +1 / −1. */
    public static Config defaults(long seed) {
      return new Config(32, 0.5, 0.7, 0.9, 1, -1, seed);
    }
  }

  private static final List<String> NAMES = List.of("nw", "n", "ne", "w", "c", "e", "sw", "s",
      "se");

  private final Config config;
  private final boolean[] blue;
  private final double[] stateReward;
  private final StateFeatures features;
  private final GridMoves moves;
  private TabularMdp mdp;

  /** Builds the world described by the config (all randomness from its seed). */
  public BinaryWorld(Config config) {
    if (config == null) {
      throw new IllegalArgumentException("config must not be null");
    }
    this.config = config;
    int n = config.size();
    int numStates = n * n;
    Rng rng = new Rng(config.seed());
    blue = new boolean[numStates];
    for (int s = 0; s < numStates; s++) {
      blue[s] = rng.nextDouble() < config.blueProbability();
    }
    double[] phi = new double[numStates * 9];
    stateReward = new double[numStates];
    for (int s = 0; s < numStates; s++) {
      int r = s / n;
      int c = s % n;
      int numBlue = 0;
      int j = 0;
      for (int dr = -1; dr <= 1; dr++) {
        for (int dc = -1; dc <= 1; dc++, j++) {
          int rr = r + dr;
          int cc = c + dc;
          if (rr >= 0 && rr < n && cc >= 0 && cc < n) {
            boolean b = blue[rr * n + cc];
            phi[s * 9 + j] = b ? 1 : -1;
            numBlue += b ? 1 : 0;
          }
        }
      }
      stateReward[s] = numBlue == 4 ? config.rewardFour() : numBlue == 5 ? config.rewardFive() : 0;
    }
    features = StateFeatures.of(numStates, 9, phi, NAMES);
    moves = GridMoves.openWithDeterminism(n, config.determinism());
  }

  /** The config this world was built from. */
  public Config config() {
    return config;
  }

  /** The side N. */
  public int size() {
    return config.size();
  }

  /** Number of states N². */
  public int numStates() {
    return moves.numStates;
  }

  /** Whether cell (row, col) is blue (false outside the grid). */
  public boolean isBlue(int row, int col) {
    int n = config.size();
    return row >= 0 && row < n && col >= 0 && col < n && blue[row * n + col];
  }

  /** The true state reward r(s), a copy. */
  public double[] stateReward() {
    return stateReward.clone();
  }

  /** The 9 neighbourhood features (+1 blue, −1 red, 0 outside the grid). */
  public StateFeatures features() {
    return features;
  }

  /** The MDP with the true reward lifted to r(s,a) = r(s) (built on first call, then shared). */
  public synchronized TabularMdp mdp() {
    if (mdp == null) {
      mdp = moves.stateRewardMdp(config.gamma(), stateReward);
    }
    return mdp;
  }

  /**
   * The deterministic successor of every state under action a (length N²; s itself across the
   * border). Shared: not to be modified.
   */
  public int[] nextState(int a) {
    return moves.nextTable(a);
  }

  /** Whether determinism ≥ 1/5, so that the noise is a uniform slip (see {@link #slip()}). */
  public boolean isUniformSlip() {
    return moves.isUniformSlip();
  }

  /**
   * The equivalent uniform slip ε = 5·(1 − determinism)/4.
   *
   * @throws IllegalStateException when determinism &lt; 1/5
   */
  public double slip() {
    return moves.checkedSlip(config.determinism());
  }

  /**
   * The structured dynamics for the grid kernel of soft value iteration (state reward, γ,
   * uniform d0, no terminals), built from the move tables without the CSR arrays.
   */
  public UniformSlipDynamics dynamics() {
    return moves.stateRewardDynamics(config.gamma(), stateReward());
  }

  @Override
  public String toString() {
    return "BinaryWorld[N=" + config.size() + ", seed=" + config.seed() + "]";
  }
}
