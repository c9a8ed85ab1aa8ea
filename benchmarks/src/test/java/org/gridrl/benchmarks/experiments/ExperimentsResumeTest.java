package org.gridrl.benchmarks.experiments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.gridrl.benchmarks.experiments.meta.Rl2Bandits;
import org.gridrl.benchmarks.experiments.meta.Rl2BanditsConfig;
import org.gridrl.benchmarks.runner.Experiment;
import org.gridrl.benchmarks.runner.ExperimentConfig;
import org.gridrl.benchmarks.runner.Interruptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every registered experiment, on its smoke config with two seeds, resumed after a stop during its
 * second seed: the resumed run writes the same metrics.csv, the same plots and CSVs, byte for
 * byte, and prints the same tables as the uninterrupted run, though it reruns only the second
 * seed (the kept first seed's tables and plots come from its final metrics and rows, and the IRL
 * experiments refit its reward for their heat maps). Only summary.json differs (times, the
 * {@code resumed} note), and pg-fourrooms' measured seconds.
 */
class ExperimentsResumeTest {

  @TempDir
  Path tmp;

  private <C extends ExperimentConfig<C>> void resumeReproduces(Experiment<C> e, C config)
      throws Exception {
    Path reference = tmp.resolve("reference");
    String uninterrupted = Interruptions.run(e, config, true, reference);
    Path dir = tmp.resolve("stopped");
    assertThat(Interruptions.killedDuringLastSeed(reference, dir)).isEqualTo(config.seeds().get(1));

    String resumed = Interruptions.resume(e, config, true, dir);

    assertThat(Files.readAllBytes(dir.resolve("metrics.csv")))
        .isEqualTo(Files.readAllBytes(reference.resolve("metrics.csv")));
    assertThat(withoutTimes(Interruptions.summary(dir).get("finalMetrics")))
        .isEqualTo(withoutTimes(Interruptions.summary(reference).get("finalMetrics")));
    assertThat(withoutTimes(resumed)).isEqualTo(withoutTimes(uninterrupted));
    // every other file too, plots included: they are drawn from the same numbers
    Map<String, byte[]> files = Interruptions.snapshot(dir);
    Map<String, byte[]> expected = Interruptions.snapshot(reference);
    files.remove("summary.json");
    expected.remove("summary.json");
    assertThat(files).containsOnlyKeys(expected.keySet());
    for (String name : expected.keySet()) {
      assertThat(files.get(name)).as(name).isEqualTo(expected.get(name));
    }
  }

  /** A run's stdout without its wall time, folder and pg-fourrooms' measured seconds. */
  private static String withoutTimes(String out) {
    return Interruptions.withoutWallTime(out).replaceAll("(?m)^ *[a-z0-9]+/seconds .*\n", "")
        .replaceAll("trained in [0-9.]+ s", "trained in ? s");
  }

  /** The final metrics without the measured seconds of pg-fourrooms (a rerun times anew). */
  private static JsonNode withoutTimes(JsonNode finalMetrics) {
    JsonNode copy = finalMetrics.deepCopy();
    copy.forEach(perSeed -> ((ObjectNode) perSeed).remove(List.of("reinforce/seconds",
        "a2c/seconds", "ppo/seconds")));
    return copy;
  }

  @Test
  void quickstart_everySeedKept_rerunsNothingAndStillPlots() throws Exception {
    QuickstartConfig c = QuickstartConfig.quick().with(b -> b.rolloutEpisodes(20));
    Path dir = tmp.resolve("done");
    String first = Interruptions.run(new Quickstart(), c, true, dir);
    byte[] metrics = Files.readAllBytes(dir.resolve("metrics.csv"));
    Files.delete(dir.resolve("convergence.png"));

    String again = Interruptions.resume(new Quickstart(), c, true, dir);

    assertThat(Files.readAllBytes(dir.resolve("metrics.csv"))).isEqualTo(metrics);
    assertThat(Interruptions.withoutWallTime(again))
        .isEqualTo(Interruptions.withoutWallTime(first));
    assertThat(Files.size(dir.resolve("convergence.png"))).isPositive();
  }

  /** Every registered experiment, named for the test report. */
  static Stream<Arguments> experiments() {
    return Experiments.registry().experiments().stream().map(e -> Arguments.of(e.name(), e));
  }

  /**
   * Each experiment on its {@link Experiment#smokeConfig} (the budget the smoke test runs) with
   * a second seed after its first, stopped during that second seed and resumed.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("experiments")
  void resumedRun_equalsTheUninterruptedOne(String name, Experiment<?> e) throws Exception {
    resumeSmoke(e);
  }

  private <C extends ExperimentConfig<C>> void resumeSmoke(Experiment<C> e) throws Exception {
    C smoke = e.smokeConfig();
    long first = smoke.seeds().get(0);
    resumeReproduces(e, smoke.withSeeds(List.of(first, first + 1)));
  }

  /** A resumed run takes the cells RL² trained before the interruption from rl2/. */
  @Test
  void rl2Bandits_resumed_reusesTheNetworksTrainedBeforeTheStop() throws Exception {
    Rl2BanditsConfig config = new Rl2Bandits().smokeConfig().withSeeds(List.of(1L, 2L));
    Path reference = tmp.resolve("reference");
    String uninterrupted = Interruptions.run(new Rl2Bandits(), config, true, reference);
    Path dir = tmp.resolve("stopped");
    Interruptions.killedDuringLastSeed(reference, dir);
    for (String f : List.of("n10_k5.json", "n10_k5.training.json")) {
      Files.copy(reference.resolve("rl2").resolve(f), dir.resolve("rl2").resolve(f));
    }

    String resumed = Interruptions.resume(new Rl2Bandits(), config, true, dir);

    assertThat(resumed).containsPattern("RL² n=10,k=5: 4 iterations, 320 environment steps,"
        + " trained in [0-9.]+ s by the interrupted run");
    assertThat(uninterrupted).doesNotContain("by the interrupted run");
    for (String f : List.of("metrics.csv", "table.csv", "rl2_training_n10.png")) {
      assertThat(Files.readAllBytes(dir.resolve(f))).as(f)
          .isEqualTo(Files.readAllBytes(reference.resolve(f)));
    }
  }

  /**
   * A run whose config names an earlier run's networks (rl2Networks) trains nothing and writes the
   * table the earlier run wrote: the same RL² column, the networks copied into its own rl2/.
   */
  @Test
  void rl2Bandits_withRl2Networks_evaluatesTheSavedNetworksWithoutTraining() throws Exception {
    Rl2BanditsConfig config = new Rl2Bandits().smokeConfig();
    Path reference = tmp.resolve("reference");
    Interruptions.run(new Rl2Bandits(), config, true, reference);
    Path dir = tmp.resolve("again");

    String out = Interruptions.run(new Rl2Bandits(),
        config.withRl2Networks(reference.toString()), true, dir);

    assertThat(out).containsPattern("RL² n=10,k=5: 4 iterations, 320 environment steps,"
        + " trained in [0-9.]+ s by " + java.util.regex.Pattern.quote(
            reference.resolve("rl2").toString()));
    assertThat(out).doesNotContain("RL² training iterations");
    for (String f : List.of("metrics.csv", "table.csv", "rl2/n10_k5.json",
        "rl2/n10_k5.training.json")) {
      assertThat(Files.readAllBytes(dir.resolve(f))).as(f)
          .isEqualTo(Files.readAllBytes(reference.resolve(f)));
    }
    assertThat(Interruptions.summary(dir).at("/notes/rl2/n10_k5/taken_from").asText())
        .isEqualTo(reference.resolve("rl2").toString());
  }

  @Test
  void rl2Networks_missingOrIncomplete_isRefusedNamingTheFieldAndTheFile() throws Exception {
    Rl2BanditsConfig config = new Rl2Bandits().smokeConfig();
    assertThatThrownBy(() -> config.withRl2Networks(tmp.resolve("none").toString()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("rl2Networks: " + tmp.resolve("none") + " is not a folder");
    Files.createDirectories(tmp.resolve("half/rl2"));
    Files.writeString(tmp.resolve("half/rl2/n10_k5.json"), "{}");
    assertThatThrownBy(() -> config.withRl2Networks(tmp.resolve("half").toString()))
        .hasMessage("rl2Networks: " + tmp.resolve("half/rl2") + " has no n10_k5.training.json"
            + " (the saved RL² of cell n10_k5)");
    assertThatThrownBy(() -> config.withMethods(List.of("greedy"))
        .withRl2Networks(tmp.resolve("half").toString()))
        .hasMessage("rl2Networks is set (" + tmp.resolve("half")
            + ") but \"rl2\" is not among the methods");
  }

  /** Networks of another shape are refused before the run starts, naming the file. */
  @Test
  void rl2Networks_ofAnotherShape_isRefusedBeforeTheRunStarts() throws Exception {
    Rl2BanditsConfig config = new Rl2Bandits().smokeConfig();
    Path reference = tmp.resolve("reference");
    Interruptions.run(new Rl2Bandits(), config, true, reference);
    Rl2BanditsConfig other = config.withRl2Networks(reference.toString())
        .withRl2(config.rl2().withHidden(3));
    Path dir = tmp.resolve("refused");

    assertThatThrownBy(() -> Interruptions.run(new Rl2Bandits(), other, true, dir))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("rl2Networks: " + reference.resolve("rl2/n10_k5.json")
            + " is not an RL² network of cell n10_k5 with rl2.hidden = 3 (");
    assertThat(dir).doesNotExist();
  }
}
