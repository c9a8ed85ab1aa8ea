package org.gridrl.meta.baselines;

import java.util.Arrays;
import org.gridrl.core.util.Check;
import org.gridrl.envs.meta.HiddenGoalGrid;

/**
 * The Bayes-optimal planner of a hidden-goal trial ({@link HiddenGoalGrid}), by exact dynamic
 * programming over the belief. With U = C \ V the candidates not yet visited (the posterior is
 * uniform on U until the goal is found) and W the return summed over the goals in U (the
 * expected return times |U|, so every quantity is an integer number of tenths):
 * <pre>
 *   W(c, V, t, e) = max_a [ [c' ∈ U]·F(c', t, e) − (|U| − [c' ∈ U])·0.1 + W(c', V ∪ {c'} ∩ C, t + 1, e) ],
 *   F(g, t, e)    = 1·(H − t) + (E − 1 − e)·R_oracle(g),          c' = move(c, a),
 *   W(c, V, H, e) = W(start, V, 0, e + 1),     W(·, V, 0, E) = 0,
 * </pre>
 * F being the return of goal g found at the 0-based step t of episode e (stay on it, then the
 * oracle's episodes, {@link HiddenGoalOracle}). The Bayes-optimal value is W(start, ∅, 0, 0)/K.
 * Until the goal is found the only observation is "not yet", so the optimal policy is one search
 * path ({@link GoalSearchPolicy}); it is read off the DP by the arg max (lowest action on ties,
 * the integers making ties exact). This is the belief MDP of the posterior p(g | τ) ∝ [g ∉ V]
 * (Zintgraf et al. 2020's "Bayes-optimal" grid agent; the environment is VariBAD's
 * {@code environments/navigation/gridworld.py}).
 *
 * <p>Windows and bounds. The DP is memoised on (c, V, t, e); V ranges over the visited sets of
 * the reachable search paths, which is small on 3×3 and for one episode on 5×5, but grows
 * quickly with the number of episodes planned at once. A window plans W episodes
 * e_0..e_0+W−1 exactly and ends with a continuation value for the goals still in U:
 * <ul>
 *   <li>{@link Continuation#NONE}: the window reaches the end of the trial: exact.
 *   <li>{@link Continuation#REVEAL}: the goal is told after the window, each remaining episode
 *       worth R_oracle(g): an information relaxation, so W(start, ∅, 0, 0)/K is an <em>upper
 *       bound</em> on the Bayes-optimal value ({@link #upperBound}), equal to it when the window
 *       is the whole trial.
 *   <li>{@link Continuation#GIVE_UP}: −0.1·H per remaining episode (stay at the start): the
 *       value of a feasible policy. Re-planning a window at every episode (receding horizon,
 *       {@link #receding}) is a feasible search path whose exact expected return
 *       ({@link GoalSearchPolicy#expectedReturn}) is a <em>lower bound</em> on the optimum.
 * </ul>
 * On VariBAD's 5×5 trial (K = 21, H = 15, E = 4) one episode takes 352,316 belief states
 * (under a second), two take 36,412,704 (about 40 s, 4 GB), four are out of reach. The bracket
 * closes anyway: the two-episode {@code REVEAL} arg max visits all 21 candidates within two
 * episodes, so its exact value as a feasible path, 7815/210 = 37.2142857…, equals the
 * one-episode {@code REVEAL} upper bound; that path is stored ({@link #varibadSearchPath()}) and
 * the equality is checked in the tests ({@link #bounds}). So the Bayes-optimal value of
 * VariBAD's trial is exact: 37.2142857… (4.0 in episode 1, 232.5/21 = 11.0714… in each of
 * episodes 2–4, where every goal is already known), against the oracle's 930/21 = 44.2857….
 */
public final class GoalSearchPlanner {

  /** The value after a window for the goals not yet found. */
  public enum Continuation {
    /** The window ends the trial: nothing remains. */
    NONE,
    /** The goal is told: R_oracle(g) per remaining episode (an upper bound). */
    REVEAL,
    /** Stay at the start: −0.1·H per remaining episode (a feasible policy's value). */
    GIVE_UP
  }

  /**
   * The result of planning one window.
   *
   * @param valueTenths W at the window's root, the return summed over the goals in U, in tenths
   *     (counting from the window's first step, the continuation included)
   * @param path the window's search path, W·H actions
   * @param states the number of memoised belief states
   */
  public record Window(long valueTenths, int[] path, long states) { }

  /** Default cap on memoised belief states, at most about 1 GB of memo (16 bytes a slot, at most half full). */
  public static final long DEFAULT_MAX_STATES = 20_000_000L;

  private final GoalSearchSetting setting;
  private final int size;
  private final int horizon;
  private final int[] candidateIndex;
  private final long[] oracleTenths;
  private final int firstEpisode;
  private final int windowEpisodes;
  private final Continuation continuation;
  private final long maxStates;
  private final LongLongMap memo;

  private GoalSearchPlanner(GoalSearchSetting setting, int firstEpisode, int windowEpisodes,
      Continuation continuation, long maxStates) {
    this.setting = setting;
    this.size = setting.size();
    this.horizon = setting.horizon();
    int cells = size * size;
    this.candidateIndex = new int[cells];
    Arrays.fill(candidateIndex, -1);
    int[] c = setting.candidates();
    this.oracleTenths = new long[cells];
    for (int i = 0; i < c.length; i++) {
      candidateIndex[c[i]] = i;
      oracleTenths[c[i]] = setting.oracleEpisodeTenths(c[i]);
    }
    this.firstEpisode = firstEpisode;
    this.windowEpisodes = windowEpisodes;
    this.continuation = continuation;
    this.maxStates = maxStates;
    this.memo = new LongLongMap(1 << 12);
  }

  /**
   * Plans episodes e_0..e_0+W−1 exactly from the visited set V_0 (goal not yet found).
   *
   * @param visited V_0 as a candidate mask ({@link GoalBelief#visited()})
   * @param firstEpisode e_0 ∈ [0, E)
   * @param windowEpisodes W ∈ [1, E − e_0]
   * @param continuation the value after the window; {@code NONE} only when the window ends the
   *     trial
   * @param maxStates cap on memoised states, ≥ 1
   * @throws IllegalStateException when the memo would exceed maxStates (the message says so)
   */
  public static Window solveWindow(GoalSearchSetting setting, long visited, int firstEpisode,
      int windowEpisodes, Continuation continuation, long maxStates) {
    Check.notNull("setting", setting);
    Check.notNull("continuation", continuation);
    Check.argument(setting.numCandidates() <= 40, "at most 40 candidates (size <= 6), got %s",
        setting.numCandidates());
    Check.argument(firstEpisode >= 0 && firstEpisode < setting.episodes(),
        "firstEpisode must be in [0, %s), got %s", setting.episodes(), firstEpisode);
    Check.argument(windowEpisodes >= 1 && firstEpisode + windowEpisodes <= setting.episodes(),
        "windowEpisodes must be in [1, %s], got %s", setting.episodes() - firstEpisode,
        windowEpisodes);
    boolean ends = firstEpisode + windowEpisodes == setting.episodes();
    Check.argument(continuation != Continuation.NONE || ends,
        "continuation NONE needs a window that ends the trial, got episodes %s..%s of %s",
        firstEpisode, firstEpisode + windowEpisodes - 1, setting.episodes());
    Check.argument(visited >= 0 && visited < (1L << setting.numCandidates()),
        "visited must be a mask of %s candidates, got %s", setting.numCandidates(), visited);
    Check.argument(maxStates >= 1, "maxStates must be >= 1, got %s", maxStates);
    double keyBits = setting.numCandidates()
        + Math.log((double) setting.size() * setting.size() * setting.horizon() * windowEpisodes)
        / Math.log(2);
    Check.argument(keyBits < 63, "a belief state (V, c, t, e) needs %s bits, more than a long",
        keyBits);
    GoalSearchPlanner p = new GoalSearchPlanner(setting, firstEpisode, windowEpisodes,
        ends ? Continuation.NONE : continuation, maxStates);
    long value = p.value(HiddenGoalGrid.START, visited, 0, 0);
    return new Window(value, p.path(visited), p.memo.size());
  }

  /**
   * The Bayes-optimal policy for the whole trial (one window of E episodes), exact. For
   * VariBAD's setting ({@link GoalSearchSetting#varibad()}), where that DP is out of reach, it is
   * the stored {@link #varibadSearchPath()}, whose optimality is certified by
   * {@link #bounds}: its exact value equals the one-episode {@code REVEAL} upper bound.
   *
   * @throws IllegalStateException if it needs more than {@link #DEFAULT_MAX_STATES} states
   *     (not for VariBAD's setting, answered by the stored path)
   */
  public static GoalSearchPolicy bayesOptimal(GoalSearchSetting setting) {
    Check.notNull("setting", setting);
    if (setting.equals(GoalSearchSetting.varibad())) {
      return new GoalSearchPolicy(setting, varibadSearchPath());
    }
    Window w = solveWindow(setting, 0, 0, setting.episodes(), Continuation.NONE,
        DEFAULT_MAX_STATES);
    return new GoalSearchPolicy(setting, w.path());
  }

  /**
   * The Bayes-optimal expected trial return W(start, ∅, 0, 0)/K, exact; for VariBAD's setting the
   * stored path's exact value (see {@link #bayesOptimal}).
   */
  public static double bayesOptimalValue(GoalSearchSetting setting) {
    Check.notNull("setting", setting);
    if (setting.equals(GoalSearchSetting.varibad())) {
      return bayesOptimal(setting).expectedReturn();
    }
    return solveWindow(setting, 0, 0, setting.episodes(), Continuation.NONE,
        DEFAULT_MAX_STATES).valueTenths() / (10.0 * setting.numCandidates());
  }

  /**
   * An upper bound on the Bayes-optimal expected trial return: the first W episodes planned
   * exactly, the goal revealed after them (exact value when W = E).
   *
   * @param windowEpisodes W ∈ [1, E]
   */
  public static double upperBound(GoalSearchSetting setting, int windowEpisodes) {
    Check.notNull("setting", setting);
    return solveWindow(setting, 0, 0, windowEpisodes, Continuation.REVEAL, DEFAULT_MAX_STATES)
        .valueTenths() / (10.0 * setting.numCandidates());
  }

  /**
   * A feasible policy, hence a lower bound: at the start of each episode e, plan the window
   * e..min(e + W, E) − 1 exactly from the current visited set with the given continuation, and
   * follow its first episode (receding horizon). Whatever the continuation used for planning,
   * the result is one search path, so its exact value {@link GoalSearchPolicy#expectedReturn()}
   * is a lower bound on the optimum; with W = E it is the Bayes-optimal policy. With
   * {@code GIVE_UP} each re-plan can copy the previous window's remainder, so the value is at
   * least the first window's W(start, ∅, 0, 0)/K.
   *
   * @param windowEpisodes W ∈ [1, E]
   * @param continuation how each window values the goals it leaves unfound
   */
  public static GoalSearchPolicy receding(GoalSearchSetting setting, int windowEpisodes,
      Continuation continuation) {
    Check.notNull("setting", setting);
    Check.notNull("continuation", continuation);
    Check.argument(windowEpisodes >= 1 && windowEpisodes <= setting.episodes(),
        "windowEpisodes must be in [1, %s], got %s", setting.episodes(), windowEpisodes);
    int h = setting.horizon();
    int[] path = new int[setting.episodes() * h];
    int[] candidateIndex = new int[setting.size() * setting.size()];
    Arrays.fill(candidateIndex, -1);
    int[] c = setting.candidates();
    for (int i = 0; i < c.length; i++) {
      candidateIndex[c[i]] = i;
    }
    long visited = 0;
    for (int e = 0; e < setting.episodes(); e++) {
      int w = Math.min(windowEpisodes, setting.episodes() - e);
      Window win = solveWindow(setting, visited, e, w, continuation, DEFAULT_MAX_STATES);
      int cell = HiddenGoalGrid.START;
      for (int t = 0; t < h; t++) {
        int a = win.path()[t];
        path[e * h + t] = a;
        cell = HiddenGoalGrid.move(setting.size(), cell, a);
        if (candidateIndex[cell] >= 0) {
          visited |= 1L << candidateIndex[cell];
        }
      }
    }
    return new GoalSearchPolicy(setting, path);
  }

  /**
   * A Bayes-optimal search path for VariBAD's setting (5×5, H = 15, E = 4), E·H actions. It is
   * the arg max of the two-episode window with the {@code REVEAL} continuation (36,412,704 belief
   * states, about 40 s and 4 GB, run once), padded with {@code STAY}: episode 1 sweeps
   * up 4, right 3, down 3, left, up 2, left, down; episode 2 goes right 4, up 4; by then all 21
   * candidates are visited. Its exact expected return, 7815/210 = 37.2142857…, equals the
   * one-episode {@code REVEAL} upper bound {@code upperBound(varibad(), 1)}, so no policy does
   * better: it is optimal, and the value is the Bayes-optimal value.
   */
  public static int[] varibadSearchPath() {
    int[] path = new int[60];
    int[] firstTwoEpisodes = {
        1, 1, 1, 1, 2, 2, 2, 3, 3, 3, 4, 1, 1, 4, 3,
        2, 2, 2, 2, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0};
    System.arraycopy(firstTwoEpisodes, 0, path, 0, firstTwoEpisodes.length);
    return path;
  }

  /**
   * Brackets the Bayes-optimal value V*: lower = the candidate's exact expected return (it is
   * feasible), upper = {@link #upperBound}(setting, relaxationEpisodes); V* is known exactly when
   * they meet.
   *
   * @param candidate a feasible policy for this setting. Not modified.
   * @param relaxationEpisodes the exact window of the upper bound, in [1, E]
   */
  public static GoalSearchBounds bounds(GoalSearchSetting setting, GoalSearchPolicy candidate,
      int relaxationEpisodes) {
    Check.notNull("setting", setting);
    Check.notNull("candidate", candidate);
    Check.argument(candidate.setting().equals(setting),
        "candidate is for %s, not %s", candidate.setting(), setting);
    double upper = upperBound(setting, relaxationEpisodes);
    return new GoalSearchBounds(candidate.expectedReturn(), upper, candidate);
  }

  /** W(c, V, t, e) with e counted within the window. */
  private long value(int cell, long visited, int t, int e) {
    if (t == horizon) {
      return value(HiddenGoalGrid.START, visited, 0, e + 1);
    }
    if (e == windowEpisodes) {
      return terminal(visited);
    }
    long key = key(cell, visited, t, e);
    long cached = memo.get(key);
    if (cached != LongLongMap.MISSING) {
      return cached;
    }
    long best = Long.MIN_VALUE;
    for (int a = 0; a < HiddenGoalGrid.NUM_ACTIONS; a++) {
      best = Math.max(best, actionValue(cell, visited, t, e, a));
    }
    if (memo.size() >= maxStates) {
      throw new IllegalStateException("GoalSearchPlanner: more than " + maxStates
          + " belief states for " + setting + " with a window of " + windowEpisodes
          + " episodes; plan a shorter window (upperBound / receding)");
    }
    memo.put(key, best);
    return best;
  }

  /** The bracket of the DP for one action. */
  private long actionValue(int cell, long visited, int t, int e, int a) {
    int next = HiddenGoalGrid.move(size, cell, a);
    int unvisited = setting.numCandidates() - Long.bitCount(visited);
    int idx = candidateIndex[next];
    long v;
    long nextVisited = visited;
    if (idx >= 0 && (visited >>> idx & 1) == 0) {
      int absoluteEpisode = firstEpisode + e;
      long found = 10L * (horizon - t)
          + (long) (setting.episodes() - 1 - absoluteEpisode) * oracleTenths[next];
      v = found - (unvisited - 1);
      nextVisited = visited | (1L << idx);
    } else {
      v = -unvisited;
    }
    return v + value(next, nextVisited, t + 1, e);
  }

  /** The continuation for the goals in U after the window. */
  private long terminal(long visited) {
    int remaining = setting.episodes() - firstEpisode - windowEpisodes;
    if (remaining == 0 || continuation == Continuation.NONE) {
      return 0;
    }
    long sum = 0;
    for (int g : setting.candidates()) {
      if ((visited >>> candidateIndex[g] & 1) == 0) {
        sum += continuation == Continuation.REVEAL ? oracleTenths[g] * remaining
            : -(long) horizon * remaining;
      }
    }
    return sum;
  }

  /** The arg-max path from the window's root (lowest action on ties). */
  private int[] path(long visited) {
    int[] out = new int[windowEpisodes * horizon];
    int cell = HiddenGoalGrid.START;
    for (int e = 0; e < windowEpisodes; e++) {
      cell = HiddenGoalGrid.START;
      for (int t = 0; t < horizon; t++) {
        int bestA = 0;
        long best = Long.MIN_VALUE;
        for (int a = 0; a < HiddenGoalGrid.NUM_ACTIONS; a++) {
          long v = actionValue(cell, visited, t, e, a);
          if (v > best) {
            best = v;
            bestA = a;
          }
        }
        out[e * horizon + t] = bestA;
        cell = HiddenGoalGrid.move(size, cell, bestA);
        int idx = candidateIndex[cell];
        if (idx >= 0) {
          visited |= 1L << idx;
        }
      }
    }
    return out;
  }

  private long key(int cell, long visited, int t, int e) {
    return ((visited * (size * size) + cell) * horizon + t) * windowEpisodes + e;
  }
}
