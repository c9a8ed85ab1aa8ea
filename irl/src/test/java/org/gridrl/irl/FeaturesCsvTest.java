package org.gridrl.irl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.gridrl.core.mdp.StateFeatures;
import org.gridrl.irl.testing.IrlTestBase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FeaturesCsvTest extends IrlTestBase {

  @Test
  void roundTrip_isExact_andRowsMayComeInAnyOrder() throws IOException {
    StateFeatures phi = randomFeatures(4, 5, 3);
    StringWriter w = new StringWriter();
    FeaturesCsv.write(phi, w);
    assertThat(FeaturesCsv.read(new StringReader(w.toString()), "f.csv", 5)).isEqualTo(phi);
    StateFeatures shuffled = FeaturesCsv.read(new StringReader(
        "state,a,b\n1,3,4\n0,1,2\n"), "f.csv", 2);
    assertThat(shuffled.names()).containsExactly("a", "b");
    assertThat(shuffled.row(0)).containsExactly(1, 2);
    assertThat(shuffled.row(1)).containsExactly(3, 4);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "bad header|s,f0\\n0,1\\n|1|expected a header",
      "no feature columns|state\\n0\\n|1|expected a header",
      "ragged row|state,f0,f1\\n0,1,2\\n1,3\\n|3|ragged row: expected 3 fields",
      "missing state|state,f0\\n0,1\\n2,1\\n|3|state 1 has no row",
      "duplicate state|state,f0\\n0,1\\n0,2\\n|3|state 0 already has a row at line 2",
      "unknown state|state,f0\\n0,1\\n7,1\\n|3|unknown state 7",
      "not a number|state,f0\\n0,x\\n|2|feature f0 is not a number: 'x'",
      "not finite|state,f0\\n0,NaN\\n|2|feature f0 is not finite",
  })
  void badInput_namesSourceAndLine(String name, String text, int line, String what) {
    String input = text.replace("\\n", "\n");
    assertThatThrownBy(() -> FeaturesCsv.read(new StringReader(input), "feat.csv", 3))
        .isInstanceOfSatisfying(CsvFormatException.class, e -> {
          assertThat(e.lineNumber()).isEqualTo(line);
          assertThat(e.getMessage()).startsWith("feat.csv:" + line + ": ").contains(what);
        });
  }

  @TempDir
  Path dir;

  private Path file(String name, byte[]... parts) throws IOException {
    Path f = dir.resolve(name);
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    Files.write(f, out.toByteArray());
    return f;
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

  @Test
  void file_withAByteOrderMark_readsAsWithout() throws IOException {
    StateFeatures plain = FeaturesCsv.read(file("plain.csv", utf8("state,a\n0,1\n1,2\n")), 2);
    assertThat(FeaturesCsv.read(file("bom.csv", BOM, utf8("state,a\n0,1\n1,2\n")), 2))
        .isEqualTo(plain);
    // a reader that still holds the mark (U+FEFF) reads the same
    assertThat(FeaturesCsv.read(new StringReader("\uFEFFstate,a\n0,1\n1,2\n"), "r", 2))
        .isEqualTo(plain);
  }

  @Test
  void file_notUtf8_namesLineColumnAndByte() throws IOException {
    Path f = file("latin1.csv", utf8("state,caf"), new byte[] {(byte) 0xE9}, utf8("\n0,1\n"));
    assertThatThrownBy(() -> FeaturesCsv.read(f, 1))
        .isInstanceOf(CsvFormatException.class)
        .hasMessage(f + ":1: not UTF-8 text (byte 0xE9 at column 10)");
    Path bin = file("features.bin", new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n'});
    assertThatThrownBy(() -> FeaturesCsv.read(bin, 1))
        .isInstanceOf(CsvFormatException.class)
        .hasMessage(bin + ":1: not UTF-8 text (byte 0x89 at column 1)");
  }

  @Test
  void file_aProblemBeforeABadByte_isReportedFirst() throws IOException {
    Path f = file("two-problems.csv", utf8("state,a\n0,x\n1,"), new byte[] {(byte) 0xFF},
        utf8("\n"));
    assertThatThrownBy(() -> FeaturesCsv.read(f, 2))
        .hasMessage(f + ":2: feature a is not a number: 'x'");
  }

  @Test
  void file_missingOrADirectory_namesIt() {
    Path missing = dir.resolve("nope.csv");
    assertThatThrownBy(() -> FeaturesCsv.read(missing, 1))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessage("cannot read " + missing + ": no such file");
    assertThatThrownBy(() -> FeaturesCsv.read(dir, 1))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessage("cannot read " + dir + ": is a directory");
  }

  @Test
  void header_tooWideForTheStates_isRefusedAtTheHeader() {
    // 2^31 values cannot be one Java array; no row is read
    StringBuilder header = new StringBuilder("state");
    for (int i = 0; i < 2148; i++) {
      header.append(",f").append(i);
    }
    assertThatThrownBy(() -> FeaturesCsv.read(new StringReader(header + "\n"), "wide.csv",
        1_000_000))
        .isInstanceOf(CsvFormatException.class)
        .hasMessage("wide.csv:1: 2148 feature columns for 1000000 states (2148000000 values) is"
            + " more than a Java array holds");
  }
}
