package org.gridrl.benchmarks.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchMlpCommandTest {

  @TempDir
  Path dir;

  private static CliRunner.Result run(String... args) {
    return CliRunner.command(new BenchMlpCommand(), args);
  }

  private static final Pattern US =
      Pattern.compile("\\{\"variant\":\"([a-z]+)\",\"us_per_step\":([0-9.]+),");

  @Test
  void shortRun_withFakeYardstick_printsEveryVariantAndConsistentRatios() throws Exception {
    Path fake = dir.resolve("fake.py");
    Files.writeString(fake, "import os, json\n"
        + "assert os.environ['OPENBLAS_NUM_THREADS'] == '1'\n"
        + "print(json.dumps({'numpy': 'x', 'mlp_fwd_bwd_us': 500.0}))\n");
    CliRunner.Result r = run("--rounds", "2", "--round-ms", "20", "--warmup-ms", "0",
        "--yardstick", fake.toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    Map<String, Double> us = BenchLines.values(US, r.out());
    assertThat(us).containsOnlyKeys("hand", "autodiff", "ejml", "numpy");
    assertThat(us.get("numpy")).isEqualTo(500.0);
    Map<String, Double> ratio = BenchLines.values(BenchLines.RATIO, r.out());
    assertThat(ratio).containsOnlyKeys("autodiff/hand", "ejml/hand", "autodiff/numpy",
        "hand/numpy");
    // printed values are rounded to 0.1 µs and 0.001
    assertThat(ratio.get("autodiff/numpy")).isCloseTo(us.get("autodiff") / 500.0,
        org.assertj.core.data.Offset.offset(2e-3));
    assertThat(ratio.get("autodiff/hand")).isCloseTo(us.get("autodiff") / us.get("hand"),
        org.assertj.core.data.Offset.offset(0.01));
    assertThat(r.out().lines().toList()).hasSize(8);
    // the best CPU time per step cannot exceed the best wall time per step (same rounds)
    Matcher cpu = Pattern.compile("\"variant\":\"hand\",\"us_per_step\":([0-9.]+),"
        + "\"median_us\":[0-9.]+,\"cpu_us_per_step\":([0-9.]+)").matcher(r.out());
    assertThat(cpu.find()).as(r.out()).isTrue();
    assertThat(Double.parseDouble(cpu.group(2)))
        .isLessThanOrEqualTo(Double.parseDouble(cpu.group(1)) * 1.05 + 1);
    assertThat(r.out()).contains("\"target\":1.25", "\"target\":1.5");
  }

  @Test
  void withoutYardstick_noNumpyLines() {
    CliRunner.Result r = run("--rounds", "1", "--round-ms", "10", "--warmup-ms", "0");
    assertThat(r.exitCode()).isZero();
    List<String> lines = r.out().lines().toList();
    assertThat(lines).hasSize(5);
    assertThat(r.out()).doesNotContain("numpy");
  }

  @Test
  void badOptions_exitTwo_namingTheOption() {
    CliRunner.Result missing = run("--yardstick", dir.resolve("nope.py").toString());
    assertThat(missing.exitCode()).isEqualTo(2);
    assertThat(missing.err()).contains("--yardstick").contains("nope.py: no such file");
    CliRunner.Result rounds = run("--rounds", "0");
    assertThat(rounds.exitCode()).isEqualTo(2);
    assertThat(rounds.err()).contains("--rounds must be >= 1, got 0");
  }

  @Test
  void failingYardstick_exitsOne_withItsOutput() throws Exception {
    Path bad = dir.resolve("bad.py");
    Files.writeString(bad, "print('no numbers here')\n");
    CliRunner.Result r = run("--rounds", "1", "--round-ms", "5", "--warmup-ms", "0",
        "--yardstick", bad.toString());
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).contains("without a \"mlp_fwd_bwd_us\" field", "no numbers here");
  }

  @Test
  void gridrlBenchMlp_isRegisteredUnderBench_andUsesTheLaunchersErrorHandling() {
    CliRunner.Result ok = CliRunner.run("bench", "mlp", "--rounds", "1", "--round-ms", "5",
        "--warmup-ms", "0");
    assertThat(ok.exitCode()).as(ok.err()).isZero();
    assertThat(ok.out().lines().toList()).hasSize(5);
    CliRunner.Result bad = CliRunner.run("bench", "mlp", "--rounds", "0");
    assertThat(bad.exitCode()).isEqualTo(2);
    assertThat(bad.err().strip().lines().toList()).hasSize(1);
    assertThat(bad.err()).contains("--rounds must be >= 1, got 0");
    assertThat(CliRunner.run("bench", "--help").out()).contains("mlp", "softvi");
  }
}
