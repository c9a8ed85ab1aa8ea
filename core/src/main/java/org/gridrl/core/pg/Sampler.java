package org.gridrl.core.pg;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.ejml.data.DMatrixRMaj;
import org.gridrl.core.autodiff.Tape;
import org.gridrl.core.env.Box;
import org.gridrl.core.env.Discrete;
import org.gridrl.core.env.Env;
import org.gridrl.core.env.Space;
import org.gridrl.core.env.Step;
import org.gridrl.core.env.TaskDistribution;
import org.gridrl.core.util.Rng;

/**
 * Rolls out a policy in N environments in lock step (one batched forward pass per time step)
 * and returns a {@link Batch}. Environment i is task i of the batch ({@link Batch#tasks()}).
 *
 * <p><b>Seeding.</b> {@link #reseed(long)} (algorithms call it with their config's seed)
 * fixes everything: environment i's k-th episode starts with {@code reset(seed_ik)} where
 * seed_ik is the k-th draw of {@code new Rng(seed).fork(i)}, and actions are drawn from
 * {@code new Rng(seed).fork(N)} row by row in environment order. The same seed, policy
 * parameters and call sequence give the same batch, bit for bit.
 *
 * <p><b>Two modes.</b> {@link #collect(Policy, int)} runs T steps in every environment and
 * carries unfinished episodes over to the next call (the last step of each environment is a
 * rollout cut: {@code last} without {@code terminated}/{@code truncated}, so estimators
 * bootstrap there). {@link #collectEpisodes(Policy, int)} starts fresh episodes and runs each
 * environment until k episodes ended (use a {@code TimeLimit}). In both, an episode that ends
 * with {@code terminated} is not bootstrapped and one that ends with {@code truncated} (a time
 * limit) is; when both flags are set, terminated wins.
 *
 * <p>Observations are encoded into doubles by an {@link ObservationEncoder} (one-hot for a
 * tabular state, identity for a vector); actions are decoded from the policy's doubles by the
 * action space: a {@link Discrete} space gets an {@code Integer}, a {@link Box} a
 * {@code double[]}. Not thread-safe.
 *
 * @param <O> observation type
 * @param <A> action type ({@code Integer} or {@code double[]})
 */
public final class Sampler<O, A> {

  /** Writes an observation as obsDim doubles. */
  @FunctionalInterface
  public interface ObservationEncoder<O> {
    /**
     * @param observation the environment's observation. Not modified.
     * @param out the destination. Modified.
     * @param offset where to write the obsDim numbers
     */
    void encode(O observation, double[] out, int offset);

    /** One-hot encoding of a state index in [0, n). */
    static ObservationEncoder<Integer> oneHot(int n) {
      return (s, out, offset) -> {
        java.util.Arrays.fill(out, offset, offset + n, 0.0);
        out[offset + s] = 1.0;
      };
    }

    /** A vector observation copied as is. */
    static ObservationEncoder<double[]> identity() {
      return (x, out, offset) -> System.arraycopy(x, 0, out, offset, x.length);
    }
  }

  private final List<Env<O, A>> envs;
  private final ObservationEncoder<O> encoder;
  private final int obsDim;
  private final boolean discrete;
  private final int actionDim;
  private final int numEnvs;
  private final Tape tape = new Tape();

  private Rng[] resetSeeds;
  private Rng actionRng;
  private final double[] current;      // numEnvs × obsDim, the current observation
  private final boolean[] running;     // env has an episode in progress
  private final double[] epReturn;
  private final int[] epLength;

  /**
   * A sampler over the given environments (at least one, same spaces), seeded with 0 until
   * {@link #reseed(long)}.
   *
   * @param envs the environments, environment i is task i. Modified by stepping.
   * @param encoder observation → doubles
   * @param obsDim the number of doubles per observation
   */
  public Sampler(List<? extends Env<O, A>> envs, ObservationEncoder<O> encoder, int obsDim) {
    if (envs.isEmpty()) {
      throw new IllegalArgumentException("a sampler needs at least one environment");
    }
    if (obsDim < 1) {
      throw new IllegalArgumentException("obsDim must be >= 1, got " + obsDim);
    }
    this.envs = new ArrayList<>(envs);
    this.encoder = encoder;
    this.obsDim = obsDim;
    this.numEnvs = envs.size();
    Space as = envs.get(0).actionSpace();
    if (as instanceof Discrete) {
      discrete = true;
      actionDim = 1;
    } else {
      discrete = false;
      actionDim = ((Box) as).dim();
    }
    for (Env<O, A> e : envs) {
      if (!e.actionSpace().equals(as)) {
        throw new IllegalArgumentException("environments have different action spaces: " + as
            + " and " + e.actionSpace());
      }
    }
    current = new double[numEnvs * obsDim];
    running = new boolean[numEnvs];
    epReturn = new double[numEnvs];
    epLength = new int[numEnvs];
    reseed(0);
  }

  /**
   * A sampler over tabular environments (Integer states and actions) with one-hot
   * observations of length {@code numStates}.
   */
  public static Sampler<Integer, Integer> oneHot(List<? extends Env<Integer, Integer>> envs,
      int numStates) {
    return new Sampler<>(envs, ObservationEncoder.oneHot(numStates), numStates);
  }

  /** A sampler over vector-observation environments (observations used as they are). */
  public static <A> Sampler<double[], A> vector(List<? extends Env<double[], A>> envs) {
    Space os = envs.get(0).observationSpace();
    int dim = os instanceof Box b ? b.dim() : 1;
    return new Sampler<>(envs, ObservationEncoder.identity(), dim);
  }

  /**
   * A sampler over n tasks drawn from a task distribution, T_i ~ p(T) with {@code rng}, each
   * turned into its environment; step i of the batch carries task index i.
   *
   * @param rng the task stream. Modified.
   */
  public static <T, O, A> Sampler<O, A> forTasks(TaskDistribution<T> tasks, int n,
      Function<? super T, ? extends Env<O, A>> toEnv, ObservationEncoder<O> encoder,
      int obsDim, Rng rng) {
    if (n < 1) {
      throw new IllegalArgumentException("number of tasks must be >= 1, got " + n);
    }
    List<Env<O, A>> envs = new ArrayList<>();
    for (T t : tasks.sample(n, rng)) {
      envs.add(toEnv.apply(t));
    }
    return new Sampler<>(envs, encoder, obsDim);
  }

  /** Restarts every stream from {@code seed}; the next collect starts fresh episodes. */
  public void reseed(long seed) {
    Rng root = new Rng(seed);
    resetSeeds = new Rng[numEnvs];
    for (int i = 0; i < numEnvs; i++) {
      resetSeeds[i] = root.fork(i);
    }
    actionRng = root.fork(numEnvs);
    java.util.Arrays.fill(running, false);
  }

  /** Number of environments N. */
  public int numEnvs() {
    return numEnvs;
  }

  /** Observation dimension after encoding. */
  public int observationDim() {
    return obsDim;
  }

  /** Whether the action space is discrete. */
  public boolean discrete() {
    return discrete;
  }

  /** Action dimension (1 when discrete). */
  public int actionDim() {
    return actionDim;
  }

  /** The number of actions of a discrete action space. */
  public int numActions() {
    return ((Discrete) envs.get(0).actionSpace()).n();
  }

  /** The environments, in task order. */
  public List<Env<O, A>> envs() {
    return envs;
  }

  /**
   * Runs {@code steps} steps in every environment (N·steps in all), continuing episodes from
   * the previous call. Steps are laid out environment by environment.
   */
  public Batch collect(Policy policy, int steps) {
    if (steps < 1) {
      throw new IllegalArgumentException("steps per environment must be >= 1, got " + steps);
    }
    checkPolicy(policy);
    int n = numEnvs * steps;
    Buffers b = new Buffers(n);
    for (int i = 0; i < numEnvs; i++) {
      if (!running[i]) {
        startEpisode(i);
      }
    }
    DMatrixRMaj obs = new DMatrixRMaj(numEnvs, obsDim);
    DMatrixRMaj act = new DMatrixRMaj(numEnvs, actionDim);
    double[] logp = new double[numEnvs];
    for (int t = 0; t < steps; t++) {
      System.arraycopy(current, 0, obs.data, 0, numEnvs * obsDim);
      tape.reset();
      policy.act(tape, obs, actionRng, act, logp);
      for (int i = 0; i < numEnvs; i++) {
        int row = i * steps + t;
        stepInto(i, row, act, logp, b, true);
        if (t == steps - 1) {
          b.last[row] = true;
        }
      }
    }
    return b.toBatch();
  }

  /**
   * Starts a fresh episode in every environment and runs each until {@code episodes} episodes
   * of it ended (terminated or truncated); the batch holds whole episodes only, environment by
   * environment. Wrap unbounded environments in a {@code TimeLimit}.
   */
  public Batch collectEpisodes(Policy policy, int episodes) {
    if (episodes < 1) {
      throw new IllegalArgumentException("episodes per environment must be >= 1, got "
          + episodes);
    }
    checkPolicy(policy);
    DMatrixRMaj obs = new DMatrixRMaj(1, obsDim);
    DMatrixRMaj act = new DMatrixRMaj(1, actionDim);
    double[] logp = new double[1];
    Buffers b = new Buffers(1024);
    b.size = 0;
    for (int i = 0; i < numEnvs; i++) {
      for (int k = 0; k < episodes; k++) {
        startEpisode(i);
        while (running[i]) {
          System.arraycopy(current, i * obsDim, obs.data, 0, obsDim);
          tape.reset();
          policy.act(tape, obs, actionRng, act, logp);
          b.ensure(b.size + 1);
          stepInto(i, b.size, act, logp, b, false);
          b.size++;
        }
      }
    }
    b.trim();
    return b.toBatch();
  }

  private void checkPolicy(Policy policy) {
    if (policy.observationDim() != obsDim || policy.actionDim() != actionDim
        || policy.discrete() != discrete) {
      throw new IllegalArgumentException("policy (obs " + policy.observationDim() + ", action "
          + policy.actionDim() + (policy.discrete() ? " discrete" : " continuous")
          + ") does not match the environments (obs " + obsDim + ", action " + actionDim
          + (discrete ? " discrete" : " continuous") + ")");
    }
  }

  private void startEpisode(int i) {
    O o = envs.get(i).reset(resetSeeds[i].nextLong());
    encoder.encode(o, current, i * obsDim);
    running[i] = true;
    epReturn[i] = 0;
    epLength[i] = 0;
  }

  @SuppressWarnings("unchecked")
  private void stepInto(int i, int row, DMatrixRMaj act, double[] logp, Buffers b,
      boolean lockStep) {
    int actRow = lockStep ? i : 0;
    A action;
    if (discrete) {
      action = (A) Integer.valueOf((int) act.data[actRow]);
    } else {
      double[] a = new double[actionDim];
      System.arraycopy(act.data, actRow * actionDim, a, 0, actionDim);
      action = (A) a;
    }
    System.arraycopy(current, i * obsDim, b.obs, row * obsDim, obsDim);
    System.arraycopy(act.data, actRow * actionDim, b.actions, row * actionDim, actionDim);
    if (discrete) {
      b.actionIndices[row] = (int) act.data[actRow];
    }
    b.logProbs[row] = logp[actRow];
    Step<O> step = envs.get(i).step(action);
    encoder.encode(step.observation(), current, i * obsDim);
    System.arraycopy(current, i * obsDim, b.next, row * obsDim, obsDim);
    b.rewards[row] = step.reward();
    b.tasks[row] = i;
    epReturn[i] += step.reward();
    epLength[i]++;
    if (step.terminated() || step.truncated()) {
      b.terminated[row] = step.terminated();
      b.truncated[row] = step.truncated() && !step.terminated();
      b.last[row] = true;
      b.addEpisode(epReturn[i], epLength[i]);
      running[i] = false;
      if (lockStep) {
        startEpisode(i); // lock-step mode: the next step of env i starts a new episode
      }
    }
  }

  /** Growable step buffers. */
  private final class Buffers {
    int size;
    double[] obs;
    double[] next;
    double[] actions;
    int[] actionIndices;
    double[] rewards;
    double[] logProbs;
    boolean[] terminated;
    boolean[] truncated;
    boolean[] last;
    int[] tasks;
    double[] epReturns = new double[16];
    int[] epLengths = new int[16];
    int episodes;

    Buffers(int n) {
      size = n;
      alloc(n);
    }

    private void alloc(int n) {
      obs = new double[n * obsDim];
      next = new double[n * obsDim];
      actions = new double[n * actionDim];
      actionIndices = discrete ? new int[n] : null;
      rewards = new double[n];
      logProbs = new double[n];
      terminated = new boolean[n];
      truncated = new boolean[n];
      last = new boolean[n];
      tasks = new int[n];
    }

    void ensure(int n) {
      if (n <= rewards.length) {
        return;
      }
      int cap = Math.max(n, 2 * rewards.length);
      obs = java.util.Arrays.copyOf(obs, cap * obsDim);
      next = java.util.Arrays.copyOf(next, cap * obsDim);
      actions = java.util.Arrays.copyOf(actions, cap * actionDim);
      if (discrete) {
        actionIndices = java.util.Arrays.copyOf(actionIndices, cap);
      }
      rewards = java.util.Arrays.copyOf(rewards, cap);
      logProbs = java.util.Arrays.copyOf(logProbs, cap);
      terminated = java.util.Arrays.copyOf(terminated, cap);
      truncated = java.util.Arrays.copyOf(truncated, cap);
      last = java.util.Arrays.copyOf(last, cap);
      tasks = java.util.Arrays.copyOf(tasks, cap);
    }

    void trim() {
      int n = size;
      size = rewards.length;
      if (n != rewards.length) {
        size = n;
        obs = java.util.Arrays.copyOf(obs, n * obsDim);
        next = java.util.Arrays.copyOf(next, n * obsDim);
        actions = java.util.Arrays.copyOf(actions, n * actionDim);
        if (discrete) {
          actionIndices = java.util.Arrays.copyOf(actionIndices, n);
        }
        rewards = java.util.Arrays.copyOf(rewards, n);
        logProbs = java.util.Arrays.copyOf(logProbs, n);
        terminated = java.util.Arrays.copyOf(terminated, n);
        truncated = java.util.Arrays.copyOf(truncated, n);
        last = java.util.Arrays.copyOf(last, n);
        tasks = java.util.Arrays.copyOf(tasks, n);
      }
    }

    void addEpisode(double ret, int len) {
      if (episodes == epReturns.length) {
        epReturns = java.util.Arrays.copyOf(epReturns, 2 * episodes);
        epLengths = java.util.Arrays.copyOf(epLengths, 2 * episodes);
      }
      epReturns[episodes] = ret;
      epLengths[episodes] = len;
      episodes++;
    }

    Batch toBatch() {
      return new Batch(obsDim, actionDim, obs, actions, actionIndices, rewards, logProbs, next,
          terminated, truncated, last, tasks, java.util.Arrays.copyOf(epReturns, episodes),
          java.util.Arrays.copyOf(epLengths, episodes));
    }
  }
}
