package org.gridrl.benchmarks.runner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * What an interrupted run leaves, made by hand from a complete one, and the resumed run that must
 * repair it: for the experiments' resume tests.
 */
public final class Interruptions {

  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(SerializationFeature.INDENT_OUTPUT);

  private Interruptions() {
  }

  /**
   * Copies the complete run in {@code from} to {@code to} as a run killed while its last seed was
   * finishing leaves it: summary.json no longer lists the last seed (status "running"), and
   * metrics.csv keeps that seed's rows with its last row cut in half, without a newline.
   *
   * @return the seed dropped
   */
  public static long killedDuringLastSeed(Path from, Path to) throws IOException {
    Files.createDirectories(to);
    try (Stream<Path> files = Files.list(from)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        Files.copy(f, to.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
      }
    }
    ObjectNode root = (ObjectNode) JSON.readTree(to.resolve("summary.json").toFile());
    ArrayNode completed = (ArrayNode) root.get("completedSeeds");
    long last = completed.remove(completed.size() - 1).asLong();
    ((ObjectNode) root.get("finalMetrics")).remove(Long.toString(last));
    root.put("status", "running");
    JSON.writeValue(to.resolve("summary.json").toFile(), root);
    Path csv = to.resolve("metrics.csv");
    String text = Files.readString(csv);
    int lastLineStart = text.lastIndexOf('\n', text.length() - 2) + 1;
    String lastLine = text.substring(lastLineStart, text.length() - 1);
    Files.writeString(csv, text.substring(0, lastLineStart)
        + lastLine.substring(0, lastLine.length() / 2));
    return last;
  }

  /** Resumes the run in {@code dir} in-process; returns its stdout. */
  public static <C extends ExperimentConfig<C>> String resume(Experiment<C> experiment, C config,
      boolean quick, Path dir) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream sink = new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
    OutputFolder folder = OutputFolder.open(dir, OutputFolder.Existing.RESUME, experiment.name(),
        config);
    ExperimentRunner.run(experiment, config, quick, folder,
        new PrintStream(out, true, StandardCharsets.UTF_8), sink, false);
    return out.toString(StandardCharsets.UTF_8);
  }

  /** Runs into the new folder {@code dir} in-process; returns its stdout. */
  public static <C extends ExperimentConfig<C>> String run(Experiment<C> experiment, C config,
      boolean quick, Path dir) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream sink = new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
    ExperimentRunner.run(experiment, config, quick, dir,
        new PrintStream(out, true, StandardCharsets.UTF_8), sink, false);
    return out.toString(StandardCharsets.UTF_8);
  }

  /** The stdout of a run with its wall time and folder masked (all that may differ). */
  public static String withoutWallTime(String out) {
    return out.replaceAll("complete in [0-9.]+ s(.*); results in .*", "complete in ? s$1");
  }

  /** Every file in {@code dir} (not recursing) with its bytes, by name. */
  public static Map<String, byte[]> snapshot(Path dir) throws IOException {
    Map<String, byte[]> m = new TreeMap<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        m.put(f.getFileName().toString(), Files.isDirectory(f) ? new byte[] {'/'}
            : Files.readAllBytes(f));
      }
    }
    return m;
  }

  /** A summary.json field, for assertions. */
  public static JsonNode summary(Path dir) throws IOException {
    return JSON.readTree(dir.resolve("summary.json").toFile());
  }
}
