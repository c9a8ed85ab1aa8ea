package org.gridrl.benchmarks.experiments;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.gridrl.benchmarks.runner.Experiment;
import org.gridrl.benchmarks.runner.ExperimentConfig;
import org.gridrl.benchmarks.runner.ExperimentRunner;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every registered experiment runs end to end through {@link ExperimentRunner} (the code path
 * of {@code gridrl run NAME --quick}) on its {@link Experiment#smokeConfig()} (its quick config,
 * or the same code on a budget of seconds where quick takes longer), and writes what a run
 * promises: a {@code metrics.csv} whose header starts {@code seed,iteration} and whose every row
 * has as many numbers as the header has columns, all of them the config's seeds; a
 * {@code summary.json} that parses, with status {@code complete}, the config it ran, every seed
 * completed and a final metric for each; and PNG plots that {@link ImageIO} reads back at their
 * written size.
 */
class ExperimentsSmokeTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path dir;

  static Stream<String> names() {
    return Experiments.registry().names().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("names")
  void smokeRun_writesParsableMetricsSummaryAndPlots(String name) throws Exception {
    Experiment<?> e = Experiments.registry().find(name).orElseThrow();
    check(e);
  }

  private <C extends ExperimentConfig<C>> void check(Experiment<C> e) throws Exception {
    C config = e.smokeConfig();
    Path out = dir.resolve(e.name());
    PrintStream sink = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    ExperimentRunner.run(e, config, true, out, sink, sink, false);

    List<String> lines = Files.readAllLines(out.resolve("metrics.csv"));
    assertThat(lines.get(0)).startsWith("seed,iteration,");
    int columns = lines.get(0).split(",", -1).length;
    for (String line : lines.subList(1, lines.size())) {
      String[] cells = line.split(",", -1);
      assertThat(cells).as(line).hasSize(columns);
      assertThat(config.seeds()).contains(Long.parseLong(cells[0]));
      for (String cell : cells) {
        if (!cell.isEmpty()) { // a metric a seed does not report at this iteration is empty
          Double.parseDouble(cell);
        }
      }
    }

    JsonNode summary = JSON.readTree(out.resolve("summary.json").toFile());
    assertThat(summary.get("experiment").asText()).isEqualTo(e.name());
    assertThat(summary.get("status").asText()).isEqualTo("complete");
    assertThat(summary.get("config")).isEqualTo(JSON.readTree(JSON.writeValueAsString(config)));
    List<Long> completed = new ArrayList<>();
    summary.get("completedSeeds").forEach(s -> completed.add(s.asLong()));
    assertThat(completed).isEqualTo(config.seeds());
    for (long seed : config.seeds()) {
      assertThat(summary.get("finalMetrics").get(Long.toString(seed)).size()).isPositive();
    }

    List<Path> pngs = new ArrayList<>();
    try (Stream<Path> files = Files.walk(out)) {
      files.filter(p -> p.toString().endsWith(".png")).forEach(pngs::add);
    }
    assertThat(pngs).as("plots of " + e.name()).isNotEmpty();
    for (Path png : pngs) {
      BufferedImage image = ImageIO.read(png.toFile());
      assertThat(image).as(png.toString()).isNotNull();
      assertThat(image.getWidth()).as(png.toString()).isGreaterThanOrEqualTo(100);
      assertThat(image.getHeight()).as(png.toString()).isGreaterThanOrEqualTo(100);
    }
  }
}
