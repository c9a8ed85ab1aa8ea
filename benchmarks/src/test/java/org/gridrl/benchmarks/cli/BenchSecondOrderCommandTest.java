package org.gridrl.benchmarks.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchSecondOrderCommandTest {

  @TempDir
  Path dir;

  private static final Pattern US =
      Pattern.compile("\\{\"measure\":\"([a-z0-9_]+)\",\"us\":([0-9.]+)");

  private static CliRunner.Result run(String... args) {
    return CliRunner.command(new BenchSecondOrderCommand(), args);
  }

  @Test
  void shortRun_withFakeYardstick_passesHvpThenMaml_andPrintsConsistentRatios() throws Exception {
    Path fake = dir.resolve("fake.py");
    Files.writeString(fake, "import os, sys, json\n"
        + "assert os.environ['OPENBLAS_NUM_THREADS'] == '1'\n"
        + "assert sys.argv[1:] in (['hvp'], ['maml'])\n"
        + "us = 2000.0 if sys.argv[1] == 'hvp' else 4000.0\n"
        + "print(json.dumps({'case': sys.argv[1], 'torch': 'x', 'us': us}))\n");
    CliRunner.Result r = run("--repeat", "2", "--block", "1", "--warmup-ms", "0",
        "--yardstick", fake.toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    Map<String, Double> us = BenchLines.values(US, r.out());
    assertThat(us).containsOnlyKeys("grad", "hvp", "maml", "fomaml", "torch_hvp", "torch_maml");
    assertThat(us.get("torch_hvp")).isEqualTo(2000.0);
    assertThat(us.get("torch_maml")).isEqualTo(4000.0);
    Map<String, Double> ratio = BenchLines.values(BenchLines.RATIO, r.out());
    assertThat(ratio).containsOnlyKeys("maml/fomaml", "hvp/grad", "hvp/torch", "maml/torch");
    assertThat(ratio.get("hvp/torch")).isCloseTo(us.get("hvp") / 2000.0, Offset.offset(2e-3));
    assertThat(ratio.get("maml/torch")).isCloseTo(us.get("maml") / 4000.0, Offset.offset(2e-3));
    assertThat(ratio.get("maml/fomaml")).isCloseTo(us.get("maml") / us.get("fomaml"),
        Offset.offset(2e-3));
    assertThat(r.out().lines().toList()).hasSize(11);
    // the test JVM adds the Vector API module (the parent pom's argLine), and the command waits
    // for the products' warm-up before timing (on a CPU with vectors of 4 doubles or more)
    int lanes = jdk.incubator.vector.DoubleVector.SPECIES_PREFERRED.length();
    assertThat(r.out().lines().findFirst()).hasValue(lanes >= 4
        ? "{\"products\":\"vector (" + 64 * lanes + "-bit)\"}" : "{\"products\":\"scalar\"}");
  }

  @Test
  void earlierTorchTimes_standInForTheYardstick() {
    CliRunner.Result r = run("--repeat", "1", "--block", "1", "--warmup-ms", "0",
        "--torch-hvp-us", "1500", "--torch-maml-us", "3000");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("{\"measure\":\"torch_hvp\",\"us\":1500.0,\"given\":true}");
    assertThat(r.out()).contains("{\"measure\":\"torch_maml\",\"us\":3000.0,\"given\":true}");
    Map<String, Double> us = BenchLines.values(US, r.out());
    assertThat(BenchLines.values(BenchLines.RATIO, r.out()).get("maml/torch"))
        .isCloseTo(us.get("maml") / 3000.0, Offset.offset(2e-3));
  }

  @Test
  void badArguments_exitTwo_withOneLineNamingThem() {
    CliRunner.Result r = run("--repeat", "0");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("--repeat and --block must be >= 1");
    CliRunner.Result t = run("--torch-hvp-us", "-1");
    assertThat(t.exitCode()).isEqualTo(2);
    assertThat(t.err()).contains("got -1.0");
    CliRunner.Result y = run("--yardstick", dir.resolve("missing.py").toString());
    assertThat(y.exitCode()).isEqualTo(2);
    assertThat(y.err()).contains("no such file");
  }
}
