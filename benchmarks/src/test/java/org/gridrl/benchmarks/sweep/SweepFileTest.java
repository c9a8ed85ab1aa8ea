package org.gridrl.benchmarks.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.gridrl.benchmarks.Main;
import org.gridrl.benchmarks.cli.Io;
import org.gridrl.benchmarks.experiments.Experiments;
import org.gridrl.benchmarks.runner.Registry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Reading sweep files: the cross product in spec order, the config each run gets, and every
 * malformed file reported as one line naming the file, line, column and field.
 */
class SweepFileTest {

  @TempDir
  Path tmp;

  private final Registry registry = Experiments.registry();

  private Path write(String json) throws Exception {
    Path file = tmp.resolve("s.json");
    Files.writeString(file, json);
    return file;
  }

  @Test
  void twoFieldsAndTwoSeeds_lastFieldFastest_seedsInnermost() throws Exception {
    SweepPlan plan = SweepFile.read(write("{\"experiment\": \"quickstart\", \"quick\": true,"
        + " \"config\": {\"gamma\": 0.9}, \"grid\": {\"slip\": [0.1, 0.2, 0.3],"
        + " \"planning.tolerance\": [1e-6, 1e-8]}, \"seeds\": [7, 3]}"), registry, n -> { });
    assertThat(plan.specs()).hasSize(12);
    assertThat(plan.settings()).isEqualTo(6);
    RunSpec s = plan.specs().get(7); // setting 3 = (slip 0.2, tolerance 1e-8), seed 3
    assertThat(s.setting()).containsExactly("0.2", "1.0E-8");
    assertThat(s.seed()).isEqualTo(3L);
    assertThat(s.folder()).isEqualTo("run-008");
    assertThat(s.quick()).isTrue();
    assertThat(s.configJson()).contains("\"slip\":0.2").contains("\"gamma\":0.9")
        .contains("\"tolerance\":1.0E-8").contains("\"seeds\":[3]")
        .contains("\"rolloutEpisodes\":200"); // from the --quick config
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "unknown key | {\"experiment\": \"quickstart\", \"grids\": {}, \"seeds\": [1]}"
          + " | 1:30: grids: unknown key in a sweep file; known: experiment, quick, config, grid,"
          + " seeds",
      "no experiment | {\"grid\": {}, \"seeds\": [1]}"
          + " | 1:1: experiment: missing; a sweep file needs \"experiment\": a name from"
          + " 'gridrl list'",
      "unknown experiment | {\"experiment\": \"nope\", \"grid\": {}, \"seeds\": [1]}"
          + " | 1:2: experiment: unknown experiment 'nope'; known: ",
      "value of wrong type | {\"experiment\": \"quickstart\",~ \"grid\": {\"slip\": [0.1, true]},"
          + " \"seeds\": [1]} | 2:25: grid.slip[1]: expected a number, got true",
      "value refused | {\"experiment\": \"quickstart\",~ \"grid\": {\"slip\": [1.5]},"
          + " \"seeds\": [1]} | 2:20: grid.slip[0]: slip must be in [0, 1], got 1.5",
      "unknown field | {\"experiment\": \"quickstart\",~ \"grid\": {\"slap\": [0.1]},"
          + " \"seeds\": [1]} | 2:11: grid.slap: unknown field 'slap' in the config; known: map,"
          + " slip,",
      "seeds in grid | {\"experiment\": \"quickstart\", \"grid\": {\"seeds\": [[1]]},"
          + " \"seeds\": [1]} | 1:39: grid.seeds: the seeds are the sweep file's own",
      "seed twice | {\"experiment\": \"quickstart\", \"grid\": {}, \"seeds\": [1, 1]}"
          + " | 1:55: seeds[1]: seed 1 is given twice",
      "seed not integer | {\"experiment\": \"quickstart\", \"grid\": {}, \"seeds\": [1.5]}"
          + " | 1:52: seeds[0]: expected an integer seed, got 1.5",
      "config field unknown | {\"experiment\": \"quickstart\", \"config\": {\"gama\": 1},"
          + " \"grid\": {}, \"seeds\": [1]} | 1:41: unknown field 'gama' in the config of"
          + " quickstart",
      "broken JSON | {\"experiment\": \"quickstart\",, \"grid\": {}}"
          + " | 1:29: ",
      "key twice | {\"experiment\": \"quickstart\", \"grid\": {}, \"grid\": {}, \"seeds\": [1]}"
          + " | 1:42: grid: given twice (first at line 1, column 30)"})
  void malformedFile_isOneLocatedLine(String what, String json, String expected)
      throws Exception {
    Path file = write(json.replace('~', '\n'));
    assertThatThrownBy(() -> SweepFile.read(file, registry, n -> { }))
        .isInstanceOf(SweepFile.Invalid.class)
        .hasMessageStartingWith(file + ":" + expected.strip())
        .hasMessageNotContaining("\n");
  }

  @Test
  void cli_malformedFile_exitsTwoWithTheLocatedLine() throws Exception {
    Path file = write("{\"experiment\": \"quickstart\",\n \"grid\": {\"slip\": [0.1, true]},"
        + " \"seeds\": [1]}");
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
    int code = Main.execute(new Io(new PrintStream(new ByteArrayOutputStream()), e, false),
        "sweep", file.toString(), "--out", tmp.resolve("out").toString());
    assertThat(code).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("gridrl: " + file
        + ":2:25: grid.slip[1]: expected a number, got true" + System.lineSeparator());
    assertThat(tmp.resolve("out")).doesNotExist();
    assertThat(List.of(tmp.toFile().list())).containsExactly("s.json");
  }
}
