package org.gridrl.irl;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.gridrl.core.mdp.StateFeatures;
import org.gridrl.core.util.MemoryBudget;
import org.gridrl.core.util.TextFiles;

/**
 * State features as CSV: a header {@code state,<name0>,<name1>,...}, then one row
 * {@code s,φ_0(s),φ_1(s),...} for every state s = 0..S−1, in any order. Blank lines are skipped.
 * Every error is a {@link CsvFormatException} naming the source and line: a missing or short
 * header, a ragged row, a state index that is not an integer in [0, S), a state given twice, a
 * value that is not a finite number, and (at the last line) a state that has no row.
 */
public final class FeaturesCsv {

  private FeaturesCsv() {
  }

  /** Reads features for an MDP with S states from a file; errors name the file and line. */
  public static StateFeatures read(Path file, int numStates) {
    try (Reader in = TextFiles.open(file)) {
      return read(in, file.toString(), numStates);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + TextFiles.reason(e), e);
    }
  }

  /**
   * Reads features for S states.
   *
   * @param in the text. Read to the end, not closed.
   * @param sourceName the label errors carry
   * @param numStates S ≥ 1
   * @throws CsvFormatException naming the source and line of the first problem
   */
  public static StateFeatures read(Reader in, String sourceName, int numStates) {
    final BufferedReader br = in instanceof BufferedReader b ? b : new BufferedReader(in);
    List<String> names = null;
    double[] phi = null;
    int[] lineOf = new int[numStates];
    int k = 0;
    int lineNo = 0;
    try {
      String line;
      while ((line = br.readLine()) != null) {
        lineNo++;
        String text = (lineNo == 1 ? Demonstrations.withoutByteOrderMark(line) : line).strip();
        if (text.isEmpty()) {
          continue;
        }
        String[] f = text.split(",", -1);
        if (names == null) {
          if (!f[0].strip().equalsIgnoreCase("state") || f.length < 2) {
            throw new CsvFormatException(sourceName, lineNo, "expected a header 'state,f0,f1,...'"
                + " with at least one feature column, got '" + text + "'");
          }
          names = new ArrayList<>();
          for (int i = 1; i < f.length; i++) {
            String name = f[i].strip();
            if (name.isEmpty()) {
              throw new CsvFormatException(sourceName, lineNo, "feature column " + (i - 1)
                  + " has an empty name");
            }
            names.add(name);
          }
          k = names.size();
          long cells = (long) numStates * k;
          String shortfall = cells > Integer.MAX_VALUE - 8 ? "is more than a Java array holds"
              : MemoryBudget.shortfall(MemoryBudget.doubleArrays(1, cells));
          if (shortfall != null) {
            throw new CsvFormatException(sourceName, lineNo, k + " feature columns for "
                + numStates + " states (" + cells + " values) " + shortfall);
          }
          phi = new double[(int) cells];
          continue;
        }
        if (f.length != k + 1) {
          throw new CsvFormatException(sourceName, lineNo, "ragged row: expected " + (k + 1)
              + " fields (state and " + k + " features), got " + f.length);
        }
        int s;
        try {
          s = Integer.parseInt(f[0].strip());
        } catch (NumberFormatException e) {
          throw new CsvFormatException(sourceName, lineNo, "state must be an integer, got '"
              + f[0].strip() + "'");
        }
        if (s < 0 || s >= numStates) {
          throw new CsvFormatException(sourceName, lineNo, "unknown state " + s
              + ": the MDP has states 0.." + (numStates - 1));
        }
        if (lineOf[s] != 0) {
          throw new CsvFormatException(sourceName, lineNo, "state " + s
              + " already has a row at line " + lineOf[s]);
        }
        lineOf[s] = lineNo;
        for (int i = 0; i < k; i++) {
          String v = f[i + 1].strip();
          double x;
          try {
            x = Double.parseDouble(v);
          } catch (NumberFormatException e) {
            throw new CsvFormatException(sourceName, lineNo, "feature " + names.get(i)
                + " is not a number: '" + v + "'");
          }
          if (!Double.isFinite(x)) {
            throw new CsvFormatException(sourceName, lineNo, "feature " + names.get(i)
                + " is not finite: '" + v + "'");
          }
          phi[s * k + i] = x;
        }
      }
    } catch (TextFiles.NotTextException e) {
      throw new CsvFormatException(sourceName, e.line(), e.problem());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + sourceName + ": " + TextFiles.reason(e), e);
    }
    if (names == null) {
      throw new CsvFormatException(sourceName, Math.max(lineNo, 1),
          "missing the header 'state,f0,f1,...' (the input is empty)");
    }
    for (int s = 0; s < numStates; s++) {
      if (lineOf[s] == 0) {
        throw new CsvFormatException(sourceName, lineNo, "state " + s + " has no row (the MDP has "
            + numStates + " states; every state needs one)");
      }
    }
    return StateFeatures.of(numStates, k, phi, names);
  }

  /**
   * Writes the CSV form, states in order.
   *
   * @param out Modified (written, not closed).
   */
  public static void write(StateFeatures phi, Writer out) throws IOException {
    StringBuilder sb = new StringBuilder("state");
    for (String n : phi.names()) {
      sb.append(',').append(n);
    }
    sb.append('\n');
    for (int s = 0; s < phi.numStates(); s++) {
      sb.append(s);
      for (int i = 0; i < phi.numFeatures(); i++) {
        sb.append(',').append(phi.get(s, i));
      }
      sb.append('\n');
    }
    out.write(sb.toString());
    out.flush();
  }
}
