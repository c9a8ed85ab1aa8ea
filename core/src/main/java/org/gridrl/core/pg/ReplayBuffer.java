package org.gridrl.core.pg;

import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;
import org.gridrl.core.util.Rng;

/**
 * A fixed-capacity ring buffer of transitions (s, a, r, s', terminated) for off-policy learning
 * (Lin 1992; Mnih et al. 2015): once full, each new transition overwrites the oldest. Minibatches
 * are drawn uniformly with replacement, i_k ~ U{0, …, size − 1}.
 *
 * <p>Storage is five preallocated row-major double arrays (transition i occupies
 * {@code observations[i·obsDim, (i+1)·obsDim)}, and so on); {@link #add} copies, and
 * {@link #sample} writes into a caller-owned {@link Minibatch}, so neither allocates. Only
 * <em>terminated</em> is stored: a time-limit truncation is not a terminal state and the
 * learner must still bootstrap from s' (Pardo et al. 2018). Not thread-safe.
 */
public final class ReplayBuffer {

  /**
   * A minibatch of B transitions as EJML matrices, reused across {@link #sample} calls.
   * Observations and next observations are B × obsDim, actions B × actDim, rewards and
   * terminated flags (1.0 or 0.0) B × 1.
   */
  public static final class Minibatch {
    /** s, B × obsDim. */
    public final DMatrixRMaj observations;
    /** a, B × actDim. */
    public final DMatrixRMaj actions;
    /** r, B × 1. */
    public final DMatrixRMaj rewards;
    /** s', B × obsDim. */
    public final DMatrixRMaj nextObservations;
    /** 1.0 where s' is terminal, else 0.0; B × 1. */
    public final DMatrixRMaj terminated;
    /** Buffer index of each row (for tests and prioritised variants). */
    public final int[] indices;

    /**
     * Preallocates a minibatch.
     *
     * @param batchSize B ≥ 1
     * @param obsDim observation dimension ≥ 1
     * @param actDim action dimension ≥ 1
     */
    public Minibatch(int batchSize, int obsDim, int actDim) {
      if (batchSize < 1 || obsDim < 1 || actDim < 1) {
        throw new IllegalArgumentException("batchSize, obsDim and actDim must be >= 1, got "
            + batchSize + ", " + obsDim + ", " + actDim);
      }
      observations = new DMatrixRMaj(batchSize, obsDim);
      actions = new DMatrixRMaj(batchSize, actDim);
      rewards = new DMatrixRMaj(batchSize, 1);
      nextObservations = new DMatrixRMaj(batchSize, obsDim);
      terminated = new DMatrixRMaj(batchSize, 1);
      indices = new int[batchSize];
    }

    /** B. */
    public int size() {
      return indices.length;
    }
  }

  private final int capacity;
  private final int obsDim;
  private final int actDim;
  private final double[] observations;
  private final double[] actions;
  private final double[] rewards;
  private final double[] nextObservations;
  private final double[] terminated;
  private int next;
  private int size;
  private long added;

  /**
   * An empty buffer.
   *
   * @param capacity maximum number of transitions kept, ≥ 1
   * @param obsDim observation dimension, ≥ 1
   * @param actDim action dimension, ≥ 1
   */
  public ReplayBuffer(int capacity, int obsDim, int actDim) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be >= 1, got " + capacity);
    }
    if (obsDim < 1) {
      throw new IllegalArgumentException("obsDim must be >= 1, got " + obsDim);
    }
    if (actDim < 1) {
      throw new IllegalArgumentException("actDim must be >= 1, got " + actDim);
    }
    if ((long) capacity * Math.max(obsDim, actDim) > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("capacity × dimension too large for an array: "
          + capacity + " × " + Math.max(obsDim, actDim));
    }
    this.capacity = capacity;
    this.obsDim = obsDim;
    this.actDim = actDim;
    observations = new double[capacity * obsDim];
    actions = new double[capacity * actDim];
    rewards = new double[capacity];
    nextObservations = new double[capacity * obsDim];
    terminated = new double[capacity];
  }

  /** Maximum number of transitions kept. */
  public int capacity() {
    return capacity;
  }

  /** Number of transitions held, min(added, capacity). */
  public int size() {
    return size;
  }

  /** Number of transitions ever added. */
  public long added() {
    return added;
  }

  /** Observation dimension. */
  public int obsDim() {
    return obsDim;
  }

  /** Action dimension. */
  public int actDim() {
    return actDim;
  }

  /**
   * Stores a transition, overwriting the oldest once full.
   *
   * @param obs s, length obsDim. Not modified (copied).
   * @param action a, length actDim. Not modified (copied).
   * @param reward r
   * @param nextObs s', length obsDim. Not modified (copied).
   * @param isTerminated whether s' is terminal (not merely the time limit)
   */
  public void add(double[] obs, double[] action, double reward, double[] nextObs,
      boolean isTerminated) {
    if (obs.length != obsDim || nextObs.length != obsDim) {
      throw new IllegalArgumentException("observations must have length " + obsDim + ", got "
          + obs.length + " and " + nextObs.length);
    }
    if (action.length != actDim) {
      throw new IllegalArgumentException("action must have length " + actDim + ", got "
          + action.length);
    }
    int i = next;
    System.arraycopy(obs, 0, observations, i * obsDim, obsDim);
    System.arraycopy(action, 0, actions, i * actDim, actDim);
    rewards[i] = reward;
    System.arraycopy(nextObs, 0, nextObservations, i * obsDim, obsDim);
    terminated[i] = isTerminated ? 1.0 : 0.0;
    next = i + 1 == capacity ? 0 : i + 1;
    if (size < capacity) {
      size++;
    }
    added++;
  }

  /**
   * Fills {@code out} with {@code out.size()} transitions drawn uniformly with replacement.
   *
   * @param rng the random stream (one {@link Rng#nextInt} per row). Modified.
   * @param out the minibatch; its dimensions must match. Modified.
   * @throws IllegalStateException if the buffer is empty
   */
  public void sample(Rng rng, Minibatch out) {
    if (size == 0) {
      throw new IllegalStateException("cannot sample from an empty replay buffer");
    }
    if (out.observations.numCols != obsDim || out.actions.numCols != actDim) {
      throw new IllegalArgumentException("minibatch is for obsDim " + out.observations.numCols
          + ", actDim " + out.actions.numCols + "; this buffer has " + obsDim + ", " + actDim);
    }
    for (int k = 0; k < out.indices.length; k++) {
      int i = rng.nextInt(size);
      out.indices[k] = i;
      System.arraycopy(observations, i * obsDim, out.observations.data, k * obsDim, obsDim);
      System.arraycopy(actions, i * actDim, out.actions.data, k * actDim, actDim);
      out.rewards.data[k] = rewards[i];
      System.arraycopy(nextObservations, i * obsDim, out.nextObservations.data, k * obsDim,
          obsDim);
      out.terminated.data[k] = terminated[i];
    }
  }

  /** Empties the buffer (the arrays are kept and zeroed). */
  public void clear() {
    Arrays.fill(observations, 0);
    Arrays.fill(actions, 0);
    Arrays.fill(rewards, 0);
    Arrays.fill(nextObservations, 0);
    Arrays.fill(terminated, 0);
    next = 0;
    size = 0;
    added = 0;
  }

  /**
   * Copies transition i (0 = the oldest held) into the arrays given; for tests and inspection.
   *
   * @return its reward
   */
  public double get(int i, double[] obs, double[] action, double[] nextObs, boolean[] term) {
    if (i < 0 || i >= size) {
      throw new IndexOutOfBoundsException("transition " + i + " of " + size);
    }
    int j = size < capacity ? i : (next + i) % capacity;
    System.arraycopy(observations, j * obsDim, obs, 0, obsDim);
    System.arraycopy(actions, j * actDim, action, 0, actDim);
    System.arraycopy(nextObservations, j * obsDim, nextObs, 0, obsDim);
    term[0] = terminated[j] == 1.0;
    return rewards[j];
  }
}
