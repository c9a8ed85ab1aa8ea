package org.gridrl.irl.sampled;

import java.util.ArrayList;
import java.util.List;
import org.gridrl.core.env.Env;
import org.gridrl.core.env.Step;
import org.gridrl.core.env.TabularEnv;
import org.gridrl.core.env.TimeLimit;
import org.gridrl.core.mdp.TabularMdp;
import org.gridrl.core.mdp.TabularPolicy;
import org.gridrl.core.pg.PpoConfig;
import org.gridrl.core.pg.Sampler;
import org.gridrl.core.pg.Sampler.ObservationEncoder;
import org.gridrl.core.planning.SoftValueIteration;
import org.gridrl.core.util.Rng;
import org.gridrl.envs.continuous.PointNavigation;
import org.gridrl.envs.tabular.GridWorld;
import org.gridrl.irl.Demonstrations;

/** Worlds, experts and small budgets shared by the GAIL and AIRL tests. */
final class AdversarialFixtures {

  /** Side of the open grid. */
  static final int SIDE = 5;
  /** States of the open grid. */
  static final int STATES = SIDE * SIDE;
  /** Steps per episode, for the demonstrations and the learner's time limit. */
  static final int EPISODE = 15;

  private AdversarialFixtures() {
  }

  /** r(s) ~ U[−1, 1) from Rng(42), one per cell of the 5×5 grid. */
  static double[] gridReward() {
    double[] r = new double[STATES];
    Rng rng = new Rng(42);
    for (int s = 0; s < STATES; s++) {
      r[s] = rng.nextDouble(-1, 1);
    }
    return r;
  }

  /** The open 5×5 grid, no slip (deterministic), 5 actions, r(s) = {@link #gridReward}, γ 0.9. */
  static TabularMdp grid() {
    return GridWorld.open(SIDE, 0.0, gridReward(), 0.9).mdp();
  }

  /** The soft-optimal policy of the MDP (soft VI, temperature 1). */
  static TabularPolicy softExpert(TabularMdp mdp) {
    return SoftValueIteration.solve(mdp).policy();
  }

  /** {@code count} demonstrations of {@link #EPISODE} steps from the soft-optimal expert. */
  static Transitions gridDemos(TabularMdp mdp, int count, long seed) {
    Demonstrations d = Demonstrations.sample(mdp, softExpert(mdp), count, EPISODE, seed);
    return Transitions.fromDemonstrations(d, mdp, ObservationEncoder.oneHot(mdp.numStates()),
        mdp.numStates());
  }

  /** {@code envs} one-hot environments of the MDP, each cut at {@link #EPISODE} steps. */
  static Sampler<Integer, Integer> gridSampler(TabularMdp mdp, int envs) {
    List<Env<Integer, Integer>> list = new ArrayList<>();
    for (int i = 0; i < envs; i++) {
      list.add(new TimeLimit<>(new TabularEnv(mdp), EPISODE));
    }
    return Sampler.oneHot(list, mdp.numStates());
  }

  /** PPO for the grid: T steps per env, γ 0.9, 4 epochs of 64, η 1e-2, no entropy, [32]. */
  static PpoConfig gridPpo(int stepsPerEnv) {
    return new PpoConfig(1, stepsPerEnv, 0.9, 0.95, 0.2, 0.0, true, 4, 64, 1e-2, 0.0, 0.5, 0.5,
        List.of(32), 0.0, 0);
  }

  /** The PointNavigation goal of the continuous tests. */
  static final double GOAL_X = 0.3;
  static final double GOAL_Y = -0.2;
  /** Steps per PointNavigation episode in the tests. */
  static final int POINT_EPISODE = 20;

  /** {@code envs} PointNavigation environments with the fixed goal, cut at 20 steps. */
  static Sampler<double[], double[]> pointSampler(int envs) {
    List<Env<double[], double[]>> list = new ArrayList<>();
    for (int i = 0; i < envs; i++) {
      list.add(new TimeLimit<>(PointNavigation.withGoal(GOAL_X, GOAL_Y), POINT_EPISODE));
    }
    return Sampler.vector(list);
  }

  /**
   * Episodes of the controller a = clip(g − p, ±0.1) + N(0, σ²) on PointNavigation (the env
   * clips again), each until it terminates at the goal or is cut at 20 steps; every row has its
   * successor.
   */
  static Transitions pointDemos(int episodes, double sigma, long seed) {
    Rng rng = new Rng(seed);
    List<double[]> obs = new ArrayList<>();
    List<double[]> act = new ArrayList<>();
    List<double[]> next = new ArrayList<>();
    List<Boolean> term = new ArrayList<>();
    List<Integer> starts = new ArrayList<>();
    for (int e = 0; e < episodes; e++) {
      starts.add(obs.size());
      Env<double[], double[]> env = new TimeLimit<>(PointNavigation.withGoal(GOAL_X, GOAL_Y),
          POINT_EPISODE);
      double[] p = env.reset(rng.nextLong());
      while (true) {
        double[] a = {
            clip(GOAL_X - p[0]) + sigma * rng.nextGaussian(),
            clip(GOAL_Y - p[1]) + sigma * rng.nextGaussian()};
        Step<double[]> st = env.step(a);
        obs.add(p);
        act.add(a);
        next.add(st.observation());
        term.add(st.terminated());
        p = st.observation();
        if (st.terminated() || st.truncated()) {
          break;
        }
      }
    }
    int n = obs.size();
    double[] o = new double[2 * n];
    double[] a = new double[2 * n];
    double[] o2 = new double[2 * n];
    boolean[] hasNext = new boolean[n];
    boolean[] terminated = new boolean[n];
    for (int t = 0; t < n; t++) {
      System.arraycopy(obs.get(t), 0, o, 2 * t, 2);
      System.arraycopy(act.get(t), 0, a, 2 * t, 2);
      System.arraycopy(next.get(t), 0, o2, 2 * t, 2);
      hasNext[t] = true;
      terminated[t] = term.get(t);
    }
    return Transitions.of(2, 2, 0, o, a, o2, hasNext, terminated,
        starts.stream().mapToInt(Integer::intValue).toArray());
  }

  private static double clip(double v) {
    return Math.max(-PointNavigation.MAX_SPEED, Math.min(PointNavigation.MAX_SPEED, v));
  }
}
