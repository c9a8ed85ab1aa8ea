package org.gridrl.core.mdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.gridrl.core.testing.TestBase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Huge sizes in an MDP file fail at once, at the header that makes them huge, with the estimate
 * and the heap; transitions that fill the heap anyway give one located line too.
 */
class MdpFormatMemoryTest extends TestBase {

  /** The heap part of the message, whatever the machine: free, maximum and the way on. */
  private static final String HEAP = "more than the [0-9.]+ (MB|GB) free in the Java heap"
      + " \\(at most [0-9.]+ GB\\)(; give Java more with JAVA_OPTS=-Xmx[0-9]+g"
      + "| and more than this machine's [0-9.]+ (GB|TB))";

  @TempDir
  Path dir;

  private MdpFormatException readFails(String text, long maxMillis) throws IOException {
    Path file = dir.resolve("huge.mdp");
    Files.writeString(file, text);
    long start = System.nanoTime();
    MdpFormatException e = catchThrowableOfType(MdpFormatException.class,
        () -> MdpFormat.read(file));
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    assertThat(millis).as("time to refuse").isLessThan(maxMillis);
    assertThat(e).isNotNull();
    assertThat(e.sourceName()).isEqualTo(file.toString());
    return e;
  }

  @Test
  void aBillionStates_failsWithinASecondOrSo_atTheSecondHeader() throws IOException {
    // tables 24 B per (s,a) + 2 per s, the MDP's 12 per (s,a) + 17 per s: 55e9 B = 51.2 GiB
    MdpFormatException e = readFails("# huge\nstates 1000000000\nactions 1\ngamma 0.9\n", 5000);
    assertThat(e.lineNumber()).isEqualTo(3);
    assertThat(e.getMessage()).matches(java.util.regex.Pattern.quote(dir.resolve("huge.mdp")
        + ":3: loading 1000000000 states with 1 action each (lines 2 and 3) needs about 51.2 GB"
        + " of memory, ") + HEAP);
  }

  @Test
  void aHundredMillionStates_failsFast_underTheTestHeap() throws IOException {
    assumeTrue(Runtime.getRuntime().maxMemory() < 5L << 30, "the suite's -Xmx2g");
    // before the check it took 5 GB and 23 s to fail; now the estimate 5.5e9 B = 5.1 GiB
    MdpFormatException e = readFails("actions 1\nstates 100000000\ngamma 0.9\n", 5000);
    assertThat(e.getMessage()).matches(java.util.regex.Pattern.quote(dir.resolve("huge.mdp")
        + ":2: loading 100000000 states with 1 action each (lines 1 and 2) needs about 5.1 GB"
        + " of memory, ") + HEAP);
  }

  @Test
  void estimates_areTheTablesAndTheMdpsArrays() {
    // reader: rewards 8, their lines 4, first transition lines 4 per (s,a); builder rewards 8
    assertThat(MdpFormat.tableBytes(10, 3)).isEqualTo(30 * 24 + 10 * 2);
    // row starts 4 + rewards 8 per (s,a); d0 and its copy 16 + terminal flags 1 per s
    assertThat(MdpFormat.buildBytes(10, 3)).isEqualTo(30 * 12 + 10 * 17);
  }

  /**
   * Endless transitions through a reader in a child JVM with a 48 MB heap: the header check
   * passes (1000 states), the transitions fill the heap, and the error is one line naming the
   * line reached.
   */
  @Test
  void transitionsThatFillTheHeap_giveOneLocatedLine() throws Exception {
    Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java")
        .toString(), "-Xmx48m", "-cp", System.getProperty("java.class.path"),
        EndlessTransitions.class.getName()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(out).matches("endless\\.mdp:([0-9]+): the Java heap ran out after ([0-9]+)"
        + " transitions; give Java more than its [0-9]+ MB with JAVA_OPTS=-Xmx[0-9]+m\\R");
    long line = Long.parseLong(out.replaceAll("(?s)endless\\.mdp:([0-9]+):.*", "$1"));
    long read = Long.parseLong(out.replaceAll("(?s).*after ([0-9]+) transitions.*", "$1"));
    assertThat(line).isEqualTo(read + 4); // three header lines, the transitions, this one
    assertThat(read).isGreaterThan(100_000);
  }

  /** The child of {@link #transitionsThatFillTheHeap_giveOneLocatedLine}. */
  static final class EndlessTransitions {
    public static void main(String[] args) {
      Reader endless = new Reader() {
        private final char[] head = "states 1000\nactions 1\ngamma 0.5\n".toCharArray();
        private final char[] row = "transition 0 0 1 0.5\n".toCharArray();
        private long at;

        @Override
        public int read(char[] cbuf, int off, int len) {
          int n = 0;
          while (n < len) {
            char[] src = at < head.length ? head : row;
            long i = at < head.length ? at : (at - head.length) % row.length;
            cbuf[off + n++] = src[(int) i];
            at++;
          }
          return n;
        }

        @Override
        public void close() {
        }
      };
      try {
        MdpFormat.read(endless, "endless.mdp");
        System.out.println("read it all?");
      } catch (MdpFormatException e) {
        System.out.println(e.getMessage());
      }
    }
  }
}
