package org.gridrl.benchmarks.experiments.pg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.gridrl.benchmarks.runner.ExperimentRunner;
import org.gridrl.envs.continuous.Goal;
import org.gridrl.envs.continuous.PointNavigation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The experiment on tiny budgets: output independent of the thread count, metrics consistent. */
class PgPointNavigationTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  static PgPointNavigationConfig tiny() {
    return PgPointNavigationConfig.quick().with(b -> b.sacSteps(300).sacLearningStarts(150)
        .ppoIterations(2).seeds(List.of(7L, 8L)));
  }

  private static Path run(PgPointNavigationConfig c, Path dir) throws Exception {
    PrintStream sink = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    ExperimentRunner.run(new PgPointNavigation(), c, true, dir, sink, sink, false);
    return dir;
  }

  @Test
  void oneThreadAndTwoThreads_writeIdenticalMetricsAndFinalNumbers(@TempDir Path tmp)
      throws Exception {
    Path one = run(tiny().withThreads(1), tmp.resolve("one"));
    Path two = run(tiny().withThreads(2), tmp.resolve("two"));
    List<String> a = Files.readAllLines(one.resolve("metrics.csv"));
    List<String> b = Files.readAllLines(two.resolve("metrics.csv"));
    assertThat(b).isEqualTo(a);
    JsonNode sa = JSON.readTree(one.resolve("summary.json").toFile()).get("finalMetrics");
    JsonNode sb = JSON.readTree(two.resolve("summary.json").toFile()).get("finalMetrics");
    assertThat(sb).isEqualTo(sa);

    // the final metrics agree with the last eval row and with the pass rule
    double line = PointNavigation.straightLineReturn(new Goal(0.4, -0.25));
    for (String seed : List.of("7", "8")) {
      JsonNode f = sa.get(seed);
      double r = f.get("sac/eval/return").asDouble();
      assertThat(f.get("sac/gap_pct").asDouble())
          .isCloseTo(100 * (line - r) / Math.abs(line), within(1e-9));
      assertThat(f.get("sac/within_tolerance").asDouble())
          .isEqualTo(r >= line - 0.1 * Math.abs(line) ? 1.0 : 0.0);
      assertThat(f.has("ppo/eval/return")).isTrue();
    }
    // SAC evaluates every 250 steps and at the end (300); PPO after each of 2 iterations
    assertThat(a.get(0)).startsWith("seed,iteration,sac/eval/return,ppo/eval/return");
    assertThat(a.stream().filter(l -> l.startsWith("7,250,")).count()).isEqualTo(1);
    assertThat(a.stream().filter(l -> l.startsWith("7,1024,")).count()).isEqualTo(1);
    assertThat(Files.size(one.resolve("learning_curves_sac.png"))).isPositive();
    assertThat(Files.size(one.resolve("learning_curves_ppo.png"))).isPositive();
  }

  @Test
  void config_rejectsNonsenseNamingTheField() {
    assertThatThrownBy(() -> PgPointNavigationConfig.quick().withThreads(0))
        .hasMessage("threads must be >= 1, got 0");
    assertThatThrownBy(() -> PgPointNavigationConfig.quick().withSacLearningStarts(0))
        .hasMessage("learningStarts must be >= 1, got 0");
    assertThatThrownBy(() -> PgPointNavigationConfig.quick().withPpoIterations(0))
        .hasMessage("iterations must be >= 1, got 0");
    assertThatThrownBy(() -> PgPointNavigationConfig.quick().withGoalX(0.7))
        .hasMessage("goalX must be in [−0.5, 0.5], got 0.7");
  }
}
