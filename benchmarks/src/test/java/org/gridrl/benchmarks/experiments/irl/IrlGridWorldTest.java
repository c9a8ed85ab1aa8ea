package org.gridrl.benchmarks.experiments.irl;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gridrl.benchmarks.runner.ExperimentRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * irl-gridworld's claim, seed by seed with the default config: every method recovers a reward
 * whose optimal policy takes an optimal action (for the true reward) in ≥ 95% of the 25 states.
 */
class IrlGridWorldTest {

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3, 4, 5})
  void everyMethod_learnedRewardOptimalPolicy_matchesExpertInAtLeast95PercentOfStates(long seed) {
    IrlGridWorldConfig config = IrlGridWorldConfig.defaults();
    Map<String, Double> row = IrlGridWorld.runSeed(config, seed, null, null);
    for (String m : config.methods()) {
      assertThat(row.get("agreement/" + m)).as(m).isGreaterThanOrEqualTo(0.95);
      assertThat(row.get("evd/" + m)).as(m).isLessThan(0.05);
    }
  }

  @Test
  void summary_countsEachMethodsUnconvergedFits_andMetricsCsvIsTheRowsAsBefore(
      @TempDir Path dir) throws Exception {
    // a short MaxEnt cap: the summary says how many fits stopped at a cap, per method
    IrlGridWorldConfig config = IrlGridWorldConfig.quick().withMaxEntIterations(30);
    PrintStream sink = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    ExperimentRunner.run(new IrlGridWorld(), config, true, dir, sink, sink, false);

    // the same count, fit by fit, from each result's converged()
    Map<String, Integer> expected = new LinkedHashMap<>();
    for (String m : config.methods()) {
      int k = 0;
      for (long seed : config.seeds()) {
        k += IrlMethods.fit(m, IrlGridWorld.problem(config, seed), config.settings(seed))
            .converged() ? 0 : 1;
      }
      expected.put(m, k);
    }
    JsonNode notes = new ObjectMapper().readTree(dir.resolve("summary.json").toFile())
        .get("notes");
    Map<String, Integer> noted = new LinkedHashMap<>();
    notes.get("unconverged").fields().forEachRemaining(e -> noted.put(e.getKey(),
        e.getValue().asInt()));
    assertThat(noted).containsExactlyEntriesOf(expected);
    // pinned: every method stops at its cap on both seeds (MaxEnt's after 30 Adam steps, the
    // max-margin methods' after 300 iterations)
    assertThat(noted).isEqualTo(Map.of("maxent", 2, "deep-maxent", 2, "max-margin", 2,
        "projection", 2));
    assertThat(notes.get("fits_per_method").asInt()).isEqualTo(2);

    // metrics.csv holds the rows runSeed computes, and nothing about convergence
    List<String> csv = Files.readAllLines(dir.resolve("metrics.csv"));
    assertThat(csv.get(0)).doesNotContain("converged");
    assertThat(csv).hasSize(1 + config.seeds().size());
    Map<String, Double> row = IrlGridWorld.runSeed(config, config.seeds().get(0), null, null);
    String[] fields = csv.get(1).split(",");
    int i = 2;
    for (double v : row.values()) {
      assertThat(Double.parseDouble(fields[i++])).isEqualTo(v);
    }
  }
}
