package org.gridrl.benchmarks.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Interrupted runs resumed: the folder a stopped run leaves (by a shutdown hook, by {@code kill
 * -9}, or made by hand) is completed by {@code --resume} to the same metrics.csv, byte for byte,
 * as an uninterrupted run, rerunning only the seeds that had not finished.
 */
class ResumeTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path tmp;

  private final SlowExperiment.Config config = new SlowExperiment.Config(6,
      List.of(1L, 2L, 3L, 4L));

  // -------------------------------------------------------------------------------------------
  // a real process, stopped mid-run

  @Test
  void kill9_midRun_thenResume_writesTheSameMetricsCsvAsAnUninterruptedRun() throws Exception {
    Path reference = tmp.resolve("reference");
    Interruptions.run(new SlowExperiment(0), config, false, reference);
    Path dir = tmp.resolve("killed");

    Process child = startAndStopDuringASeed(dir, true);

    // SIGKILL: no shutdown hook ran, so the summary still says "running"
    JsonNode killed = Interruptions.summary(dir);
    assertThat(killed.get("status").asText()).isEqualTo("running");
    List<Long> finished = seeds(killed.get("completedSeeds"));
    assertThat(finished).isNotEmpty().hasSizeLessThan(4);
    assertThat(child.exitValue()).isEqualTo(137); // 128 + SIGKILL
    resumeAndCompare(dir, reference, finished);
  }

  @Test
  void sigterm_midRun_runsTheShutdownHook_thenResume_writesTheSameMetricsCsv() throws Exception {
    Path reference = tmp.resolve("reference");
    Interruptions.run(new SlowExperiment(0), config, false, reference);
    Path dir = tmp.resolve("stopped");

    Process child = startAndStopDuringASeed(dir, false);

    // SIGTERM, like Ctrl-C's SIGINT, runs the shutdown hook, which marks the summary
    JsonNode stopped = Interruptions.summary(dir);
    assertThat(stopped.get("status").asText()).isEqualTo("failed: stopped before completion");
    List<Long> finished = seeds(stopped.get("completedSeeds"));
    assertThat(finished).isNotEmpty().hasSizeLessThan(4);
    assertThat(child.exitValue()).isEqualTo(143); // 128 + SIGTERM
    resumeAndCompare(dir, reference, finished);
  }

  /**
   * Starts {@code gridrl run slow --out dir} in a child JVM and stops it (SIGKILL or SIGTERM) as
   * soon as summary.json lists a finished seed and metrics.csv holds a row of the next one.
   */
  private Process startAndStopDuringASeed(Path dir, boolean kill9) throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Path log = tmp.resolve("child.log");
    Process child = new ProcessBuilder(java.toString(), "-cp",
        System.getProperty("java.class.path"), "-Xmx128m", "-XX:TieredStopAtLevel=1",
        "-Dslow.delay=60", SlowExperiment.class.getName(), "run", "slow", "--out",
        dir.toString())
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (!runningASeedAfterAFinishedOne(dir)) {
        assertThat(child.isAlive()).as("the child ended before it could be stopped: %s",
            Files.exists(log) ? Files.readString(log) : "").isTrue();
        assertThat(System.nanoTime()).as("timed out waiting for a finished seed")
            .isLessThan(deadline);
        Thread.sleep(5);
      }
      if (kill9) {
        child.destroyForcibly();
      } else {
        child.destroy();
      }
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
      return child;
    } finally {
      child.destroyForcibly();
    }
  }

  private static boolean runningASeedAfterAFinishedOne(Path dir) {
    try {
      List<Long> finished = seeds(Interruptions.summary(dir).get("completedSeeds"));
      if (finished.isEmpty() || finished.size() == 4) {
        return false;
      }
      long next = finished.size() + 1; // seeds are 1, 2, 3, 4
      return Files.readAllLines(dir.resolve("metrics.csv")).stream()
          .anyMatch(l -> l.startsWith(next + ","));
    } catch (IOException | RuntimeException notYet) {
      return false;
    }
  }

  private void resumeAndCompare(Path dir, Path reference, List<Long> finished) throws Exception {
    // the stopped run wrote rows of a seed it did not finish: the resume drops and reruns them
    long unfinished = finished.size() + 1;
    assertThat(Files.readAllLines(dir.resolve("metrics.csv")))
        .anyMatch(l -> l.startsWith(unfinished + ","));
    assertThat(Files.readAllBytes(dir.resolve("metrics.csv")))
        .isNotEqualTo(Files.readAllBytes(reference.resolve("metrics.csv")));

    SlowExperiment resumed = new SlowExperiment(0);
    Interruptions.resume(resumed, config, false, dir);

    List<Long> missing = new ArrayList<>(config.seeds());
    missing.removeAll(finished);
    assertThat(resumed.ran).isEqualTo(missing);
    assertThat(Files.readString(dir.resolve("metrics.csv")))
        .isEqualTo(Files.readString(reference.resolve("metrics.csv")));
    assertThat(Files.readAllBytes(dir.resolve("metrics.csv")))
        .isEqualTo(Files.readAllBytes(reference.resolve("metrics.csv")));
    JsonNode s = Interruptions.summary(dir);
    JsonNode r = Interruptions.summary(reference);
    assertThat(s.get("status").asText()).isEqualTo("complete");
    assertThat(s.get("completedSeeds")).isEqualTo(r.get("completedSeeds"));
    assertThat(s.get("finalMetrics")).isEqualTo(r.get("finalMetrics"));
    assertThat(s.get("aggregate")).isEqualTo(r.get("aggregate"));
    assertThat(seeds(s.get("notes").get("resumed").get("keptSeeds"))).isEqualTo(finished);
    assertThat(Files.exists(dir.resolve("metrics.csv.tmp"))).isFalse();
  }

  private static List<Long> seeds(JsonNode array) {
    List<Long> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asLong()));
    return out;
  }

  // -------------------------------------------------------------------------------------------
  // the same, in-process, on folders made by hand

  @Test
  void resume_afterAKillDuringTheLastSeed_dropsItsRowsAndHalfRow_andRerunsOnlyIt()
      throws Exception {
    Path reference = tmp.resolve("reference");
    Interruptions.run(new SlowExperiment(0), config, false, reference);
    Path dir = tmp.resolve("killed");
    long dropped = Interruptions.killedDuringLastSeed(reference, dir);
    assertThat(Files.readString(dir.resolve("metrics.csv"))).doesNotEndWith("\n");

    SlowExperiment resumed = new SlowExperiment(0);
    Interruptions.resume(resumed, config, false, dir);

    assertThat(resumed.ran).containsExactly(dropped);
    assertThat(Files.readAllBytes(dir.resolve("metrics.csv")))
        .isEqualTo(Files.readAllBytes(reference.resolve("metrics.csv")));
  }

  @Test
  void resume_ofACompleteRun_rerunsNothing_andRewritesTheSameFiles() throws Exception {
    Path dir = tmp.resolve("done");
    Interruptions.run(new SlowExperiment(0), config, false, dir);
    byte[] before = Files.readAllBytes(dir.resolve("metrics.csv"));

    SlowExperiment resumed = new SlowExperiment(0);
    Interruptions.resume(resumed, config, false, dir);

    assertThat(resumed.ran).isEmpty();
    assertThat(Files.readAllBytes(dir.resolve("metrics.csv"))).isEqualTo(before);
    assertThat(Interruptions.summary(dir).get("status").asText()).isEqualTo("complete");
  }

  @Test
  void resume_withMoreSeeds_keepsTheFinishedOnes_andEqualsARunWithAllSeeds() throws Exception {
    Path two = tmp.resolve("two");
    Interruptions.run(new SlowExperiment(0), config.withSeeds(List.of(1L, 2L)), false, two);
    Path four = tmp.resolve("four");
    Interruptions.run(new SlowExperiment(0), config, false, four);

    SlowExperiment resumed = new SlowExperiment(0);
    Interruptions.resume(resumed, config, false, two);

    assertThat(resumed.ran).containsExactly(3L, 4L);
    assertThat(Files.readAllBytes(two.resolve("metrics.csv")))
        .isEqualTo(Files.readAllBytes(four.resolve("metrics.csv")));
    assertThat(Interruptions.summary(two).get("seeds").toString()).isEqualTo("[1,2,3,4]");
  }

  @Test
  void resume_keepsTheRunsStartTime_andAddsItsWallTime() throws Exception {
    Path reference = tmp.resolve("reference");
    Interruptions.run(new SlowExperiment(0), config, false, reference);
    Path dir = tmp.resolve("killed");
    Interruptions.killedDuringLastSeed(reference, dir);
    com.fasterxml.jackson.databind.node.ObjectNode s =
        (com.fasterxml.jackson.databind.node.ObjectNode) Interruptions.summary(dir);
    s.put("startTime", "2020-01-02T03:04:05Z").put("wallTimeSeconds", 1000.0);
    JSON.writeValue(dir.resolve("summary.json").toFile(), s);

    Interruptions.resume(new SlowExperiment(0), config, false, dir);

    JsonNode after = Interruptions.summary(dir);
    assertThat(after.get("startTime").asText()).isEqualTo("2020-01-02T03:04:05Z");
    assertThat(after.get("wallTimeSeconds").asDouble()).isBetween(1000.0, 1100.0);
  }

  // -------------------------------------------------------------------------------------------
  // the folder checks (the command-line wording is pinned in CliRunFolderTest)

  @Test
  void resume_ofAnotherConfig_isRefusedNamingTheField_andTheFolderIsUnchanged() throws Exception {
    Path dir = tmp.resolve("run");
    Interruptions.run(new SlowExperiment(0), config, false, dir);
    Map<String, byte[]> before = Interruptions.snapshot(dir);

    assertThatThrownBy(() -> OutputFolder.open(dir, OutputFolder.Existing.RESUME, "slow",
        new SlowExperiment.Config(5, config.seeds())))
        .isInstanceOf(OutputFolder.Refused.class)
        .hasMessage("--resume: " + dir + " holds a run of slow with another config (iterations"
            + " is 6 there, 5 here); give the options it ran with (--config "
            + dir.resolve("summary.json") + " repeats them) or add --overwrite to replace it");
    assertThat(Interruptions.snapshot(dir)).containsExactlyEntriesOf(before);
  }

  @Test
  void resume_withSeedsThatDoNotBeginWithTheFinishedOnes_isRefused() throws Exception {
    Path dir = tmp.resolve("run");
    Interruptions.run(new SlowExperiment(0), config.withSeeds(List.of(1L, 2L)), false, dir);

    assertThatThrownBy(() -> OutputFolder.open(dir, OutputFolder.Existing.RESUME, "slow",
        config.withSeeds(List.of(2L, 1L, 3L))))
        .isInstanceOf(OutputFolder.Refused.class)
        .hasMessage("--resume: " + dir + " finished seeds 1, 2, so the seeds to run must begin"
            + " with them, in that order; got 2, 1, 3");
    assertThatThrownBy(() -> OutputFolder.open(dir, OutputFolder.Existing.RESUME, "slow",
        config.withSeeds(List.of(1L))))
        .hasMessage("--resume: " + dir + " finished seeds 1, 2, so the seeds to run must begin"
            + " with them, in that order; got 1");
  }

  @Test
  void resume_withAMalformedRowOfAFinishedSeed_isRefusedNamingFileAndLine() throws Exception {
    Path dir = tmp.resolve("run");
    Interruptions.run(new SlowExperiment(0), config, false, dir);
    Path csv = dir.resolve("metrics.csv");
    List<String> lines = new ArrayList<>(Files.readAllLines(csv));
    lines.set(2, "1,2,x,0.5,");
    Files.write(csv, lines);

    assertThatThrownBy(() -> OutputFolder.open(dir, OutputFolder.Existing.RESUME, "slow", config))
        .isInstanceOf(OutputFolder.Refused.class)
        .hasMessage("--resume: " + csv + ":3: not a number in '1,2,x,0.5,'; add --overwrite to"
            + " start again");
  }

  @Test
  void resume_withASummaryThatIsNotJson_isRefusedNamingIt() throws Exception {
    Path dir = tmp.resolve("run");
    Interruptions.run(new SlowExperiment(0), config, false, dir);
    Files.writeString(dir.resolve("summary.json"), "{\n  \"experiment\": \"slow\",\n  oops");

    assertThatThrownBy(() -> OutputFolder.open(dir, OutputFolder.Existing.RESUME, "slow", config))
        .isInstanceOf(OutputFolder.Refused.class)
        .hasMessage("--resume: " + dir.resolve("summary.json") + ":3:3: not valid JSON; add"
            + " --overwrite to replace the run");
  }

  @Test
  void anExperimentReportingSeedsOutOfOrder_failsTheRun() {
    Experiment<SlowExperiment.Config> backwards = new SlowExperiment(0) {
      @Override
      public void run(Config c, RunContext ctx) {
        ctx.row(2, 1, Map.of("loss", 1.0));
      }
    };
    assertThatThrownBy(() -> Interruptions.run(backwards, config, false, tmp.resolve("b")))
        .isInstanceOf(ExperimentFailedException.class)
        .hasMessageContaining("a row of seed 2 came while seed 1 was next: an experiment writes"
            + " each seed's rows and completes it, seed after seed in the config's order");
  }

  // -------------------------------------------------------------------------------------------
  // metrics.csv read back

  @Test
  void metricsCsvRead_dropsAnUnterminatedLastLine_andReadsValuesExactly() throws IOException {
    Path f = tmp.resolve("m.csv");
    Files.writeString(f, "seed,iteration,a,b\n1,1,0.1,\n1,2,,7.333333333333333\n2,1,0.3");
    MetricsCsv.Contents c = MetricsCsv.read(f);
    assertThat(c.columns()).containsExactly("a", "b");
    assertThat(c.lines()).containsExactly("1,1,0.1,", "1,2,,7.333333333333333");
    assertThat(c.rows()).containsExactly(new MetricsCsv.Row(1, 1, Map.of("a", 0.1)),
        new MetricsCsv.Row(1, 2, Map.of("b", 7 + 1.0 / 3)));
    assertThat(c.keep(Set.of(2L)::contains).rows()).isEmpty();
  }

  @Test
  void metricsCsvRead_aRowWithTooFewFields_isNamedByFileAndLine() throws IOException {
    Path f = tmp.resolve("m.csv");
    Files.writeString(f, "seed,iteration,a\n1,1,0.5\n1,2\n");
    assertThatThrownBy(() -> MetricsCsv.read(f)).isInstanceOf(MetricsCsv.Unreadable.class)
        .hasMessage(f + ":3: 2 fields, the header has 3");
  }
}
