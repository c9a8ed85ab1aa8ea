package org.gridrl.benchmarks.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.gridrl.benchmarks.experiments.Experiments;
import org.gridrl.benchmarks.experiments.Quickstart;
import org.gridrl.benchmarks.experiments.QuickstartConfig;
import org.gridrl.benchmarks.runner.ExperimentRunner;
import org.gridrl.benchmarks.runner.FakeExperiment;
import org.gridrl.benchmarks.runner.Progress;
import org.gridrl.benchmarks.runner.Registry;
import org.gridrl.benchmarks.runner.SummaryJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sweeps on the local runner: the files do not depend on the thread count, each row holds what
 * its run's summary.json (and a direct run of the same config) holds, a failed run is recorded
 * while the others complete, and a resumed sweep ends with the uninterrupted sweep's tables.
 */
class SweepTest {

  /** quickstart --quick over two slips and two seeds: four runs of about 0.1 s. */
  static final String QUICKSTART = "{\"experiment\": \"quickstart\", \"quick\": true,\n"
      + " \"config\": {\"rolloutEpisodes\": 50},\n"
      + " \"grid\": {\"slip\": [0.1, 0.3]}, \"seeds\": [1, 2]}\n";

  @TempDir
  Path tmp;

  static final PrintStream QUIET = new PrintStream(PrintStream.nullOutputStream());

  static Progress quiet(int n) {
    return Progress.create("sweep", n, QUIET, false);
  }

  static SweepPlan plan(Path dir, String json, Registry registry) throws IOException {
    Path file = dir.resolve("sweep.json");
    Files.writeString(file, json);
    return SweepFile.read(file, registry, n -> { });
  }

  static Sweep.Outcome sweep(SweepPlan plan, Path out, SweepRunner runner, boolean resume)
      throws Exception {
    Sweep.openFolder(out, resume);
    return Sweep.run(plan, out, runner, resume, quiet(plan.specs().size()));
  }

  @Test
  void quickstart_oneThreadAndTwo_writeIdenticalTables() throws Exception {
    Registry registry = Experiments.registry();
    SweepPlan plan = plan(tmp, QUICKSTART, registry);
    assertThat(plan.specs()).extracting(RunSpec::setting, RunSpec::seed).containsExactly(
        org.assertj.core.groups.Tuple.tuple(List.of("0.1"), 1L),
        org.assertj.core.groups.Tuple.tuple(List.of("0.1"), 2L),
        org.assertj.core.groups.Tuple.tuple(List.of("0.3"), 1L),
        org.assertj.core.groups.Tuple.tuple(List.of("0.3"), 2L));
    sweep(plan, tmp.resolve("one"), new LocalSweepRunner(registry, 1), false);
    sweep(plan, tmp.resolve("two"), new LocalSweepRunner(registry, 2), false);
    for (String f : List.of("sweep.csv", "sweep.json")) {
      assertThat(Files.readAllBytes(tmp.resolve("two").resolve(f)))
          .isEqualTo(Files.readAllBytes(tmp.resolve("one").resolve(f)));
    }
    List<String> lines = Files.readAllLines(tmp.resolve("one/sweep.csv"));
    assertThat(lines).hasSize(5);
    assertThat(lines.get(0)).startsWith("slip,seed,status,soft_vi/sweeps,");
    assertThat(lines.get(3)).startsWith("0.3,1,complete,");
    assertThat(tmp.resolve("one/sweep-slip.png")).isRegularFile();
    assertThat(tmp.resolve("one/run-003/metrics.csv")).isRegularFile();
    // row 3 holds what a direct run of slip 0.3, seed 1 reports (the runner of 'gridrl run')
    QuickstartConfig direct = QuickstartConfig.quick()
        .with(b -> b.slip(0.3).rolloutEpisodes(50).seeds(List.of(1L)));
    Map<String, Double> expected = ExperimentRunner.run(new Quickstart(), direct, true,
        tmp.resolve("direct"), QUIET, QUIET, false).summary().finalMetrics().get(1L);
    String[] header = lines.get(0).split(",");
    String[] row = lines.get(3).split(",");
    assertThat(header).hasSize(3 + expected.size());
    for (int c = 3; c < header.length; c++) {
      assertThat(Double.parseDouble(row[c])).as(header[c]).isEqualTo(expected.get(header[c]));
    }
    assertThat(SummaryJson.read(tmp.resolve("one/run-003/summary.json")).finalMetrics()
        .get(1L)).isEqualTo(expected);
  }

  @Test
  void failingRun_isRecorded_andTheSweepGoesOn() throws Exception {
    Registry registry = new Registry().register(new FakeExperiment());
    // nanSeed 2: the run of seed 2 writes loss = NaN at iteration 2 and fails
    SweepPlan plan = plan(tmp, "{\"experiment\": \"fake\", \"grid\": {\"nanSeed\": [-1, 2],"
        + " \"nanIteration\": [2]}, \"seeds\": [1, 2]}", registry);
    Sweep.Outcome outcome = sweep(plan, tmp.resolve("out"), new LocalSweepRunner(registry, 1),
        false);
    assertThat(outcome.failed()).isEqualTo(1);
    List<String> lines = Files.readAllLines(tmp.resolve("out/sweep.csv"));
    assertThat(lines).containsExactly(
        "nanSeed,nanIteration,seed,status,final",
        "-1,2,1,complete,1",
        "-1,2,2,complete,2",
        "2,2,1,complete,1",
        "2,2,2,\"failed: metric 'loss' is NaN at seed 2, iteration 2\",");
    assertThat(SummaryJson.read(tmp.resolve("out/run-004/summary.json")).status())
        .isEqualTo("failed: metric 'loss' is NaN at seed 2, iteration 2");
    String json = Files.readString(tmp.resolve("out/sweep.json"));
    assertThat(json).contains("\"complete\" : 3").contains("\"failed\" : 1")
        .contains("\"failedSeeds\" : [ 2 ]");
    // setting nanSeed -1: final = seed, so mean 1.5 and sample std √0.5
    assertThat(json).contains("\"mean\" : 1.5").contains("\"std\" : " + Math.sqrt(0.5));
  }

  @Test
  void resume_afterAnInterruptedSweep_writesTheUninterruptedTables() throws Exception {
    Registry registry = Experiments.registry();
    SweepPlan plan = plan(tmp, QUICKSTART, registry);
    sweep(plan, tmp.resolve("whole"), new LocalSweepRunner(registry, 2), false);
    Path out = tmp.resolve("stopped");
    sweep(plan, out, new LocalSweepRunner(registry, 2), false);
    // as a sweep stopped while runs 2 and 4 went on: no tables yet, run 2 marked as running
    // (what a killed run leaves), run 4 never started
    Files.delete(out.resolve("sweep.csv"));
    Files.delete(out.resolve("sweep.json"));
    Path summary = out.resolve("run-002/summary.json");
    Files.writeString(summary, Files.readString(summary)
        .replace("\"status\" : \"complete\"", "\"status\" : \"running\""));
    deleteTree(out.resolve("run-004"));
    List<Integer> executed = new ArrayList<>();
    LocalSweepRunner local = new LocalSweepRunner(registry, 2);
    SweepRunner counting = (specs, dir, done) -> {
      specs.forEach(s -> executed.add(s.index()));
      return local.run(specs, dir, done);
    };
    Sweep.Outcome outcome = sweep(plan, out, counting, true);
    assertThat(executed).containsExactly(1, 3);
    assertThat(outcome.kept()).isEqualTo(2);
    for (String f : List.of("sweep.csv", "sweep.json")) {
      assertThat(Files.readAllBytes(out.resolve(f)))
          .isEqualTo(Files.readAllBytes(tmp.resolve("whole").resolve(f)));
    }
  }

  @Test
  void folderWithFiles_withoutResume_isRefused() throws Exception {
    Files.createDirectories(tmp.resolve("out"));
    Files.writeString(tmp.resolve("out/sweep.csv"), "x\n");
    org.assertj.core.api.Assertions.assertThatThrownBy(
        () -> Sweep.openFolder(tmp.resolve("out"), false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(tmp.resolve("out") + " is not empty (it holds a sweep): add --resume to"
            + " continue the sweep in it, or choose a new folder with --out");
  }

  static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
