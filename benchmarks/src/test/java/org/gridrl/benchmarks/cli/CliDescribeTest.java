package org.gridrl.benchmarks.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.gridrl.benchmarks.experiments.Experiments;
import org.gridrl.benchmarks.experiments.QuickstartConfig;
import org.gridrl.benchmarks.runner.ConfigDocs;
import org.gridrl.benchmarks.runner.Experiment;
import org.gridrl.core.planning.SoftViConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code gridrl describe NAME}: every field of every registered experiment's config, nested
 * records and the items of lists of records included, has the sentence of its record's javadoc
 * {@code @param}, read from the sources the build packs into the jar; every experiment says
 * what it reproduces and names a results page that exists.
 */
class CliDescribeTest {

  static Stream<String> names() {
    return Experiments.registry().names().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("names")
  void describe_everyFieldHasItsSentence_andThePageExists(String name) {
    Experiment<?> e = Experiments.registry().find(name).orElseThrow();
    List<DescribeCommand.Field> fields = DescribeCommand.fields(e.defaultConfig().getClass());
    assertThat(fields).isNotEmpty();
    for (DescribeCommand.Field f : fields) {
      assertThat(f.sentence()).as(name + ": " + f.path() + " has no @param sentence")
          .isNotBlank();
    }
    assertThat(e.reproduces()).as(name + ".reproduces()").isNotBlank();
    assertThat(Path.of("..").resolve(e.resultsPage())).as(e.resultsPage()).isRegularFile();

    CliRunner.Result r = CliRunner.run("describe", name);

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).startsWith(name + ": ").contains(e.resultsPage())
        .doesNotContain("(undocumented)").doesNotContain("(not stated)");
    for (DescribeCommand.Field f : fields) {
      assertThat(r.out()).contains("\n" + f.path() + (f.isGroup() ? ": the fields"
          : f.inList() ? "\n" : " = "));
    }
  }

  @Test
  void describe_quickstart_printsDefaultQuickAndSentence() {
    CliRunner.Result r = CliRunner.run("describe", "quickstart");

    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).contains("\nrolloutEpisodes = 1000 (--quick 200)\n"
        + "    episodes of the soft policy sampled per seed (default 1000)\n")
        .contains("\nseeds = [1,2,3] (--quick [1])\n")
        .contains("\nmap = \"fourrooms\" (--quick the same)\n")
        .contains("\nplanning: the fields planning.* below\n")
        .contains("\nplanning.temperature = 1.0 (--quick the same)\n    τ > 0 in V(s) = τ·log"
            + " Σ_a exp(Q(s,a)/τ)")
        .contains("Published numbers beside ours: docs/experiments/quickstart.md");
    assertThat(QuickstartConfig.quick().rolloutEpisodes()).isEqualTo(200);
  }

  @Test
  void describe_listOfRecords_describesTheItemFields() {
    List<String> paths = DescribeCommand.fields(org.gridrl.benchmarks.experiments.meta
        .Rl2MdpsConfig.class).stream().map(DescribeCommand.Field::path).toList();
    assertThat(paths).contains("rl2Iterations", "rl2Iterations[].iterations");
  }

  @Test
  void describe_unknownExperiment_isOneLine_exit2() {
    CliRunner.Result r = CliRunner.run("describe", "nope");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).startsWith("gridrl: unknown experiment 'nope'; known: quickstart,")
        .doesNotContain("Exception");
    assertThat(r.err().lines().toList()).hasSize(1);
    assertThat(r.out()).isEmpty();
  }

  @Test
  void configDocs_plainText_fromJavadocMarkup() {
    assertThat(ConfigDocs.plain("{@link SoftViConfig#defaults()}: τ &gt; 0, {@code x < y},"
        + " {@link Foo#bar the bar}, <i>it</i> &amp;\n   more"))
        .isEqualTo("SoftViConfig.defaults: τ > 0, x < y, the bar, it & more");
    Map<String, String> p = ConfigDocs.params(SoftViConfig.class);
    assertThat(p.keySet()).containsExactly("temperature", "tolerance", "maxIterations",
        "kernel", "method");
  }

  @Test
  void help_listsDescribe() {
    CliRunner.Result r = CliRunner.run("--help");
    assertThat(r.out()).contains("describe");
    assertThat(Files.exists(Path.of("../docs/cli.md"))).isTrue();
  }
}
