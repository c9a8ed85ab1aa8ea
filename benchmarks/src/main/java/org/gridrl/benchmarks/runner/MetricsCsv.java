package org.gridrl.benchmarks.runner;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;
import java.util.function.LongPredicate;
import org.gridrl.core.util.Numbers;

/**
 * The {@code metrics.csv} of a run, written as the run goes: columns {@code seed,iteration}, then
 * one column per named metric in first-seen order; one row per (seed, iteration). Each row goes to
 * the file in one write as soon as it is reported, so a run that is stopped keeps every row it
 * reported, and even {@code kill -9} cannot leave half a row (only a power cut could leave an
 * unterminated last line, which {@link #read} drops).
 *
 * <p>A metric missing from a row is an empty cell. A metric first seen after rows were written
 * adds a column: the file is rewritten once with the wider header (earlier rows get empty cells),
 * through a temporary file and an atomic rename ({@link AtomicFiles}), as is the header when the
 * file is created. Declaring the columns up front with {@link #declare} avoids that rewrite.
 * Values are written as the shortest text that reads back to the same double ({@link
 * Numbers#shortest}).
 *
 * <p>A NaN or infinite value fails with a {@link NonFiniteMetricException} naming the metric,
 * seed and iteration; the offending row is not written, the rows before it stay.
 *
 * <p>The rows are also kept in memory as per-seed series ({@link #series}), for plotting at the
 * end of a run; a resumed run ({@link #resume}) starts with the rows it kept. Not thread-safe.
 */
public final class MetricsCsv implements Closeable {

  private final Path file;
  private final List<String> columns = new ArrayList<>();
  private final Map<String, Map<Long, Series>> series = new LinkedHashMap<>();
  private OutputStream out;
  private long rows;
  private LongConsumer rowCheck = seed -> { };

  /**
   * One data row as read back from a {@code metrics.csv}.
   *
   * @param seed the seed
   * @param iteration the iteration
   * @param values the non-empty cells, in column order
   */
  public record Row(long seed, long iteration, Map<String, Double> values) {
  }

  /**
   * What a {@code metrics.csv} holds.
   *
   * @param columns the metric columns (after {@code seed,iteration}), in order
   * @param rows the data rows, in file order
   * @param lines the text of each data row (without its newline), parallel to {@code rows}
   */
  public record Contents(List<String> columns, List<Row> rows, List<String> lines) {

    /** The rows (and their lines) whose seed {@code keep} accepts, in file order. */
    public Contents keep(LongPredicate keep) {
      List<Row> r = new ArrayList<>();
      List<String> l = new ArrayList<>();
      for (int i = 0; i < rows.size(); i++) {
        if (keep.test(rows.get(i).seed())) {
          r.add(rows.get(i));
          l.add(lines.get(i));
        }
      }
      return new Contents(columns, List.copyOf(r), List.copyOf(l));
    }
  }

  /** A {@code metrics.csv} that cannot be read back: the message names the file and line. */
  public static final class Unreadable extends IOException {
    Unreadable(String message) {
      super(message);
    }
  }

  /** One metric's history for one seed: iterations and values, in arrival order. */
  public static final class Series {
    private long[] iterations = new long[16];
    private double[] values = new double[16];
    private int size;

    void add(long iteration, double value) {
      if (size == values.length) {
        iterations = Arrays.copyOf(iterations, 2 * size);
        values = Arrays.copyOf(values, 2 * size);
      }
      iterations[size] = iteration;
      values[size] = value;
      size++;
    }

    /** The number of points. */
    public int size() {
      return size;
    }

    /** The iterations, as doubles (x values of a plot). */
    public double[] x() {
      double[] x = new double[size];
      for (int i = 0; i < size; i++) {
        x[i] = iterations[i];
      }
      return x;
    }

    /** The values (y values of a plot). */
    public double[] y() {
      return Arrays.copyOf(values, size);
    }

    /** The last value. */
    public double last() {
      if (size == 0) {
        throw new IllegalStateException("empty series");
      }
      return values[size - 1];
    }
  }

  /**
   * Creates (or replaces) {@code file} holding the header {@code seed,iteration}.
   *
   * @throws IOException if the file cannot be written
   */
  public MetricsCsv(Path file) throws IOException {
    this(file, new Contents(List.of(), List.of(), List.of()));
  }

  private MetricsCsv(Path file, Contents start) throws IOException {
    this.file = file;
    for (String c : start.columns()) {
      checkName(c);
      columns.add(c);
      series.put(c, new LinkedHashMap<>());
    }
    AtomicFiles.writeText(file, w -> {
      w.write(header());
      w.write('\n');
      for (String line : start.lines()) {
        w.write(line);
        w.write('\n');
      }
    });
    for (Row r : start.rows()) {
      for (Map.Entry<String, Double> e : r.values().entrySet()) {
        series.get(e.getKey()).computeIfAbsent(r.seed(), k -> new Series())
            .add(r.iteration(), e.getValue());
      }
    }
    rows = start.rows().size();
    openForAppend();
  }

  /**
   * Replaces {@code file} by the header and rows of {@code kept} (through a temporary file) and
   * appends to it from there: how a resumed run keeps the rows of its finished seeds. The rows
   * are also loaded into {@link #series}.
   *
   * @param file the file
   * @param kept what to start from (usually {@link #read} of the same file, {@link
   *     Contents#keep kept} to the finished seeds)
   * @throws IOException if the file cannot be written
   */
  public static MetricsCsv resume(Path file, Contents kept) throws IOException {
    return new MetricsCsv(file, kept);
  }

  /**
   * Reads a {@code metrics.csv} back: the header and every complete (newline-terminated) row; an
   * unterminated last line is dropped.
   *
   * @throws Unreadable naming the file and line if the header or a row is not what this class
   *     writes
   * @throws IOException if the file cannot be read
   */
  public static Contents read(Path file) throws IOException {
    String text = Files.readString(file, StandardCharsets.UTF_8);
    int end = text.lastIndexOf('\n') + 1; // drop an unterminated tail
    String[] lines = end == 0 ? new String[0] : text.substring(0, end - 1).split("\n", -1);
    if (lines.length == 0
        || !(lines[0].equals("seed,iteration") || lines[0].startsWith("seed,iteration,"))) {
      throw new Unreadable(file + ":1: not the header seed,iteration,...");
    }
    String[] head = lines[0].split(",", -1);
    List<String> cols = List.of(head).subList(2, head.length);
    List<Row> rows = new ArrayList<>();
    List<String> kept = new ArrayList<>();
    for (int i = 1; i < lines.length; i++) {
      String[] f = lines[i].split(",", -1);
      if (f.length != head.length) {
        throw new Unreadable(file + ":" + (i + 1) + ": " + f.length + " fields, the header has "
            + head.length);
      }
      try {
        Map<String, Double> values = new LinkedHashMap<>();
        for (int c = 2; c < f.length; c++) {
          if (!f[c].isEmpty()) {
            values.put(head[c], Double.parseDouble(f[c]));
          }
        }
        rows.add(new Row(Long.parseLong(f[0]), Long.parseLong(f[1]),
            Collections.unmodifiableMap(values)));
      } catch (NumberFormatException ex) {
        throw new Unreadable(file + ":" + (i + 1) + ": not a number in '" + lines[i] + "'");
      }
      kept.add(lines[i]);
    }
    return new Contents(cols, List.copyOf(rows), List.copyOf(kept));
  }

  /** The file written. */
  public Path file() {
    return file;
  }

  /** The metric columns so far (after {@code seed,iteration}), in order. */
  public List<String> columns() {
    return Collections.unmodifiableList(columns);
  }

  /** The number of data rows written. */
  public long rowCount() {
    return rows;
  }

  /**
   * Declares metric columns before the first row (any not yet known are added in order).
   *
   * @throws UncheckedIOException if the file cannot be rewritten
   */
  public synchronized MetricsCsv declare(String... metrics) {
    addColumns(Arrays.asList(metrics));
    return this;
  }

  /**
   * Writes one row, in one write to the file.
   *
   * @param seed the run's seed
   * @param iteration the iteration (counting from 1 by convention)
   * @param values named metric values, written in column order. Not modified.
   * @throws NonFiniteMetricException if a value is NaN or infinite (nothing of the row is written)
   * @throws UncheckedIOException if the file cannot be written
   */
  public synchronized void row(long seed, long iteration, Map<String, Double> values) {
    rowCheck.accept(seed);
    for (Map.Entry<String, Double> e : values.entrySet()) {
      double v = e.getValue();
      if (!Double.isFinite(v)) {
        throw new NonFiniteMetricException(e.getKey(), seed, iteration, v);
      }
    }
    addColumns(values.keySet());
    StringBuilder sb = new StringBuilder(32 + 24 * columns.size());
    sb.append(seed).append(',').append(iteration);
    for (String c : columns) {
      sb.append(',');
      Double v = values.get(c);
      if (v != null) {
        sb.append(Numbers.shortest(v));
      }
    }
    sb.append('\n');
    try {
      out.write(sb.toString().getBytes(StandardCharsets.UTF_8)); // one write: a row is whole
    } catch (IOException ex) {
      throw new UncheckedIOException(AtomicFiles.failure(file, ex));
    }
    rows++;
    for (Map.Entry<String, Double> e : values.entrySet()) {
      series.get(e.getKey()).computeIfAbsent(seed, k -> new Series()).add(iteration, e.getValue());
    }
  }

  /** One metric's history, per seed in the order seeds first reported it; empty if never seen. */
  public synchronized Map<Long, Series> series(String metric) {
    Map<Long, Series> m = series.get(metric);
    return m == null ? Map.of() : Collections.unmodifiableMap(m);
  }

  private void addColumns(Collection<String> names) {
    List<String> fresh = new ArrayList<>();
    for (String n : names) {
      if (!series.containsKey(n)) {
        checkName(n);
        fresh.add(n);
        series.put(n, new LinkedHashMap<>());
      }
    }
    if (fresh.isEmpty()) {
      return;
    }
    columns.addAll(fresh);
    try {
      rewriteWider(fresh.size());
    } catch (IOException ex) {
      throw new UncheckedIOException(AtomicFiles.failure(file, ex));
    }
  }

  private static void checkName(String n) {
    if (n == null || n.isEmpty() || n.equals("seed") || n.equals("iteration")
        || n.chars().anyMatch(ch -> ch == ',' || ch == '"' || ch == '\n' || ch == '\r')) {
      throw new IllegalArgumentException("metric name must be non-empty, not 'seed' or 'iteration',"
          + " and free of commas, quotes and newlines, got '" + n + "'");
    }
  }

  /** Rewrites the file with the wider header and {@code added} empty cells on every row. */
  private void rewriteWider(int added) throws IOException {
    out.close();
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    String pad = ",".repeat(added);
    AtomicFiles.writeText(file, w -> {
      w.write(header());
      w.write('\n');
      for (int i = 1; i < lines.size(); i++) {
        w.write(lines.get(i));
        w.write(pad);
        w.write('\n');
      }
    });
    openForAppend();
  }

  private void openForAppend() throws IOException {
    out = Files.newOutputStream(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
  }

  /** Calls {@code check} with the seed of every row before it is written (the runner's guard). */
  synchronized void checkRowsWith(LongConsumer check) {
    this.rowCheck = check;
  }

  private String header() {
    StringBuilder sb = new StringBuilder("seed,iteration");
    for (String c : columns) {
      sb.append(',').append(c);
    }
    return sb.toString();
  }

  @Override
  public synchronized void close() throws IOException {
    out.close();
  }
}
