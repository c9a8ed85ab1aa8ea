package org.gridrl.benchmarks.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.assertj.core.data.Offset;
import org.ejml.data.DMatrixRMaj;
import org.gridrl.benchmarks.jmh.Rl2UpdateWorkload;
import org.gridrl.meta.rl2.Rl2;
import org.gridrl.meta.rl2.Rl2Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchGruCommandTest {

  @TempDir
  Path dir;

  private static final Pattern US =
      Pattern.compile("\\{\"measure\":\"([a-z0-9_]+)\",\"us\":([0-9.]+)");

  private static CliRunner.Result run(String... args) {
    return CliRunner.command(new BenchGruCommand(), args);
  }

  @Test
  void shortRun_withFakeYardstick_passesGru_andPrintsConsistentRatios() throws Exception {
    Path fake = dir.resolve("fake.py");
    Files.writeString(fake, "import os, sys, json\n"
        + "assert os.environ['OPENBLAS_NUM_THREADS'] == '1'\n"
        + "assert sys.argv[1:] == ['gru']\n"
        + "print(json.dumps({'case': 'gru', 'torch': 'x', 'us': 40000.0}))\n");
    CliRunner.Result r = run("--repeat", "2", "--block", "1", "--warmup-ms", "0",
        "--yardstick", fake.toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    Map<String, Double> us = BenchLines.values(US, r.out());
    assertThat(us).containsOnlyKeys("autodiff", "unfused", "hand", "rl2_update", "torch");
    assertThat(us.get("torch")).isEqualTo(40000.0);
    Map<String, Double> ratio = BenchLines.values(BenchLines.RATIO, r.out());
    assertThat(ratio).containsOnlyKeys("autodiff/hand", "autodiff/unfused", "autodiff/torch",
        "hand/torch");
    assertThat(ratio.get("autodiff/torch")).isCloseTo(us.get("autodiff") / 40000.0,
        Offset.offset(2e-3));
    assertThat(r.out()).contains("\"target\":0.5");
    assertThat(r.out().lines().toList()).hasSize(9);
  }

  @Test
  void rl2Update_isTheFirstUpdateOfRl2Train_bitForBit_everyCall() {
    Rl2UpdateWorkload work = Rl2UpdateWorkload.issue14();
    assertThat(work.steps()).isEqualTo(1600);
    assertThat(work.gradientSteps()).isEqualTo(8);
    Rl2Result trained = Rl2.train(Rl2UpdateWorkload.tasks(), Rl2UpdateWorkload.config(), null);
    List<DMatrixRMaj> expected = trained.policy().network().parameters().stream()
        .map(p -> p.value()).toList();
    for (int call = 0; call < 2; call++) {
      double policyLoss = work.update();
      assertThat(policyLoss).isEqualTo(trained.history().series(Rl2.POLICY_LOSS)[0]);
      List<DMatrixRMaj> got = work.parameters();
      assertThat(got).hasSameSizeAs(expected);
      for (int i = 0; i < got.size(); i++) {
        assertThat(got.get(i).data).as("parameter %d after call %d", i, call)
            .containsExactly(expected.get(i).data);
      }
    }
  }

  @Test
  void torchUs_standsInForTheYardstick() {
    CliRunner.Result r = run("--repeat", "1", "--block", "1", "--warmup-ms", "0",
        "--torch-us", "25000");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("{\"measure\":\"torch\",\"us\":25000.0,\"given\":true}");
    Map<String, Double> us = BenchLines.values(US, r.out());
    assertThat(BenchLines.values(BenchLines.RATIO, r.out()).get("hand/torch"))
        .isCloseTo(us.get("hand") / 25000.0, Offset.offset(2e-3));
  }

  @Test
  void withoutTorch_onlyTheJavaMeasures() {
    CliRunner.Result r = run("--repeat", "1", "--block", "1", "--warmup-ms", "0");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out().lines().toList()).hasSize(6);
    assertThat(r.out()).doesNotContain("torch");
  }

  @Test
  void badOptions_exitTwo_namingTheOption() {
    CliRunner.Result block = run("--block", "0");
    assertThat(block.exitCode()).isEqualTo(2);
    assertThat(block.err()).contains("--repeat and --block must be >= 1");
    CliRunner.Result us = run("--torch-us", "-3");
    assertThat(us.exitCode()).isEqualTo(2);
    assertThat(us.err()).contains("--torch-us must be a positive number, got -3.0");
    CliRunner.Result both = run("--torch-us", "3", "--yardstick", dir.toString());
    assertThat(both.exitCode()).isEqualTo(2);
    assertThat(both.err()).contains("exclude each other");
  }
}
