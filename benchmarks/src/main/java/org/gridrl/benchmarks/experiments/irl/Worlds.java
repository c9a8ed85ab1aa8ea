package org.gridrl.benchmarks.experiments.irl;

import org.gridrl.core.mdp.StateFeatures;
import org.gridrl.core.mdp.TabularMdp;
import org.gridrl.envs.tabular.BinaryWorld;
import org.gridrl.envs.tabular.ObjectWorld;

/** The benchmark worlds of the sweeps, by name, with their feature sets. */
final class Worlds {

  private Worlds() {
  }

  /**
   * One drawn world.
   *
   * @param mdp dynamics, γ, uniform d0 and the true reward
   * @param trueReward r(s)
   * @param size N (s = row·N + col)
   * @param object the ObjectWorld, or null
   * @param binary the BinaryWorld, or null
   */
  record World(TabularMdp mdp, double[] trueReward, int size, ObjectWorld object,
      BinaryWorld binary) {

    /** The named feature set. */
    StateFeatures features(String set) {
      return switch (set) {
        case "continuous" -> object.continuousFeatures();
        case "discrete" -> object.discreteFeatures();
        case "binary" -> binary.features();
        default -> throw new IllegalArgumentException("unknown feature set " + set);
      };
    }
  }

  /**
   * The world of a sweep config drawn with a seed (ObjectWorld/BinaryWorld defaults, or the
   * toolkit's reward scale).
   */
  static World draw(IrlSweepConfig config, long seed) {
    if (IrlSweepConfig.isObjectWorld(config.world())) {
      ObjectWorld.Config c = "objectworld-toolkit".equals(config.world())
          ? ObjectWorld.Config.toolkitScale(seed) : ObjectWorld.Config.defaults(seed);
      ObjectWorld w = new ObjectWorld(c.withSize(config.size()));
      return new World(w.mdp(), w.stateReward(), config.size(), w, null);
    }
    BinaryWorld w = new BinaryWorld(BinaryWorld.Config.defaults(seed).withSize(config.size()));
    return new World(w.mdp(), w.stateReward(), config.size(), null, w);
  }
}
