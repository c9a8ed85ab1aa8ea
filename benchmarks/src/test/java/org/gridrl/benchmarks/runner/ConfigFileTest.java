package org.gridrl.benchmarks.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.gridrl.benchmarks.experiments.Experiments;
import org.gridrl.benchmarks.experiments.irl.IrlSweepConfig;
import org.gridrl.benchmarks.experiments.pg.PgFourRoomsConfig;
import org.gridrl.core.pg.SacConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Config files: every experiment's config survives a round trip; overrides merge; errors locate.
 */
class ConfigFileTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path dir;

  private Path file(String text) throws IOException {
    Path p = dir.resolve("config.json");
    Files.writeString(p, text);
    return p;
  }

  static Stream<Experiment<?>> experiments() {
    return Experiments.registry().experiments().stream();
  }

  /** The default config written as JSON and read over the quick one gives the default back. */
  @ParameterizedTest
  @MethodSource("experiments")
  void everyExperiment_fullConfigRoundTrips_overTheQuickConfig(Experiment<?> e) throws Exception {
    roundTrip(e);
  }

  private <C extends ExperimentConfig<C>> void roundTrip(Experiment<C> e) throws Exception {
    C full = e.defaultConfig();
    Path p = file(JSON.writeValueAsString(full));
    C read = ConfigFile.read(p, e.name(), e.quickConfig());
    assertThat(tree(read)).isEqualTo(tree(full));
    assertThat(read.getClass()).isEqualTo(full.getClass());
    // and an empty object changes nothing
    C same = ConfigFile.read(file("{ }"), e.name(), e.quickConfig());
    assertThat(tree(same)).isEqualTo(tree(e.quickConfig()));
  }

  private static JsonNode tree(Object config) {
    return JSON.valueToTree(config);
  }

  @Test
  void partialFile_overridesOnlyItsFields() throws Exception {
    IrlSweepConfig base = IrlSweepConfig.defaults("objectworld");
    IrlSweepConfig c = ConfigFile.read(file("{\"demoLength\": 5, \"seeds\": [7, 8],\n"
        + " \"methods\": [\"maxent\"]}"), "irl-objectworld", base);
    assertThat(c.demoLength()).isEqualTo(5);
    assertThat(c.seeds()).containsExactly(7L, 8L);
    assertThat(c.methods()).containsExactly("maxent");
    assertThat(c.withSeeds(base.seeds()).withMethods(base.methods()))
        .isEqualTo(new IrlSweepConfig(base.world(), base.size(), base.featureSets(),
            base.methods(), base.demoCounts(), 5, base.l2(), base.learningRate(),
            base.maxEntIterations(), base.maxMarginIterations(), base.threads(), base.seeds()));
  }

  @Test
  void nestedSettings_mergeFieldByField() throws Exception {
    Experiment<PgFourRoomsConfig> e = pgFourRooms();
    PgFourRoomsConfig base = e.defaultConfig();
    PgFourRoomsConfig c = ConfigFile.read(file("{\"ppo\": {\"learningRate\": 0.0005}}"),
        e.name(), base);
    assertThat(c.ppo().learningRate()).isEqualTo(0.0005);
    JsonNode expected = JSON.valueToTree(base);
    ((com.fasterxml.jackson.databind.node.ObjectNode) expected.get("ppo"))
        .put("learningRate", 0.0005);
    assertThat(tree(c)).isEqualTo(expected);
  }

  @Test
  void pgHidden_isAJsonArray_readAndWritten() throws Exception {
    Experiment<PgFourRoomsConfig> e = pgFourRooms();
    PgFourRoomsConfig c = ConfigFile.read(file("{\"a2c\": {\"hidden\": [16, 8]}}"), e.name(),
        e.defaultConfig());
    assertThat(c.a2c().hidden()).containsExactly(16, 8);
    assertThat(JSON.writeValueAsString(c.a2c())).contains("\"hidden\":[16,8]");
    assertThat(c.a2c()).isEqualTo(e.defaultConfig().a2c().withHidden(List.of(16, 8)));
  }

  @SuppressWarnings("unchecked")
  private static Experiment<PgFourRoomsConfig> pgFourRooms() {
    return (Experiment<PgFourRoomsConfig>) Experiments.registry().find("pg-fourrooms")
        .orElseThrow();
  }

  @Test
  void summaryJson_ofAnEarlierRun_givesItsConfig(@TempDir Path out) throws Exception {
    FakeExperiment e = new FakeExperiment(new FakeExperiment.Config(4, List.of(), -1, -1,
        List.of(3L, 9L)));
    ExperimentRunner.run(e, e.defaultConfig(), false, out, sink(), sink(), false);
    FakeExperiment.Config c = ConfigFile.read(out.resolve("summary.json"), "fake",
        e.quickConfig());
    assertThat(c).isEqualTo(e.defaultConfig());
  }

  private static java.io.PrintStream sink() {
    return new java.io.PrintStream(java.io.OutputStream.nullOutputStream());
  }

  @Test
  void summaryJson_ofAnotherExperiment_isRefused() throws Exception {
    Path p = file("{\"experiment\": \"pg-fourrooms\",\n  \"config\": {}}");
    failsOnObjectWorld(p)
        .isInstanceOf(ConfigFile.Invalid.class)
        .hasMessage(p + ":1:2: this is a summary of experiment 'pg-fourrooms', not"
            + " 'irl-objectworld'");
  }

  private static org.assertj.core.api.AbstractThrowableAssert<?, ? extends Throwable>
      failsOnObjectWorld(Path p) {
    return assertThatThrownBy(() -> ConfigFile.read(p, "irl-objectworld",
        IrlSweepConfig.defaults("objectworld"))).isInstanceOf(ConfigFile.Invalid.class);
  }

  @Test
  void unknownField_namedWithLineColumnAndTheKnownFields() throws Exception {
    Path p = file("{\n  \"size\": 16,\n  \"demoLenght\": 5\n}");
    failsOnObjectWorld(p)
        .hasMessageStartingWith(p + ":3:3: unknown field 'demoLenght' in the config of"
            + " irl-objectworld; known: world, size, featureSets, methods, demoCounts,"
            + " demoLength,");
  }

  @Test
  void unknownNestedField_namesItsPath() throws Exception {
    Path p = file("{\"ppo\": {\"learningrate\": 1}}");
    assertThatThrownBy(() -> ConfigFile.read(p, "pg-fourrooms", pgFourRooms().defaultConfig()))
        .hasMessageStartingWith(p + ":1:10: unknown field 'learningrate' in the config of"
            + " pg-fourrooms at ppo; known: iterations,");
  }

  @Test
  void wrongType_namesTheField() throws Exception {
    Path p = file("{\n  \"size\": \"big\"\n}");
    failsOnObjectWorld(p)
        .hasMessageStartingWith(p + ":2:3: size: ")
        .hasMessageContaining("\"big\"");
  }

  @Test
  void refusedValue_pointsAtTheFieldTheRecordNames() throws Exception {
    Path p = file("{\"seeds\": [1],\n \"size\": 2}");
    failsOnObjectWorld(p)
        .hasMessage(p + ":2:2: size must be >= 4, got 2");
  }

  @Test
  void syntaxError_givesLineAndColumn() throws Exception {
    Path p = file("{\n  \"size\": 16,,\n}");
    failsOnObjectWorld(p)
        .isInstanceOf(ConfigFile.Invalid.class)
        .hasMessageStartingWith(p + ":2:14: ")
        .hasMessageNotContaining("\n");
  }

  @Test
  void notAnObject_orEmpty_isRefused() throws Exception {
    Path p = file("[1, 2]");
    failsOnObjectWorld(p)
        .hasMessage(p + ":1:1: expected a JSON object with the config's fields");
    Path empty = file("  ");
    failsOnObjectWorld(empty)
        .hasMessage(empty + ": empty file; expected a JSON object");
  }

  // ------------------------------------------------------------------ renamed fields

  /** A config that holds a SAC config, as an experiment running SAC would. */
  public record WithSac(SacConfig sac, List<Long> seeds) implements ExperimentConfig<WithSac> {
    @Override
    public WithSac withSeeds(List<Long> newSeeds) {
      return new WithSac(sac, newSeeds);
    }
  }

  private static final WithSac SAC_BASE = new WithSac(SacConfig.defaults(), List.of(1L));

  @Test
  void sacTau_isReadAsPolyak_withANoticeNamingBothFields() throws Exception {
    Path p = file("{\"sac\": {\"gamma\": 0.9,\n  \"tau\": 0.01}}");
    List<String> notices = new ArrayList<>();
    WithSac c = ConfigFile.read(p, "with-sac", SAC_BASE, notices::add);
    assertThat(c.sac()).isEqualTo(SacConfig.defaults().withGamma(0.9).withPolyak(0.01));
    assertThat(notices).containsExactly(p + ":2:3: config field sac.tau is now sac.polyak");
  }

  @Test
  void summaryJson_withSacTau_repeatsTheRun_andTheNoticeGoesToStandardError() throws Exception {
    // a summary.json written before the rename: its SAC config says tau
    WithSac old = new WithSac(SacConfig.defaults().withPolyak(0.02).withSeed(4), List.of(3L));
    ObjectNode summary = JSON.createObjectNode();
    summary.put("experiment", "with-sac");
    ObjectNode config = JSON.valueToTree(old);
    ObjectNode sac = (ObjectNode) config.get("sac");
    ObjectNode renamed = JSON.createObjectNode();
    sac.fields().forEachRemaining(f -> renamed.set(f.getKey().equals("polyak") ? "tau"
        : f.getKey(), f.getValue()));
    config.set("sac", renamed);
    summary.set("config", config);
    Path p = file(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(summary));
    assertThat(Files.readString(p)).contains("\"tau\" : 0.02").doesNotContain("polyak");
    PrintStream err = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    WithSac c;
    try {
      System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
      c = ConfigFile.read(p, "with-sac", SAC_BASE);
    } finally {
      System.setErr(err);
    }
    assertThat(c).isEqualTo(old);
    String line = captured.toString(StandardCharsets.UTF_8);
    assertThat(line).matches(Pattern.quote(p.toString())
        + ":\\d+:\\d+: config field sac\\.tau is now sac\\.polyak\\R");
  }

  @Test
  void sacTauAndPolyakBoth_isRefused() throws Exception {
    Path p = file("{\"sac\": {\"tau\": 0.01, \"polyak\": 0.02}}");
    assertThatThrownBy(() -> ConfigFile.read(p, "with-sac", SAC_BASE, n -> { }))
        .isInstanceOf(ConfigFile.Invalid.class)
        .hasMessage(p + ":1:10: config field sac.tau is now sac.polyak, and both are given;"
            + " keep only polyak");
  }

  @Test
  void sacTau_refusedValue_pointsAtTheOldField() throws Exception {
    Path p = file("{\"sac\": {\n \"tau\": 0}}");
    assertThatThrownBy(() -> ConfigFile.read(p, "with-sac", SAC_BASE, n -> { }))
        .isInstanceOf(ConfigFile.Invalid.class)
        .hasMessage(p + ":2:2: polyak must be in (0, 1], got 0.0");
  }

  /** "tau" elsewhere (not a SAC config's field) is not renamed: it stays an unknown field. */
  @Test
  void tauOutsideASacConfig_isAnUnknownField() throws Exception {
    Path p = file("{\"tau\": 0.01}");
    assertThatThrownBy(() -> ConfigFile.read(p, "with-sac", SAC_BASE, n -> { }))
        .hasMessageStartingWith(p + ":1:2: unknown field 'tau' in the config of with-sac");
  }
}
