package org.gridrl.envs.tabular;

import io.soabase.recordbuilder.core.RecordBuilder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.gridrl.core.mdp.StateFeatures;
import org.gridrl.core.mdp.TabularMdp;
import org.gridrl.core.mdp.UniformSlipDynamics;
import org.gridrl.core.util.Check;
import org.gridrl.core.util.Rng;

/**
 * ObjectWorld (Levine, Popović &amp; Koltun 2011, "Nonlinear inverse reinforcement learning with
 * Gaussian processes", as built by the authors' irl_toolkit): an N×N grid in which each cell holds
 * an object with probability p; each object has an inner and an outer colour, each uniform in
 * {0..C−1}. The true reward depends only on the outer colours 0 and 1 (the paper's colours "1"
 * and "2"): with d_c(s) the Euclidean distance between cell centres from s to the nearest object
 * of outer colour c,
 * r(s) = {@code rewardBoth} if d_0(s) &lt; 3 and d_1(s) &lt; 2, {@code rewardFirstOnly} if only
 * d_0(s) &lt; 3, else {@code rewardNeither} (strict &lt;, as in the toolkit), lifted to r(s,a) = r(s).
 *
 * <p>Dynamics: 5 actions (0 = north, 1 = east, 2 = south, 3 = west, 4 = stay); the intended
 * action's move happens with probability {@code determinism} (0.7) and each of the other four
 * actions' moves with (1 − determinism)/4 (0.075); a move across the border stays put (its mass
 * accumulates on s). γ = 0.9, uniform d0, no terminals, s = row·N + col.
 *
 * <p>Features: {@link #continuousFeatures()} are the 2C distances to the nearest object of each
 * inner colour (columns {@code inner0..}) then each outer colour ({@code outer0..}), √2·N where
 * a colour has no object; {@link #discreteFeatures()} are, for each of those 2C distances in the
 * same order and each d = 1..N−1, the indicator [distance &lt; d] (2C·(N−1) columns, named e.g.
 * {@code outer1<3}). {@link #features()} is the continuous set.
 *
 * <p>Generation: {@code new Rng(seed)} visits the cells in row-major order; each draws
 * u ~ U[0,1) and, if u &lt; p, an inner then an outer colour with {@link Rng#nextInt}. A "transfer
 * world" is the same config with another seed ({@link Config#withSeed}).
 */
public final class ObjectWorld {

  /**
   * ObjectWorld parameters. Vary them with the generated {@code withX} methods
   * ({@code Config.defaults(seed).withSize(16)}), several at once with
   * {@code with(b -> b.rewardBoth(5).rewardFirstOnly(-10))}, or build one with
   * {@code ObjectWorldConfigBuilder.builder(Config.defaults(seed))}; every way goes through the
   * checks of the compact constructor. {@code withSeed} gives a transfer world: the same
   * parameters, another placement of the objects.
   *
   * @param size N, the side of the grid, ≥ 2 (default 32)
   * @param numColours C, the number of inner and of outer colours, ≥ 2 (default 2)
   * @param objectProbability p in [0, 1], the chance that a cell holds an object (default 0.05)
   * @param determinism probability in [0, 1] that the intended move happens (default 0.7)
   * @param gamma discount in [0, 1) (default 0.9)
   * @param rewardBoth reward near outer colours 0 and 1, finite (default +1)
   * @param rewardFirstOnly reward near outer colour 0 only, finite (default −1)
   * @param rewardNeither reward elsewhere, finite (default 0)
   * @param seed seed of the object placement
   */
  @RecordBuilder
  public record Config(int size, int numColours, double objectProbability, double determinism,
      double gamma, double rewardBoth, double rewardFirstOnly, double rewardNeither, long seed)
      implements ObjectWorldConfigBuilder.With {

    /** Validates every field; the message names the field and the value. */
    public Config {
      Check.argument(size >= 2 && (long) size * size * 5 < Integer.MAX_VALUE,
          "size must be >= 2 with 5*size^2 < 2^31, got %s", size);
      Check.argument(numColours >= 2, "numColours must be >= 2, got %s", numColours);
      Check.unitInterval("objectProbability", objectProbability);
      Check.unitInterval("determinism", determinism);
      Check.unitIntervalOpen("gamma", gamma);
      Check.finite("rewardBoth", rewardBoth);
      Check.finite("rewardFirstOnly", rewardFirstOnly);
      Check.finite("rewardNeither", rewardNeither);
    }

    /** N = 32, C = 2, p = 0.05, determinism 0.7, γ = 0.9, rewards +1 / −1 / 0. */
    public static Config defaults(long seed) {
      return new Config(32, 2, 0.05, 0.7, 0.9, 1, -1, 0, seed);
    }

    /** {@link #defaults} with the irl_toolkit's reward scale: +5 / −10 / 0. */
    public static Config toolkitScale(long seed) {
      return defaults(seed).with(b -> b.rewardBoth(5).rewardFirstOnly(-10).rewardNeither(0));
    }
  }

  /** An object at (row, col) with its inner and outer colour in {0..C−1}. */
  public record WorldObject(int row, int col, int innerColour, int outerColour) {}

  private final Config config;
  private final List<WorldObject> objects;
  private final double[] stateReward;
  private final double[] continuous; // S x 2C
  private final List<String> continuousNames;
  private final GridMoves moves;
  private TabularMdp mdp;
  private StateFeatures continuousFeatures;
  private StateFeatures discreteFeatures;

  /** Builds the world described by the config (all randomness from its seed). */
  public ObjectWorld(Config config) {
    if (config == null) {
      throw new IllegalArgumentException("config must not be null");
    }
    this.config = config;
    int n = config.size();
    int numColours = config.numColours();
    int numStates = n * n;
    Rng rng = new Rng(config.seed());
    List<WorldObject> objs = new ArrayList<>();
    for (int r = 0; r < n; r++) {
      for (int c = 0; c < n; c++) {
        if (rng.nextDouble() < config.objectProbability()) {
          int inner = rng.nextInt(numColours);
          int outer = rng.nextInt(numColours);
          objs.add(new WorldObject(r, c, inner, outer));
        }
      }
    }
    this.objects = List.copyOf(objs);

    int k = 2 * numColours;
    double none = Math.sqrt(2) * n;
    double[] phi = new double[numStates * k];
    Arrays.fill(phi, none);
    for (int s = 0; s < numStates; s++) {
      int r = s / n;
      int c = s % n;
      int base = s * k;
      for (WorldObject o : objects) {
        double dr = r - o.row();
        double dc = c - o.col();
        double d = Math.sqrt(dr * dr + dc * dc);
        int ji = base + o.innerColour();
        int jo = base + numColours + o.outerColour();
        if (d < phi[ji]) {
          phi[ji] = d;
        }
        if (d < phi[jo]) {
          phi[jo] = d;
        }
      }
    }
    this.continuous = phi;
    List<String> names = new ArrayList<>();
    for (int c = 0; c < numColours; c++) {
      names.add("inner" + c);
    }
    for (int c = 0; c < numColours; c++) {
      names.add("outer" + c);
    }
    this.continuousNames = List.copyOf(names);

    this.stateReward = new double[numStates];
    for (int s = 0; s < numStates; s++) {
      double d0 = phi[s * k + numColours];
      double d1 = phi[s * k + numColours + 1];
      stateReward[s] = d0 < 3 ? (d1 < 2 ? config.rewardBoth() : config.rewardFirstOnly())
          : config.rewardNeither();
    }

    this.moves = GridMoves.openWithDeterminism(n, config.determinism());
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

  /** The objects in row-major order of their cells (unmodifiable). */
  public List<WorldObject> objects() {
    return objects;
  }

  /** The true state reward r(s), a copy. */
  public double[] stateReward() {
    return stateReward.clone();
  }

  /** The MDP with the true reward lifted to r(s,a) = r(s) (built on first call, then shared). */
  public synchronized TabularMdp mdp() {
    if (mdp == null) {
      mdp = moves.stateRewardMdp(config.gamma(), stateReward);
    }
    return mdp;
  }

  /** The 2C nearest-object distances (inner colours, then outer colours). */
  public synchronized StateFeatures continuousFeatures() {
    if (continuousFeatures == null) {
      continuousFeatures = StateFeatures.of(moves.numStates, 2 * config.numColours(),
          continuous, continuousNames);
    }
    return continuousFeatures;
  }

  /** The 2C·(N−1) indicators [distance &lt; d], d = 1..N−1, grouped by distance feature. */
  public synchronized StateFeatures discreteFeatures() {
    if (discreteFeatures == null) {
      int numStates = moves.numStates;
      int k = 2 * config.numColours();
      int n = config.size();
      int kd = k * (n - 1);
      double[] phi = new double[numStates * kd];
      for (int s = 0; s < numStates; s++) {
        for (int j = 0; j < k; j++) {
          double dist = continuous[s * k + j];
          for (int d = 1; d < n; d++) {
            phi[s * kd + j * (n - 1) + d - 1] = dist < d ? 1 : 0;
          }
        }
      }
      List<String> names = new ArrayList<>(kd);
      for (int j = 0; j < k; j++) {
        for (int d = 1; d < n; d++) {
          names.add(continuousNames.get(j) + "<" + d);
        }
      }
      discreteFeatures = StateFeatures.of(numStates, kd, phi, names);
    }
    return discreteFeatures;
  }

  /** The default features: {@link #continuousFeatures()}. */
  public StateFeatures features() {
    return continuousFeatures();
  }

  /**
   * The deterministic successor of every state under action a (length N²; s itself across the
   * border). Shared: not to be modified.
   */
  public int[] nextState(int a) {
    return moves.nextTable(a);
  }

  /**
   * Whether the noise is a uniform slip, i.e. determinism ≥ 1/5: then P(s'|s,a) =
   * (1 − ε)[s' = next(s,a)] + (ε/5)·#{b : next(s,b) = s'} with ε = {@link #slip()}.
   */
  public boolean isUniformSlip() {
    return moves.isUniformSlip();
  }

  /**
   * The equivalent uniform slip ε = 5·(1 − determinism)/4 (0.375 for determinism 0.7).
   *
   * @throws IllegalStateException when determinism &lt; 1/5 (no uniform slip gives it)
   */
  public double slip() {
    return moves.checkedSlip(config.determinism());
  }

  /**
   * The structured dynamics for the grid kernel of soft value iteration (state reward, γ,
   * uniform d0, no terminals), built from the move tables without the CSR arrays.
   */
  public UniformSlipDynamics dynamics() {
    return moves.stateRewardDynamics(config.gamma(), stateReward);
  }

  @Override
  public String toString() {
    return "ObjectWorld[N=" + config.size() + ", C=" + config.numColours() + ", objects="
        + objects.size() + ", seed=" + config.seed() + "]";
  }
}
