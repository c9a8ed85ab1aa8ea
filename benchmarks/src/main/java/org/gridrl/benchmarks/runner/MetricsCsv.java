package org.gridrl.benchmarks.runner;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gridrl.core.util.Numbers;

/**
 * The {@code metrics.csv} of a run, written as the run goes: columns {@code seed,iteration}, then
 * one column per named metric in first-seen order; one row per (seed, iteration); every row is
 * flushed to disk when written, so a run that is stopped keeps every row it reported.
 *
 * <p>A metric missing from a row is an empty cell. A metric first seen after rows were written
 * adds a column: the file is rewritten once with the wider header (earlier rows get empty cells).
 * Declaring the columns up front with {@link #declare} avoids that rewrite. Values are written as
 * the shortest text that reads back to the same double ({@link Numbers#shortest}).
 *
 * <p>A NaN or infinite value fails with a {@link NonFiniteMetricException} naming the metric,
 * seed and iteration; the offending row is not written, the rows before it stay.
 *
 * <p>The rows are also kept in memory as per-seed series ({@link #series}), for plotting at the
 * end of a run. Not thread-safe.
 */
public final class MetricsCsv implements Closeable {

  private final Path file;
  private final List<String> columns = new ArrayList<>();
  private final Map<String, Map<Long, Series>> series = new LinkedHashMap<>();
  private BufferedWriter writer;
  private long rows;

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
   * Creates (or truncates) {@code file} and writes the header {@code seed,iteration}.
   *
   * @throws IOException if the file cannot be written
   */
  public MetricsCsv(Path file) throws IOException {
    this.file = file;
    this.writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
    writeHeader();
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
   * Writes one row and flushes it.
   *
   * @param seed the run's seed
   * @param iteration the iteration (counting from 1 by convention)
   * @param values named metric values, written in column order. Not modified.
   * @throws NonFiniteMetricException if a value is NaN or infinite (nothing of the row is written)
   * @throws UncheckedIOException if the file cannot be written
   */
  public synchronized void row(long seed, long iteration, Map<String, Double> values) {
    for (Map.Entry<String, Double> e : values.entrySet()) {
      double v = e.getValue();
      if (!Double.isFinite(v)) {
        flushQuietly();
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
    try {
      writer.write(sb.toString());
      writer.newLine();
      writer.flush();
    } catch (IOException ex) {
      throw new UncheckedIOException("cannot write " + file + ": " + ex.getMessage(), ex);
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
      if (rows == 0) {
        writer.close();
        writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        writeHeader();
      } else {
        rewriteWider(fresh.size());
      }
    } catch (IOException ex) {
      throw new UncheckedIOException("cannot write " + file + ": " + ex.getMessage(), ex);
    }
  }

  private static void checkName(String n) {
    if (n == null || n.isEmpty() || n.equals("seed") || n.equals("iteration")
        || n.chars().anyMatch(ch -> ch == ',' || ch == '"' || ch == '\n' || ch == '\r')) {
      throw new IllegalArgumentException("metric name must be non-empty, not 'seed' or 'iteration',"
          + " and free of commas, quotes and newlines, got '" + n + "'");
    }
  }

  private void rewriteWider(int added) throws IOException {
    writer.close();
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    String pad = ",".repeat(added);
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try (BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
      w.write(header());
      w.newLine();
      for (int i = 1; i < lines.size(); i++) {
        w.write(lines.get(i));
        w.write(pad);
        w.newLine();
      }
    }
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING,
        StandardCopyOption.ATOMIC_MOVE);
    writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8,
        StandardOpenOption.APPEND);
  }

  private String header() {
    StringBuilder sb = new StringBuilder("seed,iteration");
    for (String c : columns) {
      sb.append(',').append(c);
    }
    return sb.toString();
  }

  private void writeHeader() throws IOException {
    writer.write(header());
    writer.newLine();
    writer.flush();
  }

  private void flushQuietly() {
    try {
      writer.flush();
    } catch (IOException ignored) {
      // the exception being thrown is the one that matters
    }
  }

  @Override
  public synchronized void close() throws IOException {
    writer.close();
  }
}
