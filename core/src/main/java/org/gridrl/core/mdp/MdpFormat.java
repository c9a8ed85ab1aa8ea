package org.gridrl.core.mdp;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.gridrl.core.util.MemoryBudget;
import org.gridrl.core.util.Numbers;
import org.gridrl.core.util.TextFiles;

/**
 * Reads and writes the plain-text MDP format, one record a line:
 *
 * <pre>
 * # comment; blank lines ignored; keywords first, one record a line
 * states 4
 * actions 2
 * gamma 0.9
 * init 0.25 0.25 0.25 0.25          # S numbers; absent = uniform
 * reward 0 1 -0.5                   # s a r(s,a); absent = 0
 * transition 0 1 3 0.7              # s a s' p; repeated (s,a,s') adds up
 * terminal 3                        # optional, any number of lines
 * </pre>
 *
 * <p>Rules: {@code #} starts a comment anywhere on a line; fields are separated by spaces or
 * tabs. The headers {@code states N}, {@code actions N} (integers ≥ 1) and {@code gamma g}
 * (g in [0, 1]; g = 1, undiscounted, is for finite-horizon solves, and a discounted solve of
 * it is an error that says so) appear exactly once each and before any {@code init},
 * {@code reward}, {@code transition} or {@code terminal} record. {@code init} lists S non-negative finite
 * numbers summing to 1 within {@link TabularMdp#PROBABILITY_TOLERANCE} (at most once; absent =
 * uniform 1/S). {@code reward s a r} sets r(s,a) once per (s,a) (absent = 0).
 * {@code transition s a s' p} adds p ≥ 0 to P(s'|s,a). {@code terminal s} marks s terminal
 * (repeats are harmless). Every non-terminal (s,a), and every terminal (s,a) that lists any
 * transition, must sum to 1 within the same tolerance (the rule of {@link TabularMdpBuilder}).
 * Indices and counts are plain integers ({@code [+-]?[0-9]+}); other numbers are decimals
 * {@code [+-]?(d+(.d*)?|.d+)([eE][+-]?d+)?} as both Java and C read them (no hexadecimal, no
 * Java suffixes such as {@code 1.0f}); {@code inf}, {@code infinity} and {@code nan} are
 * recognised only to be rejected as not finite.
 *
 * <p>A bad file gives one {@link MdpFormatException} naming the source, the line and what is
 * wrong; the MDP is built only after the whole file passed, so nothing is half-loaded. The
 * reader is a hand-written tokenizer over a character buffer (no regular expressions, no
 * per-line strings, a fast path for short decimals), so files with millions of transitions
 * load in about a second.
 *
 * <p>The writer emits the same format with every double in shortest round-trip form
 * ({@link Numbers#shortest(double)}), so {@code read(toText(m)).equals(m)} holds exactly.
 */
public final class MdpFormat {

  /** The first line of every written file. */
  static final String WRITTEN_BY = "# written by gridrl (org.gridrl.core.mdp.MdpFormat)";

  private MdpFormat() {
  }

  /**
   * Reads an MDP from a UTF-8 text file ({@link TextFiles}: a leading byte-order mark is skipped,
   * a byte that is not UTF-8 is an error naming its line and column).
   *
   * @param file the file; its path (as given) names it in error messages
   * @throws MdpFormatException if the file is malformed, not UTF-8 text, or too large for the
   *     Java heap ({@link MemoryBudget}), naming the line
   * @throws UncheckedIOException if the file cannot be read, naming the file
   */
  public static TabularMdp read(Path file) {
    String name = file.toString();
    try (Reader in = TextFiles.open(file)) {
      return new Parser(in, name).parse();
    } catch (TextFiles.NotTextException e) {
      throw new MdpFormatException(name, e.line(), e.problem());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + name + ": " + TextFiles.reason(e), e);
    }
  }

  /**
   * Reads an MDP from a character stream (not closed).
   *
   * @param in the text. Read to the end.
   * @param sourceName what error messages call the source, e.g. a file name or "stdin"
   * @throws MdpFormatException if the text is malformed, naming the line
   * @throws UncheckedIOException if reading fails
   */
  public static TabularMdp read(Reader in, String sourceName) {
    try {
      return new Parser(in, sourceName).parse();
    } catch (TextFiles.NotTextException e) {
      throw new MdpFormatException(sourceName, e.line(), e.problem());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + sourceName + ": " + TextFiles.reason(e), e);
    }
  }

  /** Reads an MDP from text held in memory (for tests and tools). */
  public static TabularMdp parse(String text, String sourceName) {
    return read(new StringReader(text), sourceName);
  }

  /**
   * Writes {@code mdp} to a UTF-8 file (created or truncated).
   *
   * @throws UncheckedIOException if the file cannot be written, naming the file
   */
  public static void write(TabularMdp mdp, Path file) {
    try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      writeTo(mdp, out);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + TextFiles.reason(e), e);
    }
  }

  /**
   * Writes {@code mdp} to a character stream, then flushes it (does not close it).
   *
   * <p>Layout: a comment line saying gridrl wrote it; {@code states}, {@code actions},
   * {@code gamma}; {@code init} only when d0 is not exactly 1.0/S everywhere; a {@code reward}
   * line for each r(s,a) whose bits are not +0.0 (so −0.0 survives); a {@code transition} line
   * for every stored CSR entry, in storage order; a {@code terminal} line per terminal state.
   *
   * @throws UncheckedIOException if writing fails
   */
  public static void write(TabularMdp mdp, Writer out) {
    try {
      writeTo(mdp, out);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write MDP: " + TextFiles.reason(e), e);
    }
  }

  /** The file text of {@code mdp}, as {@link #write(TabularMdp, Writer)} writes it. */
  public static String toText(TabularMdp mdp) {
    StringWriter sw = new StringWriter(64 + 24 * mdp.numTransitions());
    write(mdp, sw);
    return sw.toString();
  }

  private static void writeTo(TabularMdp mdp, Writer out) throws IOException {
    int numStates = mdp.numStates();
    int numActions = mdp.numActions();
    StringBuilder sb = new StringBuilder(1 << 14);
    sb.append(WRITTEN_BY).append(": ").append(numStates).append(" states, ").append(numActions)
        .append(" actions, ").append(mdp.numTransitions()).append(" transitions, ")
        .append(mdp.numTerminals()).append(" terminals\n");
    sb.append("states ").append(numStates).append('\n');
    sb.append("actions ").append(numActions).append('\n');
    sb.append("gamma ").append(Numbers.shortest(mdp.gamma())).append('\n');
    double[] d0 = mdp.initialDistribution();
    double uniform = 1.0 / numStates;
    boolean isUniform = true;
    for (double p : d0) {
      if (Double.doubleToRawLongBits(p) != Double.doubleToRawLongBits(uniform)) {
        isUniform = false;
        break;
      }
    }
    if (!isUniform) {
      sb.append("init");
      for (double p : d0) {
        sb.append(' ').append(Numbers.shortest(p));
        flushIfLarge(sb, out);
      }
      sb.append('\n');
    }
    double[] rewards = mdp.rewards();
    for (int row = 0; row < rewards.length; row++) {
      if (Double.doubleToRawLongBits(rewards[row]) != 0L) {
        sb.append("reward ").append(row / numActions).append(' ').append(row % numActions)
            .append(' ').append(Numbers.shortest(rewards[row])).append('\n');
        flushIfLarge(sb, out);
      }
    }
    int[] rowStart = mdp.rowStart();
    int[] successors = mdp.successors();
    double[] probabilities = mdp.probabilities();
    for (int row = 0; row < numStates * numActions; row++) {
      for (int k = rowStart[row]; k < rowStart[row + 1]; k++) {
        sb.append("transition ").append(row / numActions).append(' ').append(row % numActions)
            .append(' ').append(successors[k]).append(' ')
            .append(Numbers.shortest(probabilities[k])).append('\n');
        flushIfLarge(sb, out);
      }
    }
    for (int s = 0; s < numStates; s++) {
      if (mdp.isTerminal(s)) {
        sb.append("terminal ").append(s).append('\n');
        flushIfLarge(sb, out);
      }
    }
    out.append(sb);
    out.flush();
  }

  private static void flushIfLarge(StringBuilder sb, Writer out) throws IOException {
    if (sb.length() > (1 << 14)) {
      out.append(sb);
      sb.setLength(0);
    }
  }

  /**
   * Bytes of the per-(s,a) tables this reader holds (rewards, their lines, the first
   * transition's line: 16 a row) and its builder holds (rewards: 8 a row), with a terminal
   * flag a state in each: allocated when the headers are read.
   */
  static long tableBytes(long numStates, long numActions) {
    long rows = numStates * numActions;
    return MemoryBudget.plus(MemoryBudget.times(rows, 24), MemoryBudget.times(numStates, 2));
  }

  /**
   * Bytes {@link TabularMdpBuilder#build()} allocates besides the transitions' own arrays:
   * the row starts (4 a row), the MDP's rewards (8 a row), the initial distribution and its
   * copy (16 a state) and the terminal flags (1 a state). Each transition takes at least 16
   * more (its copied key and probability) and 12 in the MDP.
   */
  static long buildBytes(long numStates, long numActions) {
    long rows = numStates * numActions;
    return MemoryBudget.plus(MemoryBudget.times(rows, 12), MemoryBudget.times(numStates, 17));
  }

  /** One pass over the text; holds everything until the whole file has been checked. */
  private static final class Parser {

    private static final double[] POW10 = new double[23];

    static {
      double p = 1;
      for (int i = 0; i < POW10.length; i++) {
        POW10[i] = p;
        p *= 10;
      }
    }

    private final Reader in;
    private final String source;
    private final char[] buf = new char[8192];
    private int bufPos;
    private int bufLen;
    private boolean pendingCr;

    private char[] line = new char[256];
    private int lineLen;
    private int lineNumber;
    private int[] tokStart = new int[16];
    private int[] tokEnd = new int[16];
    private int numTokens;

    private int numStates = -1;
    private int numActions = -1;
    private double gamma = Double.NaN;
    private int statesLine;
    private int actionsLine;
    private int gammaLine;
    private int initLine;
    private boolean sawRecord;
    private long numTransitions;

    private double[] init;
    private double[] rewards;
    private int[] rewardLine;
    private int[] firstTransitionLine;
    private boolean[] terminal;
    /** Transitions go straight into the builder (it sorts, merges and checks the row sums). */
    private TabularMdpBuilder transitions;

    Parser(Reader in, String source) {
      this.in = in;
      this.source = source;
    }

    TabularMdp parse() throws IOException {
      try {
        while (nextLine()) {
          tokenize();
          if (numTokens > 0) {
            sawRecord = true;
            record();
          }
        }
        int endLine = Math.max(1, lineNumber);
        if (!sawRecord) {
          throw error(endLine, "empty file: no records (expected the headers states, actions, "
              + "gamma)");
        }
        requireHeaders(endLine, null);
        requireMemory(endLine, MemoryBudget.plus(MemoryBudget.times(numTransitions, 16),
            buildBytes(numStates, numActions)), "building the MDP of " + numTransitions
            + " transitions");
        return build(endLine);
      } catch (OutOfMemoryError e) {
        // the header check passed, so the transitions (or one huge line) filled the heap
        int where = Math.max(1, lineNumber);
        long read = numTransitions;
        release();
        throw error(where, "the Java heap ran out after " + read + " transition"
            + (read == 1 ? "" : "s") + "; " + MemoryBudget.exhausted());
      }
    }

    /** Drops every table, so that the memory is free again before the error is built. */
    private void release() {
      line = new char[0];
      init = null;
      rewards = null;
      rewardLine = null;
      firstTransitionLine = null;
      terminal = null;
      transitions = null;
    }

    /** Refuses, at {@code where}, what cannot fit the heap. */
    private void requireMemory(int where, long bytes, String what) {
      String shortfall = MemoryBudget.shortfall(bytes);
      if (shortfall != null) {
        release();
        throw error(where, what + " " + shortfall);
      }
    }

    // ---------------------------------------------------------------- lines and tokens

    /** Reads the next line into {@code line} (without its terminator); false at the end. */
    private boolean nextLine() throws IOException {
      lineLen = 0;
      boolean any = false;
      while (true) {
        if (bufPos == bufLen) {
          bufLen = in.read(buf, 0, buf.length);
          bufPos = 0;
          if (bufLen <= 0) {
            bufLen = 0;
            if (any) {
              lineNumber++;
            }
            return any;
          }
        }
        if (pendingCr) {
          pendingCr = false;
          if (buf[bufPos] == '\n') {
            bufPos++; // the \n of a \r\n pair
            continue;
          }
        }
        int start = bufPos;
        int i = start;
        final char[] b = buf;
        final int n = bufLen;
        while (i < n && b[i] != '\n' && b[i] != '\r') {
          i++;
        }
        int len = i - start;
        if (len > 0) {
          if (lineLen + len > line.length) {
            line = Arrays.copyOf(line, Math.max(line.length * 2, lineLen + len));
          }
          System.arraycopy(b, start, line, lineLen, len);
          lineLen += len;
        }
        if (i < n) {
          pendingCr = b[i] == '\r';
          bufPos = i + 1;
          lineNumber++;
          return true;
        }
        any = true;
        bufPos = i;
      }
    }

    private void tokenize() {
      numTokens = 0;
      int i = 0;
      int end = lineLen;
      while (i < end) {
        char c = line[i];
        if (c == '#') {
          break;
        }
        if (isSpace(c)) {
          i++;
          continue;
        }
        int start = i;
        while (i < end && !isSpace(line[i]) && line[i] != '#') {
          i++;
        }
        if (numTokens == tokStart.length) {
          tokStart = Arrays.copyOf(tokStart, numTokens * 2);
          tokEnd = Arrays.copyOf(tokEnd, numTokens * 2);
        }
        tokStart[numTokens] = start;
        tokEnd[numTokens] = i;
        numTokens++;
      }
    }

    private static boolean isSpace(char c) {
      return c == ' ' || c == '\t' || c == '\f' || c == '\u000B' || c == '\uFEFF';
    }

    private boolean tokenIs(int t, String word) {
      int len = tokEnd[t] - tokStart[t];
      if (len != word.length()) {
        return false;
      }
      for (int i = 0; i < len; i++) {
        if (line[tokStart[t] + i] != word.charAt(i)) {
          return false;
        }
      }
      return true;
    }

    private String token(int t) {
      return new String(line, tokStart[t], tokEnd[t] - tokStart[t]);
    }

    // ---------------------------------------------------------------- records

    private void record() {
      if (tokenIs(0, "transition")) {
        transition();
      } else if (tokenIs(0, "reward")) {
        reward();
      } else if (tokenIs(0, "terminal")) {
        fields(1, "s");
        requireHeaders(lineNumber, "terminal");
        terminal[index(1, "terminal state", numStates)] = true;
      } else if (tokenIs(0, "init")) {
        init();
      } else if (tokenIs(0, "states")) {
        fields(1, "N");
        if (statesLine != 0) {
          throw duplicate("states", statesLine);
        }
        numStates = count(1, "number of states");
        statesLine = lineNumber;
        headerSizesKnown();
      } else if (tokenIs(0, "actions")) {
        fields(1, "N");
        if (actionsLine != 0) {
          throw duplicate("actions", actionsLine);
        }
        numActions = count(1, "number of actions");
        actionsLine = lineNumber;
        headerSizesKnown();
      } else if (tokenIs(0, "gamma")) {
        fields(1, "g");
        if (gammaLine != 0) {
          throw duplicate("gamma", gammaLine);
        }
        double g = number(1, "gamma");
        if (!(g >= 0 && g <= 1)) {
          throw error(lineNumber, "gamma must be in [0, 1], got " + token(1));
        }
        gamma = g;
        gammaLine = lineNumber;
      } else {
        throw error(lineNumber, "unknown keyword '" + token(0)
            + "' (expected states, actions, gamma, init, reward, transition or terminal)");
      }
    }

    private void transition() {
      fields(4, "s a s' p");
      requireHeaders(lineNumber, "transition");
      int s = index(1, "state", numStates);
      int a = index(2, "action", numActions);
      int next = index(3, "next state", numStates);
      double p = number(4, "probability");
      if (!Double.isFinite(p)) {
        throw error(lineNumber, "probability of " + s + " " + a + " -> " + next
            + " is not finite: " + token(4));
      }
      if (!(p >= 0)) {
        throw error(lineNumber, "probability of " + s + " " + a + " -> " + next
            + " is negative: " + token(4));
      }
      int row = s * numActions + a;
      if (firstTransitionLine[row] == 0) {
        firstTransitionLine[row] = lineNumber;
      }
      transitions.transition(s, a, next, p);
      numTransitions++;
    }

    private void reward() {
      fields(3, "s a r");
      requireHeaders(lineNumber, "reward");
      int s = index(1, "state", numStates);
      int a = index(2, "action", numActions);
      double r = number(3, "reward");
      if (!Double.isFinite(r)) {
        throw error(lineNumber, "reward of state " + s + " action " + a + " is not finite: "
            + token(3));
      }
      int row = s * numActions + a;
      if (rewardLine[row] != 0) {
        throw error(lineNumber, "reward of state " + s + " action " + a
            + " given twice (first at line " + rewardLine[row] + ")");
      }
      rewardLine[row] = lineNumber;
      rewards[row] = r;
    }

    private void init() {
      requireHeaders(lineNumber, "init");
      if (numTokens - 1 != numStates) {
        throw error(lineNumber, "'init' needs " + numStates + " numbers (one per state), got "
            + (numTokens - 1));
      }
      if (initLine != 0) {
        throw duplicate("init", initLine);
      }
      double[] d0 = new double[numStates];
      double sum = 0;
      for (int s = 0; s < numStates; s++) {
        double p = number(s + 1, "initial probability of state " + s);
        if (!Double.isFinite(p)) {
          throw error(lineNumber, "initial probability of state " + s + " is not finite: "
              + token(s + 1));
        }
        if (!(p >= 0)) {
          throw error(lineNumber, "initial probability of state " + s + " is negative: "
              + token(s + 1));
        }
        d0[s] = p;
        sum += p;
      }
      if (Math.abs(sum - 1.0) > TabularMdp.PROBABILITY_TOLERANCE) {
        throw error(lineNumber, "initial probabilities sum to " + Numbers.shortest(sum)
            + ", not 1 (within " + Numbers.shortest(TabularMdp.PROBABILITY_TOLERANCE) + ")");
      }
      init = d0;
      initLine = lineNumber;
    }

    /** Once states and actions are both known, allocates the per-(s,a) tables. */
    private void headerSizesKnown() {
      if (numStates < 0 || numActions < 0) {
        return;
      }
      long rows = (long) numStates * numActions;
      if (rows >= Integer.MAX_VALUE) {
        throw error(lineNumber, "states * actions = " + rows + " is too large (must be < 2^31 - 1)");
      }
      // the tables below and the MDP's own, before any of them is allocated
      requireMemory(lineNumber, MemoryBudget.plus(tableBytes(numStates, numActions),
          buildBytes(numStates, numActions)), "loading " + numStates + " state"
          + (numStates == 1 ? "" : "s") + " with " + numActions + " action"
          + (numActions == 1 ? "" : "s") + " each (lines " + Math.min(statesLine, actionsLine)
          + " and " + Math.max(statesLine, actionsLine) + ")");
      rewards = new double[(int) rows];
      rewardLine = new int[(int) rows];
      firstTransitionLine = new int[(int) rows];
      terminal = new boolean[numStates];
      transitions = TabularMdp.builder(numStates, numActions);
    }

    private void requireHeaders(int where, String record) {
      String missing = statesLine == 0 ? "states" : actionsLine == 0 ? "actions"
          : gammaLine == 0 ? "gamma" : null;
      if (missing == null) {
        return;
      }
      if (record == null) {
        throw error(where, "missing header '" + missing + "' (states, actions and gamma are "
            + "required)");
      }
      throw error(where, "missing header '" + missing + "' before this " + record
          + " record (states, actions and gamma must come first)");
    }

    private void fields(int expected, String names) {
      if (numTokens - 1 != expected) {
        throw error(lineNumber, "'" + token(0) + "' needs " + expected
            + (expected == 1 ? " field (" : " fields (") + names + "), got " + (numTokens - 1));
      }
    }

    private MdpFormatException duplicate(String header, int firstLine) {
      return error(lineNumber, "duplicate header '" + header + "' (first given at line "
          + firstLine + ")");
    }

    private MdpFormatException error(int where, String what) {
      return new MdpFormatException(source, where, what);
    }

    // ---------------------------------------------------------------- fields

    /** An integer count ≥ 1. */
    private int count(int t, String what) {
      long v = integer(t, what);
      if (v < 1 || v >= Integer.MAX_VALUE) {
        throw error(lineNumber, what + " must be an integer >= 1, got " + token(t));
      }
      return (int) v;
    }

    /** An index in [0, bound). */
    private int index(int t, String what, int bound) {
      long v = integer(t, what);
      if (v < 0 || v >= bound) {
        throw error(lineNumber, what + " " + token(t) + " out of range [0, " + bound + ")");
      }
      return (int) v;
    }

    /** [+-]?digits, saturating far outside the int range (callers range-check). */
    private long integer(int t, String what) {
      int i = tokStart[t];
      int end = tokEnd[t];
      boolean negative = false;
      if (line[i] == '+' || line[i] == '-') {
        negative = line[i] == '-';
        i++;
      }
      if (i == end) {
        throw notInteger(t, what);
      }
      long v = 0;
      for (; i < end; i++) {
        char c = line[i];
        if (c < '0' || c > '9') {
          throw notInteger(t, what);
        }
        if (v < 1L << 40) {
          v = v * 10 + (c - '0');
        }
      }
      return negative ? -v : v;
    }

    private MdpFormatException notInteger(int t, String what) {
      return error(lineNumber, what + " '" + token(t) + "' is not an integer");
    }

    /**
     * A decimal number {@code [+-]?(d+(.d*)?|.d+)([eE][+-]?d+)?}, or inf/infinity/nan in any
     * case (so the caller can say "not finite"). Short decimals (≤ 15 significant digits,
     * |exponent| ≤ 22) are converted exactly with one multiplication or division (Clinger's
     * fast path, correctly rounded since both operands are exact doubles); the rest go to
     * {@link Double#parseDouble}, also correctly rounded.
     */
    private double number(int t, String what) {
      int start = tokStart[t];
      int end = tokEnd[t];
      int i = start;
      boolean negative = false;
      if (line[i] == '+' || line[i] == '-') {
        negative = line[i] == '-';
        i++;
      }
      if (i < end && (line[i] | 0x20) >= 'a' && (line[i] | 0x20) <= 'z') {
        double special = special(i, end);
        if (Double.isNaN(special) && !matchesNan(i, end)) {
          throw notNumber(t, what);
        }
        return negative ? -special : special;
      }
      long mantissa = 0;
      int digits = 0;
      int exp10 = 0;
      boolean anyDigit = false;
      while (i < end && line[i] >= '0' && line[i] <= '9') {
        anyDigit = true;
        int d = line[i++] - '0';
        if (digits > 0 || d != 0) {
          if (digits < 16) {
            mantissa = mantissa * 10 + d;
          } else {
            exp10++;
          }
          digits++;
        }
      }
      if (i < end && line[i] == '.') {
        i++;
        while (i < end && line[i] >= '0' && line[i] <= '9') {
          anyDigit = true;
          int d = line[i++] - '0';
          if (digits > 0 || d != 0) {
            if (digits < 16) {
              mantissa = mantissa * 10 + d;
              exp10--;
            }
            digits++;
          } else {
            exp10--;
          }
        }
      }
      if (!anyDigit) {
        throw notNumber(t, what);
      }
      if (i < end && (line[i] == 'e' || line[i] == 'E')) {
        i++;
        boolean expNegative = false;
        if (i < end && (line[i] == '+' || line[i] == '-')) {
          expNegative = line[i] == '-';
          i++;
        }
        if (i == end) {
          throw notNumber(t, what);
        }
        int e = 0;
        for (; i < end; i++) {
          char c = line[i];
          if (c < '0' || c > '9') {
            throw notNumber(t, what);
          }
          if (e < 100_000) {
            e = e * 10 + (c - '0');
          }
        }
        exp10 += expNegative ? -e : e;
      }
      if (i != end) {
        throw notNumber(t, what);
      }
      if (mantissa == 0) {
        return negative ? -0.0 : 0.0;
      }
      if (digits <= 15 && exp10 >= -22 && exp10 <= 22) {
        double v = exp10 >= 0 ? mantissa * POW10[exp10] : mantissa / POW10[-exp10];
        return negative ? -v : v;
      }
      return Double.parseDouble(token(t)); // syntax checked above, so this cannot throw
    }

    /** inf, infinity or nan (any case) from {@code i}; NaN if it is none of them. */
    private double special(int i, int end) {
      if (matchesIgnoreCase(i, end, "inf") || matchesIgnoreCase(i, end, "infinity")) {
        return Double.POSITIVE_INFINITY;
      }
      return Double.NaN;
    }

    private boolean matchesNan(int i, int end) {
      return matchesIgnoreCase(i, end, "nan");
    }

    private boolean matchesIgnoreCase(int i, int end, String word) {
      if (end - i != word.length()) {
        return false;
      }
      for (int k = 0; k < word.length(); k++) {
        if (Character.toLowerCase(line[i + k]) != word.charAt(k)) {
          return false;
        }
      }
      return true;
    }

    private MdpFormatException notNumber(int t, String what) {
      return error(lineNumber, what + " '" + token(t) + "' is not a number");
    }

    // ---------------------------------------------------------------- the whole file

    private TabularMdp build(int endLine) {
      try {
        TabularMdpBuilder b = transitions.gamma(gamma);
        int rows = numStates * numActions;
        for (int row = 0; row < rows; row++) {
          if (rewardLine[row] != 0) {
            b.reward(row / numActions, row % numActions, rewards[row]);
          }
        }
        if (init != null) {
          b.initialDistribution(init);
        }
        for (int s = 0; s < numStates; s++) {
          if (terminal[s]) {
            b.terminal(s);
          }
        }
        return b.build();
      } catch (TabularMdpBuilder.RowSumException e) {
        int s = e.state();
        int a = e.action();
        if (e.empty()) {
          throw error(actionsLine, "state " + s + " action " + a + " has no transitions"
              + " (every non-terminal state needs transitions for every action)");
        }
        throw error(firstTransitionLine[s * numActions + a], "transition probabilities of state "
            + s + " action " + a + " sum to " + Numbers.shortest(e.sum()) + ", not 1 (within "
            + Numbers.shortest(TabularMdp.PROBABILITY_TOLERANCE)
            + "; reported at the first transition of the row)");
      } catch (IllegalArgumentException e) {
        // every other rule is checked with its line while reading; this only keeps the promise
        // of a located one-line error should the builder ever check something more
        throw error(endLine, e.getMessage());
      }
    }
  }
}
