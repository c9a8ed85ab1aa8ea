package org.gridrl.benchmarks.experiments.irl;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.gridrl.benchmarks.runner.ExperimentRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sweep on a small world: its output does not depend on the thread count. */
class IrlSweepTest {

  @TempDir
  Path dir;

  private Path run(IrlSweepConfig config, String name) throws Exception {
    Path out = dir.resolve(name);
    PrintStream sink = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    ExperimentRunner.run(IrlSweep.binaryWorld(), config, true, out, sink, sink, false);
    return out;
  }

  /**
   * What the run below records (the wiring of each result's converged() into the count is
   * checked fit by fit in IrlGridWorldTest): every MaxEnt, deep MaxEnt and structured
   * max-margin fit stops at its cap, the projection method converges once in six.
   */
  private static final Map<String, Integer> UNCONVERGED = Map.of("maxent", 6, "deep-maxent", 6,
      "max-margin", 6, "projection", 5);

  @Test
  void metricsCsv_isIdenticalOnOneAndTwoThreads_andPlotsAreWritten() throws Exception {
    IrlSweepConfig base = IrlSweepConfig.quick("binaryworld").withSize(8)
        .withDemoCounts(List.of(4, 16)).withSeeds(List.of(3L, 4L, 5L));
    Path one = run(base.withThreads(1), "one");
    Path two = run(base.withThreads(2), "two");
    List<String> a = Files.readAllLines(one.resolve("metrics.csv"));
    assertThat(a).hasSize(1 + 3 * 2);
    assertThat(a.get(0)).startsWith("seed,iteration,evd_train/maxent/binary");
    assertThat(Files.readAllLines(two.resolve("metrics.csv"))).isEqualTo(a);
    // summary.json counts each method's fits that ended unconverged (3 seeds x 2 demo counts
    // x 1 feature set each), the same on two threads
    JsonNode notes = new ObjectMapper().readTree(one.resolve("summary.json").toFile())
        .get("notes");
    assertThat(notes.get("fits_per_method").asInt()).isEqualTo(6);
    Map<String, Integer> unconverged = new LinkedHashMap<>();
    notes.get("unconverged").fields().forEachRemaining(e -> unconverged.put(e.getKey(),
        e.getValue().asInt()));
    assertThat(unconverged.keySet()).containsExactlyElementsOf(base.methods());
    assertThat(unconverged).isEqualTo(UNCONVERGED);
    assertThat(new ObjectMapper().readTree(two.resolve("summary.json").toFile()).get("notes")
        .get("unconverged")).isEqualTo(notes.get("unconverged"));
    assertThat(ImageIO.read(one.resolve("evd_binary.png").toFile()).getWidth()).isGreaterThan(300);
    assertThat(ImageIO.read(one.resolve("rewards_binary.png").toFile())).isNotNull();
    // EVD is non-negative up to the solvers' tolerance
    for (String line : a.subList(1, a.size())) {
      String[] f = line.split(",");
      for (int i = 2; i < 2 + 3 * 2; i++) {
        assertThat(Double.parseDouble(f[i])).isGreaterThan(-1e-6);
      }
    }
  }
}
