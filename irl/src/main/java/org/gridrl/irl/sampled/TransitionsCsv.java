package org.gridrl.irl.sampled;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;
import org.gridrl.core.pg.Sampler;
import org.gridrl.core.util.Check;
import org.gridrl.core.util.Numbers;
import org.gridrl.core.util.TextFiles;
import org.gridrl.irl.CsvFormatException;

/**
 * Expert transitions as CSV: {@code trajectory,step,obs_0,...,obs_k,action_0,...,action_m}, a
 * header line then one row (o_t, a_t) per step, the k + 1 observation and m + 1 action columns
 * of the world's {@link Layout}; a discrete action is one column {@code action_0} holding its
 * index.
 *
 * <p><b>Reading.</b> The rows of a trajectory are consecutive and its steps run 0, 1, 2, ...;
 * trajectory ids are labels (any integers ≥ 0) kept in order of appearance; blank lines are
 * skipped; a leading byte-order mark is skipped ({@code core.util.TextFiles}). Row t's successor
 * observation o_{t+1} is row t + 1 of the same trajectory. <b>What the CSV does not hold:</b> the
 * observation after a trajectory's last action and whether the episode ended there. So the last
 * row of each trajectory has no successor ({@link Transitions#hasNext()} false: it serves methods
 * of (o, a) pairs, behaviour cloning and GAIL, but not AIRL's (o, a, o') triples), and no row is
 * terminated (there is no done column).
 *
 * <p>Every error is a {@link CsvFormatException} {@code source:line: what}, as
 * {@code Demonstrations.read}'s: a missing or wrong header (naming the first column that differs),
 * a wrong number of fields, a trajectory id or step that is not an integer, an observation or
 * continuous action that is not a finite decimal number, a discrete action that is not an integer
 * in [0, A), a step that does not follow the previous one, a trajectory that resumes after
 * another, no rows at all, a byte that is not UTF-8.
 *
 * <p><b>Writing</b> gives every number in its shortest exact decimal ({@code Numbers.shortest}),
 * so reading the file back gives the same doubles bit for bit, and writes through
 * {@code FILE.tmp} renamed over {@code FILE}, so a reader never meets half a file.
 */
public final class TransitionsCsv {

  /** Up to this many observation columns, a header mismatch quotes the whole expected header. */
  private static final int SPELLED_OUT = 6;
  /** A decimal number: what {@code Numbers.shortest} writes and spreadsheets export. */
  private static final Pattern DECIMAL =
      Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

  private TransitionsCsv() {
  }

  /**
   * The shape of a world's transitions: the observation length, the action length and, for
   * discrete actions, their number.
   *
   * @param obsDim the observation length k + 1 ≥ 1
   * @param actionDim the action length m + 1 ≥ 1 (1 for discrete actions)
   * @param numActions the number A of discrete actions, or 0 for continuous actions
   */
  public record Layout(int obsDim, int actionDim, int numActions) {

    /** Checks the shape. */
    public Layout {
      Check.positive("obsDim", obsDim);
      Check.positive("actionDim", actionDim);
      Check.nonNegative("numActions", numActions);
      Check.argument(numActions == 0 || actionDim == 1,
          "discrete actions need actionDim 1, got %s", actionDim);
    }

    /** Observations of length obsDim and A discrete actions. */
    public static Layout discrete(int obsDim, int numActions) {
      Check.positive("numActions", numActions);
      return new Layout(obsDim, 1, numActions);
    }

    /** Observations of length obsDim and actions of length actionDim. */
    public static Layout continuous(int obsDim, int actionDim) {
      return new Layout(obsDim, actionDim, 0);
    }

    /** The layout of a sampler's environments. */
    public static Layout of(Sampler<?, ?> sampler) {
      Check.notNull("sampler", sampler);
      return sampler.discrete() ? discrete(sampler.observationDim(), sampler.numActions())
          : continuous(sampler.observationDim(), sampler.actionDim());
    }

    /** The layout of some transitions. */
    public static Layout of(Transitions transitions) {
      Check.notNull("transitions", transitions);
      return new Layout(transitions.observationDim(), transitions.actionDim(),
          transitions.numActions());
    }

    /** Whether actions are discrete indices. */
    public boolean discrete() {
      return numActions > 0;
    }

    /** The column names, in order. */
    public String[] columns() {
      String[] c = new String[2 + obsDim + actionDim];
      c[0] = "trajectory";
      c[1] = "step";
      for (int j = 0; j < obsDim; j++) {
        c[2 + j] = "obs_" + j;
      }
      for (int j = 0; j < actionDim; j++) {
        c[2 + obsDim + j] = "action_" + j;
      }
      return c;
    }

    /** The header line, {@code trajectory,step,obs_0,...,action_0,...}. */
    public String header() {
      return String.join(",", columns());
    }

    /** The header as an error message quotes it: spelled out, or with "..." when long. */
    String describe() {
      if (obsDim <= SPELLED_OUT && actionDim <= SPELLED_OUT) {
        return header();
      }
      return "trajectory,step,obs_0,...,obs_" + (obsDim - 1) + ",action_0"
          + (actionDim > 1 ? ",...,action_" + (actionDim - 1) : "");
    }
  }

  /** Reads a CSV file of the given layout (see the class doc); errors name the file and line. */
  public static Transitions read(Path file, Layout layout) {
    Check.notNull("file", file);
    try (Reader in = TextFiles.open(file)) {
      return read(in, file.toString(), layout);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + TextFiles.reason(e), e);
    }
  }

  /**
   * Reads transitions of the given layout.
   *
   * @param in the text. Read to the end, not closed.
   * @param sourceName the label errors carry (usually the file name)
   * @param layout the columns the header must name and the actions' kind
   * @throws CsvFormatException naming the source and line of the first bad line
   */
  public static Transitions read(Reader in, String sourceName, Layout layout) {
    Check.notNull("in", in);
    Check.notNull("sourceName", sourceName);
    Check.notNull("layout", layout);
    final BufferedReader br = in instanceof BufferedReader b ? b : new BufferedReader(in);
    final int d = layout.obsDim();
    final int k = layout.actionDim();
    final int fields = 2 + d + k;
    final String[] columns = layout.columns();
    Rows rows = new Rows(d, k);
    Set<Long> ids = new HashSet<>();
    long currentId = -1;
    int len = 0;
    int lineNo = 0;
    boolean header = false;
    try {
      String line;
      while ((line = br.readLine()) != null) {
        lineNo++;
        String text = line.strip();
        if (text.isEmpty()) {
          continue;
        }
        if (!header) {
          checkHeader(text, columns, layout, sourceName, lineNo);
          header = true;
          continue;
        }
        String[] f = text.split(",", -1);
        if (f.length != fields) {
          throw new CsvFormatException(sourceName, lineNo, "expected " + fields + " fields ("
              + layout.describe() + "), got " + f.length);
        }
        long id = parseLong(f[0], "trajectory", sourceName, lineNo);
        long step = parseLong(f[1], "step", sourceName, lineNo);
        if (id < 0) {
          throw new CsvFormatException(sourceName, lineNo, "trajectory id must be >= 0, got "
              + id);
        }
        if (id != currentId) {
          if (ids.contains(id)) {
            throw new CsvFormatException(sourceName, lineNo, "trajectory " + id
                + " resumes after another trajectory; a trajectory's rows must be consecutive");
          }
          ids.add(id);
          currentId = id;
          len = 0;
          rows.startTrajectory();
        }
        if (step != len) {
          throw new CsvFormatException(sourceName, lineNo, "trajectory " + id + ": expected step "
              + len + ", got " + step + " (steps must run 0, 1, 2, ... without gaps)");
        }
        int r = rows.addRow();
        for (int j = 0; j < d; j++) {
          rows.obs[r * d + j] = parseFinite(f[2 + j], columns[2 + j], sourceName, lineNo);
        }
        if (layout.discrete()) {
          rows.act[r] = parseAction(f[2 + d], layout.numActions(), sourceName, lineNo);
        } else {
          for (int j = 0; j < k; j++) {
            rows.act[r * k + j] = parseFinite(f[2 + d + j], columns[2 + d + j], sourceName,
                lineNo);
          }
        }
        len++;
      }
    } catch (TextFiles.NotTextException e) {
      throw new CsvFormatException(sourceName, e.line(), e.problem());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + sourceName + ": " + TextFiles.reason(e), e);
    }
    if (!header) {
      throw new CsvFormatException(sourceName, Math.max(lineNo, 1), "missing the header '"
          + layout.describe() + "' (the input is empty)");
    }
    if (rows.size == 0) {
      throw new CsvFormatException(sourceName, lineNo, "no transition rows after the header");
    }
    return rows.toTransitions(layout);
  }

  private static void checkHeader(String text, String[] columns, Layout layout, String source,
      int line) {
    String[] got = text.replace(" ", "").split(",", -1);
    for (int c = 0; c < Math.max(got.length, columns.length); c++) {
      String g = c < got.length ? got[c] : null;
      String want = c < columns.length ? columns[c] : null;
      if (g == null || want == null || !g.equalsIgnoreCase(want)) {
        String where = want == null ? "column " + (c + 1) + " is '" + g + "', expected no more"
            + " columns" : g == null ? "column " + (c + 1) + " '" + want + "' is missing"
            : "column " + (c + 1) + " is '" + g + "', expected '" + want + "'";
        throw new CsvFormatException(source, line, "expected the header '" + layout.describe()
            + "' (" + where + "), got '" + abbreviate(text) + "'");
      }
    }
  }

  private static String abbreviate(String text) {
    return text.length() <= 120 ? text : text.substring(0, 117) + "...";
  }

  private static long parseLong(String field, String what, String source, int line) {
    String f = field.strip();
    try {
      return Long.parseLong(f);
    } catch (NumberFormatException e) {
      throw new CsvFormatException(source, line, what + " must be an integer, got '" + f + "'");
    }
  }

  private static double parseFinite(String field, String column, String source, int line) {
    String f = field.strip();
    if (!DECIMAL.matcher(f).matches()) {
      throw new CsvFormatException(source, line, column + " must be a finite number, got '" + f
          + "'");
    }
    double x = Double.parseDouble(f);
    if (!Double.isFinite(x)) {
      throw new CsvFormatException(source, line, column + " is '" + f + "', beyond the range of"
          + " a double");
    }
    return x;
  }

  private static double parseAction(String field, int numActions, String source, int line) {
    String f = field.strip();
    long a;
    try {
      a = Long.parseLong(f);
    } catch (NumberFormatException e) {
      throw new CsvFormatException(source, line, "action_0 must be an action index (an integer),"
          + " got '" + f + "'");
    }
    if (a < 0 || a >= numActions) {
      throw new CsvFormatException(source, line, "unknown action " + a
          + ": the world has actions 0.." + (numActions - 1));
    }
    return a;
  }

  /** Growable row storage while reading. */
  private static final class Rows {
    final int d;
    final int k;
    double[] obs;
    double[] act;
    int[] starts = new int[16];
    int numTrajectories;
    int size;

    Rows(int d, int k) {
      this.d = d;
      this.k = k;
      obs = new double[64 * d];
      act = new double[64 * k];
    }

    void startTrajectory() {
      if (numTrajectories == starts.length) {
        starts = Arrays.copyOf(starts, 2 * numTrajectories);
      }
      starts[numTrajectories++] = size;
    }

    int addRow() {
      if (size * d == obs.length) {
        obs = Arrays.copyOf(obs, 2 * obs.length);
        act = Arrays.copyOf(act, 2 * act.length);
      }
      return size++;
    }

    Transitions toTransitions(Layout layout) {
      int n = size;
      double[] o = Arrays.copyOf(obs, n * d);
      double[] next = new double[n * d];
      boolean[] hasNext = new boolean[n];
      int[] st = Arrays.copyOf(starts, numTrajectories);
      for (int i = 0; i < numTrajectories; i++) {
        int end = i + 1 < numTrajectories ? st[i + 1] : n;
        for (int t = st[i]; t < end - 1; t++) {
          System.arraycopy(o, (t + 1) * d, next, t * d, d);
          hasNext[t] = true;
        }
      }
      return Transitions.of(d, k, layout.numActions(), o, Arrays.copyOf(act, n * k), next,
          hasNext, new boolean[n], st);
    }
  }

  /**
   * Writes transitions to a file, through {@code FILE.tmp} renamed over it (see the class doc
   * for what the CSV does not keep).
   *
   * @param transitions the data. Not modified.
   * @param file the destination; an existing file is replaced
   * @throws IllegalArgumentException if the rows of a trajectory are not a chain (see
   *     {@link #write(Transitions, Writer)})
   */
  public static void write(Transitions transitions, Path file) {
    Check.notNull("transitions", transitions);
    Check.notNull("file", file);
    checkChain(transitions);
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try {
      try (Writer out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
        write(transitions, out);
      }
      try {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING,
            StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      try {
        Files.deleteIfExists(tmp);
      } catch (IOException ignored) {
        // the first error is the one to report
      }
      throw new UncheckedIOException("cannot write " + file + ": " + TextFiles.reason(e), e);
    }
  }

  /**
   * Writes the header, then one row {@code i,t,o_t...,a_t...} per transition (trajectories
   * numbered 0..N−1 in order), every number in its shortest exact decimal.
   *
   * @param transitions the data. Not modified.
   * @param out Modified (written and flushed, not closed).
   * @throws IllegalArgumentException if within a trajectory a row's successor observation is not
   *     the next row's observation: such rows are not trajectories, and the CSV, which keeps
   *     only (o_t, a_t), would silently change them
   */
  public static void write(Transitions transitions, Writer out) throws IOException {
    Check.notNull("transitions", transitions);
    Check.notNull("out", out);
    checkChain(transitions);
    Layout layout = Layout.of(transitions);
    int d = layout.obsDim();
    int k = layout.actionDim();
    double[] obs = transitions.observations();
    double[] act = transitions.actions();
    StringBuilder sb = new StringBuilder(layout.header()).append('\n');
    for (int i = 0; i < transitions.numTrajectories(); i++) {
      for (int r = transitions.start(i), t = 0; r < transitions.start(i + 1); r++, t++) {
        sb.append(i).append(',').append(t);
        for (int j = 0; j < d; j++) {
          sb.append(',').append(Numbers.shortest(obs[r * d + j]));
        }
        for (int j = 0; j < k; j++) {
          sb.append(',').append(Numbers.shortest(act[r * k + j]));
        }
        sb.append('\n');
        if (sb.length() > 1 << 16) {
          out.write(sb.toString());
          sb.setLength(0);
        }
      }
    }
    out.write(sb.toString());
    out.flush();
  }

  private static void checkChain(Transitions tr) {
    int d = tr.observationDim();
    double[] obs = tr.observations();
    double[] next = tr.nextObservations();
    boolean[] hasNext = tr.hasNext();
    for (int i = 0; i < tr.numTrajectories(); i++) {
      for (int r = tr.start(i); r < tr.start(i + 1) - 1; r++) {
        Check.argument(hasNext[r] && Arrays.equals(next, r * d, (r + 1) * d, obs, (r + 1) * d,
            (r + 2) * d), "row %s of trajectory %s: its next observation is not row %s's "
            + "observation, so the rows are not a trajectory and a CSV of (o, a) rows cannot "
            + "hold them", r, i, r + 1);
      }
    }
  }
}
