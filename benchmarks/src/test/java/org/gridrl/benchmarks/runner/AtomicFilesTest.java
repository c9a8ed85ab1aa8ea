package org.gridrl.benchmarks.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files written whole or not at all, and never over a directory. */
class AtomicFilesTest {

  @TempDir
  Path dir;

  @Test
  void write_replacesTheFile_andLeavesNoTemporary() throws IOException {
    Path f = dir.resolve("a.csv");
    Files.writeString(f, "old\n");
    AtomicFiles.writeText(f, w -> w.write("new\n"));
    assertThat(Files.readString(f)).isEqualTo("new\n");
    assertThat(Files.exists(dir.resolve("a.csv.tmp"))).isFalse();
  }

  @Test
  void write_failingHalfWay_keepsTheOldFile_andRemovesTheTemporary() throws IOException {
    Path f = dir.resolve("a.csv");
    Files.writeString(f, "old\n");
    assertThatThrownBy(() -> AtomicFiles.write(f, out -> {
      out.write("half a fi".getBytes(StandardCharsets.UTF_8));
      throw new IOException("disk full");
    })).isInstanceOf(IOException.class).hasMessage("cannot write " + f + ": disk full");
    assertThat(Files.readString(f)).isEqualTo("old\n");
    assertThat(Files.exists(dir.resolve("a.csv.tmp"))).isFalse();
  }

  @Test
  void write_overAnEmptyDirectory_isRefused_andTheDirectoryStays() throws IOException {
    Path d = Files.createDirectory(dir.resolve("x.png"));
    assertThatThrownBy(() -> AtomicFiles.write(d, out -> out.write(1)))
        .isInstanceOf(IOException.class).hasMessage("cannot write " + d + ": it is a directory");
    assertThat(Files.isDirectory(d)).isTrue();
    assertThat(Files.exists(dir.resolve("x.png.tmp"))).isFalse();
  }

  @Test
  void write_underAFile_isRefusedNamingIt() throws IOException {
    Path file = Files.writeString(dir.resolve("f"), "data");
    Path target = file.resolve("x.png");
    assertThatThrownBy(() -> AtomicFiles.write(target, out -> out.write(1)))
        .isInstanceOf(IOException.class)
        .hasMessage("cannot write " + target + ": " + file + " is not a directory");
    assertThat(Files.readString(file)).isEqualTo("data");
  }
}
