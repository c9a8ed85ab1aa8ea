package org.gridrl.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.gridrl.benchmarks.cli.Io;
import org.gridrl.benchmarks.experiments.Experiments;
import org.gridrl.benchmarks.runner.Progress;
import org.gridrl.benchmarks.runner.Registry;
import org.gridrl.benchmarks.sweep.LocalSweepRunner;
import org.gridrl.benchmarks.sweep.RunResult;
import org.gridrl.benchmarks.sweep.Sweep;
import org.gridrl.benchmarks.sweep.SweepFile;
import org.gridrl.benchmarks.sweep.SweepPlan;
import org.gridrl.benchmarks.sweep.SweepRunner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Spark runner on {@code local[2]} (one context for the class) against the local runner: the
 * same sweep gives byte-identical tables and run files, a resumed sweep runs only what is
 * missing, and the spark-submit entry point behaves as {@code gridrl sweep}.
 */
class SparkSweepRunnerTest {

  /** quickstart --quick over two slips and two seeds: four short runs. */
  static final String QUICKSTART = "{\"experiment\": \"quickstart\", \"quick\": true,\n"
      + " \"config\": {\"rolloutEpisodes\": 50},\n"
      + " \"grid\": {\"slip\": [0.1, 0.3]}, \"seeds\": [1, 2]}\n";

  static final PrintStream QUIET = new PrintStream(PrintStream.nullOutputStream());

  static JavaSparkContext spark;

  @TempDir
  Path tmp;

  @BeforeAll
  static void start() {
    spark = new JavaSparkContext(SparkSweepRunner.configure(new SparkConf()
        .setMaster("local[2]").setAppName("SparkSweepRunnerTest")));
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  private SweepPlan plan(Registry registry) throws Exception {
    Path file = tmp.resolve("qs.json");
    Files.writeString(file, QUICKSTART);
    return SweepFile.read(file, registry, n -> { });
  }

  private static Sweep.Outcome sweep(SweepPlan plan, Path out, SweepRunner runner,
      boolean resume) throws Exception {
    Sweep.openFolder(out, resume);
    return Sweep.run(plan, out, runner, resume, Progress.create("sweep", plan.specs().size(),
        QUIET, false));
  }

  @Test
  void local2_writesTheLocalRunnersFiles() throws Exception {
    Registry registry = Experiments.registry();
    SweepPlan plan = plan(registry);
    sweep(plan, tmp.resolve("local"), new LocalSweepRunner(registry, 1), false);
    Sweep.Outcome onSpark = sweep(plan, tmp.resolve("spark"), new SparkSweepRunner(spark),
        false);
    assertThat(onSpark.results()).extracting(RunResult::index).containsExactly(0, 1, 2, 3);
    for (String f : List.of("sweep.csv", "sweep.json", "run-001/metrics.csv",
        "run-004/metrics.csv")) {
      assertThat(Files.readAllBytes(tmp.resolve("spark").resolve(f))).as(f)
          .isEqualTo(Files.readAllBytes(tmp.resolve("local").resolve(f)));
    }
    assertThat(Files.readAllLines(tmp.resolve("spark/sweep.csv")).get(3))
        .startsWith("0.3,1,complete,");
    assertThat(tmp.resolve("spark/run-002/summary.json")).isRegularFile();
    assertThat(tmp.resolve("spark/sweep-slip.png")).isRegularFile();
  }

  @Test
  void resume_runsOnlyTheMissingRun_andEndsWithTheSameTables() throws Exception {
    SweepPlan plan = plan(Experiments.registry());
    Path out = tmp.resolve("out");
    sweep(plan, out, new SparkSweepRunner(spark), false);
    byte[] whole = Files.readAllBytes(out.resolve("sweep.csv"));
    Files.delete(out.resolve("sweep.csv"));
    Files.delete(out.resolve("run-003/summary.json")); // as if stopped while run 3 went on
    List<Integer> executed = new ArrayList<>();
    SparkSweepRunner runner = new SparkSweepRunner(spark);
    Sweep.Outcome outcome = sweep(plan, out, (specs, dir, done) -> {
      specs.forEach(s -> executed.add(s.index()));
      return runner.run(specs, dir, done);
    }, true);
    assertThat(executed).containsExactly(2);
    assertThat(outcome.kept()).isEqualTo(3);
    assertThat(Files.readAllBytes(out.resolve("sweep.csv"))).isEqualTo(whole);
  }

  @Test
  void entryPoint_runsTheSweep_andReportsAMalformedFileOnOneLine() throws Exception {
    Path file = tmp.resolve("qs.json");
    Files.writeString(file, QUICKSTART);
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Io io = new Io(QUIET, new PrintStream(err, true, StandardCharsets.UTF_8), false);
    assertThat(SparkSweep.execute(spark, io, file.toString(), "--out",
        tmp.resolve("a").toString())).isEqualTo(0);
    assertThat(Files.readAllLines(tmp.resolve("a/sweep.csv"))).hasSize(5);

    Path bad = tmp.resolve("bad.json");
    Files.writeString(bad, "{\"experiment\": \"quickstart\", \"grid\": {\"slip\": 0.1},"
        + " \"seeds\": [1]}");
    err.reset();
    assertThat(SparkSweep.execute(spark, io, bad.toString(), "--out",
        tmp.resolve("b").toString())).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("gridrl: " + bad
        + ":1:39: grid.slip: expected a non-empty array of values, got 0.1"
        + System.lineSeparator());
    assertThat(tmp.resolve("b")).doesNotExist();
  }
}
