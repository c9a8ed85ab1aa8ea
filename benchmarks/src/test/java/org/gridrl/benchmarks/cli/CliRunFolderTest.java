package org.gridrl.benchmarks.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.gridrl.benchmarks.Main;
import org.gridrl.benchmarks.runner.FakeExperiment;
import org.gridrl.benchmarks.runner.Interruptions;
import org.gridrl.benchmarks.runner.Registry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gridrl run} into a folder that already holds something: refused in one line (exit 2,
 * folder untouched) unless {@code --resume} or {@code --overwrite} says what to do.
 */
class CliRunFolderTest {

  @TempDir
  Path tmp;

  private static final FakeExperiment.Config DEFAULTS = new FakeExperiment.Config(3, List.of(),
      -1, -1, List.of(1L, 2L));

  private static CliRunner.Result run(String... args) {
    Registry registry = new Registry().register(new FakeExperiment(DEFAULTS));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = Main.execute(registry, new Io(new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), false), args);
    return new CliRunner.Result(code, out.toString(StandardCharsets.UTF_8),
        err.toString(StandardCharsets.UTF_8));
  }

  private Path completeRun(String name, String... seeds) {
    Path dir = tmp.resolve(name);
    CliRunner.Result r = seeds.length == 0 ? run("run", "fake", "--out", dir.toString())
        : run("run", "fake", "--out", dir.toString(), "--seeds", String.join(",", seeds));
    assertThat(r.exitCode()).as(r.err()).isZero();
    return dir;
  }

  @Test
  void rerun_intoAFolderHoldingARun_isRefusedInOneLine_andTheFolderIsUnchanged()
      throws Exception {
    Path dir = completeRun("run");
    Map<String, byte[]> before = Interruptions.snapshot(dir);

    CliRunner.Result r = run("run", "fake", "--seeds", "1", "--out", dir.toString());

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).isEqualTo("gridrl: " + dir + " already holds a run (fake, complete, 2 of"
        + " 2 seeds finished): add --resume to continue it or --overwrite to replace it\n");
    assertThat(r.out()).isEmpty();
    assertThat(Interruptions.snapshot(dir)).containsExactlyEntriesOf(before);
  }

  @Test
  void rerun_intoAStoppedRun_namesItsStatusAndFinishedSeeds() throws Exception {
    Path dir = tmp.resolve("stopped");
    Interruptions.killedDuringLastSeed(completeRun("run"), dir);

    CliRunner.Result r = run("run", "fake", "--out", dir.toString());

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).isEqualTo("gridrl: " + dir + " already holds a run (fake, running, 1 of 2"
        + " seeds finished): add --resume to continue it or --overwrite to replace it\n");
  }

  @Test
  void run_intoAFolderOfOtherFiles_isRefused_andNothingIsWritten() throws Exception {
    Path dir = Files.createDirectory(tmp.resolve("mine"));
    Files.writeString(dir.resolve("values.csv"), "my own data\n");

    CliRunner.Result r = run("run", "fake", "--out", dir.toString());

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).isEqualTo("gridrl: " + dir + " is not empty and holds no run (no"
        + " summary.json or metrics.csv): choose a new or empty folder with --out, or add"
        + " --overwrite to write into it (files of the same names are replaced)\n");
    assertThat(Interruptions.snapshot(dir)).containsOnlyKeys("values.csv");
  }

  @Test
  void run_intoAnEmptyFolder_isFine() throws Exception {
    Path dir = Files.createDirectory(tmp.resolve("empty"));
    CliRunner.Result r = run("run", "fake", "--out", dir.toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(Files.readAllLines(dir.resolve("metrics.csv"))).hasSize(1 + 2 * 3);
  }

  @Test
  void run_intoAFolderHoldingOnlyATemporarySummary_isFine() throws Exception {
    Path dir = Files.createDirectory(tmp.resolve("begun"));
    Files.writeString(dir.resolve("summary.json.tmp"), "{\"experi");
    CliRunner.Result r = run("run", "fake", "--out", dir.toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(Interruptions.snapshot(dir)).containsOnlyKeys("summary.json", "metrics.csv");
  }

  @Test
  void overwrite_replacesTheRun_andLeavesOtherFiles() throws Exception {
    Path dir = completeRun("run");
    Files.writeString(dir.resolve("notes.txt"), "mine\n");

    CliRunner.Result r = run("run", "fake", "--seeds", "5", "--out", dir.toString(),
        "--overwrite");

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(Files.readAllLines(dir.resolve("metrics.csv"))).containsExactly(
        "seed,iteration,loss", "5,1,6", "5,2,5.5", "5,3,5.333333333333333");
    assertThat(Interruptions.summary(dir).get("seeds").toString()).isEqualTo("[5]");
    assertThat(Interruptions.summary(dir).get("completedSeeds").toString()).isEqualTo("[5]");
    assertThat(Files.readString(dir.resolve("notes.txt"))).isEqualTo("mine\n");
  }

  @Test
  void resume_afterAnInterruptedRun_keepsTheFinishedSeed_andEndsWithTheSameMetricsCsv()
      throws Exception {
    Path reference = completeRun("reference");
    Path dir = tmp.resolve("stopped");
    Interruptions.killedDuringLastSeed(reference, dir);

    CliRunner.Result r = run("run", "fake", "--out", dir.toString(), "--resume");

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.err()).startsWith("gridrl run fake: seeds [1, 2], expected ~3 min, writing to "
        + dir + ", resuming (keeping finished seed 1)\n");
    assertThat(Files.readAllBytes(dir.resolve("metrics.csv")))
        .isEqualTo(Files.readAllBytes(reference.resolve("metrics.csv")));
    assertThat(Interruptions.summary(dir).get("status").asText()).isEqualTo("complete");
  }

  @Test
  void resume_withMoreSeeds_runsOnlyTheNewOnes() throws Exception {
    Path dir = completeRun("run", "1");
    Path all = completeRun("all", "1", "2", "3");

    CliRunner.Result r = run("run", "fake", "--out", dir.toString(), "--resume", "--seeds",
        "1,2,3");

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(Files.readAllBytes(dir.resolve("metrics.csv")))
        .isEqualTo(Files.readAllBytes(all.resolve("metrics.csv")));
  }

  @Test
  void resume_ofAnotherConfig_isRefusedInOneLine() throws Exception {
    Path dir = completeRun("run");
    Map<String, byte[]> before = Interruptions.snapshot(dir);

    CliRunner.Result r = run("run", "fake", "--quick", "--out", dir.toString(), "--resume");

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).isEqualTo("gridrl: --resume: " + dir + " holds a run of fake with another"
        + " config (iterations is 3 there, 2 here); give the options it ran with (--config "
        + dir.resolve("summary.json") + " repeats them) or add --overwrite to replace it\n");
    assertThat(Interruptions.snapshot(dir)).containsExactlyEntriesOf(before);
  }

  @Test
  void resume_withTheSummaryAsConfig_continuesThatRun() throws Exception {
    Path dir = completeRun("run", "1");
    CliRunner.Result r = run("run", "fake", "--quick", "--config",
        dir.resolve("summary.json").toString(), "--seeds", "1,2", "--out", dir.toString(),
        "--resume");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(Files.readAllLines(dir.resolve("metrics.csv"))).hasSize(1 + 2 * 3);
  }

  @Test
  void resume_ofAnotherExperimentsRun_isRefusedInOneLine() throws Exception {
    Path dir = completeRun("run");
    Path summary = dir.resolve("summary.json");
    Files.writeString(summary, Files.readString(summary)
        .replace("\"experiment\" : \"fake\"", "\"experiment\" : \"quickstart\""));
    Map<String, byte[]> before = Interruptions.snapshot(dir);

    CliRunner.Result r = run("run", "fake", "--out", dir.toString(), "--resume");

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).isEqualTo("gridrl: --resume: " + dir + " holds a run of quickstart, not"
        + " of fake; choose another folder or add --overwrite to replace it\n");
    assertThat(Interruptions.snapshot(dir)).containsExactlyEntriesOf(before);
  }

  @Test
  void resume_ofAFolderWithoutARun_startsOneWithANotice() throws Exception {
    Path dir = tmp.resolve("new");
    CliRunner.Result r = run("run", "fake", "--out", dir.toString(), "--resume");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.err()).startsWith("gridrl run: --resume: " + dir
        + " holds no run yet; starting one\n");
    assertThat(Files.readAllLines(dir.resolve("metrics.csv"))).hasSize(1 + 2 * 3);
  }

  @Test
  void resumeAndOverwrite_together_areRefused() {
    Path dir = tmp.resolve("x");
    CliRunner.Result r = run("run", "fake", "--out", dir.toString(), "--resume", "--overwrite");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).isEqualTo("gridrl: --resume and --overwrite exclude each other: --resume"
        + " continues the run in the folder, --overwrite replaces it\n");
    assertThat(Files.exists(dir)).isFalse();
  }

  @Test
  void runHelp_describesQuickWithoutAPromisedMinute_andNamesResumeAndOverwrite() {
    String help = CliRunner.run("run", "--help").out().replaceAll("\\s+", " ");
    assertThat(help).doesNotContain("about a minute")
        .contains("Run the quick variant: the same code path on a shorter protocol (smaller"
        + " budgets, fewer seeds or demonstrations); 'gridrl list' shows its expected time.")
        .contains("--resume").contains("--overwrite");
  }
}
