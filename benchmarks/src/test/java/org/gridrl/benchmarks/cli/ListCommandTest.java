package org.gridrl.benchmarks.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.gridrl.benchmarks.experiments.Experiments;
import org.gridrl.benchmarks.runner.Experiment;
import org.gridrl.benchmarks.runner.FakeExperiment;
import org.gridrl.benchmarks.runner.Registry;
import org.junit.jupiter.api.Test;

class ListCommandTest {

  @Test
  void list_alignsTheColumnsAndSaysWhereTheTimesWereMeasured() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
    int code = new ListCommand(new Registry().register(new FakeExperiment()), new Io(o, o, false))
        .call();
    assertThat(code).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8).lines()).containsExactly(
        "EXPERIMENT  FULL    --quick  DESCRIPTION",
        "fake        ~3 min  ~1 s     a test experiment",
        "",
        ListCommand.TIMES_NOTE);
  }

  @Test
  void everyExperiment_quickIsFasterThanFull_andAtMostAMinuteAndAHalf() {
    for (Experiment<?> e : Experiments.registry().experiments()) {
      Duration quick = e.expectedRunTime(true);
      Duration full = e.expectedRunTime(false);
      assertThat(quick).as(e.name()).isLessThanOrEqualTo(full)
          .isLessThanOrEqualTo(Duration.ofSeconds(90)).isPositive();
    }
  }
}
