package org.gridrl.benchmarks.cli;

import org.gridrl.envs.tabular.GridWorld;
import picocli.CommandLine.Option;

/** How a grid map becomes an MDP: the options of {@code --map} (a picocli mixin). */
public final class MapOptions {

  @Option(names = "--slip", paramLabel = "p",
      description = "Map only: probability in [0, 1] that the chosen action is replaced by one"
          + " drawn uniformly from all actions. Default: 0.")
  Double slip;

  @Option(names = "--actions", paramLabel = "4|5",
      description = "Map only: 4 actions (north, east, south, west) or 5 (plus stay)."
          + " Default: 4.")
  Integer actions;

  @Option(names = "--gamma", paramLabel = "g",
      description = "Discount γ in [0, 1). Default: 0.95 for a map; for --mdp, the file's gamma"
          + " (this option overrides it).")
  Double gamma;

  @Option(names = "--step-reward", paramLabel = "c",
      description = "Map only: reward added to every step from a non-terminal cell. Default: -1"
          + " (with the goal's 100, a soft policy at τ = 1 heads for the goal; with a goal worth"
          + " 1 and no step cost, the entropy bonus of about log A per step outweighs the goal)."
          + " The library's GridWorld.Options.defaults() has 0 and 1.")
  Double stepReward;

  @Option(names = "--goal-reward", paramLabel = "R",
      description = "Map only: reward for entering a goal cell G. Default: 100.")
  Double goalReward;

  /** The command line's step reward when {@code --step-reward} is absent. */
  static final double DEFAULT_STEP_REWARD = -1;
  /** The command line's goal reward when {@code --goal-reward} is absent. */
  static final double DEFAULT_GOAL_REWARD = 100;

  /**
   * The grid options: {@code GridWorld.Options.defaults()} with the command line's step and goal
   * rewards (−1 and 100), then each given option; bad values name the option.
   */
  GridWorld.Options gridOptions() {
    GridWorld.Options o = GridWorld.Options.defaults().withStepReward(DEFAULT_STEP_REWARD)
        .withGoalReward(DEFAULT_GOAL_REWARD);
    if (slip != null) {
      GridWorld.Options base = o;
      o = OptionErrors.naming("--slip", "slip", () -> base.withSlip(slip));
    }
    if (actions != null) {
      GridWorld.Options base = o;
      o = OptionErrors.naming("--actions", "numActions", () -> base.withNumActions(actions));
    }
    if (gamma != null) {
      GridWorld.Options base = o;
      o = OptionErrors.naming("--gamma", "gamma", () -> base.withGamma(gamma));
    }
    if (stepReward != null) {
      GridWorld.Options base = o;
      o = OptionErrors.naming("--step-reward", "stepReward", () -> base.withStepReward(stepReward));
    }
    if (goalReward != null) {
      GridWorld.Options base = o;
      o = OptionErrors.naming("--goal-reward", "goalReward", () -> base.withGoalReward(goalReward));
    }
    return o;
  }

  /** Rejects the map-only options for an {@code --mdp} problem. */
  void checkNotMapOnly() {
    if (slip != null) {
      throw new UsageException("--slip applies to --map only (an --mdp file has its own"
          + " transitions)");
    }
    if (stepReward != null || goalReward != null) {
      throw new UsageException((stepReward != null ? "--step-reward" : "--goal-reward")
          + " applies to --map only (an --mdp file has its own rewards)");
    }
    if (actions != null) {
      throw new UsageException("--actions applies to --map only (an --mdp file has its own"
          + " actions)");
    }
  }
}
