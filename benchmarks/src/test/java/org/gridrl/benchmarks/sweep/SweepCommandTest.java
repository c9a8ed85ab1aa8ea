package org.gridrl.benchmarks.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.gridrl.benchmarks.Main;
import org.gridrl.benchmarks.cli.Io;
import org.gridrl.benchmarks.runner.FakeExperiment;
import org.gridrl.benchmarks.runner.Registry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gridrl sweep} on the command line: a failed run gives exit 1 after the others finish
 * and the tables are written; a folder that holds a sweep needs {@code --resume}, with which
 * every complete run is kept.
 */
class SweepCommandTest {

  @TempDir
  Path tmp;

  private record Result(int code, String out, String err) {
  }

  private static Result gridrl(Registry registry, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = Main.execute(registry, new Io(new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), false), args);
    return new Result(code, out.toString(StandardCharsets.UTF_8),
        err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void failedRun_exitsOne_afterTheOthers_andResumeKeepsTheCompleteOnes() throws Exception {
    Registry registry = new Registry().register(new FakeExperiment());
    Path file = tmp.resolve("s.json");
    // seed 2 with nanSeed 2 writes loss = NaN at iteration 1 and fails; the other three complete
    Files.writeString(file, "{\"experiment\": \"fake\", \"config\": {\"nanIteration\": 1},"
        + " \"grid\": {\"nanSeed\": [-1, 2]}, \"seeds\": [1, 2]}");
    String out = tmp.resolve("out").toString();
    Result r = gridrl(registry, "sweep", file.toString(), "--out", out, "--threads", "1");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out()).contains("sweep of fake: 4 runs, 3 complete, 1 failed; results in "
        + out);
    assertThat(r.err()).endsWith("gridrl: sweep: 1 of 4 runs failed (their errors are in "
        + tmp.resolve("out/sweep.csv") + ")" + System.lineSeparator());
    assertThat(Files.readAllLines(tmp.resolve("out/sweep.csv"))).containsExactly(
        "nanSeed,seed,status,final", "-1,1,complete,1", "-1,2,complete,2", "2,1,complete,1",
        "2,2,\"failed: metric 'loss' is NaN at seed 2, iteration 1\",");

    Result again = gridrl(registry, "sweep", file.toString(), "--out", out);
    assertThat(again.code()).isEqualTo(2);
    assertThat(again.err()).isEqualTo("gridrl: " + out + " is not empty (it holds a sweep): add"
        + " --resume to continue the sweep in it, or choose a new folder with --out"
        + System.lineSeparator());

    Result resumed = gridrl(registry, "sweep", file.toString(), "--out", out, "--resume");
    assertThat(resumed.code()).isEqualTo(1); // the failing run is run again, and fails again
    assertThat(resumed.out()).contains("1 failed (3 kept from the interrupted sweep)");
  }

  @Test
  void metric_thatTheRunsDoNotReport_isOneLineAfterTheTables_andResumeRedraws()
      throws Exception {
    Registry registry = new Registry().register(new FakeExperiment());
    Path file = tmp.resolve("m.json");
    Files.writeString(file, "{\"experiment\": \"fake\", \"grid\": {\"nanSeed\": [-1, 3]},"
        + " \"seeds\": [1, 2]}");
    String out = tmp.resolve("m").toString();
    Result r = gridrl(registry, "sweep", file.toString(), "--out", out, "--threads", "1",
        "--metric", "nope");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err().strip().lines().reduce((a, b) -> b).orElseThrow()).isEqualTo(
        "gridrl: --metric nope: not a final metric of this sweep's runs; they have: final");
    assertThat(tmp.resolve("m/sweep.csv")).exists();
    assertThat(tmp.resolve("m/sweep.json")).exists();
    assertThat(tmp.resolve("m/sweep-nanSeed.png")).doesNotExist();
    Result again = gridrl(registry, "sweep", file.toString(), "--out", out, "--resume",
        "--metric", "final");
    assertThat(again.code()).isZero();
    assertThat(again.out()).contains("4 kept from the interrupted sweep");
    assertThat(tmp.resolve("m/sweep-nanSeed.png")).exists();
  }
}
