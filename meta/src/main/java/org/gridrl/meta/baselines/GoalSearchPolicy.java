package org.gridrl.meta.baselines;

import org.gridrl.core.util.Check;
import org.gridrl.envs.meta.HiddenGoalGrid;

/**
 * A search path with the oracle after the goal is found: π(b) = a_{eH+t} while the goal is
 * unknown, then the shortest path to g* (stay on it). Every deterministic policy of a
 * hidden-goal trial that acts optimally once the goal is known is of this form, because before
 * the goal is found every history is the same ("not yet"), so the policy is one open-loop
 * sequence of E·H actions; the Bayes-optimal policy ({@link GoalSearchPlanner}) is one of them.
 *
 * <p>Its expected return is exact: for each goal g the path first enters g at step t* of
 * episode e* (or never), and then
 * <pre>  R_e(g) = −0.1·H (e &lt; e*),  −0.1·t* + 1·(H − t*) (e = e*),  R_oracle(g) (e &gt; e*),</pre>
 * with t* the 0-based step that lands on g; E[R_e] = (1/K)·Σ_g R_e(g), summed in exact tenths.
 */
public final class GoalSearchPolicy implements HiddenGoalPolicy {

  private final GoalSearchSetting setting;
  private final int[] path;
  private final long[] episodeTenths;

  /**
   * A policy from a search path.
   *
   * @param path E·H actions, episode by episode, each in [0, 5). Not modified (copied).
   */
  public GoalSearchPolicy(GoalSearchSetting setting, int[] path) {
    this.setting = Check.notNull("setting", setting);
    Check.notNull("path", path);
    int length = setting.episodes() * setting.horizon();
    Check.argument(path.length == length, "path must hold E*H = %s actions, got %s", length,
        path.length);
    for (int i = 0; i < path.length; i++) {
      Check.argument(path[i] >= 0 && path[i] < HiddenGoalGrid.NUM_ACTIONS,
          "path[%s] must be an action in [0, 5), got %s", i, path[i]);
    }
    this.path = path.clone();
    this.episodeTenths = new long[setting.episodes()];
    for (int g : setting.candidates()) {
      long[] r = returnsTenths(g);
      for (int e = 0; e < r.length; e++) {
        episodeTenths[e] += r[e];
      }
    }
  }

  @Override
  public int act(GoalBelief belief) {
    if (belief.goalKnown()) {
      return HiddenGoalPolicy.stepTowards(setting.size(), belief.cell(), belief.goal());
    }
    return path[belief.episode() * setting.horizon() + belief.step()];
  }

  /** The search path (a copy). */
  public int[] path() {
    return path.clone();
  }

  /** The setting. */
  public GoalSearchSetting setting() {
    return setting;
  }

  /** R_e(g) for e = 0..E−1, the deterministic returns when the goal is g. */
  public double[] episodeReturns(int goal) {
    Check.argument(goal >= 0 && goal < setting.size() * setting.size()
        && HiddenGoalGrid.isCandidate(setting.size(), goal), "goal must be a candidate, got %s",
        goal);
    long[] r = returnsTenths(goal);
    double[] out = new double[r.length];
    for (int e = 0; e < r.length; e++) {
      out[e] = r[e] / 10.0;
    }
    return out;
  }

  /** E[R_e] for e = 0..E−1 under the uniform prior over goals (exact). */
  public double[] episodeReturns() {
    double[] out = new double[episodeTenths.length];
    for (int e = 0; e < out.length; e++) {
      out[e] = episodeTenths[e] / (10.0 * setting.numCandidates());
    }
    return out;
  }

  /** E[Σ_e R_e] under the uniform prior over goals (exact). */
  public double expectedReturn() {
    long sum = 0;
    for (long r : episodeTenths) {
      sum += r;
    }
    return sum / (10.0 * setting.numCandidates());
  }

  private long[] returnsTenths(int goal) {
    int h = setting.horizon();
    int episodes = setting.episodes();
    long[] r = new long[episodes];
    int foundEpisode = episodes;
    for (int e = 0; e < episodes && foundEpisode == episodes; e++) {
      int cell = HiddenGoalGrid.START;
      r[e] = -h;
      for (int t = 0; t < h; t++) {
        cell = HiddenGoalGrid.move(setting.size(), cell, path[e * h + t]);
        if (cell == goal) {
          r[e] = -t + 10L * (h - t);
          foundEpisode = e;
          break;
        }
      }
    }
    for (int e = foundEpisode + 1; e < episodes; e++) {
      r[e] = setting.oracleEpisodeTenths(goal);
    }
    return r;
  }
}
