package org.gridrl.benchmarks.runner;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The output folder of a run, checked before anything is written to it, so that no run loses the
 * results of another.
 *
 * <p>A folder <em>holds a run</em> when it contains a {@code summary.json} or a {@code
 * metrics.csv} (every run writes {@code summary.json} first, before any seed starts). What a run
 * may do with its folder ({@link Existing}):
 * <ul>
 *   <li>an absent or empty folder is always fine (it is created; a {@code summary.json.tmp} or
 *       {@code metrics.csv.tmp} alone, left by a run killed as it began, counts as empty);
 *   <li>{@link Existing#REFUSE} (the default): a folder that holds a run, or holds other files,
 *       is refused with one line naming it and the ways on ({@code --resume}, {@code
 *       --overwrite}, another folder); nothing is written;
 *   <li>{@link Existing#OVERWRITE}: the new run writes into the folder; each of its files
 *       replaces the file of the same name (atomically) when it is written, {@code summary.json}
 *       and {@code metrics.csv} at once. Nothing is deleted: files of the earlier run that this
 *       run does not write stay;
 *   <li>{@link Existing#RESUME}: continue the run in the folder. Its {@code summary.json} must be
 *       of the same experiment and the same config except the seeds; the seeds it lists as
 *       complete must be the first seeds of this run, in order (so a run may be resumed with
 *       more seeds than it started with, never fewer). Those seeds are kept: their final metrics
 *       from {@code summary.json}, their rows of {@code metrics.csv} (every other row, e.g. of
 *       the seed that was running when the run stopped, is dropped, and the file is rewritten
 *       through a temporary file). The experiment then runs only the missing seeds, so the
 *       folder ends with the same {@code metrics.csv}, byte for byte, as an uninterrupted run.
 *       An absent or empty folder starts a new run ({@link #nothingToResume}).
 * </ul>
 * Every refusal is an {@link IllegalArgumentException} ({@link Refused}) whose message is one
 * line; the folder is left as it was.
 */
public final class OutputFolder {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** What to do with a folder that already holds something. */
  public enum Existing {
    /** Refuse a folder that is not empty. */
    REFUSE,
    /** Continue the run the folder holds. */
    RESUME,
    /** Write into the folder, replacing files of the same names. */
    OVERWRITE
  }

  /** A folder that cannot be used as asked; the message is one line naming it. */
  public static final class Refused extends IllegalArgumentException {
    Refused(String message) {
      super(message);
    }
  }

  private final Path dir;
  private final boolean nothingToResume;
  private final SummaryJson.Recorded earlier;
  private final List<Long> keptSeeds;
  private final MetricsCsv.Contents keptRows;

  private OutputFolder(Path dir, boolean nothingToResume, SummaryJson.Recorded earlier,
      List<Long> keptSeeds, MetricsCsv.Contents keptRows) {
    this.dir = dir;
    this.nothingToResume = nothingToResume;
    this.earlier = earlier;
    this.keptSeeds = keptSeeds;
    this.keptRows = keptRows;
  }

  /**
   * Checks {@code dir} for a run of {@code experiment} with {@code config} and creates it if
   * missing; reads what a resumed run keeps. Writes nothing else.
   *
   * @param dir the folder
   * @param existing what to do if it holds something
   * @param experiment the experiment's name
   * @param config the config of the run (all its seeds)
   * @return the folder, with the seeds and rows to keep when resuming
   * @throws Refused if the folder cannot be used as asked
   * @throws IOException if it cannot be read or created
   */
  public static OutputFolder open(Path dir, Existing existing, String experiment,
      ExperimentConfig<?> config) throws IOException {
    boolean empty = !Files.exists(dir) || (Files.isDirectory(dir) && isEmpty(dir));
    Files.createDirectories(dir); // a file of that name fails here, naming it
    if (empty) {
      return fresh(dir, existing == Existing.RESUME);
    }
    Path summary = dir.resolve("summary.json");
    Path metrics = dir.resolve("metrics.csv");
    boolean holdsRun = Files.exists(summary) || Files.exists(metrics);
    switch (existing) {
      case OVERWRITE:
        return fresh(dir, false);
      case REFUSE:
        if (holdsRun) {
          throw new Refused(dir + " already holds a run (" + describeRun(summary)
              + "): add --resume to continue it or --overwrite to replace it");
        }
        throw new Refused(dir + " is not empty and holds no run (no summary.json or"
            + " metrics.csv): choose a new or empty folder with --out, or add --overwrite to"
            + " write into it (files of the same names are replaced)");
      default:
        break;
    }
    if (!Files.exists(summary)) {
      throw new Refused("--resume: " + dir + (holdsRun
          ? " has a metrics.csv but no summary.json, which says what seeds finished;"
              + " add --overwrite to replace the run"
          : " holds no run to continue (no summary.json); choose another folder"));
    }
    SummaryJson.Recorded rec;
    try {
      rec = SummaryJson.read(summary);
    } catch (SummaryJson.Unreadable ex) {
      throw new Refused("--resume: " + ex.getMessage() + "; add --overwrite to replace the run");
    }
    if (!rec.experiment().equals(experiment)) {
      throw new Refused("--resume: " + dir + " holds a run of " + rec.experiment() + ", not of "
          + experiment + "; choose another folder or add --overwrite to replace it");
    }
    String difference = configDifference(rec.config(), config);
    if (difference != null) {
      throw new Refused("--resume: " + dir + " holds a run of " + experiment + " with another"
          + " config (" + difference + "); give the options it ran with (--config " + summary
          + " repeats them) or add --overwrite to replace it");
    }
    List<Long> kept = new ArrayList<>(rec.finalMetrics().keySet());
    List<Long> seeds = config.seeds();
    if (kept.size() > seeds.size() || !seeds.subList(0, kept.size()).equals(kept)) {
      throw new Refused("--resume: " + dir + " finished seeds " + join(kept) + ", so the seeds"
          + " to run must begin with them, in that order; got " + join(seeds));
    }
    if (kept.isEmpty()) {
      return new OutputFolder(dir, false, rec, List.of(), null);
    }
    if (!Files.exists(metrics)) {
      throw new Refused("--resume: " + metrics + " is missing, so the rows of the finished seeds"
          + " are lost; add --overwrite to start again");
    }
    MetricsCsv.Contents rows;
    try {
      rows = MetricsCsv.read(metrics);
    } catch (MetricsCsv.Unreadable ex) {
      throw new Refused("--resume: " + ex.getMessage() + "; add --overwrite to start again");
    }
    Set<Long> keep = Set.copyOf(kept);
    return new OutputFolder(dir, false, rec, List.copyOf(kept), rows.keep(keep::contains));
  }

  private static OutputFolder fresh(Path dir, boolean nothingToResume) {
    return new OutputFolder(dir, nothingToResume, null, List.of(), null);
  }

  /** The folder. */
  public Path dir() {
    return dir;
  }

  /** Whether {@code --resume} was asked on an absent or empty folder (a new run starts). */
  public boolean nothingToResume() {
    return nothingToResume;
  }

  /** Whether this continues an earlier run (whose summary.json this run rewrites). */
  public boolean resumed() {
    return earlier != null;
  }

  /** The earlier run's summary, when {@link #resumed}. */
  SummaryJson.Recorded earlier() {
    return earlier;
  }

  /** The seeds kept from the earlier run, in order (empty for a new run). */
  public List<Long> keptSeeds() {
    return keptSeeds;
  }

  /** The rows of the kept seeds, or null when none are kept. */
  MetricsCsv.Contents keptRows() {
    return keptRows;
  }

  /**
   * Whether {@code dir} holds nothing but, perhaps, the temporary files of a run killed while it
   * wrote its very first {@code summary.json} or {@code metrics.csv}.
   */
  private static boolean isEmpty(Path dir) throws IOException {
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.map(p -> p.getFileName().toString())
          .allMatch(n -> n.equals("summary.json.tmp") || n.equals("metrics.csv.tmp"));
    }
  }

  /** "quickstart, complete, 2 of 2 seeds finished", from the summary if it can be read. */
  private static String describeRun(Path summary) {
    if (!Files.exists(summary)) {
      return "a metrics.csv";
    }
    try {
      SummaryJson.Recorded r = SummaryJson.read(summary);
      return r.experiment() + ", " + r.status() + ", " + r.finalMetrics().size() + " of "
          + r.seeds().size() + " seed" + (r.seeds().size() == 1 ? "" : "s") + " finished";
    } catch (IOException ex) {
      return "a summary.json";
    }
  }

  /**
   * The first field in which {@code config} differs from the recorded one, seeds aside, as
   * "field is A there, B here"; null if none.
   */
  static String configDifference(JsonNode recorded, ExperimentConfig<?> config) {
    JsonNode now;
    try {
      now = MAPPER.readTree(MAPPER.writeValueAsString(config));
    } catch (JsonProcessingException ex) {
      throw new IllegalStateException("config not serialisable: " + ex.getOriginalMessage(), ex);
    }
    JsonNode then = recorded.deepCopy();
    if (then instanceof ObjectNode o) {
      o.remove("seeds");
    }
    if (now instanceof ObjectNode o) {
      o.remove("seeds");
    }
    return difference("", then, now);
  }

  private static String difference(String path, JsonNode then, JsonNode now) {
    if (then != null && now != null && then.isObject() && now.isObject()) {
      Set<String> names = new LinkedHashSet<>();
      then.fieldNames().forEachRemaining(names::add);
      now.fieldNames().forEachRemaining(names::add);
      for (String n : names) {
        String d = difference(path.isEmpty() ? n : path + "." + n, then.get(n), now.get(n));
        if (d != null) {
          return d;
        }
      }
      return null;
    }
    if (then == null ? now == null : then.equals(now)) {
      return null;
    }
    return path + " is " + show(then) + " there, " + show(now) + " here";
  }

  private static String show(JsonNode n) {
    return n == null ? "absent" : n.toString();
  }

  private static String join(List<Long> seeds) {
    return seeds.isEmpty() ? "none" : seeds.stream().map(String::valueOf)
        .collect(Collectors.joining(", "));
  }
}
