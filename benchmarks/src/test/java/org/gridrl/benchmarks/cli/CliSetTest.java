package org.gridrl.benchmarks.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.gridrl.benchmarks.Main;
import org.gridrl.benchmarks.experiments.QuickstartConfig;
import org.gridrl.benchmarks.experiments.meta.MamlNavigationConfig;
import org.gridrl.benchmarks.runner.ConfigFile;
import org.gridrl.benchmarks.runner.FakeExperiment;
import org.gridrl.benchmarks.runner.Registry;
import org.gridrl.core.optim.TrustRegion;
import org.gridrl.meta.maml.MamlConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code gridrl run NAME --set FIELD=VALUE}: the values it sets (nested, bare names, lists),
 * its order after {@code --quick} and {@code --config}, and every way it can be wrong, each one
 * line naming the option, exit code 2, nothing written.
 */
class CliSetTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path dir;

  @Test
  void set_nestedEnumListAndNumber_changeExactlyThoseFields() {
    MamlNavigationConfig base = MamlNavigationConfig.quick();
    MamlNavigationConfig c = base;
    for (String a : List.of("maml.outer=trpo", "maml.trustRegion.maxKl=0.02", "hidden=8,8",
        "seeds=[4,5]", "maml.iterations=3")) {
      c = ConfigFile.set(a, "maml-navigation", c);
    }
    MamlConfig m = base.maml().withOuter(MamlConfig.Outer.TRPO).withIterations(3)
        .withTrustRegion(base.maml().trustRegion().withMaxKl(0.02));
    assertThat(c).isEqualTo(base.withMaml(m).withHidden(List.of(8, 8))
        .withSeeds(List.of(4L, 5L)));
    assertThat(TrustRegion.Config.defaults().maxKl()).isEqualTo(0.01); // the 0.02 is ours
  }

  @Test
  void set_wholeNestedObject_mergesFieldByField_likeConfig() {
    QuickstartConfig base = QuickstartConfig.quick();
    QuickstartConfig c = ConfigFile.set("planning={\"temperature\": 0.5}", "quickstart", base);
    assertThat(c).isEqualTo(base.withPlanning(base.planning().withTemperature(0.5)));
    assertThat(ConfigFile.set("map=\"maze\"", "quickstart", base).map()).isEqualTo("maze");
    assertThat(ConfigFile.set("map=maze", "quickstart", base).map()).isEqualTo("maze");
  }

  /**
   * Quick first, then --config, then each --set in order (the last wins), then --seeds: the
   * test experiment writes loss = seed + 1/i for i = 1..iterations, so the rows say which won.
   */
  @Test
  void run_quickConfigThenSetsInOrder_thenSeeds() throws Exception {
    Path file = dir.resolve("c.json");
    Files.writeString(file, "{\"iterations\": 5, \"nanSeed\": 9}");
    Path out = dir.resolve("out");
    Registry registry = new Registry().register(new FakeExperiment());
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);

    int code = Main.execute(registry, new Io(e, e, false), "run", "fake", "--quick", "--config",
        file.toString(), "--set", "iterations=4", "--set", "finals=[0.5]", "--set",
        "iterations=3", "--set", "seeds=1,2", "--seeds", "6", "--out", out.toString());

    assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("gridrl run fake --quick --config "
        + file + " --set iterations=4 --set finals=[0.5] --set iterations=3 --set seeds=1,2:"
        + " seeds [6]");
    JsonNode config = JSON.readTree(out.resolve("summary.json").toFile()).get("config");
    assertThat(config.toString()).isEqualTo("{\"iterations\":3,\"finals\":[0.5],\"nanSeed\":9,"
        + "\"nanIteration\":-1,\"seeds\":[6]}");
    assertThat(Files.readAllLines(out.resolve("metrics.csv"))).containsExactly(
        "seed,iteration,loss", "6,1,7", "6,2,6.5", "6,3,6.333333333333333");
  }

  /** --resume takes the config the options give, --set included: the same --set continues. */
  @Test
  void resume_withTheSameSet_continues_withoutIt_isRefusedNamingTheField() throws Exception {
    Path out = dir.resolve("out");
    Registry registry = new Registry().register(new FakeExperiment());
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
    Io io = new Io(e, e, false);
    assertThat(Main.execute(registry, io, "run", "fake", "--set", "iterations=4", "--seeds", "1",
        "--out", out.toString())).isZero();
    byte[] metrics = Files.readAllBytes(out.resolve("metrics.csv"));
    err.reset();

    int refused = Main.execute(registry, io, "run", "fake", "--seeds", "1,2", "--out",
        out.toString(), "--resume");
    String refusal = err.toString(StandardCharsets.UTF_8);
    int resumed = Main.execute(registry, io, "run", "fake", "--set", "iterations=4", "--seeds",
        "1,2", "--out", out.toString(), "--resume");

    assertThat(refused).isEqualTo(2);
    assertThat(refusal).contains("with another config (iterations is 4 there, 3 here)");
    assertThat(resumed).isZero();
    List<String> lines = Files.readAllLines(out.resolve("metrics.csv"));
    assertThat(lines).hasSize(1 + 2 * 4); // seed 1 kept, seed 2 run with 4 iterations
    assertThat(String.join("\n", lines) + "\n").startsWith(new String(metrics,
        StandardCharsets.UTF_8));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
      "quickstart|gama=0.9|--set gama=0.9: unknown field 'gama' in the config of quickstart;"
          + " known: map, slip, gamma, stepReward, goalReward, planning, rolloutEpisodes,"
          + " rolloutMaxSteps, seeds",
      "quickstart|planning.temprature=0.5|--set planning.temprature=0.5: unknown field"
          + " 'temprature' in the config of quickstart at planning; known: temperature,"
          + " tolerance, maxIterations, kernel, method",
      "maml-navigation|maml.outr=TRPO|--set maml.outr=TRPO: unknown field 'outr' in the config"
          + " of maml-navigation at maml; known: iterations, metaBatchSize, episodesPerTask,"
          + " innerStepSize, innerSteps, testSteps, laterTestStepScale, testEpisodesPerTask,"
          + " gamma, linearBaseline, normalizeAdvantages, firstOrder, outerLearningRate, outer,"
          + " trustRegion, seed, threads",
      "quickstart|gamma=1.5|--set gamma=1.5: gamma must be in [0, 1), got 1.5",
      "quickstart|planning.temperature=-1|--set planning.temperature=-1: temperature must be"
          + " finite and > 0, got -1.0",
      "quickstart|rolloutEpisodes=abc|--set rolloutEpisodes=abc: rolloutEpisodes: expected an"
          + " integer, got the string \"abc\"",
      "quickstart|planning.kernel=fast|--set planning.kernel=fast: planning.kernel: expected"
          + " one of \"AUTO\", \"CSR\", \"GRID\", got the string \"fast\"",
      "quickstart|seeds=1,1|--set seeds=1,1: seeds must be distinct, got 1 twice",
      "quickstart|gamma.x=1|--set gamma.x=1: gamma has no field 'x': it takes a number, not"
          + " fields",
      "quickstart|gamma|--set gamma: expected FIELD=VALUE (e.g. --set seeds=[1,2], nested"
          + " fields with dots: --set planning.temperature=0.5)",
      "quickstart|=3|--set =3: expected FIELD=VALUE with a field name before '=' (nested"
          + " fields joined by single dots), got ''",
      "quickstart|planning..x=1|--set planning..x=1: expected FIELD=VALUE with a field name"
          + " before '=' (nested fields joined by single dots), got 'planning..x'",
      "nope|gamma=0.9|unknown experiment 'nope'; known: quickstart,"})
  void run_badSet_isOneLineNamingTheOption_exit2_nothingWritten(String experiment,
      String assignment, String message) {
    Path out = dir.resolve("out");
    CliRunner.Result r = CliRunner.run("run", experiment, "--set", assignment, "--out",
        out.toString());

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err().lines().toList()).hasSize(1);
    assertThat(r.err()).startsWith("gridrl: " + message)
        .doesNotContain("Exception").doesNotContain("\tat ");
    assertThat(out).doesNotExist();
  }

  @Test
  void run_setAfterConfig_errorNamesTheSet_notTheFile() throws Exception {
    Path file = dir.resolve("c.json");
    Files.writeString(file, "{\"gamma\": 0.8}");
    CliRunner.Result r = CliRunner.run("run", "quickstart", "--config", file.toString(),
        "--set", "slip=2", "--out", dir.resolve("out").toString());
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).isEqualTo("gridrl: --set slip=2: slip must be in [0, 1], got 2.0"
        + System.lineSeparator());
  }
}
