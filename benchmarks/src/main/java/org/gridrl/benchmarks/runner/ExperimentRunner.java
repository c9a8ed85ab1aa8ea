package org.gridrl.benchmarks.runner;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Runs an {@link Experiment}: creates the output folder, opens {@code metrics.csv} and {@code
 * summary.json} (status {@code "running"}), calls {@link Experiment#run}, then sets the status to
 * {@code "complete"} and prints a table of the final metrics (mean ± std across seeds), or to
 * {@code "failed: <one line>"} and throws {@link ExperimentFailedException}. If the process is
 * stopped mid-run (Ctrl-C), a shutdown hook sets the status to {@code "failed: stopped before
 * completion"}; the finished seeds stay in the summary.
 */
public final class ExperimentRunner {

  /**
   * What a completed run produced.
   *
   * @param outputDir the output folder
   * @param summary the final summary
   */
  public record Result(Path outputDir, SummaryJson summary) {
  }

  private ExperimentRunner() {
  }

  /**
   * Runs {@code experiment} with {@code config} into {@code outputDir}.
   *
   * @param experiment the experiment
   * @param config its configuration (seeds included)
   * @param quick whether this is the {@code --quick} variant (recorded in the summary)
   * @param outputDir the output folder; created if missing, files of the same name replaced
   * @param out the human-readable log
   * @param err where progress goes
   * @param interactive whether progress is drawn as a bar (a terminal) or as lines
   * @return the output folder and the summary
   * @throws IOException if the output folder or its files cannot be created
   * @throws ExperimentFailedException if the experiment failed (status recorded first)
   */
  public static <C extends ExperimentConfig<C>> Result run(Experiment<C> experiment, C config,
      boolean quick, Path outputDir, PrintStream out, PrintStream err, boolean interactive)
      throws IOException {
    Files.createDirectories(outputDir);
    SummaryJson summary = new SummaryJson(outputDir.resolve("summary.json"), experiment.name(),
        experiment.description(), config, config.seeds());
    summary.note("quick", quick);
    summary.write();
    Thread hook = new Thread(() -> {
      if ("running".equals(summary.status())) {
        summary.setStatus("failed: stopped before completion");
      }
    }, "gridrl-summary-on-exit");
    Runtime.getRuntime().addShutdownHook(hook);
    try (MetricsCsv metrics = new MetricsCsv(outputDir.resolve("metrics.csv"))) {
      RunContext ctx = new RunContext(experiment.name(), outputDir, quick, metrics, summary, out,
          err, interactive);
      try {
        experiment.run(config, ctx);
      } catch (Exception | Error e) {
        String reason = oneLine(e);
        summary.setStatus("failed: " + reason);
        throw new ExperimentFailedException(experiment.name(), outputDir, reason, e);
      }
      summary.setStatus("complete");
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // the hook is already running; it only writes while the status is still "running"
      }
    }
    printTable(experiment.name(), summary, outputDir, out);
    return new Result(outputDir, summary);
  }

  /** A one-line description of a failure: the message, or the exception's type when it has none. */
  static String oneLine(Throwable e) {
    Throwable t = e instanceof UncheckedIOException && e.getCause() != null ? e.getCause() : e;
    String msg = t.getMessage();
    if (msg == null || msg.isBlank()) {
      msg = t.getClass().getSimpleName();
    } else if (!(t instanceof IllegalArgumentException || t instanceof ArithmeticException
        || t instanceof IOException || t instanceof UncheckedIOException)) {
      msg = t.getClass().getSimpleName() + ": " + msg;
    }
    return msg.replace('\n', ' ').replace('\r', ' ').trim();
  }

  private static void printTable(String name, SummaryJson summary, Path outputDir,
      PrintStream out) {
    Map<String, Stats> agg = summary.aggregate();
    int seeds = summary.finalMetrics().size();
    out.printf("%n%s: complete in %.1f s, %d seed%s; results in %s%n", name,
        summary.wallSeconds(), seeds, seeds == 1 ? "" : "s", outputDir);
    if (agg.isEmpty()) {
      return;
    }
    int width = agg.keySet().stream().mapToInt(String::length).max().orElse(6);
    width = Math.max(width, 6);
    out.printf("  %-" + width + "s  %s%n", "metric", seeds > 1 ? "mean ± std" : "value");
    for (Map.Entry<String, Stats> e : agg.entrySet()) {
      out.printf("  %-" + width + "s  %s%n", e.getKey(), e.getValue().format());
    }
    out.flush();
  }
}
