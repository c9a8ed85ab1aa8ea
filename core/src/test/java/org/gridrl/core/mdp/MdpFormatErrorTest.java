package org.gridrl.core.mdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.gridrl.core.testing.TestBase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every malformed-file case: one exception, the exact message and the line it names. */
class MdpFormatErrorTest extends TestBase {

  private static final String HEADERS = "states 2\nactions 2\ngamma 0.9\n";
  /** A valid body for HEADERS: lines 4..7. */
  private static final String BODY = "transition 0 0 1 1\ntransition 0 1 0 1\n"
      + "transition 1 0 1 1\ntransition 1 1 0 1\n";

  private static void assertError(String text, int line, String problem) {
    MdpFormatException e = catchThrowableOfType(MdpFormatException.class,
        () -> MdpFormat.parse(text, "bad.mdp"));
    assertThat(e).as("expected an MdpFormatException for:%n%s", text).isNotNull();
    assertThat(e.getMessage()).isEqualTo("bad.mdp:" + line + ": " + problem);
    assertThat(e.sourceName()).isEqualTo("bad.mdp");
    assertThat(e.lineNumber()).isEqualTo(line);
    assertThat(e.problem()).isEqualTo(problem);
    assertThat(e).isInstanceOf(IllegalArgumentException.class);
    assertThat(e.getMessage()).doesNotContain("\n");
  }

  @Test
  void validBaseFile_reads() {
    TabularMdp m = MdpFormat.parse(HEADERS + BODY, "ok.mdp");
    assertThat(m.transitionProbability(1, 1, 0)).isEqualTo(1.0);
  }

  @Test
  void unknownKeyword_namesIt() {
    assertError(HEADERS + BODY + "  # fine\nterminals 1\n", 9, "unknown keyword 'terminals' "
        + "(expected states, actions, gamma, init, reward, transition or terminal)");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "states 2 3|1|'states' needs 1 field (N), got 2",
      "states|1|'states' needs 1 field (N), got 0",
      "gamma|1|'gamma' needs 1 field (g), got 0",
  })
  void headerWithWrongFieldCount(String text, int line, String problem) {
    assertError(text + "\n", line, problem);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "transition 0 0 1|'transition' needs 4 fields (s a s' p), got 3",
      "transition 0 0 1 0.5 0.5|'transition' needs 4 fields (s a s' p), got 5",
      "reward 0 0|'reward' needs 3 fields (s a r), got 2",
      "terminal|'terminal' needs 1 field (s), got 0",
      "terminal 0 1|'terminal' needs 1 field (s), got 2",
      "init 1|'init' needs 2 numbers (one per state), got 1",
      "init 0.5 0.25 0.25|'init' needs 2 numbers (one per state), got 3",
  })
  void recordWithWrongFieldCount(String record, String problem) {
    assertError(HEADERS + BODY + record + "\n", 8, problem);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "transition 0 0 1 abc|probability 'abc' is not a number",
      "transition 0 0 1 1.0f|probability '1.0f' is not a number",
      "transition 0 0 1 0x1p0|probability '0x1p0' is not a number",
      "transition 0 0 1 .|probability '.' is not a number",
      "transition 0 0 1 1e|probability '1e' is not a number",
      "transition 0 0 1 --1|probability '--1' is not a number",
      "reward 0 0 1,5|reward '1,5' is not a number",
      "init 0.5 half|initial probability of state 1 'half' is not a number",
      "transition 0 0 1.5 1|next state '1.5' is not an integer",
      "transition x 0 1 1|state 'x' is not an integer",
      "transition 0 1e0 1 1|action '1e0' is not an integer",
      "reward - 0 1|state '-' is not an integer",
      "terminal 1.0|terminal state '1.0' is not an integer",
  })
  void fieldThatIsNotANumberOrNotAnInteger(String record, String problem) {
    assertError(HEADERS + BODY + record + "\n", 8, problem);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "transition 2 0 1 1|state 2 out of range [0, 2)",
      "transition -1 0 1 1|state -1 out of range [0, 2)",
      "transition 0 2 1 1|action 2 out of range [0, 2)",
      "transition 0 0 5 1|next state 5 out of range [0, 2)",
      "transition 0 0 99999999999999999999 1|next state 99999999999999999999 out of range [0, 2)",
      "reward 0 7 1|action 7 out of range [0, 2)",
      "terminal 2|terminal state 2 out of range [0, 2)",
  })
  void indexOutOfRange_namesIndexAndRange(String record, String problem) {
    assertError(HEADERS + BODY + record + "\n", 8, problem);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "transition 0 0 1 -0.1|probability of 0 0 -> 1 is negative: -0.1",
      "transition 0 0 1 inf|probability of 0 0 -> 1 is not finite: inf",
      "transition 0 0 1 -Infinity|probability of 0 0 -> 1 is not finite: -Infinity",
      "transition 0 0 1 NaN|probability of 0 0 -> 1 is not finite: NaN",
      "transition 0 0 1 1e400|probability of 0 0 -> 1 is not finite: 1e400",
      "reward 1 0 nan|reward of state 1 action 0 is not finite: nan",
      "reward 1 0 -1e309|reward of state 1 action 0 is not finite: -1e309",
      "init 1.5 -0.5|initial probability of state 1 is negative: -0.5",
      "init inf 0|initial probability of state 0 is not finite: inf",
      "init 0.5 0.4999|initial probabilities sum to 0.9999, not 1 (within 1e-09)",
  })
  void badValue_namesIt(String record, String problem) {
    assertError(HEADERS + BODY + record + "\n", 8, problem);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "1.5|gamma must be in [0, 1], got 1.5",
      "1.0000001|gamma must be in [0, 1], got 1.0000001",
      "-0.1|gamma must be in [0, 1], got -0.1",
      "nan|gamma must be in [0, 1], got nan",
  })
  void gammaOutsideUnitInterval(String gamma, String problem) {
    assertError("states 2\nactions 2\n\ngamma " + gamma + "\n" + BODY, 4, problem);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "states 0|number of states must be an integer >= 1, got 0",
      "states -3|number of states must be an integer >= 1, got -3",
      "states 2.5|number of states '2.5' is not an integer",
      "actions 0|number of actions must be an integer >= 1, got 0",
      "actions 3000000000|number of actions must be an integer >= 1, got 3000000000",
  })
  void badCount(String header, String problem) {
    assertError("# counts\n" + header + "\n", 2, problem);
  }

  @Test
  void tooManyStateActionPairs_namedAtTheSecondHeader() {
    assertError("actions 100000\nstates 100000\n", 2,
        "states * actions = 10000000000 is too large (must be < 2^31 - 1)");
  }

  @Test
  void rowNotSummingToOne_namesTheFirstTransitionOfThatRow() {
    String text = HEADERS
        + "transition 0 0 1 1\n"
        + "transition 0 1 0 0.5\n"       // line 5: first of (0,1)
        + "transition 1 0 1 1\n"
        + "transition 1 1 0 1\n"
        + "transition 0 1 1 0.25\n";     // (0,1) sums to 0.75
    assertError(text, 5, "transition probabilities of state 0 action 1 sum to 0.75, not 1 "
        + "(within 1e-09; reported at the first transition of the row)");
  }

  @Test
  void rowSummingAboveOne_throughRepeatedEntries() {
    String text = HEADERS + BODY + "transition 1 0 1 0.5\n";
    assertError(text, 6, "transition probabilities of state 1 action 0 sum to 1.5, not 1 "
        + "(within 1e-09; reported at the first transition of the row)");
  }

  @Test
  void rowOffByMoreThanTolerance_isRejected_withinTolerance_isAccepted() {
    String base = HEADERS + "transition 0 0 1 1\ntransition 0 1 0 1\ntransition 1 0 1 1\n";
    assertError(base + "transition 1 1 0 1.000000002\n", 7, "transition probabilities of "
        + "state 1 action 1 sum to 1.000000002, not 1 (within 1e-09; reported at the first "
        + "transition of the row)");
    TabularMdp m = MdpFormat.parse(base + "transition 1 1 0 1.0000000005\n", "ok.mdp");
    assertThat(m.transitionProbability(1, 1, 0)).isEqualTo(1.0000000005);
  }

  @Test
  void terminalRowWithTransitions_mustStillSumToOne() {
    String text = HEADERS + "transition 0 0 1 1\ntransition 0 1 0 1\n"
        + "transition 1 1 0 0.3\nterminal 1\n";
    assertError(text, 6, "transition probabilities of state 1 action 1 sum to 0.3, not 1 "
        + "(within 1e-09; reported at the first transition of the row)");
  }

  @Test
  void nonTerminalPairWithoutTransitions_isReportedAtTheActionsHeader() {
    String text = "states 2\n# two actions\nactions 2\ngamma 0.9\n"
        + "transition 0 0 1 1\ntransition 0 1 0 1\ntransition 1 0 1 1\n";
    assertError(text, 3, "state 1 action 1 has no transitions (every non-terminal state needs "
        + "transitions for every action)");
  }

  @Test
  void missingGamma_isReportedAtEndOfFile() {
    assertError("states 2\nactions 2\n# no gamma\n", 3,
        "missing header 'gamma' (states, actions and gamma are required)");
  }

  @Test
  void missingStates_isReportedAtEndOfFile_evenWithoutTrailingNewline() {
    assertError("actions 2\ngamma 0.5", 2,
        "missing header 'states' (states, actions and gamma are required)");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "transition 0 0 1 1|transition",
      "reward 0 0 1|reward",
      "terminal 0|terminal",
      "init 0.5 0.5|init",
  })
  void recordBeforeGamma_isReportedAtThatRecord(String record, String kind) {
    assertError("states 2\nactions 2\n" + record + "\ngamma 0.9\n", 3, "missing header 'gamma' "
        + "before this " + kind + " record (states, actions and gamma must come first)");
  }

  @Test
  void recordBeforeStates_namesStates() {
    assertError("# x\ntransition 0 0 1 1\n", 2, "missing header 'states' before this "
        + "transition record (states, actions and gamma must come first)");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "states 3|states|1",
      "actions 2|actions|2",
      "gamma 0.5|gamma|3",
  })
  void duplicateHeader_namesBothLines(String again, String header, int firstLine) {
    assertError(HEADERS + BODY + again + "\n", 8, "duplicate header '" + header
        + "' (first given at line " + firstLine + ")");
  }

  @Test
  void duplicateInit_namesBothLines() {
    assertError(HEADERS + "init 0.5 0.5\n" + BODY + "init 0.5 0.5\n", 9,
        "duplicate header 'init' (first given at line 4)");
  }

  @Test
  void duplicateReward_namesBothLines() {
    assertError(HEADERS + "reward 1 0 2\n" + BODY + "\nreward 1 0 2\n", 10,
        "reward of state 1 action 0 given twice (first at line 4)");
  }

  @Test
  void readPath_errorNamesThePath(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("two.mdp");
    Files.writeString(file, HEADERS + BODY + "transition 0 0 1 2\n");
    MdpFormatException e = catchThrowableOfType(MdpFormatException.class,
        () -> MdpFormat.read(file));
    assertThat(e.sourceName()).isEqualTo(file.toString());
    assertThat(e.getMessage()).isEqualTo(file + ":4: transition probabilities of state 0 "
        + "action 0 sum to 3, not 1 (within 1e-09; reported at the first transition of the row)");
  }

  @Test
  void emptyFile_isReportedAtLineOne() {
    assertError("", 1, "empty file: no records (expected the headers states, actions, gamma)");
  }

  @Test
  void onlyCommentsAndBlanks_isEmpty_reportedAtTheLastLine() {
    assertError("# nothing\n\n   \t # here\r\n", 3,
        "empty file: no records (expected the headers states, actions, gamma)");
  }

  @Test
  void lineNumbers_countCrLfAndLoneCrAsOneLineEach() {
    String text = "states 2\r\nactions 2\rgamma 0.9\r\n\r\n" + BODY.replace("\n", "\r\n")
        + "bogus\r\n";
    assertError(text, 9, "unknown keyword 'bogus' (expected states, actions, gamma, init, "
        + "reward, transition or terminal)");
  }

  @Test
  void readPath_notUtf8_namesLineColumnAndByte(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("latin1.mdp");
    // "# caf\u00e9" in Latin-1 on line 4
    Files.write(file, concat(HEADERS.getBytes(StandardCharsets.UTF_8),
        new byte[] {'#', ' ', 'c', 'a', 'f', (byte) 0xE9, '\n'}));
    MdpFormatException e = catchThrowableOfType(MdpFormatException.class,
        () -> MdpFormat.read(file));
    assertThat(e.getMessage()).isEqualTo(file + ":4: not UTF-8 text (byte 0xE9 at column 6)");
  }

  @Test
  void readPath_binaryFile_isNamedAsBinary(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("a.out");
    Files.write(file, new byte[] {0x7F, 'E', 'L', 'F', 2, 1, 1, 0, 0, 0});
    MdpFormatException e = catchThrowableOfType(MdpFormatException.class,
        () -> MdpFormat.read(file));
    assertThat(e.getMessage()).isEqualTo(file + ":1: binary data, not text (byte 0x00 at column"
        + " 8)");
  }

  @Test
  void readPath_leadingByteOrderMark_isSkipped(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("bom.mdp");
    Files.write(file, concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
        (HEADERS + BODY).getBytes(StandardCharsets.UTF_8)));
    assertThat(MdpFormat.read(file)).isEqualTo(MdpFormat.parse(HEADERS + BODY, "plain"));
    // and a mark before an error does not shift its line or column
    Files.write(file, concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
        "statez 2\n".getBytes(StandardCharsets.UTF_8)));
    assertThat(catchThrowableOfType(MdpFormatException.class, () -> MdpFormat.read(file))
        .getMessage()).isEqualTo(file + ":1: unknown keyword 'statez' (expected states, actions,"
            + " gamma, init, reward, transition or terminal)");
  }

  @Test
  void readPath_directory_namesIt(@TempDir Path dir) {
    UncheckedIOException e = catchThrowableOfType(UncheckedIOException.class,
        () -> MdpFormat.read(dir));
    assertThat(e.getMessage()).isEqualTo("cannot read " + dir + ": is a directory");
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  @Test
  void readPath_missingFile_namesTheFile(@TempDir Path dir) {
    Path missing = dir.resolve("nope.mdp");
    UncheckedIOException e = catchThrowableOfType(UncheckedIOException.class,
        () -> MdpFormat.read(missing));
    assertThat(e.getMessage()).isEqualTo("cannot read " + missing + ": no such file");
  }
}
