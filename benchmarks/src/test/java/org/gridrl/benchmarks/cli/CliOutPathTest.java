package org.gridrl.benchmarks.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.gridrl.benchmarks.runner.Interruptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code render --out} and {@code solve --out} never delete a directory: a directory where a file
 * goes, or a file that cannot be created, is one line with exit code 2 and no stack trace.
 */
class CliOutPathTest {

  @TempDir
  Path tmp;

  @Test
  void render_outIsAnEmptyDirectory_isRefused_andTheDirectoryStays() throws Exception {
    Path dir = Files.createDirectory(tmp.resolve("x.png"));

    CliRunner.Result r = CliRunner.run("render", "--map", "open5", "--out", dir.toString());

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).isEqualTo("gridrl: --out cannot write " + dir + ": it is a directory\n");
    assertThat(r.out()).isEmpty();
    assertThat(Files.isDirectory(dir)).isTrue();
    assertThat(Interruptions.snapshot(dir)).isEmpty();
  }

  @Test
  void render_outIsANonEmptyDirectory_isRefused_andItsFilesStay() throws Exception {
    Path dir = Files.createDirectory(tmp.resolve("plots"));
    Files.writeString(dir.resolve("keep.txt"), "mine\n");

    CliRunner.Result r = CliRunner.run("render", "--map", "open5", "--out", dir.toString());

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).isEqualTo("gridrl: --out cannot write " + dir + ": it is a directory\n");
    assertThat(Interruptions.snapshot(dir)).containsOnlyKeys("keep.txt");
    assertThat(Files.readString(dir.resolve("keep.txt"))).isEqualTo("mine\n");
  }

  @Test
  void render_outInAFolderThatTakesNoFiles_isOneLineNamingTheFileAndReason() {
    assumeTrue(Files.isDirectory(Path.of("/proc")), "needs Linux's /proc");

    CliRunner.Result r = CliRunner.run("render", "--map", "open5", "--out", "/proc/x.png");

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).isEqualTo("gridrl: --out cannot write /proc/x.png: cannot create a file"
        + " in /proc (no such file or directory)\n");
    assertThat(Files.exists(Path.of("/proc/x.png"))).isFalse();
  }

  @Test
  void render_outReplacesAnEarlierPng() throws Exception {
    Path png = Files.writeString(tmp.resolve("open5.png"), "not a png");
    CliRunner.Result r = CliRunner.run("render", "--map", "open5", "--out", png.toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(Files.readAllBytes(png)).startsWith(0x89, 'P', 'N', 'G');
    assertThat(Interruptions.snapshot(tmp)).containsOnlyKeys("open5.png");
  }

  @Test
  void solve_aDirectoryNamedLikeAnOutputFile_isRefused_andNothingIsWritten() throws Exception {
    Path out = Files.createDirectory(tmp.resolve("out"));
    Files.createDirectory(out.resolve("q.csv"));

    CliRunner.Result r = CliRunner.run("solve", "--map", "open5", "--out", out.toString());

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).isEqualTo("gridrl: --out cannot write " + out.resolve("q.csv")
        + ": it is a directory\n");
    assertThat(Interruptions.snapshot(out)).containsOnlyKeys("q.csv");
    assertThat(Files.isDirectory(out.resolve("q.csv"))).isTrue();
  }

  @Test
  void solve_outIsAFile_isRefused_andTheFileStays() throws Exception {
    Path file = Files.writeString(tmp.resolve("f.txt"), "mine\n");
    CliRunner.Result r = CliRunner.run("solve", "--map", "open5", "--out", file.toString());
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).isEqualTo("gridrl: --out " + file + " is a file, not a folder\n");
    assertThat(Files.readString(file)).isEqualTo("mine\n");
  }
}
