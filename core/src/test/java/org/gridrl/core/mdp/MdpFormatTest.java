package org.gridrl.core.mdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.Reader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.gridrl.core.testing.RandomMdps;
import org.gridrl.core.testing.TestBase;
import org.gridrl.core.util.Numbers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MdpFormatTest extends TestBase {

  /** The example of ARCHITECTURE.md, completed so every non-terminal row sums to 1. */
  private static final String EXAMPLE = String.join("\n",
      "# comment; blank lines ignored; keywords first, one record a line",
      "states 4",
      "actions 2",
      "gamma 0.9",
      "init 0.25 0.25 0.25 0.25          # S numbers; absent = uniform",
      "",
      "reward 0 1 -0.5                   # s a r(s,a); absent = 0",
      "transition 0 1 3 0.7              # s a s' p; repeated (s,a,s') adds up",
      "transition 0 1 2 0.2",
      "transition 0 1 3 0.1",
      "transition 0 0 1 1",
      "\ttransition\t1 0 2 1",
      "transition 1 1 0 0.5e0",
      "transition 1 1 1 +.5",
      "transition 2 0 3 1#no space before the comment",
      "transition 2 1 2 1.",
      "terminal 3                        # optional, any number of lines",
      "terminal 3",
      "");

  @Test
  void read_architectureExample_givesTheNumbers() {
    TabularMdp m = MdpFormat.parse(EXAMPLE, "example.mdp");
    assertThat(m.numStates()).isEqualTo(4);
    assertThat(m.numActions()).isEqualTo(2);
    assertThat(m.gamma()).isEqualTo(0.9);
    assertThat(m.initialDistribution()).containsExactly(0.25, 0.25, 0.25, 0.25);
    assertThat(m.rewards()).containsExactly(0, -0.5, 0, 0, 0, 0, 0, 0);
    assertThat(m.transitionProbability(0, 1, 3)).isEqualTo(0.7 + 0.1);
    assertThat(m.transitionProbability(0, 1, 2)).isEqualTo(0.2);
    assertThat(m.transitionProbability(1, 1, 0)).isEqualTo(0.5);
    assertThat(m.transitionProbability(1, 1, 1)).isEqualTo(0.5);
    assertThat(m.transitionProbability(2, 1, 2)).isEqualTo(1.0);
    assertThat(m.terminals()).containsExactly(false, false, false, true);
    assertThat(m.numTransitions()).isEqualTo(8);
    assertThat(m.rowStart()).containsExactly(0, 1, 3, 4, 6, 7, 8, 8, 8);
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 7, 64})
  void read_linesSplitAcrossReads_crLfAndLoneCr_giveTheSameMdp(int chunk) {
    TabularMdp expected = MdpFormat.parse(EXAMPLE, "lf");
    String crlf = EXAMPLE.replace("\n", "\r\n");
    String cr = EXAMPLE.replace("\n", "\r");
    assertThat(MdpFormat.read(new ChunkedReader(crlf, chunk), "crlf")).isEqualTo(expected);
    assertThat(MdpFormat.read(new ChunkedReader(cr, chunk), "cr")).isEqualTo(expected);
    assertThat(MdpFormat.read(new ChunkedReader(EXAMPLE, chunk), "lf")).isEqualTo(expected);
    // and the line numbers stay right across the splits
    MdpFormatException e = catchThrowableOfType(MdpFormatException.class,
        () -> MdpFormat.read(new ChunkedReader(crlf + "oops\r\n", chunk), "crlf"));
    assertThat(e.lineNumber()).isEqualTo(19);
  }

  /** A reader that hands out at most {@code chunk} characters per read. */
  private static final class ChunkedReader extends Reader {
    private final String text;
    private final int chunk;
    private int pos;

    ChunkedReader(String text, int chunk) {
      this.text = text;
      this.chunk = chunk;
    }

    @Override
    public int read(char[] cbuf, int off, int len) {
      if (pos == text.length()) {
        return -1;
      }
      int n = Math.min(Math.min(len, chunk), text.length() - pos);
      text.getChars(pos, pos + n, cbuf, off);
      pos += n;
      return n;
    }

    @Override
    public void close() {
    }
  }

  @Test
  void read_equalsTheSameMdpBuiltWithTheBuilder() {
    TabularMdp expected = TabularMdp.builder(4, 2).gamma(0.9).reward(0, 1, -0.5)
        .transition(0, 1, 3, 0.7).transition(0, 1, 2, 0.2).transition(0, 1, 3, 0.1)
        .transition(0, 0, 1, 1).transition(1, 0, 2, 1).transition(1, 1, 0, 0.5)
        .transition(1, 1, 1, 0.5).transition(2, 0, 3, 1).transition(2, 1, 2, 1).terminal(3)
        .build();
    assertThat(MdpFormat.parse(EXAMPLE, "example.mdp")).isEqualTo(expected);
  }

  @Test
  void toText_smallMdp_isExactlyThisText() {
    TabularMdp m = TabularMdp.builder(3, 1).gamma(0.95).reward(0, 0, 0.1 + 0.2)
        .reward(1, 0, -0.0).transition(0, 0, 1, 1.0 / 3).transition(0, 0, 2, 2.0 / 3)
        .transition(1, 0, 2, 1).initialDistribution(new double[] {0.5, 0.5, 0}).terminal(2)
        .build();
    assertThat(MdpFormat.toText(m)).isEqualTo(String.join("\n",
        "# written by gridrl (org.gridrl.core.mdp.MdpFormat): 3 states, 1 actions, "
            + "3 transitions, 1 terminals",
        "states 3",
        "actions 1",
        "gamma 0.95",
        "init 0.5 0.5 0",
        "reward 0 0 0.30000000000000004",
        "reward 1 0 -0",
        "transition 0 0 1 0.3333333333333333",
        "transition 0 0 2 0.6666666666666666",
        "transition 1 0 2 1",
        "terminal 2",
        ""));
  }

  @Test
  void write_omitsInitWhenExactlyUniform() {
    TabularMdp m = TabularMdp.builder(3, 1).gamma(0).transition(0, 0, 0, 1)
        .transition(1, 0, 1, 1).transition(2, 0, 2, 1).build();
    String text = MdpFormat.toText(m);
    assertThat(text).doesNotContain("init").contains("gamma 0\n");
    assertThat(MdpFormat.parse(text, "t")).isEqualTo(m);
    // 1/3 written out explicitly reads back to the same uniform distribution
    assertThat(MdpFormat.parse(text + "init 0.3333333333333333 0.3333333333333333 "
        + "0.3333333333333333\n", "t")).isEqualTo(m);
  }

  @Test
  void gammaOne_isRead_andRoundTrips() {
    // an undiscounted MDP (finite-horizon solves); discounted solvers reject it themselves
    TabularMdp m = MdpFormat.parse("states 2\nactions 1\ngamma 1\ntransition 0 0 1 1\n"
        + "transition 1 0 1 1\nreward 0 0 2\n", "t");
    assertThat(m.gamma()).isEqualTo(1.0);
    assertThat(MdpFormat.toText(m)).contains("gamma 1\n");
    assertThat(MdpFormat.parse(MdpFormat.toText(m), "t")).isEqualTo(m);
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20,
      21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40})
  void roundTrip_randomMdp_isExact(long seed) {
    Random r = new Random(seed);
    int numStates = 1 + r.nextInt(12);
    int numActions = 1 + r.nextInt(4);
    int branching = 1 + r.nextInt(numStates);
    double gamma = seed % 5 == 0 ? 0.0 : r.nextDouble() * 0.999;
    TabularMdp m = RandomMdps.random(seed, numStates, numActions, branching, gamma, 0.3);
    // rewards with awkward doubles: 0.1+0.2, 1/3, -0.0, zero, tiny and huge values
    double[] awkward = {0.1 + 0.2, 1.0 / 3, -0.0, 0.0, 5e-324, -1e300, 2e23, r.nextGaussian()};
    double[] rewards = m.rewards().clone();
    for (int i = 0; i < rewards.length; i++) {
      if (r.nextBoolean()) {
        rewards[i] = awkward[r.nextInt(awkward.length)];
      }
    }
    m = m.withRewards(rewards);
    String text = MdpFormat.toText(m);
    TabularMdp back = MdpFormat.parse(text, "seed" + seed);
    assertThat(back).isEqualTo(m);
    assertThat(MdpFormat.toText(back)).isEqualTo(text);
    assertThat(back.numTerminals()).isEqualTo(m.numTerminals());
  }

  @Test
  void roundTrip_throughAFile(@TempDir Path dir) throws Exception {
    TabularMdp m = RandomMdps.random(99, 30, 4, 5, 0.97, 0.1);
    Path file = dir.resolve("m.mdp");
    MdpFormat.write(m, file);
    assertThat(Files.readAllLines(file).get(0)).startsWith("# written by gridrl");
    assertThat(MdpFormat.read(file)).isEqualTo(m);
  }

  @Test
  void write_toAWriter_flushesTheSameText() {
    TabularMdp m = RandomMdps.random(5, 6, 2, 0.5);
    StringWriter w = new StringWriter();
    MdpFormat.write(m, w);
    assertThat(w.toString()).isEqualTo(MdpFormat.toText(m));
  }

  @Test
  void read_unsortedAndRepeatedTransitions_sumInFileOrderLikeTheBuilder() {
    // entries out of order and repeated; the reader must add them as the builder does
    Random r = new Random(3);
    TabularMdpBuilder b = TabularMdp.builder(5, 2).gamma(0.5);
    StringBuilder text = new StringBuilder("states 5\nactions 2\ngamma 0.5\n");
    int[] order = {9, 3, 7, 1, 0, 8, 2, 6, 4, 5};
    for (int row : order) {
      int s = row / 2;
      int a = row % 2;
      double left = 1.0;
      for (int piece = 0; piece < 6; piece++) {
        int next = r.nextInt(5);
        double p = piece == 5 ? left : left * r.nextDouble();
        left -= p;
        b.transition(s, a, next, p);
        text.append("transition ").append(s).append(' ').append(a).append(' ').append(next)
            .append(' ').append(Numbers.shortest(p)).append('\n');
      }
    }
    assertThat(MdpFormat.parse(text.toString(), "t")).isEqualTo(b.build());
  }

  @Test
  void read_numbersInEveryDecimalForm_parseLikeDoubleParseDouble() {
    String[] forms = {"0.7", "7e-1", "7E-1", ".7", "0.70", "+0.7", "70e-2", "0.07e1",
        "0.30000000000000004", "0.1234567890123456789", "1e-22", "1e22", "123456789012345e-7",
        "1234567890123456e-7", "0.000000000000000000000000000001", "4.9e-324", "1e-400", "-0",
        "1.7976931348623157e308", "00000.5", "5.", "9007199254740993"};
    for (String f : forms) {
      TabularMdp m = MdpFormat.parse("states 1\nactions 1\ngamma 0\ntransition 0 0 0 1\n"
          + "reward 0 0 " + f + "\n", "t");
      assertThat(Double.doubleToRawLongBits(m.reward(0, 0))).as(f)
          .isEqualTo(Double.doubleToRawLongBits(Double.parseDouble(f)));
    }
  }

  @Test
  void read_manyRandomDecimals_parseLikeDoubleParseDouble() {
    // one state, n actions, each with a self-loop and a reward in some decimal form
    Random r = new Random(17);
    int n = 20_000;
    String[] forms = new String[n];
    StringBuilder text = new StringBuilder("states 1\nactions " + n + "\ngamma 0\n");
    for (int a = 0; a < n; a++) {
      long mantissa = (long) (r.nextDouble() * Math.pow(10, 1 + r.nextInt(18)));
      int exp = r.nextInt(60) - 30;
      forms[a] = switch (a % 4) {
        case 0 -> Double.toString(r.nextDouble() * Math.pow(10, r.nextInt(40) - 20));
        case 1 -> mantissa + "e" + exp;
        case 2 -> "-" + mantissa / 1000 + "." + mantissa % 1000;
        default -> "0." + mantissa;
      };
      text.append("transition 0 ").append(a).append(" 0 1\nreward 0 ").append(a).append(' ')
          .append(forms[a]).append('\n');
    }
    TabularMdp m = MdpFormat.parse(text.toString(), "decimals");
    for (int a = 0; a < n; a++) {
      double expected = Double.parseDouble(forms[a]);
      if (Double.doubleToRawLongBits(m.reward(0, a)) != Double.doubleToRawLongBits(expected)) {
        assertThat(m.reward(0, a)).as(forms[a]).isEqualTo(expected);
      }
    }
  }

  @Test
  void read_largeFile_loadsAndEqualsTheWrittenMdp() {
    // 100 000 transition lines, unsorted successors, 1% terminal states
    Random r = new Random(1234);
    int numStates = 10_000;
    int numActions = 5;
    TabularMdpBuilder b = TabularMdp.builder(numStates, numActions).gamma(0.99);
    for (int s = 0; s < numStates; s++) {
      for (int a = 0; a < numActions; a++) {
        double p = Math.round(r.nextDouble() * 1000) / 1000.0;
        b.transition(s, a, r.nextInt(numStates), p).transition(s, a, r.nextInt(numStates), 1 - p);
        b.reward(s, a, r.nextGaussian());
      }
      if (r.nextInt(100) == 0) {
        b.terminal(s);
      }
    }
    TabularMdp m = b.build();
    String text = MdpFormat.toText(m);
    assertThat(m.numTransitions()).isGreaterThan(99_000);
    assertThat(MdpFormat.parse(text, "big")).isEqualTo(m);
  }
}
