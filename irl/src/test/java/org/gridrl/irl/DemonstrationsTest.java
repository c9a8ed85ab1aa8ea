package org.gridrl.irl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.gridrl.core.mdp.TabularMdp;
import org.gridrl.core.mdp.TabularPolicy;
import org.gridrl.irl.testing.IrlTestBase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DemonstrationsTest extends IrlTestBase {

  /** A 4-state chain 0 → 1 → 2 → 3 under action 1, self-loop under action 0; 3 terminal. */
  private static TabularMdp chain(boolean terminal) {
    var b = TabularMdp.builder(4, 2).gamma(0.9).initialDistribution(new double[] {1, 0, 0, 0});
    for (int s = 0; s < 4; s++) {
      b.transition(s, 0, s, 1.0);
      b.transition(s, 1, Math.min(s + 1, 3), 1.0);
    }
    if (terminal) {
      b.terminal(3);
    }
    return b.build();
  }

  @Test
  void sample_deterministicChain_givesTheOnlyPossibleTrajectory() {
    Demonstrations d = Demonstrations.sample(chain(false),
        TabularPolicy.deterministic(new int[] {1, 1, 1, 1}, 2), 3, 6, 7);
    assertThat(d.size()).isEqualTo(3);
    for (int n = 0; n < 3; n++) {
      assertThat(d.states()[n]).containsExactly(0, 1, 2, 3, 3, 3);
      assertThat(d.actions()[n]).containsExactly(1, 1, 1, 1, 1, 1);
    }
  }

  @Test
  void sample_terminalStateIsRecordedOnceAndEndsTheTrajectory() {
    Demonstrations d = Demonstrations.sample(chain(true),
        TabularPolicy.deterministic(new int[] {1, 1, 1, 1}, 2), 2, 10, 7);
    assertThat(d.states()[0]).containsExactly(0, 1, 2, 3);
    assertThat(d.maxLength()).isEqualTo(4);
  }

  @Test
  void sample_firstKOfALargerSampleIsTheSampleOfK_andSeedsReproduce() {
    TabularMdp mdp = randomMdp(3, 8, 3, 3, 0.9, 0);
    TabularPolicy pi = TabularPolicy.uniform(8, 3);
    Demonstrations big = Demonstrations.sample(mdp, pi, 40, 7, 11);
    assertThat(big.first(10)).isEqualTo(Demonstrations.sample(mdp, pi, 10, 7, 11));
    assertThat(Demonstrations.sample(mdp, pi, 40, 7, 11)).isEqualTo(big);
    assertThat(Demonstrations.sample(mdp, pi, 40, 7, 12)).isNotEqualTo(big);
  }

  @Test
  void sample_startAndTransitionFrequenciesMatchTheMdp() {
    TabularMdp mdp = randomMdp(5, 4, 2, 3, 0.9, 0);
    TabularPolicy pi = TabularPolicy.of(4, 2, new double[] {0.3, 0.7, 1, 0, 0.5, 0.5, 0, 1});
    int n = 40_000;
    Demonstrations d = Demonstrations.sample(mdp, pi, n, 2, 99);
    double[] start = d.startDistribution();
    // standard error ≤ 0.5/sqrt(n) = 0.0025; 5 sigma
    assertClose(mdp.initialDistribution(), start, 0.0125);
    double[] pairCount = new double[8];
    double[][] nextCount = new double[8][4];
    for (int k = 0; k < n; k++) {
      int s = d.state(k, 0);
      int a = d.action(k, 0);
      pairCount[s * 2 + a]++;
      nextCount[s * 2 + a][d.state(k, 1)]++;
    }
    for (int s = 0; s < 4; s++) {
      for (int a = 0; a < 2; a++) {
        double visits = pairCount[s * 2] + pairCount[s * 2 + 1];
        assertThat(pairCount[s * 2 + a] / visits).isCloseTo(pi.probability(s, a), within(0.03));
        if (pairCount[s * 2 + a] > 1000) {
          for (int next = 0; next < 4; next++) {
            assertThat(nextCount[s * 2 + a][next] / pairCount[s * 2 + a])
                .isCloseTo(mdp.transitionProbability(s, a, next), within(0.05));
          }
        }
      }
    }
  }

  @Test
  void csv_roundTripIsExact() throws IOException {
    Demonstrations d = Demonstrations.sample(randomMdp(1, 6, 3, 2, 0.9, 1),
        TabularPolicy.uniform(6, 3), 5, 9, 3);
    StringWriter w = new StringWriter();
    d.write(w);
    assertThat(w.toString()).startsWith("trajectory,step,state,action\n0,0,");
    assertThat(Demonstrations.read(new StringReader(w.toString()), "x.csv", 6, 3)).isEqualTo(d);
  }

  @Test
  void csv_trajectoryIdsAreLabels_blankLinesSkipped() {
    Demonstrations d = Demonstrations.read(new StringReader(
        "trajectory,step,state,action\n\n7,0,1,0\n7,1,2,1\n3,0,0,1\n"), "d.csv", 3, 2);
    assertThat(d.size()).isEqualTo(2);
    assertThat(d.states()[0]).containsExactly(1, 2);
    assertThat(d.states()[1]).containsExactly(0);
    assertThat(d.actions()[0]).containsExactly(0, 1);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "missing header|0,0,1,0\\n|1|expected the header",
      "empty input||1|missing the header",
      "unknown state|trajectory,step,state,action\\n0,0,1,0\\n0,1,5,0\\n|3|unknown state 5",
      "negative state|trajectory,step,state,action\\n0,0,-1,0\\n|2|unknown state -1",
      "unknown action|trajectory,step,state,action\\n0,0,1,2\\n|2|unknown action 2",
      "step gap|trajectory,step,state,action\\n0,0,1,0\\n0,2,1,0\\n|3|expected step 1, got 2",
      "not starting at 0|trajectory,step,state,action\\n0,1,1,0\\n|2|expected step 0, got 1",
      "bad number|trajectory,step,state,action\\n0,0,1.5,0\\n|2|state must be an integer",
      "too few fields|trajectory,step,state,action\\n0,0,1\\n|2|expected 4 fields",
      "resumes|trajectory,step,state,action\\n0,0,1,0\\n1,0,1,0\\n0,1,1,0\\n|4|trajectory 0 resumes",
      "no rows|trajectory,step,state,action\\n|1|no demonstration rows",
  })
  void csv_badInput_namesSourceAndLine(String name, String text, int line, String what) {
    String input = text == null ? "" : text.replace("\\n", "\n");
    assertThatThrownBy(() -> Demonstrations.read(new StringReader(input), "demos.csv", 4, 2))
        .isInstanceOfSatisfying(CsvFormatException.class, e -> {
          assertThat(e.sourceName()).isEqualTo("demos.csv");
          assertThat(e.lineNumber()).isEqualTo(line);
          assertThat(e.getMessage()).startsWith("demos.csv:" + line + ": ").contains(what);
        });
  }

  @Test
  void csv_stepBeyondHorizon_namesTheLine() {
    assertThatThrownBy(() -> Demonstrations.read(new StringReader(
        "trajectory,step,state,action\n0,0,1,0\n0,1,1,0\n0,2,1,0\n"), "d.csv", 4, 2, 2))
        .hasMessage("d.csv:4: trajectory 0 step 2 is beyond the horizon 2 (steps must be < 2)");
  }

  @Test
  void csvFile_withAByteOrderMark_readsAsWithout(@TempDir Path dir) throws IOException {
    String text = "trajectory,step,state,action\n0,0,1,0\n0,1,2,1\n";
    Path plain = dir.resolve("plain.csv");
    Files.writeString(plain, text);
    Path marked = dir.resolve("bom.csv");
    Files.write(marked, ("\uFEFF" + text).getBytes(StandardCharsets.UTF_8));
    Demonstrations expected = Demonstrations.read(plain, 3, 2);
    assertThat(Demonstrations.read(marked, 3, 2).states()).isDeepEqualTo(expected.states());
    assertThat(Demonstrations.read(marked, 3, 2).actions()).isDeepEqualTo(expected.actions());
  }

  @Test
  void csvFile_notUtf8_orBinary_namesLineColumnAndByte(@TempDir Path dir) throws IOException {
    Path latin1 = dir.resolve("demos.csv");
    Files.write(latin1, "trajectory,step,state,action\n0,0,1,0\n0,1,\u00b2,0\n"
        .getBytes(StandardCharsets.ISO_8859_1));
    assertThatThrownBy(() -> Demonstrations.read(latin1, 3, 2))
        .isInstanceOf(CsvFormatException.class)
        .hasMessage(latin1 + ":3: not UTF-8 text (byte 0xB2 at column 5)");
    Path gz = dir.resolve("demos.csv.gz");
    Files.write(gz, new byte[] {0x1F, (byte) 0x8B, 8, 0, 0, 0});
    assertThatThrownBy(() -> Demonstrations.read(gz, 3, 2))
        .isInstanceOf(CsvFormatException.class)
        .hasMessage(gz + ":1: not UTF-8 text (byte 0x8B at column 2)");
  }

  @Test
  void visitation_handCase() {
    Demonstrations d = Demonstrations.of(3, 2, new int[][] {{0, 1, 1}, {2, 1}},
        new int[][] {{0, 0, 0}, {1, 1}});
    // (1/2)[(1 at 0) + (0.5 at 1) + (0.25 at 1)] + (1/2)[(1 at 2) + (0.5 at 1)]
    assertClose(new double[] {0.5, 0.625, 0.5}, d.visitation(0.5, 10), TIGHT);
    assertClose(new double[] {0.5, 0.5, 0.5}, d.visitation(0.5, 2), TIGHT);
    assertClose(new double[] {0.5, 0, 0.5}, d.startDistribution(), TIGHT);
    assertThat(d.modalActions()).containsExactly(0, 0, 1);
  }

  @Test
  void of_rejectsOutOfRangeStateNamingTrajectoryAndStep() {
    assertThatThrownBy(() -> Demonstrations.of(3, 2, new int[][] {{0, 3}}, new int[][] {{0, 0}}))
        .hasMessage("trajectory 0 step 1: state 3 out of range [0, 3)");
  }
}
