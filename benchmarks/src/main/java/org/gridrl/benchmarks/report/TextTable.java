package org.gridrl.benchmarks.report;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A plain-text table for the terminal: a header row and data rows, every column as wide as its
 * widest cell and two spaces between columns, so each column starts at the same offset on every
 * line and columns never run together, whatever the number of digits. Cells are left-aligned;
 * trailing spaces are dropped.
 */
public final class TextTable {

  /** The spaces between two columns. */
  public static final String SEPARATOR = "  ";

  private final List<String> header;
  private final List<List<String>> rows = new ArrayList<>();

  /** A table with these column headings. */
  public TextTable(String... header) {
    if (header.length == 0) {
      throw new IllegalArgumentException("a table needs at least one column");
    }
    this.header = List.of(header);
  }

  /**
   * Adds a row.
   *
   * @param cells one per column, as text
   * @throws IllegalArgumentException if the count differs from the header's
   */
  public TextTable row(String... cells) {
    if (cells.length != header.size()) {
      throw new IllegalArgumentException("row " + Arrays.toString(cells) + " has " + cells.length
          + " cells, the table has " + header.size() + " columns");
    }
    rows.add(List.of(cells));
    return this;
  }

  /** The header line, then one line per row. */
  public List<String> lines() {
    int[] width = new int[header.size()];
    for (List<String> r : all()) {
      for (int c = 0; c < width.length; c++) {
        width[c] = Math.max(width[c], r.get(c).length());
      }
    }
    List<String> out = new ArrayList<>();
    for (List<String> r : all()) {
      StringBuilder sb = new StringBuilder();
      for (int c = 0; c < width.length; c++) {
        if (c > 0) {
          sb.append(SEPARATOR);
        }
        sb.append(r.get(c)).append(" ".repeat(width[c] - r.get(c).length()));
      }
      out.add(sb.toString().stripTrailing());
    }
    return out;
  }

  /** Prints {@link #lines()}, each after {@code indent}. */
  public void print(PrintStream out, String indent) {
    for (String line : lines()) {
      out.println(indent + line);
    }
  }

  private List<List<String>> all() {
    List<List<String>> all = new ArrayList<>();
    all.add(header);
    all.addAll(rows);
    return all;
  }
}
