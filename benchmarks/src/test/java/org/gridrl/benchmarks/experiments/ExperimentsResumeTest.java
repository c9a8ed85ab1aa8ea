package org.gridrl.benchmarks.experiments;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.gridrl.benchmarks.experiments.irl.IrlAdversarial;
import org.gridrl.benchmarks.experiments.irl.IrlAdversarialConfig;
import org.gridrl.benchmarks.experiments.irl.IrlGridWorld;
import org.gridrl.benchmarks.experiments.irl.IrlGridWorldConfig;
import org.gridrl.benchmarks.experiments.irl.IrlSweep;
import org.gridrl.benchmarks.experiments.irl.IrlSweepConfig;
import org.gridrl.benchmarks.experiments.irl.IrlTransfer;
import org.gridrl.benchmarks.experiments.irl.IrlTransferConfig;
import org.gridrl.benchmarks.experiments.pg.PgFourRooms;
import org.gridrl.benchmarks.experiments.pg.PgFourRoomsConfig;
import org.gridrl.benchmarks.experiments.meta.MamlNavigation;
import org.gridrl.benchmarks.experiments.meta.MamlNavigationConfig;
import org.gridrl.benchmarks.experiments.meta.MetaHiddenGoal;
import org.gridrl.benchmarks.experiments.meta.MetaHiddenGoalConfig;
import org.gridrl.benchmarks.experiments.meta.Rl2Bandits;
import org.gridrl.benchmarks.experiments.meta.Rl2Budget;
import org.gridrl.benchmarks.experiments.meta.Rl2BanditsConfig;
import org.gridrl.benchmarks.experiments.meta.Rl2Mdps;
import org.gridrl.benchmarks.experiments.meta.Rl2MdpsConfig;
import org.gridrl.benchmarks.experiments.multitask.MultitaskConflict;
import org.gridrl.benchmarks.experiments.multitask.MultitaskConflictConfig;
import org.gridrl.benchmarks.experiments.multitask.MultitaskGrid;
import org.gridrl.benchmarks.experiments.multitask.MultitaskGridConfig;
import org.gridrl.benchmarks.experiments.multitask.PcGradToy;
import org.gridrl.benchmarks.experiments.multitask.PcGradToyConfig;
import org.gridrl.benchmarks.experiments.pg.PgPointNavigation;
import org.gridrl.benchmarks.experiments.pg.PgPointNavigationConfig;
import org.gridrl.benchmarks.runner.Experiment;
import org.gridrl.benchmarks.runner.ExperimentConfig;
import org.gridrl.benchmarks.runner.Interruptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every standard experiment, on a tiny config of two seeds, resumed after a stop during its
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
  void quickstart() throws Exception {
    resumeReproduces(new Quickstart(), QuickstartConfig.quick().with(b -> b.rolloutEpisodes(20)
        .seeds(List.of(1L, 2L))));
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

  @Test
  void irlGridWorld() throws Exception {
    resumeReproduces(new IrlGridWorld(), IrlGridWorldConfig.quick().with(b -> b.numDemos(32)
        .maxEntIterations(30).maxMarginIterations(30).seeds(List.of(1L, 2L))));
  }

  @Test
  void irlAdversarialGrid() throws Exception {
    resumeReproduces(new IrlAdversarial(), IrlAdversarialConfig.quick().with(b -> b.numDemos(4)
        .demoLength(6).numEnvs(2).bcEpochs(2).gclIterations(2).gclEpisodes(1)
        .adversarialIterations(2).maxEntIterations(3).threads(1).seeds(List.of(1L, 2L))));
  }

  @Test
  void irlTransfer() throws Exception {
    resumeReproduces(new IrlTransfer(), IrlTransferConfig.quick().with(b -> b.numDemos(4)
        .demoLength(6).numEnvs(2).policyHidden(List.of(8)).gclIterations(2).gclEpisodes(1)
        .adversarialIterations(2).maxEntIterations(3).mazeDemoEpisodes(1).mazeStepsPerEnv(16)
        .mazeHidden(List.of(8)).mazeIrlIterations(2).mazeGclIterations(2)
        .mazeTransferIterations(3).threads(1).seeds(List.of(1L, 2L))));
  }

  @Test
  void irlBinaryWorld() throws Exception {
    resumeReproduces(IrlSweep.binaryWorld(), IrlSweepConfig.quick("binaryworld").withSize(8)
        .withDemoCounts(List.of(4, 16)).withSeeds(List.of(3L, 4L)));
  }

  @Test
  void pgFourRooms() throws Exception {
    PgFourRoomsConfig q = PgFourRoomsConfig.quick();
    resumeReproduces(new PgFourRooms(), q.with(b -> b.numEnvs(2).evalEvery(2)
        .reinforce(q.reinforce().withIterations(3)).a2c(q.a2c().withIterations(3))
        .ppo(q.ppo().withIterations(2))));
  }

  @Test
  void pgPointNavigation() throws Exception {
    resumeReproduces(new PgPointNavigation(), PgPointNavigationConfig.quick().with(b -> b
        .sacSteps(200).sacLearningStarts(100).sacBatchSize(16).sacHiddenWidth(16).evalEvery(100)
        .ppoIterations(2).ppoStepsPerEnv(32).seeds(List.of(7L, 8L))));
  }

  @Test
  void pcgradToy() throws Exception {
    resumeReproduces(new PcGradToy(), PcGradToyConfig.quick().with(b -> b.log10Steps(3000)
        .gatedSteps(2000).recordEvery(100)));
  }

  @Test
  void multitaskGrid() throws Exception {
    resumeReproduces(new MultitaskGrid(), MultitaskGridConfig.quick().with(b -> b
        .taskSets(List.of("mt10")).methods(List.of("independent", "shared-id", "distral", "dnc"))
        .mt10(MultitaskGridConfig.methods(3, 8, 64))));
  }

  @Test
  void multitaskConflict() throws Exception {
    resumeReproduces(new MultitaskConflict(), MultitaskConflictConfig.quick().with(b -> b
        .methods(List.of("shared-no-id", "pcgrad", "dnc"))
        .methodsConfig(MultitaskGridConfig.methods(4, 8, 8)).seeds(List.of(1L, 2L))));
  }

  @Test
  void rl2Bandits() throws Exception {
    resumeReproduces(new Rl2Bandits(), Rl2BanditsConfig.quick().with(b -> b
        .pulls(List.of(10, 100)).arms(List.of(5, 10)).trialsPerSeed(20).tuningTrials(10)
        .threads(1)));
  }

  /** A resumed run takes the cells RL² trained before the interruption from rl2/. */
  @Test
  void rl2Bandits_resumed_reusesTheNetworksTrainedBeforeTheStop() throws Exception {
    Rl2BanditsConfig config = Rl2BanditsConfig.quick().with(b -> b.pulls(List.of(10))
        .arms(List.of(5)).trialsPerSeed(20).tuningTrials(10).threads(1));
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

  @Test
  void rl2Mdps() throws Exception {
    resumeReproduces(new Rl2Mdps(), Rl2MdpsConfig.quick().with(b -> b.episodes(List.of(2, 3))
        .rl2Iterations(List.of(new Rl2Budget(2, 2), new Rl2Budget(3, 1))).trialsPerSeed(4).threads(1)));
  }

  @Test
  void metaHiddenGoal() throws Exception {
    resumeReproduces(new MetaHiddenGoal(), MetaHiddenGoalConfig.quick().with(b -> b
        .rl2(MetaHiddenGoalConfig.rl2(3).withTrialsPerIteration(4).withMinibatchTrials(2)
            .withEpochs(1).withHidden(8))
        .evaluationTrials(20).seeds(List.of(1L, 2L))));
  }

  @Test
  void mamlNavigation() throws Exception {
    resumeReproduces(new MamlNavigation(), MamlNavigationConfig.quick().with(b -> b
        .maml(MamlNavigationConfig.fullMaml().withIterations(2).withMetaBatchSize(2)
            .withEpisodesPerTask(1).withTestEpisodesPerTask(1))
        .hidden(List.of(4)).testGoals(2).seeds(List.of(1L, 2L))));
  }
}
