package org.gridrl.benchmarks.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.gridrl.benchmarks.Main;
import org.gridrl.benchmarks.runner.FakeExperiment;
import org.gridrl.benchmarks.runner.Registry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gridrl run} plumbing against a registry holding a test experiment. */
class CliRunTest {

  @TempDir
  Path dir;

  private CliRunner.Result run(FakeExperiment.Config defaults, String... args) {
    Registry registry = new Registry().register(new FakeExperiment(defaults));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = Main.execute(registry, new Io(new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), false), args);
    return new CliRunner.Result(code, out.toString(StandardCharsets.UTF_8),
        err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void run_withSeeds_usesThoseSeeds_andPrintsTheTable() throws Exception {
    CliRunner.Result r = run(new FakeExperiment.Config(2, List.of(), -1, -1, List.of(1L)),
        "run", "fake", "--seeds", "5,6,7", "--out", dir.toString());

    assertThat(r.exitCode()).as(r.err()).isZero();
    JsonNode s = new ObjectMapper().readTree(dir.resolve("summary.json").toFile());
    assertThat(s.get("seeds").toString()).isEqualTo("[5,6,7]");
    assertThat(s.get("aggregate").get("final").get("mean").asDouble()).isEqualTo(6.0);
    assertThat(s.get("aggregate").get("final").get("std").asDouble()).isEqualTo(1.0);
    assertThat(r.out()).contains("fake: complete").contains("final").contains("6.00000 ± 1.0");
    assertThat(Files.readAllLines(dir.resolve("metrics.csv"))).hasSize(1 + 3 * 2);
  }

  @Test
  void run_quick_usesTheQuickConfig() throws Exception {
    CliRunner.Result r = run(new FakeExperiment.Config(2, List.of(), -1, -1, List.of(1L)),
        "run", "fake", "--quick", "--out", dir.toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    JsonNode s = new ObjectMapper().readTree(dir.resolve("summary.json").toFile());
    assertThat(s.get("notes").get("quick").asBoolean()).isTrue();
    assertThat(s.get("config").get("iterations").asInt()).isEqualTo(2); // quickConfig: 2, seed 1
  }

  @Test
  void run_nanMetric_exits1_withOneLineNamingMetricSeedAndIteration() {
    CliRunner.Result r = run(new FakeExperiment.Config(3, List.of(), 2, 2, List.of(1L, 2L)),
        "run", "fake", "--out", dir.toString());

    assertThat(r.exitCode()).isEqualTo(1);
    List<String> errorLines = r.err().lines().filter(l -> l.startsWith("gridrl: ")).toList();
    assertThat(errorLines).containsExactly("gridrl: fake failed: metric 'loss' is NaN at seed 2,"
        + " iteration 2 (partial results kept in " + dir + ")");
    assertThat(r.err()).doesNotContain("Exception").doesNotContain("at org.");
  }
}
