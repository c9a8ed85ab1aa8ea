package org.gridrl.irl;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.gridrl.core.env.TabularEnv;
import org.gridrl.core.mdp.TabularMdp;
import org.gridrl.core.mdp.TabularPolicy;
import org.gridrl.core.util.Check;
import org.gridrl.core.util.Rng;
import org.gridrl.core.util.TextFiles;

/**
 * N demonstrated trajectories τ_n = (s_0, a_0), (s_1, a_1), ..., (s_{L_n−1}, a_{L_n−1}) over
 * S states and A actions: the data every IRL method here fits. Immutable.
 *
 * <p><b>Sampling.</b> {@link #sample} rolls a policy out on a {@link TabularEnv} over the MDP:
 * s_0 ~ d0, a_t ~ π(·|s_t), s_{t+1} ~ P(·|s_t, a_t), for {@code length} steps or until a terminal
 * state is reached. A terminal state is recorded at the step it is reached (with an action drawn from
 * π, which has no effect) and ends the trajectory, as {@code core.planning.StateVisitation}
 * counts terminal mass at its arrival step and no further. Trajectory n resets the environment
 * with seed {@code new Rng(seed).fork(2n).nextLong()} and draws its actions from
 * {@code new Rng(seed).fork(2n + 1)}, so the first k trajectories of a sample of N ≥ k are the
 * sample of k (nested demonstration sets for "EVD against the number of demonstrations").
 *
 * <p><b>CSV.</b> {@code trajectory,step,state,action}: a header line, then one row per step;
 * the rows of a trajectory are consecutive and its steps run 0, 1, 2, ... Trajectory ids are
 * labels (any integers ≥ 0) kept in order of appearance. Blank lines are skipped. Every error
 * is a {@link CsvFormatException} naming the source and line: a missing header, a wrong number
 * of fields, a field that is not an integer, a state or action outside the MDP, a step that
 * does not follow the previous one, a trajectory that resumes after another, no rows at all.
 */
public final class Demonstrations {

  /** The CSV header. */
  public static final String HEADER = "trajectory,step,state,action";

  private final int numStates;
  private final int numActions;
  private final int[][] states;
  private final int[][] actions;

  private Demonstrations(int numStates, int numActions, int[][] states, int[][] actions) {
    this.numStates = numStates;
    this.numActions = numActions;
    this.states = states;
    this.actions = actions;
  }

  /**
   * Demonstrations from arrays.
   *
   * @param numStates S ≥ 1
   * @param numActions A ≥ 1
   * @param states states[n][t] in [0, S); N ≥ 1 trajectories, each of length ≥ 1. Not modified
   *     (copied).
   * @param actions actions[n][t] in [0, A), the same shape as states. Not modified (copied).
   */
  public static Demonstrations of(int numStates, int numActions, int[][] states,
      int[][] actions) {
    Check.notNull("states", states);
    Check.notNull("actions", actions);
    if (numStates < 1 || numActions < 1) {
      throw new IllegalArgumentException("need S >= 1 and A >= 1, got S=" + numStates + ", A="
          + numActions);
    }
    if (states.length == 0) {
      throw new IllegalArgumentException("need at least one trajectory, got 0");
    }
    if (states.length != actions.length) {
      throw new IllegalArgumentException(states.length + " state sequences but "
          + actions.length + " action sequences");
    }
    int[][] s = new int[states.length][];
    int[][] a = new int[states.length][];
    for (int n = 0; n < states.length; n++) {
      if (states[n] == null || actions[n] == null) {
        throw new IllegalArgumentException("trajectory " + n + " is null");
      }
      if (states[n].length == 0) {
        throw new IllegalArgumentException("trajectory " + n + " is empty");
      }
      if (states[n].length != actions[n].length) {
        throw new IllegalArgumentException("trajectory " + n + " has " + states[n].length
            + " states but " + actions[n].length + " actions");
      }
      for (int t = 0; t < states[n].length; t++) {
        if (states[n][t] < 0 || states[n][t] >= numStates) {
          throw new IllegalArgumentException("trajectory " + n + " step " + t + ": state "
              + states[n][t] + " out of range [0, " + numStates + ")");
        }
        if (actions[n][t] < 0 || actions[n][t] >= numActions) {
          throw new IllegalArgumentException("trajectory " + n + " step " + t + ": action "
              + actions[n][t] + " out of range [0, " + numActions + ")");
        }
      }
      s[n] = states[n].clone();
      a[n] = actions[n].clone();
    }
    return new Demonstrations(numStates, numActions, s, a);
  }

  /** {@code count} trajectories of a policy from the MDP's own initial distribution. */
  public static Demonstrations sample(TabularMdp mdp, TabularPolicy pi, int count, int length,
      long seed) {
    Check.notNull("mdp", mdp);
    return sample(mdp, pi, count, length, mdp.initialDistribution(), seed);
  }

  /**
   * Rolls out a stationary policy: s_0 ~ d0, a_t ~ π(·|s_t), s_{t+1} ~ P(·|s_t, a_t), for
   * {@code length} steps or through the first terminal state.
   *
   * @param mdp the dynamics (rewards unused). Not modified.
   * @param pi the policy, S×A like the MDP. Not modified.
   * @param count N ≥ 1
   * @param length L ≥ 1, the steps per trajectory (fewer if a terminal is reached)
   * @param d0 start distribution, length S, non-negative, positive sum. Not modified.
   * @param seed the root of the per-trajectory streams (see the class doc)
   */
  public static Demonstrations sample(TabularMdp mdp, TabularPolicy pi, int count, int length,
      double[] d0, long seed) {
    Check.notNull("mdp", mdp);
    Check.notNull("pi", pi);
    Check.notNull("d0", d0);
    if (pi.numStates() != mdp.numStates() || pi.numActions() != mdp.numActions()) {
      throw new IllegalArgumentException("policy is " + pi.numStates() + "x" + pi.numActions()
          + " but the MDP has S=" + mdp.numStates() + ", A=" + mdp.numActions());
    }
    if (count < 1) {
      throw new IllegalArgumentException("count must be >= 1, got " + count);
    }
    if (length < 1) {
      throw new IllegalArgumentException("length must be >= 1, got " + length);
    }
    if (d0.length != mdp.numStates()) {
      throw new IllegalArgumentException("d0 must have length S = " + mdp.numStates() + ", got "
          + d0.length);
    }
    double mass = 0;
    for (int s = 0; s < d0.length; s++) {
      if (!(d0[s] >= 0) || Double.isInfinite(d0[s])) {
        throw new IllegalArgumentException("d0(" + s + ") must be finite and >= 0, got " + d0[s]);
      }
      mass += d0[s];
    }
    if (!(mass > 0)) {
      throw new IllegalArgumentException("d0 must have positive mass, got " + mass);
    }
    final int numActions = mdp.numActions();
    final TabularEnv env = new TabularEnv(d0 == mdp.initialDistribution() ? mdp
        : mdp.withInitialDistribution(normalised(d0, mass)));
    final Rng root = new Rng(seed);
    final int[][] states = new int[count][];
    final int[][] actions = new int[count][];
    final int[] sBuf = new int[length];
    final int[] aBuf = new int[length];
    for (int n = 0; n < count; n++) {
      final Rng policyRng = root.fork(2L * n + 1);
      int s = env.resetState(root.fork(2L * n).nextLong());
      int len = 0;
      while (true) {
        int a = pi.sample(s, policyRng);
        sBuf[len] = s;
        aBuf[len] = a;
        len++;
        if (len == length || env.terminated()) {
          break;
        }
        s = env.stepState(a);
      }
      states[n] = Arrays.copyOf(sBuf, len);
      actions[n] = Arrays.copyOf(aBuf, len);
    }
    return new Demonstrations(mdp.numStates(), numActions, states, actions);
  }

  private static double[] normalised(double[] d0, double mass) {
    double[] d = new double[d0.length];
    for (int s = 0; s < d.length; s++) {
      d[s] = d0[s] / mass;
    }
    return d;
  }

  /** Reads a CSV file (see the class doc); errors name the file and line. */
  public static Demonstrations read(Path file, int numStates, int numActions) {
    return read(file, numStates, numActions, Integer.MAX_VALUE);
  }

  /** Reads a CSV file, rejecting steps ≥ horizon; errors name the file and line. */
  public static Demonstrations read(Path file, int numStates, int numActions, int horizon) {
    try (Reader in = TextFiles.open(file)) {
      return read(in, file.toString(), numStates, numActions, horizon);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + TextFiles.reason(e), e);
    }
  }

  /**
   * Reads {@code trajectory,step,state,action} rows for an MDP with S states and A actions.
   *
   * @param in the text. Read to the end, not closed.
   * @param sourceName the label errors carry (usually the file name)
   * @throws CsvFormatException naming the source and line of the first bad row
   */
  public static Demonstrations read(Reader in, String sourceName, int numStates,
      int numActions) {
    return read(in, sourceName, numStates, numActions, Integer.MAX_VALUE);
  }

  /**
   * Reads {@code trajectory,step,state,action} rows, also rejecting any step ≥ a horizon H (so
   * that a command line can name the line of a demonstration longer than its horizon).
   *
   * @param in the text. Read to the end, not closed.
   * @param sourceName the label errors carry (usually the file name)
   * @param horizon H ≥ 1; a row with step ≥ H is an error
   * @throws CsvFormatException naming the source and line of the first bad row
   */
  public static Demonstrations read(Reader in, String sourceName, int numStates,
      int numActions, int horizon) {
    final BufferedReader br = in instanceof BufferedReader b ? b : new BufferedReader(in);
    final List<int[]> trajStates = new ArrayList<>();
    final List<int[]> trajActions = new ArrayList<>();
    final Set<Long> ids = new HashSet<>();
    int[] sBuf = new int[16];
    int[] aBuf = new int[16];
    int len = 0;
    long currentId = -1;
    int lineNo = 0;
    boolean header = false;
    try {
      String line;
      while ((line = br.readLine()) != null) {
        lineNo++;
        String text = (lineNo == 1 ? withoutByteOrderMark(line) : line).strip();
        if (text.isEmpty()) {
          continue;
        }
        if (!header) {
          if (!text.replace(" ", "").equalsIgnoreCase(HEADER)) {
            throw new CsvFormatException(sourceName, lineNo, "expected the header '" + HEADER
                + "', got '" + text + "'");
          }
          header = true;
          continue;
        }
        String[] f = text.split(",", -1);
        if (f.length != 4) {
          throw new CsvFormatException(sourceName, lineNo, "expected 4 fields "
              + "(trajectory,step,state,action), got " + f.length);
        }
        long id = parseLong(f[0], "trajectory", sourceName, lineNo);
        long step = parseLong(f[1], "step", sourceName, lineNo);
        long state = parseLong(f[2], "state", sourceName, lineNo);
        long action = parseLong(f[3], "action", sourceName, lineNo);
        if (id < 0) {
          throw new CsvFormatException(sourceName, lineNo, "trajectory id must be >= 0, got "
              + id);
        }
        if (state < 0 || state >= numStates) {
          throw new CsvFormatException(sourceName, lineNo, "unknown state " + state
              + ": the MDP has states 0.." + (numStates - 1));
        }
        if (action < 0 || action >= numActions) {
          throw new CsvFormatException(sourceName, lineNo, "unknown action " + action
              + ": the MDP has actions 0.." + (numActions - 1));
        }
        if (id != currentId) {
          if (ids.contains(id)) {
            throw new CsvFormatException(sourceName, lineNo, "trajectory " + id
                + " resumes after another trajectory; a trajectory's rows must be consecutive");
          }
          if (currentId >= 0) {
            trajStates.add(Arrays.copyOf(sBuf, len));
            trajActions.add(Arrays.copyOf(aBuf, len));
          }
          ids.add(id);
          currentId = id;
          len = 0;
        }
        if (step != len) {
          throw new CsvFormatException(sourceName, lineNo, "trajectory " + id + ": expected step "
              + len + ", got " + step + " (steps must run 0, 1, 2, ... without gaps)");
        }
        if (step >= horizon) {
          throw new CsvFormatException(sourceName, lineNo, "trajectory " + id + " step " + step
              + " is beyond the horizon " + horizon + " (steps must be < " + horizon + ")");
        }
        if (len == sBuf.length) {
          sBuf = Arrays.copyOf(sBuf, 2 * len);
          aBuf = Arrays.copyOf(aBuf, 2 * len);
        }
        sBuf[len] = (int) state;
        aBuf[len] = (int) action;
        len++;
      }
    } catch (TextFiles.NotTextException e) {
      throw new CsvFormatException(sourceName, e.line(), e.problem());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + sourceName + ": " + TextFiles.reason(e), e);
    }
    if (!header) {
      throw new CsvFormatException(sourceName, Math.max(lineNo, 1), "missing the header '"
          + HEADER + "' (the input is empty)");
    }
    if (currentId < 0) {
      throw new CsvFormatException(sourceName, lineNo, "no demonstration rows after the header");
    }
    trajStates.add(Arrays.copyOf(sBuf, len));
    trajActions.add(Arrays.copyOf(aBuf, len));
    return new Demonstrations(numStates, numActions, trajStates.toArray(new int[0][]),
        trajActions.toArray(new int[0][]));
  }

  /** The first line without a leading byte-order mark (U+FEFF), which files may start with. */
  static String withoutByteOrderMark(String firstLine) {
    return firstLine.startsWith("\uFEFF") ? firstLine.substring(1) : firstLine;
  }

  private static long parseLong(String field, String what, String source, int line) {
    String f = field.strip();
    try {
      return Long.parseLong(f);
    } catch (NumberFormatException e) {
      throw new CsvFormatException(source, line, what + " must be an integer, got '" + f + "'");
    }
  }

  /** Writes the CSV form (trajectories numbered 0..N−1). */
  public void write(Path file) {
    try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      write(out);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Writes the CSV form: the header, then {@code n,t,s,a} rows.
   *
   * @param out Modified (written, not closed).
   */
  public void write(Writer out) throws IOException {
    StringBuilder sb = new StringBuilder(HEADER).append('\n');
    for (int n = 0; n < states.length; n++) {
      for (int t = 0; t < states[n].length; t++) {
        sb.append(n).append(',').append(t).append(',').append(states[n][t]).append(',')
            .append(actions[n][t]).append('\n');
      }
      if (sb.length() > 1 << 16) {
        out.write(sb.toString());
        sb.setLength(0);
      }
    }
    out.write(sb.toString());
    out.flush();
  }

  /** Number of states S of the MDP the trajectories live in. */
  public int numStates() {
    return numStates;
  }

  /** Number of actions A. */
  public int numActions() {
    return numActions;
  }

  /** Number of trajectories N. */
  public int size() {
    return states.length;
  }

  /** L_n, the number of steps of trajectory n. */
  public int length(int n) {
    return states[n].length;
  }

  /** max_n L_n. */
  public int maxLength() {
    int m = 0;
    for (int[] s : states) {
      m = Math.max(m, s.length);
    }
    return m;
  }

  /** Total number of steps Σ_n L_n. */
  public int totalSteps() {
    int m = 0;
    for (int[] s : states) {
      m += s.length;
    }
    return m;
  }

  /** s_t of trajectory n. */
  public int state(int n, int t) {
    return states[n][t];
  }

  /** a_t of trajectory n. */
  public int action(int n, int t) {
    return actions[n][t];
  }

  /** A copy of the state sequences (for {@code FeatureExpectations.empirical}). */
  public int[][] states() {
    int[][] out = new int[states.length][];
    for (int n = 0; n < states.length; n++) {
      out[n] = states[n].clone();
    }
    return out;
  }

  /** A copy of the action sequences. */
  public int[][] actions() {
    int[][] out = new int[actions.length][];
    for (int n = 0; n < actions.length; n++) {
      out[n] = actions[n].clone();
    }
    return out;
  }

  /** The first {@code count} trajectories (1 ≤ count ≤ N). */
  public Demonstrations first(int count) {
    if (count < 1 || count > states.length) {
      throw new IllegalArgumentException("count must be in [1, " + states.length + "], got "
          + count);
    }
    return new Demonstrations(numStates, numActions, Arrays.copyOf(states, count),
        Arrays.copyOf(actions, count));
  }

  /** The empirical start distribution: the fraction of trajectories starting in each state. */
  public double[] startDistribution() {
    double[] d = new double[numStates];
    for (int[] s : states) {
      d[s[0]] += 1.0 / states.length;
    }
    return d;
  }

  /**
   * The discount-weighted empirical visitation D̂(s) = (1/N) Σ_n Σ_{t&lt;min(L_n, H)} c^t [s_t = s],
   * so that the demos' feature expectations are μ_D = Σ_s D̂(s) φ(s).
   *
   * @param discount c in [0, 1]
   * @param horizon H ≥ 1; steps at or beyond it are ignored
   */
  public double[] visitation(double discount, int horizon) {
    if (!(discount >= 0 && discount <= 1)) {
      throw new IllegalArgumentException("discount must be in [0, 1], got " + discount);
    }
    if (horizon < 1) {
      throw new IllegalArgumentException("horizon must be >= 1, got " + horizon);
    }
    double[] d = new double[numStates];
    final double inv = 1.0 / states.length;
    for (int[] s : states) {
      double c = inv;
      for (int t = 0; t < Math.min(s.length, horizon); t++) {
        d[s[t]] += c;
        c *= discount;
      }
    }
    return d;
  }

  /**
   * The demonstrated action of each state: the action taken most often there (the lowest index
   * among ties), or −1 for a state the demonstrations never visit. Terminal visits count like
   * any other; callers that care skip terminal states.
   */
  public int[] modalActions() {
    int[] counts = new int[numStates * numActions];
    for (int n = 0; n < states.length; n++) {
      for (int t = 0; t < states[n].length; t++) {
        counts[states[n][t] * numActions + actions[n][t]]++;
      }
    }
    int[] out = new int[numStates];
    for (int s = 0; s < numStates; s++) {
      int best = -1;
      int bestCount = 0;
      for (int a = 0; a < numActions; a++) {
        if (counts[s * numActions + a] > bestCount) {
          bestCount = counts[s * numActions + a];
          best = a;
        }
      }
      out[s] = best;
    }
    return out;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Demonstrations d && d.numStates == numStates
        && d.numActions == numActions && Arrays.deepEquals(d.states, states)
        && Arrays.deepEquals(d.actions, actions);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.deepHashCode(states) + Arrays.deepHashCode(actions);
  }

  @Override
  public String toString() {
    return "Demonstrations[N=" + states.length + ", steps=" + totalSteps() + ", S=" + numStates
        + ", A=" + numActions + "]";
  }
}
