package org.gridrl.benchmarks.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExperimentRunnerTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path dir;

  private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
  private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(outBytes, true, StandardCharsets.UTF_8);
  private final PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);

  private ExperimentRunner.Result run(FakeExperiment e, FakeExperiment.Config c)
      throws IOException {
    return ExperimentRunner.run(e, c, false, dir, out, err, false);
  }

  @Test
  void metricsCsv_isWrittenRowByRow_asTheRunGoes() throws IOException {
    FakeExperiment e = new FakeExperiment();
    run(e, new FakeExperiment.Config(3, List.of(), -1, -1, List.of(7L, 9L)));

    assertThat(e.csvAfterEachRow).hasSize(6);
    for (int k = 0; k < 6; k++) {
      List<String> lines = e.csvAfterEachRow.get(k);
      assertThat(lines).hasSize(k + 2); // header + k + 1 rows, on disk before the next row
      assertThat(lines.get(0)).isEqualTo("seed,iteration,loss");
    }
    List<String> all = Files.readAllLines(dir.resolve("metrics.csv"));
    assertThat(all).containsExactly("seed,iteration,loss",
        "7,1,8", "7,2,7.5", "7,3,7.333333333333333",
        "9,1,10", "9,2,9.5", "9,3,9.333333333333334");
    // full precision: the value reads back exactly
    assertThat(Double.parseDouble(all.get(3).split(",")[2])).isEqualTo(7 + 1.0 / 3);
  }

  @Test
  void summaryJson_isRewrittenAfterEachSeed_withStatusRunningThenComplete() throws IOException {
    FakeExperiment e = new FakeExperiment();
    run(e, new FakeExperiment.Config(2, List.of(), -1, -1, List.of(1L, 2L, 3L)));

    assertThat(e.summaryAfterEachSeed).hasSize(3);
    for (int k = 0; k < 3; k++) {
      JsonNode s = JSON.readTree(e.summaryAfterEachSeed.get(k));
      assertThat(s.get("status").asText()).isEqualTo("running");
      assertThat(s.get("completedSeeds")).hasSize(k + 1);
      assertThat(s.get("finalMetrics").get(Integer.toString(k + 1)).get("final").asDouble())
          .isEqualTo(k + 1.0);
    }
    JsonNode fin = JSON.readTree(dir.resolve("summary.json").toFile());
    assertThat(fin.get("status").asText()).isEqualTo("complete");
    assertThat(fin.get("experiment").asText()).isEqualTo("fake");
    assertThat(fin.get("config").get("iterations").asInt()).isEqualTo(2);
    assertThat(fin.get("seeds").toString()).isEqualTo("[1,2,3]");
    assertThat(fin.get("provenance").get("java").asText())
        .isEqualTo(System.getProperty("java.version"));
    assertThat(fin.get("provenance").get("gridrl").asText()).isNotEmpty();
    assertThat(fin.get("provenance").get("arch").asText()).isEqualTo(System.getProperty("os.arch"));
    // which path the products took (the warm-up may finish between the write and this line)
    assertThat(fin.get("products").asText())
        .matches("vector \\(\\d+-bit\\)|scalar|scalar \\(vector warming up\\)");
    assertThat(fin.get("startTime").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
    assertThat(fin.get("wallTimeSeconds").asDouble()).isPositive();
    assertThat(Files.exists(dir.resolve("summary.json.tmp"))).isFalse();
  }

  @Test
  void summaryJson_meanAndSampleStd_matchHandComputedValues() throws IOException {
    // finals 1, 2, 3, 4: mean 2.5, sample variance ((1.5² + 0.5²) * 2) / 3 = 5/3
    FakeExperiment e = new FakeExperiment();
    run(e, new FakeExperiment.Config(1, List.of(1.0, 2.0, 3.0, 4.0), -1, -1,
        List.of(11L, 12L, 13L, 14L)));

    JsonNode agg = JSON.readTree(dir.resolve("summary.json").toFile()).get("aggregate")
        .get("final");
    assertThat(agg.get("n").asInt()).isEqualTo(4);
    assertThat(agg.get("mean").asDouble()).isCloseTo(2.5, within(1e-15));
    assertThat(agg.get("std").asDouble()).isCloseTo(Math.sqrt(5.0 / 3.0), within(1e-15));
    assertThat(agg.get("min").asDouble()).isEqualTo(1.0);
    assertThat(agg.get("max").asDouble()).isEqualTo(4.0);
    assertThat(outBytes.toString(StandardCharsets.UTF_8)).contains("final").contains("2.50000 ± 1.3");
  }

  @Test
  void summaryJson_oneSeed_hasNullStd() throws IOException {
    run(new FakeExperiment(), new FakeExperiment.Config(1, List.of(5.0), -1, -1, List.of(3L)));
    JsonNode agg = JSON.readTree(dir.resolve("summary.json").toFile()).get("aggregate")
        .get("final");
    assertThat(agg.get("mean").asDouble()).isEqualTo(5.0);
    assertThat(agg.get("std").isNull()).isTrue();
  }

  @Test
  void nanMetric_failsNamingMetricSeedAndIteration_andKeepsWhatWasWritten() throws IOException {
    FakeExperiment e = new FakeExperiment();
    FakeExperiment.Config c = new FakeExperiment.Config(4, List.of(), 2, 3, List.of(1L, 2L));

    assertThatThrownBy(() -> run(e, c)).isInstanceOf(ExperimentFailedException.class)
        .hasMessage("fake failed: metric 'loss' is NaN at seed 2, iteration 3"
            + " (partial results kept in " + dir + ")");

    JsonNode s = JSON.readTree(dir.resolve("summary.json").toFile());
    assertThat(s.get("status").asText())
        .isEqualTo("failed: metric 'loss' is NaN at seed 2, iteration 3");
    assertThat(s.get("completedSeeds").toString()).isEqualTo("[1]");
    // seed 1's four rows and seed 2's first two stay
    assertThat(Files.readAllLines(dir.resolve("metrics.csv"))).hasSize(1 + 4 + 2);
  }

  @Test
  void plot_isANonEmptyPngOfTheChartSize() throws IOException {
    run(new FakeExperiment().withPlot(),
        new FakeExperiment.Config(5, List.of(), -1, -1, List.of(1L, 2L)));
    BufferedImage img = ImageIO.read(dir.resolve("loss.png").toFile());
    assertThat(img.getWidth()).isEqualTo(900);
    assertThat(img.getHeight()).isEqualTo(560);
  }

  @Test
  void metricsCsv_newColumnMidRun_widensHeaderAndPadsEarlierRows() throws IOException {
    Path f = dir.resolve("m.csv");
    try (MetricsCsv csv = new MetricsCsv(f)) {
      csv.row(1, 1, java.util.Map.of("a", 1.5));
      csv.row(1, 2, new java.util.LinkedHashMap<>(java.util.Map.of("a", 2.5, "b", -1.0)));
      csv.row(1, 3, java.util.Map.of("b", 4.0));
    }
    assertThat(Files.readAllLines(f)).containsExactly("seed,iteration,a,b", "1,1,1.5,",
        "1,2,2.5,-1", "1,3,,4");
  }

  @Test
  void metricsListener_withoutIterationEnd_writesEachIterationWhenTheNextBegins() throws IOException {
    Path f = dir.resolve("m.csv");
    try (MetricsCsv csv = new MetricsCsv(f)) {
      try (MetricsListener l = new MetricsListener(csv, 5).prefixed("soft/")) {
        l.onScalar(1, "residual", 0.5);
        l.onScalar(1, "value", 2.0);
        l.onScalar(2, "residual", 0.25);
        l.onScalar(2, "value", 2.5);
      }
    }
    assertThat(Files.readAllLines(f)).containsExactly("seed,iteration,soft/residual,soft/value",
        "5,1,0.5,2", "5,2,0.25,2.5");
  }

  @Test
  void stats_ofKnownValues() {
    Stats s = Stats.of(new double[] {2, 4, 4, 4, 5, 5, 7, 9});
    assertThat(s.mean()).isEqualTo(5.0);
    assertThat(s.std()).isCloseTo(Math.sqrt(32.0 / 7.0), within(1e-15));
    assertThat(s.format()).isEqualTo("5.00000 ± 2.1");
  }

  @Test
  void stats_ofEqualValues_isThatValueWithZeroStd() {
    double x = 26.26928043790638; // (x + x + x) / 3 != x in floating point
    Stats s = Stats.of(new double[] {x, x, x});
    assertThat(s.mean()).isEqualTo(x);
    assertThat(s.std()).isZero();
  }

  @Test
  void seeds_duplicates_areRejectedNamingTheSeed() {
    assertThatThrownBy(() -> ExperimentConfig.checkSeeds(List.of(1L, 2L, 1L)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("seeds must be distinct, got 1 twice");
  }
}
