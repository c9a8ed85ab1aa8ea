package org.gridrl.irl.sampled;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.gridrl.core.env.TimeLimit;
import org.gridrl.core.mdp.TabularMdp;
import org.gridrl.core.mdp.TabularPolicy;
import org.gridrl.core.pg.Sampler;
import org.gridrl.envs.continuous.PointNavigation;
import org.gridrl.irl.CsvFormatException;
import org.gridrl.irl.sampled.TransitionsCsv.Layout;
import org.gridrl.irl.testing.IrlTestBase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The transitions CSV: exact round trips, the header, and every error with its line. */
class TransitionsCsvTest extends IrlTestBase {

  private static final Layout CONTINUOUS = Layout.continuous(2, 2);
  private static final Layout DISCRETE = Layout.discrete(3, 4);

  private static Transitions continuousSample() {
    Controller mu = Controller.linear(2, 2, new double[] {-0.5, 0, 0, -0.5},
        new double[] {0.15, -0.1});
    Sampler<double[], double[]> sampler = Sampler.vector(List.of(
        new TimeLimit<>(PointNavigation.withGoal(0.3, -0.2), 12)));
    return ExpertData.sample(sampler,
        ControllerPolicy.gaussian(mu, 2, 2, new double[] {0.03, 0.07}), 4, 9);
  }

  private static String write(Transitions tr) throws IOException {
    StringWriter w = new StringWriter();
    TransitionsCsv.write(tr, w);
    return w.toString();
  }

  /** What reading keeps of {@code original}: o, a and o' except after each trajectory's end. */
  private static void assertReadBackOf(Transitions original, Transitions read) {
    int d = original.observationDim();
    assertThat(read.numTrajectories()).isEqualTo(original.numTrajectories());
    for (int i = 0; i <= original.numTrajectories(); i++) {
      assertThat(read.start(i)).isEqualTo(original.start(i));
    }
    assertThat(read.observations()).containsExactly(original.observations());
    assertThat(read.actions()).containsExactly(original.actions());
    assertThat(read.numActions()).isEqualTo(original.numActions());
    for (int t = 0; t < read.size(); t++) {
      boolean lastOfTrajectory = Arrays.binarySearch(startsPlusEnd(read), t + 1) >= 0;
      assertThat(read.hasNext()[t]).as("hasNext %d", t).isEqualTo(!lastOfTrajectory);
      assertThat(read.terminated()[t]).isFalse();
      double[] expected = lastOfTrajectory ? new double[d]
          : Arrays.copyOfRange(original.nextObservations(), t * d, (t + 1) * d);
      assertThat(Arrays.copyOfRange(read.nextObservations(), t * d, (t + 1) * d))
          .containsExactly(expected);
    }
  }

  private static int[] startsPlusEnd(Transitions tr) {
    int[] s = new int[tr.numTrajectories() + 1];
    for (int i = 0; i <= tr.numTrajectories(); i++) {
      s[i] = tr.start(i);
    }
    return s;
  }

  @Test
  void roundTrip_continuous_givesTheSameDoublesBitForBit() throws IOException {
    Transitions tr = continuousSample();
    String text = write(tr);
    assertThat(text).startsWith("trajectory,step,obs_0,obs_1,action_0,action_1\n0,0,0,0,");
    Transitions read = TransitionsCsv.read(new StringReader(text), "x.csv", CONTINUOUS);
    assertReadBackOf(tr, read);
    // and what was read survives a second round trip whole
    Transitions again = TransitionsCsv.read(new StringReader(write(read)), "y.csv", CONTINUOUS);
    assertThat(again.nextObservations()).containsExactly(read.nextObservations());
    assertThat(again.hasNext()).containsExactly(read.hasNext());
  }

  @Test
  void roundTrip_discreteOneHot_writesTheActionIndex() throws IOException {
    TabularMdp mdp = randomMdp(8, 3, 4, 2, 0.9, 0);
    Transitions tr = ExpertData.sample(mdp, TabularPolicy.uniform(3, 4), 3, 5, 1);
    String text = write(tr);
    assertThat(text.lines().findFirst()).hasValue("trajectory,step,obs_0,obs_1,obs_2,action_0");
    assertThat(text.lines().skip(1).findFirst().orElseThrow()).matches("0,0,[01],[01],[01],[0-3]");
    assertReadBackOf(tr, TransitionsCsv.read(new StringReader(text), "d.csv", DISCRETE));
  }

  @Test
  void roundTrip_extremeDoubles() throws IOException {
    double[] obs = {-0.0, 1e-300, 0.1 + 0.2, 2e23, Double.MIN_VALUE, -Double.MAX_VALUE};
    Transitions tr = Transitions.of(2, 1, 0, obs, new double[] {1.0 / 3, -7, 1e-5},
        new double[] {0.1 + 0.2, 2e23, Double.MIN_VALUE, -Double.MAX_VALUE, 0, 0},
        new boolean[] {true, true, false}, new boolean[3], new int[] {0});
    String text = write(tr);
    assertThat(text).isEqualTo("trajectory,step,obs_0,obs_1,action_0\n"
        + "0,0,-0,1e-300,0.3333333333333333\n"
        + "0,1,0.30000000000000004,2e+23,-7\n"
        + "0,2,5e-324,-1.7976931348623157e+308,1e-05\n");
    Transitions read = TransitionsCsv.read(new StringReader(text), "e.csv",
        Layout.continuous(2, 1));
    for (int i = 0; i < obs.length; i++) {
      assertThat(Double.doubleToRawLongBits(read.observations()[i]))
          .isEqualTo(Double.doubleToRawLongBits(obs[i]));
    }
  }

  @Test
  void file_isWrittenWhole_throughATemporaryFile_andReadBackWithAByteOrderMark(
      @TempDir Path dir) throws IOException {
    Transitions tr = continuousSample();
    Path file = dir.resolve("expert.csv");
    Files.writeString(file, "old contents");
    TransitionsCsv.write(tr, file);
    try (var listing = Files.list(dir)) {
      assertThat(listing).containsExactly(file); // no expert.csv.tmp left behind
    }
    assertThat(Files.readString(file)).isEqualTo(write(tr));
    assertReadBackOf(tr, TransitionsCsv.read(file, CONTINUOUS));
    Path marked = dir.resolve("bom.csv");
    Files.write(marked, ("\uFEFF" + write(tr)).getBytes(StandardCharsets.UTF_8));
    assertReadBackOf(tr, TransitionsCsv.read(marked, CONTINUOUS));
  }

  @Test
  void file_notUtf8_namesLineColumnAndByte(@TempDir Path dir) throws IOException {
    Path latin1 = dir.resolve("expert.csv");
    Files.write(latin1, "trajectory,step,obs_0,obs_1,action_0,action_1\n0,0,1,\u00b2,0,0\n"
        .getBytes(StandardCharsets.ISO_8859_1));
    assertThatThrownBy(() -> TransitionsCsv.read(latin1, CONTINUOUS))
        .isInstanceOf(CsvFormatException.class)
        .hasMessage(latin1 + ":2: not UTF-8 text (byte 0xB2 at column 7)");
  }

  @Test
  void read_idsAreLabels_blankLinesSkipped_lastRowOfEachTrajectoryHasNoSuccessor() {
    Transitions tr = TransitionsCsv.read(new StringReader("trajectory,step,obs_0,obs_1,obs_2,"
        + "action_0\n\n7,0,1,0,0,2\n7,1,0,1,0,3\n\n3,0,0,0,1,0\n"), "d.csv", DISCRETE);
    assertThat(tr.numTrajectories()).isEqualTo(2);
    assertThat(tr.actionIndices()).containsExactly(2, 3, 0);
    assertThat(tr.nextObservations()).containsExactly(0, 1, 0, 0, 0, 0, 0, 0, 0);
    assertThat(tr.hasNext()).containsExactly(true, false, false);
    assertThat(tr.numTriples()).isEqualTo(1);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "empty input||1|missing the header 'trajectory,step,obs_0,obs_1,action_0,action_1' (the "
          + "input is empty)",
      "missing header|0,0,1,2,0,0\\n|1|expected the header 'trajectory,step,obs_0,obs_1,action_0,"
          + "action_1' (column 1 is '0', expected 'trajectory'), got '0,0,1,2,0,0'",
      "wrong column|trajectory,step,obs_0,obs_2,action_0,action_1\\n|1|expected the header "
          + "'trajectory,step,obs_0,obs_1,action_0,action_1' (column 4 is 'obs_2', expected "
          + "'obs_1'), got 'trajectory,step,obs_0,obs_2,action_0,action_1'",
      "missing column|trajectory,step,obs_0,obs_1,action_0\\n|1|expected the header "
          + "'trajectory,step,obs_0,obs_1,action_0,action_1' (column 6 'action_1' is missing), "
          + "got 'trajectory,step,obs_0,obs_1,action_0'",
      "extra column|trajectory,step,obs_0,obs_1,action_0,action_1,done\\n|1|expected the header "
          + "'trajectory,step,obs_0,obs_1,action_0,action_1' (column 7 is 'done', expected no "
          + "more columns), got 'trajectory,step,obs_0,obs_1,action_0,action_1,done'",
      "too few fields|H\\n0,0,1,2,0\\n|2|expected 6 fields (trajectory,step,obs_0,obs_1,action_0,"
          + "action_1), got 5",
      "bad id|H\\nx,0,1,2,0,0\\n|2|trajectory must be an integer, got 'x'",
      "negative id|H\\n-1,0,1,2,0,0\\n|2|trajectory id must be >= 0, got -1",
      "bad step|H\\n0,0.5,1,2,0,0\\n|2|step must be an integer, got '0.5'",
      "not a number|H\\n0,0,1,abc,0,0\\n|2|obs_1 must be a finite number, got 'abc'",
      "NaN|H\\n0,0,NaN,2,0,0\\n|2|obs_0 must be a finite number, got 'NaN'",
      "infinite|H\\n0,0,1,2,0,-Infinity\\n|2|action_1 must be a finite number, got '-Infinity'",
      "overflow|H\\n0,0,1,2,1e999,0\\n|2|action_0 is '1e999', beyond the range of a double",
      "type suffix|H\\n0,0,1d,2,0,0\\n|2|obs_0 must be a finite number, got '1d'",
      "step gap|H\\n0,0,1,2,0,0\\n0,2,1,2,0,0\\n|3|trajectory 0: expected step 1, got 2 (steps "
          + "must run 0, 1, 2, ... without gaps)",
      "not starting at 0|H\\n0,1,1,2,0,0\\n|2|trajectory 0: expected step 0, got 1 (steps must "
          + "run 0, 1, 2, ... without gaps)",
      "resumes|H\\n0,0,1,2,0,0\\n1,0,1,2,0,0\\n0,1,1,2,0,0\\n|4|trajectory 0 resumes after "
          + "another trajectory; a trajectory's rows must be consecutive",
      "no rows|H\\n\\n|2|no transition rows after the header",
  })
  void continuous_badInput_namesSourceAndLine(String name, String text, int line, String what) {
    String input = text == null ? ""
        : text.replace("H\\n", CONTINUOUS.header() + "\\n").replace("\\n", "\n");
    assertThatThrownBy(() -> TransitionsCsv.read(new StringReader(input), "expert.csv",
        CONTINUOUS)).isInstanceOfSatisfying(CsvFormatException.class, e -> {
          assertThat(e.sourceName()).isEqualTo("expert.csv");
          assertThat(e.lineNumber()).isEqualTo(line);
          assertThat(e.getMessage()).isEqualTo("expert.csv:" + line + ": " + what);
        });
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "action too large|0,1,1,0,0,4|unknown action 4: the world has actions 0..3",
      "negative action|0,1,1,0,0,-1|unknown action -1: the world has actions 0..3",
      "fractional action|0,1,1,0,0,1.5|action_0 must be an action index (an integer), got '1.5'",
      "action as double|0,1,1,0,0,2.0|action_0 must be an action index (an integer), got '2.0'",
  })
  void discrete_badAction_namesSourceAndLine(String name, String row, String what) {
    assertThatThrownBy(() -> TransitionsCsv.read(new StringReader(DISCRETE.header() + "\n"
        + "0,0,0,1,0,0\n" + row + "\n"), "d.csv", DISCRETE))
        .isInstanceOf(CsvFormatException.class).hasMessage("d.csv:3: " + what);
  }

  @Test
  void longHeader_isQuotedShort_andNamesTheColumnThatDiffers() {
    Layout oneHot64 = Layout.discrete(64, 4);
    String header = oneHot64.header().replace("obs_17,", "obs_71,");
    assertThatThrownBy(() -> TransitionsCsv.read(new StringReader(header + "\n"), "big.csv",
        oneHot64)).hasMessageStartingWith("big.csv:1: expected the header "
            + "'trajectory,step,obs_0,...,obs_63,action_0' (column 20 is 'obs_71', expected "
            + "'obs_17'), got 'trajectory,step,obs_0,");
  }

  @Test
  void header_isCaseAndSpaceTolerant_asTheDemonstrationsCsv() {
    Transitions tr = TransitionsCsv.read(new StringReader(
        "Trajectory, Step, OBS_0, obs_1, action_0, action_1\n0,0,1,2,3,4\n"), "c.csv",
        CONTINUOUS);
    assertThat(tr.observations()).containsExactly(1, 2);
    assertThat(tr.actions()).containsExactly(3, 4);
  }

  @Test
  void write_refusesRowsThatAreNotATrajectory() {
    // row 0's successor (5) is not row 1's observation (1)
    Transitions notAChain = Transitions.of(1, 1, 0, new double[] {0, 1}, new double[] {0, 0},
        new double[] {5, 2}, new boolean[] {true, true}, new boolean[2], new int[] {0});
    assertThatThrownBy(() -> write(notAChain)).hasMessage("row 0 of trajectory 0: its next "
        + "observation is not row 1's observation, so the rows are not a trajectory and a CSV of"
        + " (o, a) rows cannot hold them");
  }

  @Test
  void layout_ofSampler_andOfTransitions() {
    Sampler<double[], double[]> sampler = Sampler.vector(List.of(
        new TimeLimit<>(PointNavigation.withGoal(0.3, -0.2), 12)));
    assertThat(Layout.of(sampler)).isEqualTo(CONTINUOUS);
    assertThat(Layout.of(continuousSample())).isEqualTo(CONTINUOUS);
    assertThat(DISCRETE.header()).isEqualTo("trajectory,step,obs_0,obs_1,obs_2,action_0");
    assertThatThrownBy(() -> new Layout(2, 2, 3))
        .hasMessage("discrete actions need actionDim 1, got 2");
  }
}
