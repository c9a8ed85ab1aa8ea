package org.gridrl.benchmarks.runner;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.gridrl.core.linalg.ImplGemm;
import org.gridrl.core.util.Provenance;

/**
 * The {@code summary.json} of a run: experiment, description, status ({@code "running"},
 * {@code "complete"} or {@code "failed: <one line>"}), config, seeds, provenance, the path the
 * matrix products take when the file is written ({@code products}: {@link ImplGemm#path()}, e.g.
 * {@code "vector (512-bit)"} or {@code "scalar"}; timings depend on it, results do not), start
 * time, wall time, the final metrics of each completed seed, their {@link Stats} across seeds
 * (mean ± sample std), and free-form notes. The file is rewritten whole (to a temporary file, then
 * atomically moved over the old one, {@link AtomicFiles}) after each completed seed and at each
 * status change, so a reader never sees half a file and a stopped run keeps every seed it
 * finished. Seeds complete in the order of the config's seeds, which is what lets a resumed run
 * ({@link #read}, {@link #resumeFrom}) keep the finished ones and reproduce the same files.
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
  private Instant start;
  private double earlierSeconds;
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

  /**
   * Wall time of the run in seconds: since this summary was created, plus the recorded wall time
   * of the run it resumes.
   */
  public synchronized double wallSeconds() {
    return earlierSeconds + (System.nanoTime() - startNanos) * 1e-9;
  }

  /**
   * What an earlier {@code summary.json} recorded, as far as resuming needs it.
   *
   * @param experiment the experiment's name
   * @param status its status
   * @param config the config, as JSON
   * @param seeds the seeds of that run
   * @param finalMetrics the final metrics of each completed seed, in completion order
   * @param startTime when that run started
   * @param wallTimeSeconds its wall time so far
   */
  public record Recorded(String experiment, String status, JsonNode config, List<Long> seeds,
      Map<Long, Map<String, Double>> finalMetrics, Instant startTime, double wallTimeSeconds) {
  }

  /** A {@code summary.json} that cannot be read back: the message names the file and why. */
  public static final class Unreadable extends IOException {
    Unreadable(String message) {
      super(message);
    }
  }

  /**
   * Reads what an earlier run's {@code summary.json} recorded.
   *
   * @throws Unreadable naming the file if it is not JSON or lacks a field a run writes
   * @throws IOException if it cannot be read
   */
  public static Recorded read(Path file) throws IOException {
    JsonNode root;
    try {
      root = MAPPER.readTree(file.toFile());
    } catch (JsonProcessingException ex) {
      JsonLocation at = ex.getLocation();
      throw new Unreadable(file + (at == null ? "" : ":" + at.getLineNr() + ":"
          + at.getColumnNr()) + ": not valid JSON");
    }
    if (root == null || !root.isObject()) {
      throw new Unreadable(file + ": not a JSON object");
    }
    String experiment = text(root, "experiment", file);
    String status = text(root, "status", file);
    JsonNode config = root.get("config");
    if (config == null || !config.isObject()) {
      throw new Unreadable(file + ": no \"config\" object");
    }
    List<Long> seeds = longs(root, "seeds", file);
    List<Long> completed = longs(root, "completedSeeds", file);
    JsonNode perSeed = root.get("finalMetrics");
    Map<Long, Map<String, Double>> finals = new LinkedHashMap<>();
    for (long seed : completed) {
      JsonNode m = perSeed == null ? null : perSeed.get(Long.toString(seed));
      if (m == null || !m.isObject()) {
        throw new Unreadable(file + ": no finalMetrics for the completed seed " + seed);
      }
      Map<String, Double> values = new LinkedHashMap<>();
      for (Map.Entry<String, JsonNode> e : (Iterable<Map.Entry<String, JsonNode>>) m::fields) {
        if (!e.getValue().isNumber()) {
          throw new Unreadable(file + ": finalMetrics of seed " + seed + ", " + e.getKey()
              + " is not a number");
        }
        values.put(e.getKey(), e.getValue().doubleValue());
      }
      finals.put(seed, Collections.unmodifiableMap(values));
    }
    Instant startTime;
    try {
      startTime = Instant.parse(text(root, "startTime", file));
    } catch (java.time.format.DateTimeParseException ex) {
      throw new Unreadable(file + ": startTime is not a time");
    }
    JsonNode wall = root.get("wallTimeSeconds");
    return new Recorded(experiment, status, config, seeds, Collections.unmodifiableMap(finals),
        startTime, wall != null && wall.isNumber() ? wall.doubleValue() : 0.0);
  }

  private static String text(JsonNode root, String field, Path file) throws Unreadable {
    JsonNode n = root.get(field);
    if (n == null || !n.isTextual()) {
      throw new Unreadable(file + ": no \"" + field + "\" text");
    }
    return n.asText();
  }

  private static List<Long> longs(JsonNode root, String field, Path file) throws Unreadable {
    JsonNode n = root.get(field);
    if (n == null || !n.isArray()) {
      throw new Unreadable(file + ": no \"" + field + "\" list");
    }
    List<Long> out = new ArrayList<>();
    for (JsonNode e : n) {
      if (!e.isIntegralNumber() || !e.canConvertToLong()) {
        throw new Unreadable(file + ": \"" + field + "\" holds " + e + ", not a seed");
      }
      out.add(e.longValue());
    }
    return List.copyOf(out);
  }

  /**
   * Continues {@code earlier}: keeps its start time, adds its wall time to this run's, and
   * records the final metrics of its completed seeds {@code kept} (in that order) as if they had
   * completed in this run. Written with the next write.
   *
   * @param earlier what the folder's summary recorded. Not modified.
   * @param kept the completed seeds to keep: the first seeds of this run's seeds, in order
   */
  public synchronized void resumeFrom(Recorded earlier, List<Long> kept) {
    start = earlier.startTime();
    earlierSeconds = earlier.wallTimeSeconds();
    for (long seed : kept) {
      finalMetrics.put(seed, earlier.finalMetrics().get(seed));
    }
  }

  /**
   * The seed that must complete next: the first of the run's seeds not yet complete, or {@code
   * null} when all are.
   */
  public synchronized Long nextSeed() {
    for (Long s : seeds) {
      if (!finalMetrics.containsKey(s)) {
        return s;
      }
    }
    return null;
  }

  /**
   * Records a completed seed's final metrics (finite values only) and rewrites the file.
   *
   * @throws NonFiniteMetricException if a value is NaN or infinite (nothing is recorded)
   * @throws IllegalStateException if {@code seed} is not the {@link #nextSeed} (seeds complete
   *     once each, in the config's order)
   */
  public synchronized void seedComplete(long seed, Map<String, Double> metrics) {
    Long next = nextSeed();
    if (next == null || next != seed) {
      throw new IllegalStateException("seed " + seed + " reported complete while "
          + (next == null ? "every seed is" : "seed " + next + " is next") + ": an experiment"
          + " completes its seeds once each, in the order of the config's seeds");
    }
    for (Map.Entry<String, Double> e : metrics.entrySet()) {
      if (!Double.isFinite(e.getValue())) {
        throw NonFiniteMetricException.finalMetric(e.getKey(), seed, e.getValue());
      }
    }
    @SuppressWarnings("unchecked") // a map of String to Double stays one
    Map<String, Double> ordered = (Map<String, Double>) stableOrder(metrics);
    finalMetrics.put(seed, Collections.unmodifiableMap(ordered));
    write();
  }

  /** Adds or replaces a note (any Jackson-serialisable value); written with the next write. */
  public synchronized void note(String key, Object value) {
    notes.put(key, stableOrder(value));
  }

  /**
   * {@code value} with every map whose iteration order is not fixed ({@code Map.of}, a
   * {@code HashMap}) copied into a {@link TreeMap} by key, inside lists and maps too; an ordered
   * map (linked or sorted) keeps its order. So the file is the same from run to run: the order of
   * {@code Map.of} changes with each JVM.
   */
  static Object stableOrder(Object value) {
    if (value instanceof Map<?, ?> m) {
      Map<Object, Object> out = m instanceof LinkedHashMap<?, ?> || m instanceof SortedMap<?, ?>
          ? new LinkedHashMap<>() : new TreeMap<>(Comparator.comparing(String::valueOf));
      for (Map.Entry<?, ?> e : m.entrySet()) {
        out.put(e.getKey(), stableOrder(e.getValue()));
      }
      return out;
    }
    if (value instanceof List<?> list) {
      List<Object> out = new ArrayList<>(list.size());
      for (Object x : list) {
        out.add(stableOrder(x));
      }
      return out;
    }
    return value;
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
    root.put("products", ImplGemm.path());
    root.put("startTime", start.toString());
    root.put("wallTimeSeconds", wallSeconds());
    root.set("completedSeeds", MAPPER.valueToTree(new ArrayList<>(finalMetrics.keySet())));
    ObjectNode perSeed = root.putObject("finalMetrics");
    for (Map.Entry<Long, Map<String, Double>> e : finalMetrics.entrySet()) {
      perSeed.set(Long.toString(e.getKey()), MAPPER.valueToTree(e.getValue()));
    }
    root.set("aggregate", MAPPER.valueToTree(aggregate()));
    root.set("notes", MAPPER.valueToTree(notes));
    try {
      AtomicFiles.write(file, out -> MAPPER.writeValue(out, root));
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
  }
}
