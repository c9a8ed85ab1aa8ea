package org.gridrl.benchmarks.runner;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * What a running {@link Experiment} writes through: its output folder, {@code metrics.csv}
 * ({@link #metrics()}, or {@link #listener(long)} to attach to an algorithm), {@code
 * summary.json} ({@link #seedComplete}, {@link #note}), progress on stderr ({@link #progress})
 * and a human-readable log ({@link #out()}: what the command prints, e.g. an ASCII policy or a
 * table). Made by {@link ExperimentRunner}; everything it writes is on disk as soon as the call
 * returns.
 *
 * <p>When the run resumes an interrupted one ({@code gridrl run --resume}), the seeds that run
 * finished are {@link #kept}: the experiment skips them (it must not report them again), taking
 * their final metrics and rows from the {@link KeptSeed} where its tables and plots need them
 * ({@link #metrics()}'s series already hold their rows).
 */
public final class RunContext {

  private final String experiment;
  private final Path outputDir;
  private final boolean quick;
  private final MetricsCsv metrics;
  private final SummaryJson summary;
  private final PrintStream out;
  private final PrintStream err;
  private final boolean interactive;
  private final Map<Long, KeptSeed> kept;
  private final boolean resumed;

  /**
   * A seed that a resumed run keeps from the interrupted one.
   *
   * @param seed the seed
   * @param finalMetrics its final metrics, as it reported them to {@link #seedComplete}
   * @param rows its rows of {@code metrics.csv}, in the order written (values read back exactly)
   */
  public record KeptSeed(long seed, Map<String, Double> finalMetrics, List<MetricsCsv.Row> rows) {
  }

  RunContext(String experiment, Path outputDir, boolean quick, MetricsCsv metrics,
      SummaryJson summary, PrintStream out, PrintStream err, boolean interactive,
      Map<Long, KeptSeed> kept, boolean resumed) {
    this.experiment = experiment;
    this.outputDir = outputDir;
    this.quick = quick;
    this.metrics = metrics;
    this.summary = summary;
    this.out = out;
    this.err = err;
    this.interactive = interactive;
    this.kept = Map.copyOf(kept);
    this.resumed = resumed;
  }

  /**
   * Whether this run resumes an interrupted one ({@code --resume} on a folder that holds a run of
   * the same experiment and config). Only then may an experiment reuse what the earlier run left
   * in the folder besides its kept seeds (e.g. a trained network it saved); a run that overwrites
   * a folder must not, since the files may come from another config.
   */
  public boolean resumed() {
    return resumed;
  }

  /**
   * The seed as kept from the interrupted run this run resumes, or empty if the experiment must
   * run it. A kept seed is already complete: the experiment does not run it, write its rows or
   * report it again.
   */
  public Optional<KeptSeed> kept(long seed) {
    return Optional.ofNullable(kept.get(seed));
  }

  /** The experiment's name. */
  public String experiment() {
    return experiment;
  }

  /** The output folder (exists). */
  public Path outputDir() {
    return outputDir;
  }

  /** A file in the output folder. */
  public Path file(String name) {
    return outputDir.resolve(name);
  }

  /** Whether this is a {@code --quick} run. */
  public boolean quick() {
    return quick;
  }

  /** The human-readable log (the command's stdout). */
  public PrintStream out() {
    return out;
  }

  /** The {@code metrics.csv} writer. */
  public MetricsCsv metrics() {
    return metrics;
  }

  /**
   * A {@link org.gridrl.core.util.TrainingListener} that writes an algorithm's metric stream into
   * {@code metrics.csv} under {@code seed}; close (or {@link MetricsListener#flush()}) it when the
   * algorithm returns so its last iteration is written.
   */
  public MetricsListener listener(long seed) {
    return new MetricsListener(metrics, seed);
  }

  /**
   * Like {@link #listener(long)}, with the algorithm's metric names mapped by {@code rename}
   * (e.g. {@code planning/residual} to {@code soft_vi/residual}).
   */
  public MetricsListener listener(long seed, UnaryOperator<String> rename) {
    return new MetricsListener(metrics, seed, rename);
  }

  /** Writes one {@code metrics.csv} row (see {@link MetricsCsv#row}). */
  public void row(long seed, long iteration, Map<String, Double> values) {
    metrics.row(seed, iteration, values);
  }

  /**
   * Records a seed's final metrics and rewrites {@code summary.json}, so the seed survives a
   * stopped run.
   *
   * @throws NonFiniteMetricException if a value is NaN or infinite
   */
  public void seedComplete(long seed, Map<String, Double> finalMetrics) {
    summary.seedComplete(seed, finalMetrics);
  }

  /** Adds a note to {@code summary.json} (any Jackson-serialisable value) and rewrites it. */
  public void note(String key, Object value) {
    summary.note(key, value);
    summary.write();
  }

  /** A progress display on stderr: a bar in a terminal, plain lines otherwise. */
  public Progress progress(String task, long total) {
    return Progress.create(experiment + " " + task, total, err, interactive);
  }
}
