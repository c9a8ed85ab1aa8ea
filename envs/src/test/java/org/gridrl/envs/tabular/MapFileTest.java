package org.gridrl.envs.tabular;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.gridrl.envs.tabular.GridWorld.Options;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Map files: strict UTF-8 with the bad byte's row and column, a leading byte-order mark
 * skipped, and a map too large for the heap refused before its world is built.
 */
class MapFileTest {

  @TempDir
  Path dir;

  private Path file(String name, byte[] head, String text) throws IOException {
    Path f = dir.resolve(name);
    byte[] body = text.getBytes(StandardCharsets.UTF_8);
    byte[] all = new byte[head.length + body.length];
    System.arraycopy(head, 0, all, 0, head.length);
    System.arraycopy(body, 0, all, head.length, body.length);
    Files.write(f, all);
    return f;
  }

  @Test
  void byteOrderMark_isSkipped() throws IOException {
    Path marked = file("bom.txt", new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
        "S.#\n..G\n");
    GridWorld w = GridWorld.load(marked, Options.defaults());
    assertThat(w.mdp()).isEqualTo(GridWorld.parse("S.#\n..G\n", "plain", Options.defaults())
        .mdp());
  }

  @Test
  void notUtf8_namesRowColumnAndByte() throws IOException {
    Path latin1 = dir.resolve("latin1.txt");
    Files.write(latin1, "S..\n.\u00e9.\n..G\n".getBytes(StandardCharsets.ISO_8859_1));
    MapFormatException e = catchThrowableOfType(MapFormatException.class,
        () -> GridWorld.load(latin1, Options.defaults()));
    assertThat(e.getMessage()).isEqualTo(latin1 + ":2:2: not UTF-8 text (byte 0xE9 at column 2)");
    assertThat(e.row()).isEqualTo(2);
    assertThat(e.column()).isEqualTo(2);
  }

  @Test
  void binaryFile_isNamedAsBinary() throws IOException {
    Path png = file("map.png", new byte[] {(byte) 0x89, 'P', 'N', 'G'}, "");
    assertThatThrownBy(() -> GridWorld.load(png, Options.defaults()))
        .isInstanceOf(MapFormatException.class)
        .hasMessage(png + ":1:1: not UTF-8 text (byte 0x89 at column 1)");
    Path nul = file("map.bin", new byte[] {'S', '.', 0}, "");
    assertThatThrownBy(() -> GridWorld.load(nul, Options.defaults()))
        .isInstanceOf(MapFormatException.class)
        .hasMessage(nul + ":1:3: binary data, not text (byte 0x00 at column 3)");
  }

  @Test
  void missingFileOrDirectory_namesIt() {
    Path missing = dir.resolve("nope.txt");
    assertThatThrownBy(() -> GridWorld.load(missing, Options.defaults()))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessage("cannot read map file " + missing + ": no such file");
    assertThatThrownBy(() -> GridWorld.load(dir, Options.defaults()))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessage("cannot read map file " + dir + ": is a directory");
  }

  @Test
  void estimate_isTheWorldsAndTheMdpsArrays() {
    // per cell 6 B; per state 21 + 4 A + 17, per (s, a) 72: A = 4 gives 342 B a state
    assertThat(MapFile.bytes(10, 8, 4)).isEqualTo(10 * 6 + 8 * 342);
    assertThat(MapFile.bytes(10, 8, 5)).isEqualTo(10 * 6 + 8 * (21 + 20 + 17 + 360));
  }

  @Test
  void mapTooLargeForTheHeap_isRefusedAtOnce_withTheEstimate() throws IOException {
    assumeTrue(Runtime.getRuntime().maxMemory() < 3L << 30, "the suite's -Xmx2g");
    int n = 3000; // 9e6 free cells: 9e6 * (6 + 342) B = 2.9 GiB
    StringBuilder sb = new StringBuilder(n * (n + 1));
    String row = ".".repeat(n) + "\n";
    for (int r = 0; r < n; r++) {
      sb.append(row);
    }
    Path big = dir.resolve("big.txt");
    Files.writeString(big, sb);
    sb = null;
    long start = System.nanoTime();
    MapFormatException e = catchThrowableOfType(MapFormatException.class,
        () -> GridWorld.load(big, Options.defaults()));
    assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(5000);
    assertThat(e.getMessage()).matches(Pattern.quote(big + ":0:0: a map of 3000 rows of width"
        + " 3000 with 9000000 free cells (states) and 4 actions needs about 2.9 GB of memory,"
        + " more than the ") + "[0-9.]+ (MB|GB) free in the Java heap \\(at most [0-9.]+ GB\\)"
        + "(; give Java more with JAVA_OPTS=-Xmx[0-9]+g| and more than this machine's [0-9.]+ GB)");
  }
}
