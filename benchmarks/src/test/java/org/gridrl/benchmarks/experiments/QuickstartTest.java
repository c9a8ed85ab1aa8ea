package org.gridrl.benchmarks.experiments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.gridrl.benchmarks.Main;
import org.gridrl.benchmarks.cli.Io;
import org.gridrl.core.mdp.TabularMdp;
import org.gridrl.core.planning.Metrics;
import org.gridrl.core.planning.SoftValueIteration;
import org.gridrl.core.planning.Solution;
import org.gridrl.envs.tabular.GridWorld;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gridrl run quickstart --quick} in a temporary folder, run once for all checks. */
class QuickstartTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  static Path dir;

  private static int exitCode;
  private static String out;
  private static JsonNode summary;

  @BeforeAll
  static void runQuick() throws Exception {
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    exitCode = Main.execute(new Io(new PrintStream(o, true, StandardCharsets.UTF_8),
        new PrintStream(e, true, StandardCharsets.UTF_8), false),
        "run", "quickstart", "--quick", "--out", dir.toString());
    out = o.toString(StandardCharsets.UTF_8);
    assertThat(exitCode).as(e.toString(StandardCharsets.UTF_8)).isZero();
    summary = JSON.readTree(dir.resolve("summary.json").toFile());
  }

  @Test
  void writesMetricsSummaryCsvAndPngs() throws Exception {
    List<String> metrics = Files.readAllLines(dir.resolve("metrics.csv"));
    int sweeps = summary.get("finalMetrics").get("1").get("soft_vi/sweeps").asInt();
    assertThat(metrics.get(0)).isEqualTo("seed,iteration," + Metrics.RESIDUAL);
    assertThat(metrics).hasSize(1 + sweeps); // one row per sweep of the one quick seed
    assertThat(metrics.get(1)).startsWith("1,1,");
    for (String f : List.of("values.csv", "q.csv", "policy.csv", "hard_values.csv")) {
      assertThat(Files.size(dir.resolve(f))).as(f).isPositive();
    }
    for (String png : List.of("heatmap_soft.png", "heatmap_hard.png", "convergence.png")) {
      BufferedImage img = ImageIO.read(dir.resolve(png).toFile());
      assertThat(img).as(png).isNotNull();
      assertThat(img.getWidth()).as(png).isGreaterThan(300);
    }
    assertThat(summary.get("status").asText()).isEqualTo("complete");
    assertThat(summary.get("seeds").toString()).isEqualTo("[1]");
    assertThat(summary.get("config").get("planning").get("temperature").asDouble())
        .isEqualTo(1.0);
    assertThat(out).contains("#############").contains("G#");
  }

  @Test
  void vAtStart_equalsSoftValueIteration_andRolloutAgreesWithExactReturn() {
    QuickstartConfig c = QuickstartConfig.quick();
    TabularMdp mdp = GridWorld.bundled(c.map(), c.gridOptions()).mdp();
    Solution soft = SoftValueIteration.solve(mdp, c.planning());
    JsonNode fin = summary.get("finalMetrics").get("1");

    assertThat(fin.get("soft_vi/v_start").asDouble())
        .isEqualTo(soft.expectedValue(mdp.initialDistribution()));
    assertThat(fin.get("soft_vi/sweeps").asInt()).isEqualTo(soft.report().iterations());
    // hard VI's greedy policy is optimal: its exact return equals V* at the start
    assertThat(fin.get("hard_vi/policy_return").asDouble())
        .isCloseTo(fin.get("hard_vi/v_start").asDouble(), within(1e-8));
    // the greedy policy of soft Q can do no better than the optimum
    assertThat(fin.get("soft_vi/greedy_return").asDouble())
        .isLessThanOrEqualTo(fin.get("hard_vi/v_start").asDouble() + 1e-8);
    // the sampled mean return is within 5 standard errors of the soft policy's exact return
    double stderr = fin.get("rollout/return_stderr").asDouble();
    assertThat(stderr).isPositive();
    assertThat(fin.get("rollout/return_mean").asDouble())
        .isCloseTo(fin.get("soft_vi/policy_return").asDouble(), within(5 * stderr));
  }
}
