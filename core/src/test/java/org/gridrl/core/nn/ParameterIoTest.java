package org.gridrl.core.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
    List<Parameter> ps = List.of(new Parameter("w", new DMatrixRMaj(1, 2, true, w0, w1)),
        new Parameter("b", new DMatrixRMaj(1, 1, true, b)));
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

  private static final String TINY_JSON = "{\n"
      + "  \"format\": \"gridrl-parameters\",\n"
      + "  \"version\": 1,\n"
      + "  \"parameters\": [\n"
      + "    {\"name\": \"w\", \"rows\": 1, \"cols\": 2, \"data\": [\n"
      + "      0.30000000000000004, -0\n"
      + "    ]},\n"
      + "    {\"name\": \"b\", \"rows\": 1, \"cols\": 1, \"data\": [\n"
      + "      1e+23\n"
      + "    ]}\n"
      + "  ]\n"
      + "}\n";

  @Test
  void toJson_tinyModule_isTheSchemaWithShortestNumbers() {
    assertThat(ParameterIo.toJson(tiny(0.1 + 0.2, -0.0, 1e23))).isEqualTo(TINY_JSON);
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
    String noBias = TINY_JSON.replace(",\n    {\"name\": \"b\", \"rows\": 1, \"cols\": 1,"
        + " \"data\": [\n      1e+23\n    ]}", "");
    assertThat(noBias).isNotEqualTo(TINY_JSON);
    Module m = tiny(9, 9, 9);
    assertThatThrownBy(() -> ParameterIo.fromJson(m, noBias, "net.json"))
        .isInstanceOf(ParameterFormatException.class)
        .hasMessage("net.json: the module's parameter 'b' is missing from the file");
    assertThat(m.parameters().get(0).value().data).containsExactly(9.0, 9.0);
  }

  @Test
  void load_extraParameter_namesItLineAndTheModulesNames() {
    String extra = TINY_JSON.replace("  ]\n}", "    ,{\"name\": \"layer9.bias\", \"rows\": 1,"
        + " \"cols\": 1, \"data\": [0]}\n  ]\n}");
    assertThatThrownBy(() -> ParameterIo.fromJson(tiny(0, 0, 0), extra, "net.json"))
        .hasMessage("net.json:11: parameter 'layer9.bias' is not a parameter of the module"
            + " (which has [w, b])");
  }

  @Test
  void load_duplicateParameter_namesBothLines() {
    String dup = TINY_JSON.replace("\"name\": \"b\"", "\"name\": \"w\"");
    assertThatThrownBy(() -> ParameterIo.fromJson(tiny(0, 0, 0), dup, "net.json"))
        .hasMessage("net.json:8: parameter 'w' appears twice (first at line 5)");
  }

  @Test
  void load_malformedJson_namesTheLine() {
    String trailingComma = TINY_JSON.replace("-0\n", "-0,\n");
    assertThatThrownBy(() -> ParameterIo.fromJson(tiny(0, 0, 0), trailingComma, "net.json"))
        .isInstanceOf(ParameterFormatException.class)
        .hasMessage("net.json:7: unexpected ']},'; expected a value");
  }

  @Test
  void load_otherSyntaxErrors_eachNamesLineAndProblem() {
    assertError("", "x.json:1: the file is empty; expected a JSON object");
    assertError("{\"format\": \"gridrl-parameters\"\n \"version\": 1}",
        "x.json:2: unexpected '\"version\": 1'; expected ',' or '}'");
    assertError(TINY_JSON.replace("-0\n", "NaN\n"),
        "x.json:6: unexpected 'NaN'; expected a value");
    assertError(TINY_JSON.replace("-0\n", "1e999\n"),
        "x.json:6: number 1e999 is outside the range of a double");
    assertError(TINY_JSON.replace("-0\n", "01\n"), "x.json:6: malformed number '01'");
    assertError(TINY_JSON + "{}", "x.json:13: unexpected '{}' after the end of the JSON document");
    assertError(TINY_JSON.replace("\"version\": 1", "\"version\": 1, \"version\": 1"),
        "x.json:3: duplicate key \"version\" (first at line 3)");
    assertError("{\"format\": \"gridrl-para", "x.json:1: unterminated string");
  }

  @Test
  void load_schemaViolations_eachNamesLineAndKey() {
    assertError(TINY_JSON.replace("gridrl-parameters", "torch"),
        "x.json:2: \"format\" must be \"gridrl-parameters\", got \"torch\"");
    assertError(TINY_JSON.replace("\"version\": 1", "\"version\": 2"),
        "x.json:3: unsupported \"version\" 2; this reader knows version 1");
    assertError(TINY_JSON.replace("\"version\": 1", "\"version\": 1, \"seed\": 3"),
        "x.json:3: the document has the unknown key \"seed\" (expected exactly format, version,"
            + " parameters)");
    assertError(TINY_JSON.replace("\"rows\": 1, \"cols\": 2", "\"rows\": 1.0, \"cols\": 2"),
        "x.json:5: \"rows\" of parameter 'w' must be an integer >= 1, got 1.0");
    assertError(TINY_JSON.replace("0.30000000000000004, -0", "0.3"),
        "x.json:5: \"data\" of parameter 'w' has 1 numbers, expected rows × cols = 1 × 2 = 2");
    assertError(TINY_JSON.replace("-0\n", "\"-0\"\n"),
        "x.json:6: entry 1 of parameter 'w' must be a number, got \"-0\"");
    assertError(TINY_JSON.replace(", \"data\": [\n      1e+23\n    ]", ""),
        "x.json:8: a parameter entry has no \"data\" key");
    assertError("[]", "x.json:1: the document must be an object, got an array");
  }

  @Test
  void load_missingFile_uncheckedIoNamingIt() {
    Path nowhere = dir.resolve("nope.json");
    assertThatThrownBy(() -> ParameterIo.load(tiny(0, 0, 0), nowhere))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessage("cannot read " + nowhere + ": no such file");
  }

  @Test
  void save_nonFiniteValue_refusesAndNamesParameter() {
    assertThatThrownBy(() -> ParameterIo.save(tiny(1, Double.NaN, 0), dir.resolve("n.json")))
        .hasMessage("parameter 'w' has the value NaN at (0, 1); JSON has no non-finite numbers");
    assertThat(Files.exists(dir.resolve("n.json"))).isFalse();
  }

  private static void assertError(String json, String message) {
    assertThatThrownBy(() -> ParameterIo.fromJson(tiny(0, 0, 0), json, "x.json"))
        .isInstanceOf(ParameterFormatException.class)
        .hasMessage(message);
  }
}
