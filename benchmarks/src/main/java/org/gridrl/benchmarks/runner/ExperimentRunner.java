package org.gridrl.benchmarks.runner;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs an {@link Experiment}: checks the output folder ({@link OutputFolder}: a folder holding
 * another run is refused unless resumed or overwritten), writes {@code summary.json} (status
 * {@code "running"}) and {@code metrics.csv}, calls {@link Experiment#run}, then sets the status
 * to {@code "complete"} and prints a table of the final metrics (mean ± std across seeds), or to
 * {@code "failed: <one line>"} and throws {@link ExperimentFailedException}. If the process is
 * stopped mid-run (Ctrl-C, {@code kill}), a shutdown hook sets the status to {@code "failed:
 * stopped before completion"}; the finished seeds stay in the summary. Whether stopped that way
 * or killed outright ({@code kill -9}, no hook), the folder can be resumed: every file is
 * replaced atomically and {@code metrics.csv} only ever grows by whole rows.
 *
 * <p>While the run goes, each {@code metrics.csv} row must belong to the seed that completes
 * next ({@link SummaryJson#nextSeed}): an experiment runs (or at least reports) its seeds one
 * after the other in the config's order, so that the rows of the finished seeds are always the
 * file's first rows and a resumed run rewrites the same file. A row out of that order fails the
 * run.
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
   * Runs {@code experiment} with {@code config} into {@code outputDir}, which must be absent,
   * empty or hold no run ({@link OutputFolder.Existing#REFUSE}).
   *
   * @see #run(Experiment, ExperimentConfig, boolean, OutputFolder, PrintStream, PrintStream,
   *     boolean)
   */
  public static <C extends ExperimentConfig<C>> Result run(Experiment<C> experiment, C config,
      boolean quick, Path outputDir, PrintStream out, PrintStream err, boolean interactive)
      throws IOException {
    experiment.checkInputs(config);
    OutputFolder folder = OutputFolder.open(outputDir, OutputFolder.Existing.REFUSE,
        experiment.name(), config);
    return run(experiment, config, quick, folder, out, err, interactive);
  }

  /**
   * Runs {@code experiment} with {@code config} into {@code folder}.
   *
   * @param experiment the experiment
   * @param config its configuration (seeds included)
   * @param quick whether this is the {@code --quick} variant (recorded in the summary)
   * @param folder the checked output folder ({@link OutputFolder#open} with the same experiment
   *     and config), with the seeds to keep when it resumes a run
   * @param out the human-readable log
   * @param err where progress goes
   * @param interactive whether progress is drawn as a bar (a terminal) or as lines
   * @return the output folder and the summary
   * @throws IOException if the output folder or its files cannot be written
   * @throws ExperimentFailedException if the experiment failed (status recorded first)
   */
  public static <C extends ExperimentConfig<C>> Result run(Experiment<C> experiment, C config,
      boolean quick, OutputFolder folder, PrintStream out, PrintStream err, boolean interactive)
      throws IOException {
    Path outputDir = folder.dir();
    SummaryJson summary = new SummaryJson(outputDir.resolve("summary.json"), experiment.name(),
        experiment.description(), config, config.seeds());
    Map<Long, RunContext.KeptSeed> kept = new LinkedHashMap<>();
    if (folder.resumed()) {
      summary.resumeFrom(folder.earlier(), folder.keptSeeds());
      Map<String, Object> resumed = new LinkedHashMap<>();
      resumed.put("time", Instant.now().toString());
      resumed.put("keptSeeds", folder.keptSeeds());
      summary.note("resumed", resumed);
      for (long seed : folder.keptSeeds()) {
        List<MetricsCsv.Row> rows = folder.keptRows().rows().stream()
            .filter(r -> r.seed() == seed).toList();
        kept.put(seed, new RunContext.KeptSeed(seed, folder.earlier().finalMetrics().get(seed),
            rows));
      }
    }
    summary.note("quick", quick);
    summary.write();
    Thread hook = new Thread(() -> {
      if ("running".equals(summary.status())) {
        summary.setStatus("failed: stopped before completion");
      }
    }, "gridrl-summary-on-exit");
    Runtime.getRuntime().addShutdownHook(hook);
    Path metricsFile = outputDir.resolve("metrics.csv");
    try (MetricsCsv metrics = kept.isEmpty() ? new MetricsCsv(metricsFile)
        : MetricsCsv.resume(metricsFile, folder.keptRows())) {
      metrics.checkRowsWith(seed -> {
        Long next = summary.nextSeed();
        if (next == null || next != seed) {
          throw new IllegalStateException("a row of seed " + seed + " came while "
              + (next == null ? "every seed was complete" : "seed " + next + " was next")
              + ": an experiment writes each seed's rows and completes it, seed after seed in"
              + " the config's order");
        }
      });
      RunContext ctx = new RunContext(experiment.name(), outputDir, quick, metrics, summary, out,
          err, interactive, kept, folder.resumed());
      try {
        experiment.run(config, ctx);
        if (summary.nextSeed() != null) {
          throw new IllegalStateException("the run ended with seed " + summary.nextSeed()
              + " not reported complete");
        }
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
