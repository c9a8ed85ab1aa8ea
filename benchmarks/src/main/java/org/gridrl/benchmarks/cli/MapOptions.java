package org.gridrl.benchmarks.cli;

import java.util.Map;
import org.gridrl.envs.tabular.GridWorld;
import picocli.CommandLine.Option;

/**
 * How a grid map becomes an MDP: the options of {@code --map} (a picocli mixin). {@code --gamma}
 * is declared by each command's subclass, as its help differs: {@code solve} also applies it to
 * an {@code --mdp} file ({@link OfSolve}), {@code render} takes maps only ({@link OfRender}).
 */
public abstract class MapOptions {

  @Option(names = "--slip", paramLabel = "p",
      description = "The map's slip: the probability p in [0, 1] that the chosen action is"
          + " replaced by one drawn uniformly from all actions. Default: 0.")
  Double slip;

  @Option(names = "--actions", paramLabel = "4|5",
      description = "The map's actions: 4 (north, east, south, west) or 5 (plus stay)."
          + " Default: 4.")
  Integer actions;

  @Option(names = "--step-reward", paramLabel = "c",
      description = "The map's reward added to every step from a non-terminal cell. Default: -1"
          + " (with the goal's 100, a soft policy at τ = 1 heads for the goal; with a goal worth"
          + " 1 and no step cost, the entropy bonus of about log A per step outweighs the goal)."
          + " The library's defaults (GridWorld.Options) are 0 and 1.")
  Double stepReward;

  @Option(names = "--goal-reward", paramLabel = "R",
      description = "The map's reward for entering a goal cell G. Default: 100.")
  Double goalReward;

  /** The command line's step reward when {@code --step-reward} is absent. */
  static final double DEFAULT_STEP_REWARD = -1;
  /** The command line's goal reward when {@code --goal-reward} is absent. */
  static final double DEFAULT_GOAL_REWARD = 100;

  /** The fields of {@code GridWorld.Options} these options set, and the option of each. */
  static final Map<String, String> OPTION_OF_FIELD = Map.of("slip", "--slip", "numActions",
      "--actions", "gamma", "--gamma", "stepReward", "--step-reward", "goalReward",
      "--goal-reward");

  /** {@code --gamma}, or null if not given. */
  abstract Double gamma();

  /** {@code solve}'s map options: its {@code --gamma} also replaces an MDP file's γ. */
  public static final class OfSolve extends MapOptions {
    @Option(names = "--gamma", paramLabel = "g",
        description = "The MDP's discount γ: in [0, 1) for a map (default 0.95); for --mdp it"
            + " replaces the file's gamma and may be 1 (undiscounted), which only a --horizon"
            + " solve takes.")
    Double gamma;

    @Override
    Double gamma() {
      return gamma;
    }
  }

  /** {@code render}'s map options. */
  public static final class OfRender extends MapOptions {
    @Option(names = "--gamma", paramLabel = "g",
        description = "The map's discount γ in [0, 1). Default: 0.95.")
    Double gamma;

    @Override
    Double gamma() {
      return gamma;
    }
  }

  /**
   * The grid options, built once: {@code GridWorld.Options.defaults()} with the command line's
   * step and goal rewards (−1 and 100) and each given option; a bad value names its option.
   */
  GridWorld.Options gridOptions() {
    GridWorld.Options d = GridWorld.Options.defaults();
    Double g = gamma();
    return OptionErrors.build(OPTION_OF_FIELD, () -> new GridWorld.Options(
        slip != null ? slip : d.slip(), actions != null ? actions : d.numActions(),
        g != null ? g : d.gamma(),
        stepReward != null ? stepReward : DEFAULT_STEP_REWARD,
        goalReward != null ? goalReward : DEFAULT_GOAL_REWARD, d.goalTerminal(),
        d.rewardTiming(), d.lavaReward(), d.legend()));
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
