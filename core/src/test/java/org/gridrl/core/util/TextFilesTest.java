package org.gridrl.core.util;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.gridrl.core.testing.TestBase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Strict UTF-8 with positions: valid text decodes as the JDK decodes it, a bad byte is named
 * with its line and column, a leading byte-order mark is skipped.
 */
class TextFilesTest extends TestBase {

  @TempDir
  Path dir;

  private static byte[] bytes(String hex) {
    String[] parts = hex.trim().split("\\s+");
    byte[] b = new byte[parts.length];
    for (int i = 0; i < parts.length; i++) {
      b[i] = (byte) Integer.parseInt(parts[i], 16);
    }
    return b;
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** Reads everything through {@code chunk}-sized reads. */
  private static String readAll(byte[] data, int chunk) throws IOException {
    return readAll(new ByteArrayInputStream(data), chunk);
  }

  private static String readAll(InputStream data, int chunk) throws IOException {
    StringBuilder sb = new StringBuilder();
    try (Reader r = TextFiles.reader(data)) {
      char[] buf = new char[chunk];
      int n;
      while ((n = r.read(buf, 0, chunk)) > 0) {
        sb.append(buf, 0, n);
      }
      assertThat(r.read(buf, 0, chunk)).isEqualTo(-1);
    }
    return sb.toString();
  }

  private static TextFiles.NotTextException notText(byte[] data) {
    return catchThrowableOfType(TextFiles.NotTextException.class, () -> readAll(data, 7));
  }

  @Test
  void validText_decodesAsTheJdkDoes_inAnyChunkSize() throws IOException {
    String text = "states 2\r\nµ τ=0.5 Σ 😀 \u0800\uFFFD\t\f end\rlast\n";
    for (int chunk : new int[] {1, 2, 3, 5, 8192}) {
      assertThat(readAll(utf8(text), chunk)).as("chunk %d", chunk).isEqualTo(text);
    }
  }

  @Test
  void seededRandomText_decodesAsTheJdkDoes_acrossBufferBoundaries() throws IOException {
    Random r = new Random(345);
    int[] pool = {'a', ' ', '\n', '\r', 0xE9, 0x3C4, 0x20AC, 0xFFFD, 0x1F600, 0x10FFFF};
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 100_000; i++) {
      sb.appendCodePoint(pool[r.nextInt(pool.length)]);
    }
    String text = sb.toString();
    // a stream handing out few bytes per read puts sequences across the refills
    InputStream trickle = new ByteArrayInputStream(utf8(text)) {
      @Override
      public synchronized int read(byte[] b, int off, int len) {
        return super.read(b, off, Math.min(len, 1 + r.nextInt(5)));
      }
    };
    assertThat(readAll(trickle, 4096)).isEqualTo(text);
  }

  @Test
  void leadingByteOrderMark_isSkipped_elsewhereItIsAChar() throws IOException {
    assertThat(readAll(concat(bytes("EF BB BF"), utf8("state,f0\n")), 5))
        .isEqualTo("state,f0\n");
    assertThat(readAll(utf8("a\uFEFFb"), 5)).isEqualTo("a\uFEFFb");
    assertThat(readAll(bytes("EF BB BF"), 5)).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      // bytes after "ab\n xy" | column | the byte named
      "FF|4|FF",
      "C0 80|4|C0",          // overlong NUL
      "C1 BF|4|C1",          // overlong
      "E0 80 80|4|E0",       // overlong 3-byte
      "ED A0 80|4|ED",       // a UTF-16 surrogate
      "F4 90 80 80|4|F4",    // above U+10FFFF
      "F5 80 80 80|4|F5",
      "80|4|80",             // a lone continuation byte
      "E9 78|4|E9",          // Latin-1 é then 'x'
      "E2 82|4|E2",          // truncated at the end of the file
      "C3 A9 FF|5|FF",       // é is one column
      "F0 9F 98 80 FF|5|FF", // so is a supplementary character
  })
  void badByte_namesLineColumnAndByte(String tail, int column, String named) {
    TextFiles.NotTextException e = notText(concat(utf8("ab\n xy"), bytes(tail)));
    assertThat(e.line()).isEqualTo(2);
    assertThat(e.column()).isEqualTo(column);
    assertThat(e.problem()).isEqualTo("not UTF-8 text (byte 0x" + named + " at column " + column
        + ")");
    assertThat(e.getMessage()).isEqualTo("line 2: " + e.problem());
  }

  @Test
  void textBeforeABadByte_isDeliveredFirst_thenTheErrorOnEveryRead() throws IOException {
    try (Reader r = TextFiles.reader(new ByteArrayInputStream(concat(utf8("ab\ncd"),
        bytes("FF"), utf8("ef"))))) {
      char[] buf = new char[100];
      assertThat(r.read(buf, 0, 100)).isEqualTo(5);
      assertThat(new String(buf, 0, 5)).isEqualTo("ab\ncd");
      for (int i = 0; i < 2; i++) {
        TextFiles.NotTextException e = catchThrowableOfType(TextFiles.NotTextException.class,
            () -> r.read(buf, 0, 100));
        assertThat(e.getMessage()).isEqualTo("line 2: not UTF-8 text (byte 0xFF at column 3)");
      }
    }
  }

  @Test
  void lineCount_takesCrLfAndLoneCrAsOneLineEach() {
    TextFiles.NotTextException e = notText(concat(utf8("1\r\n2\r3\n\n5 "), bytes("FF")));
    assertThat(e.line()).isEqualTo(5);
    assertThat(e.column()).isEqualTo(3);
  }

  @Test
  void nulByte_isBinaryData() {
    TextFiles.NotTextException e = notText(concat(utf8("states 2\nact"), bytes("00 01")));
    assertThat(e.problem()).isEqualTo("binary data, not text (byte 0x00 at column 4)");
    assertThat(e.line()).isEqualTo(2);
  }

  @Test
  void utf16ByteOrderMark_isNamedAsUtf16() {
    assertThat(notText(concat(bytes("FF FE"), utf8("s"))).problem()).isEqualTo("not UTF-8 text"
        + " (it starts with bytes 0xFF 0xFE, the mark of UTF-16 text; save it as UTF-8)");
    assertThat(notText(concat(bytes("FE FF 00"), utf8("s"))).problem()).isEqualTo("not UTF-8"
        + " text (it starts with bytes 0xFE 0xFF, the mark of UTF-16 text; save it as UTF-8)");
  }

  @Test
  void readString_ofAFile_skipsTheMark_andReasonsNameTheProblem() throws IOException {
    Path f = dir.resolve("c.json");
    Files.write(f, concat(bytes("EF BB BF"), utf8("{\"a\": \"é\"}\n")));
    assertThat(TextFiles.readString(f)).isEqualTo("{\"a\": \"é\"}\n");

    IOException missing = catchThrowableOfType(IOException.class,
        () -> TextFiles.readString(dir.resolve("nope.json")));
    assertThat(TextFiles.reason(missing)).isEqualTo("no such file");
    IOException directory = catchThrowableOfType(IOException.class,
        () -> TextFiles.readString(dir));
    assertThat(TextFiles.reason(directory)).isEqualTo("is a directory");
    Files.write(f, concat(utf8("{\n\"a\": \""), bytes("E9"), utf8("\"}")));
    IOException bad = catchThrowableOfType(IOException.class, () -> TextFiles.readString(f));
    assertThat(TextFiles.reason(bad)).isEqualTo("line 2: not UTF-8 text (byte 0xE9 at column 7)");
    assertThat(TextFiles.reason(new java.nio.charset.MalformedInputException(1)))
        .isEqualTo("not UTF-8 text");
  }
}
