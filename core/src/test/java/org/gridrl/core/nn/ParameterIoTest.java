package org.gridrl.core.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.gridrl.core.testing.TestBase;
import org.gridrl.core.util.Rng;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ParameterIoTest extends TestBase {

  @TempDir
  Path dir;

  /** A two-parameter module: w (1×2) and b (1×1). */
  private static Module tiny(double w0, double w1, double b) {
    return module(List.of(new Parameter("w", new DMatrixRMaj(1, 2, true, w0, w1)),
        new Parameter("b", new DMatrixRMaj(1, 1, true, b))));
  }

  /** A module of the given parameters (no forward pass). */
  private static Module module(List<Parameter> ps) {
    return new Module() {
      @Override
      public List<Parameter> parameters() {
        return ps;
      }

      @Override
      public org.gridrl.core.autodiff.Tensor forward(org.gridrl.core.autodiff.Tape tape,
          org.gridrl.core.autodiff.Tensor x, List<org.gridrl.core.autodiff.Tensor> params,
          int offset) {
        throw new UnsupportedOperationException();
      }
    };
  }

  /** The text of {@code tiny(0.1 + 0.2, -0.0, 1e23)}; the data of w on line 8, "-0" at 8:36. */
  private static final String TINY_JSON = "{\n"
      + "  \"format\": \"gridrl-parameters\",\n"
      + "  \"version\": 1,\n"
      + "  \"parameters\": [ {\n"
      + "    \"name\": \"w\",\n"
      + "    \"rows\": 1,\n"
      + "    \"cols\": 2,\n"
      + "    \"data\": [ 0.30000000000000004, -0 ]\n"
      + "  }, {\n"
      + "    \"name\": \"b\",\n"
      + "    \"rows\": 1,\n"
      + "    \"cols\": 1,\n"
      + "    \"data\": [ 1e+23 ]\n"
      + "  } ]\n"
      + "}\n";

  @Test
  void toJson_tinyModule_isTheSchemaWithShortestNumbers() {
    assertThat(ParameterIo.toJson(tiny(0.1 + 0.2, -0.0, 1e23))).isEqualTo(TINY_JSON);
  }

  /**
   * A file written by the hand-written writer that preceded the Jackson one (as of commit
   * 2e1ae92), by this snippet:
   *
   * <pre>
   * Mlp net = new Mlp(new int[] {2, 3, 1}, Activation.TANH, Init.xavierUniform(), new Rng(11));
   * // then the values of awkwardValues(net), below
   * ParameterIo.save(net, Path.of("old-writer-mlp-2-3-1.json"));
   * </pre>
   *
   * <p>It loads bit for bit, and the present writer writes the same tokens (the same text but
   * for the whitespace of Jackson's layout).
   */
  @Test
  void load_fileOfTheOldWriter_restoresEveryBit_andTheWriterWritesTheSameTokens()
      throws Exception {
    Path old = Path.of(ParameterIoTest.class.getResource("old-writer-mlp-2-3-1.json").toURI());
    Mlp saved = awkwardValues(
        new Mlp(new int[] {2, 3, 1}, Activation.TANH, Init.xavierUniform(), new Rng(11)));
    String oldText = Files.readString(old);
    assertThat(ParameterIo.toJson(saved)).isNotEqualTo(oldText);
    assertThat(ParameterIo.toJson(saved).replaceAll("\\s", ""))
        .isEqualTo(oldText.replaceAll("\\s", ""));

    Mlp loaded = new Mlp(new int[] {2, 3, 1}, Activation.TANH, Init.xavierUniform(), new Rng(99));
    ParameterIo.load(loaded, old);
    for (int p = 0; p < 4; p++) {
      double[] a = saved.parameterValues().get(p).data;
      double[] b = loaded.parameterValues().get(p).data;
      for (int k = 0; k < a.length; k++) {
        assertThat(Double.doubleToRawLongBits(b[k])).as("parameter %d entry %d", p, k)
            .isEqualTo(Double.doubleToRawLongBits(a[k]));
      }
    }
    assertThat(Double.doubleToRawLongBits(loaded.parameterValues().get(0).data[0]))
        .isEqualTo(Double.doubleToRawLongBits(-0.0));
    assertThat(loaded.parameterValues().get(0).data[1]).isEqualTo(Double.MIN_VALUE);
  }

  private static Mlp awkwardValues(Mlp net) {
    List<DMatrixRMaj> v = net.parameterValues();
    double[] awkward = {-0.0, Double.MIN_VALUE, -Double.MAX_VALUE, 1e23, 0.1 + 0.2, 1e-5};
    System.arraycopy(awkward, 0, v.get(0).data, 0, 6);
    v.get(1).data[0] = 123456789.125;
    v.get(1).data[2] = -2.5e-7;
    v.get(3).data[0] = 0.0;
    return net;
  }

  /** Random bit patterns (every exponent, subnormals, both zeros) survive the text exactly. */
  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5})
  void toJsonThenFromJson_randomBitPatterns_restoreEveryBit(long seed) {
    Random r = new Random(seed);
    double[] x = new double[3];
    for (int trial = 0; trial < 400; trial++) {
      for (int k = 0; k < 3; k++) {
        do {
          long bits = r.nextLong();
          if (r.nextInt(8) == 0) {
            bits &= r.nextBoolean() ? 0x800F_FFFF_FFFF_FFFFL : 0x8000_0000_0000_0000L;
          }
          x[k] = Double.longBitsToDouble(bits);
        } while (!Double.isFinite(x[k]));
      }
      Module m = tiny(0, 0, 0);
      ParameterIo.fromJson(m, ParameterIo.toJson(tiny(x[0], x[1], x[2])), "r.json");
      double[] back = {m.parameters().get(0).value().data[0],
          m.parameters().get(0).value().data[1], m.parameters().get(1).value().data[0]};
      for (int k = 0; k < 3; k++) {
        assertThat(Double.doubleToRawLongBits(back[k])).as("%s", x[k])
            .isEqualTo(Double.doubleToRawLongBits(x[k]));
      }
    }
  }

  @Test
  void toJson_noParameters_isTheEmptyList_andOddNamesRoundTrip() {
    assertThat(ParameterIo.toJson(module(List.of())))
        .isEqualTo("{\n  \"format\": \"gridrl-parameters\",\n  \"version\": 1,\n"
            + "  \"parameters\": [ ]\n}\n");
    ParameterIo.fromJson(module(List.of()), ParameterIo.toJson(module(List.of())), "none.json");

    Parameter odd = new Parameter("a\"b\\c/d\u00e9\n", new DMatrixRMaj(1, 1, true, 2.5));
    String json = ParameterIo.toJson(module(List.of(odd)));
    assertThat(json).contains("\"name\": \"a\\\"b\\\\c/d\u00e9\\n\",\n    \"rows\": 1");
    odd.value().data[0] = 0;
    ParameterIo.fromJson(module(List.of(odd)), json, "odd.json");
    assertThat(odd.value().data[0]).isEqualTo(2.5);
  }

  @Test
  void write_toAWriter_flushesAndDoesNotClose() {
    StringBuilder sink = new StringBuilder();
    boolean[] flushedClosed = {false, false};
    Writer out = new Writer() {
      @Override
      public void write(char[] c, int off, int len) {
        assertThat(flushedClosed[1]).as("closed").isFalse();
        sink.append(c, off, len);
      }

      @Override
      public void flush() {
        flushedClosed[0] = true;
      }

      @Override
      public void close() {
        flushedClosed[1] = true;
      }
    };
    ParameterIo.write(tiny(0.1 + 0.2, -0.0, 1e23), out);
    assertThat(sink.toString()).isEqualTo(TINY_JSON);
    assertThat(flushedClosed).containsExactly(true, false);
  }

  @Test
  void read_fromAReader_readsToTheEndAndDoesNotClose() throws Exception {
    boolean[] closed = {false};
    Reader in = new StringReader(TINY_JSON + "\n \n") {
      @Override
      public void close() {
        closed[0] = true;
      }
    };
    Module m = tiny(0, 0, 0);
    ParameterIo.read(m, in, "in");
    assertThat(m.parameters().get(1).value().data).containsExactly(1e23);
    assertThat(in.read()).isEqualTo(-1);
    assertThat(closed[0]).isFalse();
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3})
  void saveThenLoad_mlpAndGru_restoreEveryBit(long seed) throws Exception {
    Rng rng = new Rng(seed);
    Mlp net = new Mlp(new int[] {3, 5, 2}, Activation.TANH, Init.xavierUniform(), rng);
    List<DMatrixRMaj> v = net.parameterValues();
    double[] awkward = {-0.0, Double.MIN_VALUE, Double.MAX_VALUE, Double.MIN_NORMAL, 1e23, 2e-7,
        0.1 + 0.2, -123456789.125, 1.0 / 3};
    for (int i = 0; i < awkward.length; i++) {
      v.get(1).data[i % 5] = awkward[i];
      v.get(0).data[i] = awkward[i] * (i % 2 == 0 ? 1 : -1);
    }
    Path file = dir.resolve("mlp.json");
    ParameterIo.save(net, file);
    Mlp other = new Mlp(new int[] {3, 5, 2}, Activation.TANH, Init.xavierUniform(),
        new Rng(seed + 100));
    ParameterIo.load(other, file);
    for (int p = 0; p < v.size(); p++) {
      double[] a = v.get(p).data;
      double[] b = other.parameterValues().get(p).data;
      for (int k = 0; k < a.length; k++) {
        assertThat(Double.doubleToRawLongBits(b[k])).as("parameter %d entry %d", p, k)
            .isEqualTo(Double.doubleToRawLongBits(a[k]));
      }
    }
    Gru gru = new Gru("g", 2, 3, new Rng(seed));
    Gru gru2 = new Gru("g", 2, 3, new Rng(seed + 7));
    ParameterIo.save(gru, dir.resolve("gru.json"));
    ParameterIo.load(gru2, dir.resolve("gru.json"));
    for (int p = 0; p < 4; p++) {
      assertThat(gru2.parameterValues().get(p).data).isEqualTo(gru.parameterValues().get(p).data);
    }
  }

  @Test
  void load_parametersInAnotherOrder_matchByName() {
    String swapped = "{\"format\":\"gridrl-parameters\",\"version\":1,\"parameters\":["
        + "{\"name\":\"b\",\"rows\":1,\"cols\":1,\"data\":[7]},"
        + "{\"data\":[1.5,-2],\"cols\":2,\"rows\":1,\"name\":\"w\"}]}";
    Module m = tiny(0, 0, 0);
    ParameterIo.fromJson(m, swapped, "s.json");
    assertThat(m.parameters().get(0).value().data).containsExactly(1.5, -2.0);
    assertThat(m.parameters().get(1).value().data).containsExactly(7.0);
  }

  @Test
  void load_shapeMismatch_namesFileLineAndParameter_andLeavesModuleUnchanged() {
    Path file = dir.resolve("small.json");
    ParameterIo.save(new Mlp(new int[] {3, 4, 2}, Activation.TANH, Init.xavierUniform(),
        new Rng(1)), file);
    Mlp bigger = new Mlp(new int[] {3, 5, 2}, Activation.TANH, Init.xavierUniform(), new Rng(2));
    double[] before = bigger.parameterValues().get(0).data.clone();
    assertThatThrownBy(() -> ParameterIo.load(bigger, file))
        .isInstanceOf(ParameterFormatException.class)
        .hasMessage(file + ":5: parameter 'layer0.weight' is 3×4 in the file but 3×5 in the"
            + " module")
        .satisfies(e -> assertThat(((ParameterFormatException) e).lineNumber()).isEqualTo(5));
    assertThat(bigger.parameterValues().get(0).data).isEqualTo(before);
  }

  @Test
  void load_missingParameter_namesItAndTheFile() {
    String noBias = TINY_JSON.replace(", {\n    \"name\": \"b\",\n    \"rows\": 1,\n"
        + "    \"cols\": 1,\n    \"data\": [ 1e+23 ]\n  }", "");
    assertThat(noBias).isNotEqualTo(TINY_JSON);
    Module m = tiny(9, 9, 9);
    assertThatThrownBy(() -> ParameterIo.fromJson(m, noBias, "net.json"))
        .isInstanceOf(ParameterFormatException.class)
        .hasMessage("net.json: the module's parameters [b] are missing from the file");
    assertThat(m.parameters().get(0).value().data).containsExactly(9.0, 9.0);
  }

  @Test
  void load_extraParameter_namesItLineAndTheModulesNames() {
    String extra = TINY_JSON.replace("  } ]\n}", "  },\n  {\"name\": \"layer9.bias\", \"rows\": 1,"
        + " \"cols\": 1, \"data\": [0]} ]\n}");
    assertThatThrownBy(() -> ParameterIo.fromJson(tiny(0, 0, 0), extra, "net.json"))
        .hasMessage("net.json:15: parameter 'layer9.bias' is not a parameter of the module"
            + " (which has [w, b])");
  }

  @Test
  void load_duplicateParameter_namesBothLines() {
    String dup = TINY_JSON.replace("\"name\": \"b\"", "\"name\": \"w\"");
    assertThatThrownBy(() -> ParameterIo.fromJson(tiny(0, 0, 0), dup, "net.json"))
        .hasMessage("net.json:10: parameter 'w' appears twice (first at line 5)");
  }

  @Test
  void load_malformedJson_namesTheLineAndColumn() {
    String trailingComma = TINY_JSON.replace("-0 ]", "-0, ]");
    assertThatThrownBy(() -> ParameterIo.fromJson(tiny(0, 0, 0), trailingComma, "net.json"))
        .isInstanceOf(ParameterFormatException.class)
        .hasMessage("net.json:8:40: unexpected character (']' (code 93)): expected a valid value"
            + " (JSON String, Number, Array, Object or token 'null', 'true' or 'false')")
        .satisfies(e -> {
          assertThat(((ParameterFormatException) e).lineNumber()).isEqualTo(8);
          assertThat(((ParameterFormatException) e).columnNumber()).isEqualTo(40);
        });
  }

  /**
   * Syntax errors name line and column (Jackson reports a few of them at the character after
   * the offending token: NaN at 8:39 is the end of "NaN" at 8:36–38), in Jackson's words but
   * without its advice on switching its features on (see {@link #assertError}).
   */
  @Test
  void load_otherSyntaxErrors_eachNamesLineColumnAndProblem() {
    assertError("{\"format\": \"gridrl-parameters\"\n \"version\": 1}",
        "x.json:2:2: unexpected character ('\"' (code 34)): was expecting comma to separate"
            + " Object entries");
    assertError(TINY_JSON.replace("-0 ]", "NaN ]"), "x.json:8:39: non-standard token 'NaN'");
    assertError(TINY_JSON.replace("-0 ]", "1e999 ]"),
        "x.json:8:36: number 1e999 is outside the range of a double");
    assertError(TINY_JSON.replace("-0 ]", "01 ]"),
        "x.json:8:37: invalid numeric value: Leading zeroes not allowed");
    assertError(TINY_JSON.replace("\"version\": 1", "\"version\": 1, \"version\": 1"),
        "x.json:3:26: duplicate field 'version'");
    assertError("{\"format\": \"gridrl-para",
        "x.json:1:24: unexpected end-of-input: was expecting closing quote for a string value");
    assertError("{\"format\": \"gridrl-parameters\"]",
        "x.json:1:31: unexpected close marker ']': expected '}'");
  }

  /**
   * Everything the hand-written reader refused is still refused, each message naming line and
   * column: non-finite and non-JSON numbers, comments, single quotes, bad strings, a byte order
   * mark, duplicate keys at any depth, control characters and anything after the document.
   */
  @Test
  void load_everyNonJsonForm_isRefusedWithLineAndColumn() {
    assertError(TINY_JSON.replace("-0 ]", "-Infinity ]"),
        "x.json:8:45: non-standard token '-Infinity'");
    assertError(TINY_JSON.replace("-0 ]", "Infinity ]"),
        "x.json:8:44: non-standard token 'Infinity'");
    assertError(TINY_JSON.replace("-0 ]", "-1e999 ]"),
        "x.json:8:36: number -1e999 is outside the range of a double");
    assertError(TINY_JSON.replace("-0 ]", "1" + "0".repeat(400) + " ]"),
        "x.json:8:36: number 1" + "0".repeat(400) + " is outside the range of a double");
    assertError(TINY_JSON.replace("-0 ]", "+1 ]"),
        "x.json:8:37: unexpected character ('+' (code 43)) in numeric value: JSON spec does not"
            + " allow numbers to have plus signs");
    assertError(TINY_JSON.replace("-0 ]", ".5 ]"),
        "x.json:8:36: unexpected character ('.' (code 46)): expected a valid value (JSON String,"
            + " Number, Array, Object or token 'null', 'true' or 'false')");
    assertError(TINY_JSON.replace("-0 ]", "1. ]"),
        "x.json:8:37: unexpected character (' ' (code 32)) in numeric value: Decimal point not"
            + " followed by a digit");
    assertError(TINY_JSON.replace("-0 ]", "nul ]"),
        "x.json:8:36: unrecognized token 'nul': was expecting (JSON String, Number, Array,"
            + " Object or token 'null', 'true' or 'false')");
    assertError("{\"format\": /* c */ 1}",
        "x.json:1:12: unexpected character ('/' (code 47)): maybe a (non-standard) comment?");
    assertError(TINY_JSON + "// c",
        "x.json:16:1: unexpected character ('/' (code 47)): maybe a (non-standard) comment?");
    assertError(TINY_JSON + "\n\r\n  x", "x.json:18:3: unrecognized token 'x': was expecting"
        + " (JSON String, Number, Array, Object or token 'null', 'true' or 'false')");
    assertError(TINY_JSON + "{}", "x.json:16:1: the JSON document is followed by an object");
    assertError(TINY_JSON + "\u001E", "x.json:16:2: illegal character ((CTRL-CHAR, code 30)):"
        + " only regular white space (\\r, \\n, \\t) is allowed between tokens");
    assertError("{'format': 1}",
        "x.json:1:2: unexpected character (''' (code 39)): was expecting double-quote to start"
            + " field name");
    assertError("{\"format\": \"a\tb\"}",
        "x.json:1:14: illegal unquoted character ((CTRL-CHAR, code 9)): has to be escaped using"
            + " backslash to be included in string value");
    assertError("{\"format\": \"a\\qb\"}",
        "x.json:1:15: unrecognized character escape 'q' (code 113)");
    assertError("{\"parameters\": [{\"data\": [1,",
        "x.json:1:29: unexpected end-of-input within/between Array entries");
    assertError("{\"parameters\": [{\"data\": [1",
        "x.json:1:28: unexpected end-of-input: expected close marker for Array");
    assertError("\uFEFF" + TINY_JSON,
        "x.json:1:1: unexpected character ('\uFEFF' (code 65279 / 0xfeff)): expected a valid"
            + " value (JSON String, Number, Array, Object or token 'null', 'true' or 'false')");
    assertError(TINY_JSON.replace("\"rows\": 1,\n    \"cols\": 2",
        "\"rows\": 1,\n    \"rows\": 1,\n    \"cols\": 2"), "x.json:7:11: duplicate field 'rows'");
    assertError(TINY_JSON.replace("  } ]\n}", "  } ],\n  \"format\": \"gridrl-parameters\"\n}"),
        "x.json:15:11: duplicate field 'format'");
  }

  /**
   * A value nested where the schema has none is refused at its first token, however deep it goes
   * (and whatever follows it): the reader never descends into it.
   */
  @Test
  void load_nestingBeyondTheSchema_isRefusedAtItsFirstToken() {
    assertError("[".repeat(100_000), "x.json:1: the document must be an object, got an array");
    assertError(TINY_JSON.replace("-0 ]", "[".repeat(100_000) + " ]"),
        "x.json:8: \"data\"[1] of parameter 'w' must be a number, got an array");
    assertError(TINY_JSON.replace("-0 ]", "{\"a\": 1, \"a\": 2} ]"),
        "x.json:8: \"data\"[1] of parameter 'w' must be a number, got an object");
    assertError("{\"format\": " + "[".repeat(100_000),
        "x.json:1: \"format\" must be \"gridrl-parameters\", got an array");
  }

  /** Numbers are read exactly in every JSON spelling, of any length; escaped names match. */
  @Test
  void load_numbersInEveryJsonSpelling_readExactly() {
    String[] texts = {"-0.0e-0", "1E+2", "12345678901234567890123", "0." + "0".repeat(1100) + "1",
        "4.9406564584124654e-324", "-0", "-0.0"};
    double[] values = {-0.0, 100, 1.2345678901234568e22, 0.0, 5e-324, -0.0, -0.0};
    for (int i = 0; i < texts.length; i++) {
      Module m = tiny(9, 9, 9);
      String json = TINY_JSON.replace("\"w\"", "\"\\u0077\"").replace("-0 ]", texts[i] + " ]");
      ParameterIo.fromJson(m, json, "x.json");
      assertThat(Double.doubleToRawLongBits(m.parameters().get(0).value().data[1])).as(texts[i])
          .isEqualTo(Double.doubleToRawLongBits(values[i]));
    }
  }

  @Test
  void load_schemaViolations_eachNamesLineAndKey() {
    assertError("", "x.json:1: the document must be an object, got the end of the file");
    assertError("[]", "x.json:1: the document must be an object, got an array");
    assertError(TINY_JSON.replace("gridrl-parameters", "torch"),
        "x.json:2: \"format\" must be \"gridrl-parameters\", got \"torch\"");
    assertError(TINY_JSON.replace("gridrl-parameters", "x".repeat(50)),
        "x.json:2: \"format\" must be \"gridrl-parameters\", got \"" + "x".repeat(40) + "...\"");
    assertError(TINY_JSON.replace("\"version\": 1", "\"version\": 2"),
        "x.json:3: \"version\" must be 1 (the only one this reader knows), got 2");
    assertError(TINY_JSON.replace("\"version\": 1", "\"version\": 1.0"),
        "x.json:3: \"version\" must be 1 (the only one this reader knows), got 1.0");
    assertError(TINY_JSON.replace("\"version\": 1", "\"version\": \"1\""),
        "x.json:3: \"version\" must be 1 (the only one this reader knows), got \"1\"");
    assertError(TINY_JSON.replace("\"version\": 1", "\"version\": 1, \"seed\": 3"),
        "x.json:3: the document has the unknown key \"seed\" (expected exactly format, version,"
            + " parameters)");
    assertError(TINY_JSON.replace("  \"version\": 1,\n", ""),
        "x.json:1: the document has no \"version\" key");
    assertError(TINY_JSON.replace("\"parameters\": [", "\"parameters\": [ 3,"),
        "x.json:4: each entry of \"parameters\" must be an object, got 3");
    assertError("{\"format\": \"gridrl-parameters\", \"version\": 1, \"parameters\": {}}",
        "x.json:1: \"parameters\" must be an array, got an object");
    assertError(TINY_JSON.replace("\"name\": \"w\"", "\"name\": null"),
        "x.json:5: \"name\" must be a string, got null");
    assertError(TINY_JSON.replace("\"name\": \"w\"", "\"name\": \"w\", \"bias\": true"),
        "x.json:5: a parameter entry has the unknown key \"bias\" (expected exactly name, rows,"
            + " cols, data)");
    assertError(TINY_JSON.replace("\"rows\": 1,", "\"rows\": 1.0,"),
        "x.json:6: \"rows\" of parameter 'w' must be an integer >= 1, got 1.0");
    assertError(TINY_JSON.replace("\"cols\": 2", "\"cols\": 0"),
        "x.json:7: \"cols\" of parameter 'w' must be an integer >= 1, got 0");
    assertError(TINY_JSON.replace("\"cols\": 2", "\"cols\": 4294967298"),
        "x.json:7: \"cols\" of parameter 'w' must be an integer >= 1, got 4294967298");
    assertError(TINY_JSON.replace("0.30000000000000004, -0", "0.3"),
        "x.json:8: \"data\" of parameter 'w' has 1 numbers, expected rows × cols = 1 × 2 = 2");
    assertError(TINY_JSON.replace("-0 ]", "\"-0\" ]"),
        "x.json:8: \"data\"[1] of parameter 'w' must be a number, got \"-0\"");
    assertError(TINY_JSON.replace("\"data\": [ 0.30000000000000004, -0 ]", "\"data\": true"),
        "x.json:8: \"data\" of parameter 'w' must be an array, got true");
    // before the name is read, a message names the key alone
    assertError(TINY_JSON.replace("\"name\": \"w\",", "\"data\": [1, false],"),
        "x.json:5: \"data\"[1] must be a number, got false");
    assertError(TINY_JSON.replace(",\n    \"data\": [ 1e+23 ]", ""),
        "x.json:9: a parameter entry has no \"data\" key");
  }
  @Test
  void load_missingFile_uncheckedIoNamingIt() {
    Path nowhere = dir.resolve("nope.json");
    assertThatThrownBy(() -> ParameterIo.load(tiny(0, 0, 0), nowhere))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessage("cannot read " + nowhere + ": no such file");
  }

  @Test
  void load_fileNotUtf8_uncheckedIoNamingIt() throws Exception {
    Path file = dir.resolve("latin1.json");
    Files.write(file, TINY_JSON.replace("\"w\"", "\"\u00e9\"")
        .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
    assertThatThrownBy(() -> ParameterIo.load(tiny(0, 0, 0), file))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessage("cannot read " + file + ": java.nio.charset.MalformedInputException: Input"
            + " length = 1");
  }

  @Test
  void save_nonFiniteValue_refusesAndNamesParameter() {
    assertThatThrownBy(() -> ParameterIo.save(tiny(1, Double.NaN, 0), dir.resolve("n.json")))
        .hasMessage("parameter 'w' has the value NaN at (0, 1); JSON has no non-finite numbers");
    assertThat(Files.exists(dir.resolve("n.json"))).isFalse();
  }

  /**
   * Loading {@code json} into {@code tiny} fails with exactly {@code message}, whose line and
   * column are the exception's, and which names none of Jackson's classes, features or settings
   * (a user of a parameter file cannot switch them on).
   */
  private static void assertError(String json, String message) {
    Module m = tiny(7, 7, 7);
    assertThatThrownBy(() -> ParameterIo.fromJson(m, json, "x.json"))
        .isInstanceOf(ParameterFormatException.class)
        .hasMessage(message)
        .satisfies(e -> {
          ParameterFormatException pfe = (ParameterFormatException) e;
          String at = pfe.lineNumber() == 0 ? "x.json: " : pfe.columnNumber() == 0
              ? "x.json:" + pfe.lineNumber() + ": "
              : "x.json:" + pfe.lineNumber() + ":" + pfe.columnNumber() + ": ";
          assertThat(message).startsWith(at);
          assertThat(message).doesNotContain("`", "Feature", "Source", "REDACTED", "Jackson",
              "Constraints", "enable");
        });
    assertThat(m.parameters().get(0).value().data).containsExactly(7, 7);
    assertThat(m.parameters().get(1).value().data).containsExactly(7);
  }
}
