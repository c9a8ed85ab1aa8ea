package org.gridrl.benchmarks.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.gridrl.core.mdp.MdpFormat;
import org.gridrl.core.mdp.TabularMdp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code gridrl bench softvi}: option errors and the JSON lines (no timing asserted). */
class BenchCommandTest {

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "--size 1|--size must be in [2, 20000], got 1",
      "--solver quick|--solver must be jacobi or fast, got 'quick'",
      "--kernel dense|--kernel must be csr or grid, got 'dense'",
      "--threads 0|--threads must be in [1, 256], got 0",
      "--repeat 0|--repeat must be >= 1, got 0",
      "--mdp /no/such/file.mdp|--mdp: no such file: /no/such/file.mdp",
      "--yardstick /no/such/binary|--yardstick: not an executable file: /no/such/binary",
      "--size 8 --mdp x.mdp|--size and --mdp exclude each other"})
  void softvi_badOption_oneLineNamingItExit2(String options, String message) {
    String[] args = ("bench softvi " + options).split(" ");
    CliRunner.Result r = CliRunner.run(args);
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains(message);
    assertThat(r.err().strip().lines().count()).isEqualTo(1);
    assertThat(r.out()).isEmpty();
  }

  @Test
  void softvi_threadsAboveTheCoreCount_areTimedAtTheCoreCount_once_withANote() {
    int cores = Runtime.getRuntime().availableProcessors();
    org.junit.jupiter.api.Assumptions.assumeTrue(cores < 200);
    CliRunner.Result r = CliRunner.run("bench", "softvi", "--size", "4", "--kernel", "grid",
        "--threads", "1,200,256", "--repeat", "1", "--warmup-ms", "0");
    assertThat(r.exitCode()).as(r.err()).isZero();
    String using = " is more than the " + cores + (cores == 1 ? " core" : " cores")
        + " of this machine; using " + cores + " (the results do not depend on the thread count)";
    assertThat(r.err()).isEqualTo("gridrl: note: --threads 200" + using + "\n"
        + "gridrl: note: --threads 256" + using + "\n");
    List<String> threads = new java.util.ArrayList<>();
    Matcher m = Pattern.compile("\\{\"kernel\":\"grid\".*?\"threads\":(\\d+),")
        .matcher(r.out());
    while (m.find()) {
      threads.add(m.group(1));
    }
    assertThat(threads).isEqualTo(cores == 1 ? List.of("1") : List.of("1", "" + cores));
  }

  @Test
  void softvi_smallGrid_oneJsonLinePerConfigurationWithAgreeingValues(@TempDir Path dir) {
    Path file = dir.resolve("g.mdp");
    CliRunner.Result r = CliRunner.run("bench", "softvi", "--size", "6", "--threads", "1,2",
        "--solver", "jacobi,fast", "--repeat", "1", "--warmup-ms", "0", "--write-mdp",
        file.toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    Pattern line = Pattern.compile("\\{\"kernel\":\"(csr|grid)\",\"solver\":\"(jacobi|fast)\","
        + "\"states\":36,\"threads\":([12]),\"sweeps\":(\\d+),\"sweep_us\":[0-9.]+,"
        + "\"solve_ms\":[0-9.]+,\"v0\":([0-9.-]+)\\}");
    String[] lines = r.out().strip().split("\n");
    // 8 configurations, then 4 thread-ratio lines (on one core, 2 threads are capped to 1: 4)
    int threadCounts = Math.min(2, Runtime.getRuntime().availableProcessors());
    int configs = 4 * threadCounts;
    assertThat(lines).hasSize(configs + (threadCounts == 2 ? 4 : 0));
    double v0 = Double.NaN;
    for (int i = 0; i < configs; i++) {
      Matcher m = line.matcher(lines[i]);
      assertThat(m.matches()).as(lines[i]).isTrue();
      double v = Double.parseDouble(m.group(5));
      if (Double.isNaN(v0)) {
        v0 = v;
      }
      // jacobi and fast stop at residual < 1e-10: within 2·0.9·1e-10/0.1 of each other
      assertThat(Math.abs(v - v0)).isLessThan(2e-9);
      if (m.group(2).equals("jacobi")) {
        assertThat(Integer.parseInt(m.group(4))).isEqualTo(Integer.parseInt(
            line.matcher(lines[0]).replaceAll("$4")));
      }
    }
    if (threadCounts == 2) {
      assertThat(lines[8]).startsWith("{\"ratio\":\"threads\"");
    }
    TabularMdp written = MdpFormat.read(file);
    assertThat(written.numStates()).isEqualTo(36);
    assertThat(written.numActions()).isEqualTo(5);
    assertThat(Files.exists(file)).isTrue();
  }
}
