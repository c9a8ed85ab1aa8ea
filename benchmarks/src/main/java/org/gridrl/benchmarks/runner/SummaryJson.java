package org.gridrl.benchmarks.runner;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gridrl.core.util.Provenance;

/**
 * The {@code summary.json} of a run: experiment, description, status ({@code "running"},
 * {@code "complete"} or {@code "failed: <one line>"}), config, seeds, provenance, start time,
 * wall time, the final metrics of each completed seed, their {@link Stats} across seeds (mean ±
 * sample std), and free-form notes. The file is rewritten whole (to a temporary file, then
 * atomically moved over the old one) after each completed seed and at each status change, so a
 * reader never sees half a file and a stopped run keeps every seed it finished.
 *
 * <p>Thread-safe (a shutdown hook may write the final status while the run thread writes).
 */
public final class SummaryJson {

  private static final ObjectMapper MAPPER = new ObjectMapper()
      .enable(SerializationFeature.INDENT_OUTPUT);

  private final Path file;
  private final String experiment;
  private final String description;
  private final Object config;
  private final List<Long> seeds;
  private final Provenance.Platform provenance;
  private final Instant start;
  private final long startNanos;
  private String status = "running";
  private final Map<Long, Map<String, Double>> finalMetrics = new LinkedHashMap<>();
  private final Map<String, Object> notes = new LinkedHashMap<>();

  /**
   * A summary for one run; nothing is written until {@link #write()}.
   *
   * @param file where to write
   * @param experiment the experiment's name
   * @param description its one-line description
   * @param config the config record (serialised by its components)
   * @param seeds the seeds of the run. Not modified.
   */
  public SummaryJson(Path file, String experiment, String description, Object config,
      List<Long> seeds) {
    this.file = file;
    this.experiment = experiment;
    this.description = description;
    this.config = config;
    this.seeds = List.copyOf(seeds);
    this.provenance = Provenance.Platform.current();
    this.start = Instant.now();
    this.startNanos = System.nanoTime();
  }

  /** The file written. */
  public Path file() {
    return file;
  }

  /** The current status. */
  public synchronized String status() {
    return status;
  }

  /** Wall time since this summary was created, in seconds. */
  public double wallSeconds() {
    return (System.nanoTime() - startNanos) * 1e-9;
  }

  /**
   * Records a completed seed's final metrics (finite values only) and rewrites the file.
   *
   * @throws NonFiniteMetricException if a value is NaN or infinite (nothing is recorded)
   */
  public synchronized void seedComplete(long seed, Map<String, Double> metrics) {
    for (Map.Entry<String, Double> e : metrics.entrySet()) {
      if (!Double.isFinite(e.getValue())) {
        throw NonFiniteMetricException.finalMetric(e.getKey(), seed, e.getValue());
      }
    }
    finalMetrics.put(seed, Collections.unmodifiableMap(new LinkedHashMap<>(metrics)));
    write();
  }

  /** Adds or replaces a note (any Jackson-serialisable value); written with the next write. */
  public synchronized void note(String key, Object value) {
    notes.put(key, value);
  }

  /** Sets the status and rewrites the file. */
  public synchronized void setStatus(String newStatus) {
    this.status = newStatus;
    write();
  }

  /** The final metrics of each completed seed, in completion order. */
  public synchronized Map<Long, Map<String, Double>> finalMetrics() {
    return Collections.unmodifiableMap(new LinkedHashMap<>(finalMetrics));
  }

  /**
   * Mean ± std of each metric over the seeds that reported it, in first-seen order.
   */
  public synchronized Map<String, Stats> aggregate() {
    Map<String, List<Double>> byMetric = new LinkedHashMap<>();
    for (Map<String, Double> m : finalMetrics.values()) {
      for (Map.Entry<String, Double> e : m.entrySet()) {
        byMetric.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue());
      }
    }
    Map<String, Stats> out = new LinkedHashMap<>();
    for (Map.Entry<String, List<Double>> e : byMetric.entrySet()) {
      out.put(e.getKey(), Stats.of(e.getValue().stream().mapToDouble(Double::doubleValue).toArray()));
    }
    return out;
  }

  /**
   * Writes the whole summary now (temporary file, then an atomic move).
   *
   * @throws UncheckedIOException if it cannot be written
   */
  public synchronized void write() {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("experiment", experiment);
    root.put("description", description);
    root.put("status", status);
    root.set("config", MAPPER.valueToTree(config));
    root.set("seeds", MAPPER.valueToTree(seeds));
    root.set("provenance", MAPPER.valueToTree(provenance));
    root.put("startTime", start.toString());
    root.put("wallTimeSeconds", wallSeconds());
    root.set("completedSeeds", MAPPER.valueToTree(new ArrayList<>(finalMetrics.keySet())));
    ObjectNode perSeed = root.putObject("finalMetrics");
    for (Map.Entry<Long, Map<String, Double>> e : finalMetrics.entrySet()) {
      perSeed.set(Long.toString(e.getKey()), MAPPER.valueToTree(e.getValue()));
    }
    root.set("aggregate", MAPPER.valueToTree(aggregate()));
    root.set("notes", MAPPER.valueToTree(notes));
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try {
      MAPPER.writeValue(tmp.toFile(), root);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException ex) {
      throw new UncheckedIOException("cannot write " + file + ": " + ex.getMessage(), ex);
    }
  }
}
