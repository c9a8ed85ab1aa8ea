package org.gridrl.benchmarks.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.gridrl.benchmarks.experiments.QuickstartConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Broken config files, each with its exact one-line message in the words of JSON and of the
 * config's fields: no library class, feature or Java type is ever named.
 */
class ConfigFileErrorsTest {

  @TempDir
  Path dir;

  private ConfigFile.Invalid fails(byte[] content) throws IOException {
    Path p = dir.resolve("c.json");
    Files.write(p, content);
    ConfigFile.Invalid e = catchThrowableOfType(ConfigFile.Invalid.class,
        () -> ConfigFile.read(p, "quickstart", QuickstartConfig.quick(), n -> { }));
    assertThat(e).as("no error for %s", new String(content, StandardCharsets.UTF_8)).isNotNull();
    assertThat(e.getMessage()).doesNotContain("\n").doesNotContain("`")
        .doesNotContainIgnoringCase("jackson").doesNotContain("fasterxml")
        .doesNotContain("Feature").doesNotContain("Coercion").doesNotContain("java.")
        .doesNotContain("JsonToken").doesNotContain("Source:").doesNotContain("deserialize");
    return e;
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
      // the file | its message after "c.json:"
      "{\"slip\": NaN}|1:10: NaN is not a JSON number (JSON has no NaN or infinity)",
      "{\"slip\": -Infinity}|1:10: -Infinity is not a JSON number (JSON has no NaN or infinity)",
      "{\"slip\": 0.1,}|1:14: a comma before '}' must be followed by another field (JSON allows"
          + " no trailing comma)",
      "{\"seeds\": [1,]}|1:14: a comma before ']' must be followed by another value (JSON allows"
          + " no trailing comma)",
      "{'slip': 0.1}|1:2: field names need double quotes, not single quotes",
      "{\"map\": 'open5'}|1:9: strings need double quotes, not single quotes",
      "{slip: 0.1}|1:2: expected a field name in double quotes, got 's'",
      "// comment|1:1: comments are not allowed in JSON",
      "{\"slip\": 0.1 /* c */}|1:14: comments are not allowed in JSON",
      "{\"slip\": .5}|1:10: expected a value, got '.' (a JSON number starts with a digit or '-':"
          + " 0.5, not .5 or +0.5)",
      "{\"slip\": 01}|1:11: a number may not start with 0 (JSON allows no leading zeroes)",
      "{\"slip\": tru}|1:10: 'tru' is not a JSON value (strings need double quotes; true, false"
          + " and null are lower case)",
      "{\"slip\": 0.1 \"gamma\": 0.9}|1:14: expected ',' or '}' after a field's value, got '\"'",
      "{\"seeds\": [1 2]}|1:14: expected ',' or ']' after a value in an array, got '2'",
      "{\"slip\" 0.1}|1:9: expected ':' after the field name, got '0'",
      "{\"slip\": 0.1]|1:13: ']' does not close what is open here; expected '}'",
      "{\"slip\": 0.1|1:13: the file ends before the JSON is complete (a closing '}' or ']' is"
          + " missing)",
      "{\"map\": \"fourrooms|1:19: the file ends inside a string (a closing '\"' is missing)",
      "{\"map\": \"four\trooms\"}|1:14: a control character (code 9) inside a string must be"
          + " escaped as \\t",
      "{\"map\": \"\\x\"}|1:11: unknown escape '\\x' in a string (JSON has \\\" \\\\ \\/ \\b \\f"
          + " \\n \\r \\t and \\uXXXX)",
      "{\"slip\": 0.1} x|1:15: unexpected content after the JSON object",
      "\"just a string\"|1:1: expected a JSON object with the config's fields",
      // duplicate keys: both places
      "{\"planning\": {\"temperature\": 1, \"temperature\": 2}}|1:33: field"
          + " 'planning.temperature' is given twice (first at line 1, column 15)",
      // JSON types against the config's fields
      "{\"slip\": \"0.1\"}|1:2: slip: expected a number, got the string \"0.1\"",
      "{\"slip\": true}|1:2: slip: expected a number, got true",
      "{\"slip\": null}|1:2: slip: expected a number, got null",
      "{\"rolloutEpisodes\": 1.5}|1:2: rolloutEpisodes: expected an integer, got 1.5",
      "{\"rolloutEpisodes\": \"many\"}|1:2: rolloutEpisodes: expected an integer, got the string"
          + " \"many\"",
      "{\"rolloutEpisodes\": 99999999999}|1:2: rolloutEpisodes: 99999999999 is out of range for"
          + " a 32-bit integer (at most 2147483647)",
      "{\"map\": 5}|1:2: map: expected a string, got 5",
      "{\"seeds\": 5}|1:2: seeds: expected an array of integers, got 5",
      "{\"seeds\": [1, \"a\"]}|1:15: seeds[1]: expected an integer, got the string \"a\"",
      "{\"seeds\": [1.5]}|1:12: seeds[0]: expected an integer, got 1.5",
      "{\"planning\": 3}|1:2: planning: expected an object, got 3",
      "{\"planning\": [1]}|1:2: planning: expected an object, got an array",
      "{\"planning\": {\"kernel\": \"grid\"}}|1:15: planning.kernel: expected one of \"AUTO\","
          + " \"CSR\", \"GRID\", got the string \"grid\"",
      "{\"experiment\": \"quickstart\", \"config\": {\"slip\": false}}|1:41: slip: expected a"
          + " number, got false",
      // the record's own checks, as before
      "{\"planning\": null}|1:2: planning must not be null",
      "{\"seeds\": []}|1:2: seeds must not be empty",
  })
  void brokenConfig_oneLineInJsonWords(String text, String message) throws IOException {
    ConfigFile.Invalid e = fails(text.getBytes(StandardCharsets.UTF_8));
    assertThat(e.getMessage()).isEqualTo(dir.resolve("c.json") + ":" + message);
  }

  @Test
  void duplicateKey_namesBothLines() throws IOException {
    assertThat(fails("{\"slip\": 0.1,\n  \"gamma\": 0.9,\n  \"slip\": 0.2}"
        .getBytes(StandardCharsets.UTF_8)).getMessage()).isEqualTo(dir.resolve("c.json")
        + ":3:3: field 'slip' is given twice (first at line 1, column 2)");
  }

  @Test
  void notUtf8_namesLineColumnAndByte() throws IOException {
    byte[] latin1 = "{\n  \"map\": \"caf\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1);
    assertThat(fails(latin1).getMessage()).isEqualTo(dir.resolve("c.json")
        + ":2: not UTF-8 text (byte 0xE9 at column 14)");
  }

  @Test
  void binaryFile_isNamedAsBinary() throws IOException {
    byte[] zip = {'P', 'K', 3, 4, 20, 0, 0, 0};
    assertThat(fails(zip).getMessage()).isEqualTo(dir.resolve("c.json")
        + ":1: binary data, not text (byte 0x00 at column 6)");
  }

  @Test
  void directory_isNamed() throws IOException {
    ConfigFile.Invalid e = catchThrowableOfType(ConfigFile.Invalid.class,
        () -> ConfigFile.read(dir, "quickstart", QuickstartConfig.quick(), n -> { }));
    assertThat(e.getMessage()).isEqualTo(dir + ": is a directory");
  }

  @Test
  void byteOrderMark_isSkipped() throws Exception {
    Path p = dir.resolve("bom.json");
    Files.write(p, ("\uFEFF{\"slip\": 0.2}").getBytes(StandardCharsets.UTF_8));
    assertThat(ConfigFile.read(p, "quickstart", QuickstartConfig.quick(), n -> { }).slip())
        .isEqualTo(0.2);
  }
}
