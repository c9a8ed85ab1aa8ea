package org.gridrl.irl.sampled;

import java.util.Arrays;
import org.gridrl.core.mdp.TabularMdp;
import org.gridrl.core.pg.Batch;
import org.gridrl.core.pg.Sampler.ObservationEncoder;
import org.gridrl.core.util.Check;
import org.gridrl.irl.Demonstrations;

/**
 * Experience as trajectories of transitions (o_t, a_t, o_{t+1}, done_t): the data every
 * sample-based IRL method learns from, whether it came from a tabular or a continuous world.
 * Immutable (the arrays are copied in and never handed out for writing).
 *
 * <p><b>Layout</b> (row-major, as {@link Batch}): N rows in trajectory order; trajectory i is
 * rows [{@code start(i)}, {@code start(i + 1)}). {@link #observations()} and
 * {@link #nextObservations()}: N × obsDim; {@link #actions()}: N × actionDim (a discrete action
 * is its index as a double, actionDim = 1, and also an int in {@link #actionIndices()}, null
 * when continuous). {@link #hasNext()}: whether row t has a successor observation; it is false
 * only for the last row of a trajectory read from data that does not record the observation
 * after the last action (a CSV of (o_t, a_t) rows), and then that row's next observation is
 * zeros and it is used by methods of (o, a) pairs (behaviour cloning, GAIL) but not of
 * (o, a, o') triples (AIRL's shaping term). {@link #terminated()}: o_{t+1} is terminal, so a
 * shaping potential h(o_{t+1}) counts as 0 there.
 */
public final class Transitions {

  private final int obsDim;
  private final int actionDim;
  private final int numActions;
  private final double[] observations;
  private final double[] actions;
  private final int[] actionIndices;
  private final double[] nextObservations;
  private final boolean[] hasNext;
  private final boolean[] terminated;
  private final int[] starts;

  /**
   * Transitions from arrays (copied).
   *
   * @param obsDim observation length, ≥ 1
   * @param actionDim action length, ≥ 1 (1 for discrete actions)
   * @param numActions the number of discrete actions, or 0 for continuous actions
   * @param observations N × obsDim. Not modified.
   * @param actions N × actionDim; for discrete actions the indices in [0, numActions) as
   *     doubles. Not modified.
   * @param nextObservations N × obsDim (rows without a successor are ignored). Not modified.
   * @param hasNext length N. Not modified.
   * @param terminated length N; only rows with a successor may be terminated. Not modified.
   * @param starts the first row of each trajectory: starts[0] = 0, strictly increasing, all
   *     below N; at least one trajectory. Not modified.
   */
  public static Transitions of(int obsDim, int actionDim, int numActions, double[] observations,
      double[] actions, double[] nextObservations, boolean[] hasNext, boolean[] terminated,
      int[] starts) {
    Check.argument(obsDim >= 1, "obsDim must be >= 1, got %s", obsDim);
    Check.argument(actionDim >= 1, "actionDim must be >= 1, got %s", actionDim);
    Check.argument(numActions >= 0, "numActions must be >= 0, got %s", numActions);
    Check.argument(numActions == 0 || actionDim == 1,
        "discrete actions need actionDim 1, got %s", actionDim);
    Check.notNull("observations", observations);
    Check.notNull("actions", actions);
    Check.notNull("nextObservations", nextObservations);
    Check.notNull("hasNext", hasNext);
    Check.notNull("terminated", terminated);
    Check.notNull("starts", starts);
    int n = hasNext.length;
    Check.argument(n >= 1, "transitions need at least one row");
    Check.argument(observations.length == n * obsDim,
        "observations has %s entries, expected %s", observations.length, n * obsDim);
    Check.argument(nextObservations.length == n * obsDim,
        "nextObservations has %s entries, expected %s", nextObservations.length, n * obsDim);
    Check.argument(actions.length == n * actionDim,
        "actions has %s entries, expected %s", actions.length, n * actionDim);
    Check.argument(terminated.length == n, "terminated has %s entries, expected %s",
        terminated.length, n);
    Check.argument(starts.length >= 1 && starts[0] == 0,
        "starts must begin with 0 (the first trajectory's first row)");
    for (int i = 1; i < starts.length; i++) {
      Check.argument(starts[i] > starts[i - 1] && starts[i] < n,
          "starts must increase strictly and stay below N = %s, got starts[%s] = %s", n, i,
          starts[i]);
    }
    for (int t = 0; t < n; t++) {
      Check.argument(hasNext[t] || !terminated[t], "row %s is terminated but has no successor",
          t);
      for (int j = 0; j < obsDim; j++) {
        Check.argument(Double.isFinite(observations[t * obsDim + j]),
            "observation of row %s has %s at %s", t, observations[t * obsDim + j], j);
      }
    }
    int[] indices = null;
    if (numActions > 0) {
      indices = new int[n];
      for (int t = 0; t < n; t++) {
        double a = actions[t];
        Check.argument(a == Math.rint(a) && a >= 0 && a < numActions,
            "action of row %s must be an index in [0, %s), got %s", t, numActions, a);
        indices[t] = (int) a;
      }
    } else {
      for (int i = 0; i < actions.length; i++) {
        Check.argument(Double.isFinite(actions[i]), "action of row %s has %s", i / actionDim,
            actions[i]);
      }
    }
    return new Transitions(obsDim, actionDim, numActions, observations.clone(), actions.clone(),
        indices, nextObservations.clone(), hasNext.clone(), terminated.clone(), starts.clone());
  }

  private Transitions(int obsDim, int actionDim, int numActions, double[] observations,
      double[] actions, int[] actionIndices, double[] nextObservations, boolean[] hasNext,
      boolean[] terminated, int[] starts) {
    this.obsDim = obsDim;
    this.actionDim = actionDim;
    this.numActions = numActions;
    this.observations = observations;
    this.actions = actions;
    this.actionIndices = actionIndices;
    this.nextObservations = nextObservations;
    this.hasNext = hasNext;
    this.terminated = terminated;
    this.starts = starts;
  }

  /**
   * The episodes of a batch from {@code Sampler.collectEpisodes} (or any batch whose segments
   * are trajectories): every row has its successor; terminated rows keep the flag, truncated
   * ones do not (a time limit is not a terminal state).
   *
   * @param batch the experience; its rewards and log-probabilities are not kept. Not modified.
   * @param numActions the number of discrete actions, or 0 for a continuous batch
   */
  public static Transitions of(Batch batch, int numActions) {
    Check.notNull("batch", batch);
    Check.argument(batch.discrete() == (numActions > 0),
        "numActions must be > 0 exactly for a discrete batch, got %s", numActions);
    int n = batch.size();
    int[] starts = new int[batch.numSegments()];
    int k = 0;
    for (int t = 0; t < n; t++) {
      if (t == 0 || batch.last()[t - 1]) {
        starts[k++] = t;
      }
    }
    boolean[] hasNext = new boolean[n];
    Arrays.fill(hasNext, true);
    return of(batch.observationDim(), batch.actionDim(), numActions, batch.observations(),
        batch.actions(), batch.nextObservations(), hasNext, batch.terminated(), starts);
  }

  /**
   * Tabular demonstrations as transitions, each state encoded as an observation. Step t of a
   * trajectory goes to step t + 1; a trajectory's last step has a successor only when it is a
   * terminal state reached (as {@link Demonstrations#sample} records it): then the step before
   * it is the terminated transition and the terminal step itself, whose action has no effect, is
   * dropped. Any other last step (the horizon cut it) keeps its (o, a) pair without a successor.
   *
   * @param demos the trajectories. Not modified.
   * @param mdp tells which states are terminal (its dynamics and rewards are not used). Not
   *     modified.
   * @param encoder state → observation (one-hot, features)
   * @param obsDim the observation length the encoder writes
   */
  public static Transitions fromDemonstrations(Demonstrations demos, TabularMdp mdp,
      ObservationEncoder<Integer> encoder, int obsDim) {
    Check.notNull("demos", demos);
    Check.notNull("mdp", mdp);
    Check.notNull("encoder", encoder);
    Check.argument(demos.numStates() == mdp.numStates() && demos.numActions() == mdp.numActions(),
        "demonstrations are over S=%s, A=%s but the MDP has S=%s, A=%s", demos.numStates(),
        demos.numActions(), mdp.numStates(), mdp.numActions());
    int rows = 0;
    for (int i = 0; i < demos.size(); i++) {
      int len = demos.length(i);
      rows += len > 1 && mdp.isTerminal(demos.state(i, len - 1)) ? len - 1 : len;
    }
    double[] obs = new double[rows * obsDim];
    double[] next = new double[rows * obsDim];
    double[] act = new double[rows];
    boolean[] hasNext = new boolean[rows];
    boolean[] terminated = new boolean[rows];
    int[] starts = new int[demos.size()];
    int r = 0;
    for (int i = 0; i < demos.size(); i++) {
      starts[i] = r;
      int len = demos.length(i);
      boolean endsTerminal = len > 1 && mdp.isTerminal(demos.state(i, len - 1));
      int keep = endsTerminal ? len - 1 : len;
      for (int t = 0; t < keep; t++, r++) {
        encoder.encode(demos.state(i, t), obs, r * obsDim);
        act[r] = demos.action(i, t);
        if (t + 1 < len) {
          encoder.encode(demos.state(i, t + 1), next, r * obsDim);
          hasNext[r] = true;
          terminated[r] = endsTerminal && t + 1 == len - 1;
        }
      }
    }
    return of(obsDim, 1, demos.numActions(), obs, act, next, hasNext, terminated,
        dropEmpty(starts, rows));
  }

  // a trajectory of one terminal step leaves no rows; its start would repeat the next one's
  private static int[] dropEmpty(int[] starts, int rows) {
    return Arrays.stream(starts).distinct().filter(s -> s < rows).toArray();
  }

  /** N, the number of rows. */
  public int size() {
    return hasNext.length;
  }

  /** The number of trajectories. */
  public int numTrajectories() {
    return starts.length;
  }

  /** The first row of trajectory i; {@code start(numTrajectories())} is N. */
  public int start(int i) {
    return i == starts.length ? hasNext.length : starts[i];
  }

  /** The number of rows of trajectory i. */
  public int length(int i) {
    return start(i + 1) - start(i);
  }

  /** The observation length. */
  public int observationDim() {
    return obsDim;
  }

  /** The action length (1 for discrete actions). */
  public int actionDim() {
    return actionDim;
  }

  /** Whether actions are discrete indices. */
  public boolean discrete() {
    return numActions > 0;
  }

  /** The number of discrete actions; 0 for continuous actions. */
  public int numActions() {
    return numActions;
  }

  /** N × obsDim observations o_t; do not modify. */
  public double[] observations() {
    return observations;
  }

  /** N × actionDim actions a_t; do not modify. */
  public double[] actions() {
    return actions;
  }

  /** The discrete actions as ints (null when continuous); do not modify. */
  public int[] actionIndices() {
    return actionIndices;
  }

  /** N × obsDim successor observations o_{t+1} (zeros where {@link #hasNext} is false). */
  public double[] nextObservations() {
    return nextObservations;
  }

  /** Whether row t has a successor observation; do not modify. */
  public boolean[] hasNext() {
    return hasNext;
  }

  /** Whether o_{t+1} is terminal; do not modify. */
  public boolean[] terminated() {
    return terminated;
  }

  /** The number of rows with a successor (the (o, a, o') triples). */
  public int numTriples() {
    int k = 0;
    for (boolean b : hasNext) {
      k += b ? 1 : 0;
    }
    return k;
  }

  /** The first {@code count} trajectories (nested sets for "quality against data"). */
  public Transitions first(int count) {
    Check.argument(count >= 1 && count <= starts.length,
        "count must be in [1, %s], got %s", starts.length, count);
    int n = start(count);
    return new Transitions(obsDim, actionDim, numActions,
        Arrays.copyOf(observations, n * obsDim), Arrays.copyOf(actions, n * actionDim),
        actionIndices == null ? null : Arrays.copyOf(actionIndices, n),
        Arrays.copyOf(nextObservations, n * obsDim), Arrays.copyOf(hasNext, n),
        Arrays.copyOf(terminated, n), Arrays.copyOf(starts, count));
  }

  @Override
  public String toString() {
    return "Transitions[" + starts.length + " trajectories, " + size() + " rows, obs "
        + obsDim + ", " + (discrete() ? numActions + " actions" : "action " + actionDim) + "]";
  }
}
