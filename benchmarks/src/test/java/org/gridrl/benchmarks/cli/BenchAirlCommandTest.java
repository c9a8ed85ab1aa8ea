package org.gridrl.benchmarks.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.gridrl.benchmarks.Main;
import org.gridrl.benchmarks.experiments.Experiments;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code gridrl bench airl} on tiny sizes: the lines and their keys, the sizes they report, and
 * each ratio line equal to the quotient of the times printed above it (never a time itself).
 */
class BenchAirlCommandTest {

  /** The keys of a measure line, in order. */
  private static final List<String> MEASURE_KEYS = List.of("measure", "world", "us",
      "median_us", "cpu_us", "blocks", "block", "steps", "expert_rows", "hidden", "disc_epochs");

  private static final Pattern KEY = Pattern.compile("\"([a-z_]+)\":");
  private static final Pattern FIELD =
      Pattern.compile("\"([a-z_]+)\":(?:\"([^\"]*)\"|([0-9.eE+-]+|NaN))");

  /** A JSON line's fields, numbers and strings as text, in order. */
  private static Map<String, String> fields(String line) {
    Map<String, String> f = new LinkedHashMap<>();
    Matcher m = FIELD.matcher(line);
    while (m.find()) {
      f.put(m.group(1), m.group(2) != null ? m.group(2) : m.group(3));
    }
    return f;
  }

  private static List<String> keys(String line) {
    List<String> k = new ArrayList<>();
    Matcher m = KEY.matcher(line);
    while (m.find()) {
      k.add(m.group(1));
    }
    return k;
  }

  private static double num(Map<String, String> f, String key) {
    return Double.parseDouble(f.get(key));
  }

  @Test
  void tinyRun_bothWorlds_printsEveryMeasure_andRatiosThatAreQuotientsOfThePrintedTimes() {
    CliRunner.Result r = CliRunner.command(new BenchAirlCommand(), "--envs", "2", "--steps",
        "16", "--hidden", "4", "--repeat", "2", "--block", "1", "--warmup-ms", "0");
    assertThat(r.exitCode()).as(r.err()).isZero();
    List<String> lines = r.out().lines().toList();
    assertThat(lines).hasSize(2 * (BenchAirlCommand.MEASURES.size() + 2));
    int at = 0;
    for (String world : List.of("grid", "point")) {
      Map<String, Map<String, String>> measures = new LinkedHashMap<>();
      for (String name : BenchAirlCommand.MEASURES) {
        String line = lines.get(at++);
        assertThat(keys(line)).as(line).containsExactlyElementsOf(MEASURE_KEYS);
        Map<String, String> f = fields(line);
        assertThat(f.get("measure")).isEqualTo(name);
        assertThat(f.get("world")).isEqualTo(world);
        assertThat(f).containsEntry("blocks", "2").containsEntry("block", "1")
            .containsEntry("steps", "32").containsEntry("hidden", "4")
            .containsEntry("disc_epochs", "1");
        // the grid's 32 demonstrations of 20 steps have 19 transitions each with a successor
        // (no terminal state); PointNavigation's 32 controller episodes, seed 1, have 457 steps
        assertThat(f).containsEntry("expert_rows", world.equals("grid") ? "608" : "457");
        assertThat(num(f, "us")).isPositive().isLessThanOrEqualTo(num(f, "median_us"));
        measures.put(name, f);
      }
      String parts = lines.get(at++);
      String whole = lines.get(at++);
      assertThat(keys(parts)).containsExactly("ratio", "value", "cpu", "target", "world");
      assertThat(keys(whole)).containsExactly("ratio", "value", "cpu", "world");
      Map<String, String> p = fields(parts);
      Map<String, String> w = fields(whole);
      assertThat(p).containsEntry("ratio", "iteration/parts").containsEntry("target", "1.2")
          .containsEntry("world", world);
      assertThat(w).containsEntry("ratio", "iteration_with_collection/parts_with_collection")
          .containsEntry("world", world);
      for (String clock : List.of("us", "cpu_us")) {
        double it = num(measures.get("iteration"), clock);
        double disc = num(measures.get("discriminator"), clock);
        double ppo = num(measures.get("ppo"), clock);
        double collect = num(measures.get("collect"), clock);
        double itc = num(measures.get("iteration_with_collection"), clock);
        String key = clock.equals("us") ? "value" : "cpu";
        // printed with 3 decimals
        assertThat(num(p, key)).as("%s %s", world, key)
            .isCloseTo(it / (disc + ppo), within(5.01e-4));
        assertThat(num(w, key)).as("%s %s", world, key)
            .isCloseTo(itc / (disc + ppo + collect), within(5.01e-4));
      }
    }
    assertThat(r.err()).isEmpty();
  }

  @Test
  void badOptions_exitTwo_namingTheOption() {
    CliRunner.Result world = CliRunner.command(new BenchAirlCommand(), "--world", "maze");
    assertThat(world.exitCode()).isEqualTo(2);
    assertThat(world.err()).contains("--world must be grid or point, got 'maze'");
    CliRunner.Result envs = CliRunner.command(new BenchAirlCommand(), "--envs", "0");
    assertThat(envs.exitCode()).isEqualTo(2);
    assertThat(envs.err()).contains("--envs, --steps, --disc-epochs, --repeat and --block must"
        + " be >= 1 and --warmup-ms >= 0, got 0, 512, 1, 10, 1 and 3000");
    CliRunner.Result big = CliRunner.command(new BenchAirlCommand(), "--envs", "4096",
        "--steps", "4096");
    assertThat(big.exitCode()).isEqualTo(2);
    assertThat(big.err()).contains("--envs x --steps must be at most 1048576, got 16777216");
    CliRunner.Result hidden = CliRunner.command(new BenchAirlCommand(), "--hidden", "64,0");
    assertThat(hidden.exitCode()).isEqualTo(2);
    assertThat(hidden.err()).contains("--hidden sizes must be in [1, 4096], got [64, 0]");
  }

  @Test
  void gridrlBenchAirl_isRegisteredUnderBench_andItsHelpWrapsAtSpaces() {
    CliRunner.Result ok = CliRunner.run("bench", "airl", "--world", "point", "--envs", "1",
        "--steps", "8", "--hidden", "2", "--repeat", "1", "--block", "1", "--warmup-ms", "0");
    assertThat(ok.exitCode()).as(ok.err()).isZero();
    assertThat(ok.out().lines().toList()).hasSize(BenchAirlCommand.MEASURES.size() + 2);
    assertThat(CliRunner.run("bench", "--help").out()).contains("airl");
    CommandLine cmd = Main.commandLine(Experiments.registry(),
        new Io(System.out, System.err, false)).getSubcommands().get("bench")
        .getSubcommands().get("airl");
    for (int width : new int[] {64, 80, 120}) {
      cmd.getCommandSpec().usageMessage().autoWidth(false).width(width);
      String help = cmd.getUsageMessage(CommandLine.Help.Ansi.OFF);
      for (String line : help.split("\n")) {
        assertThat(line.length()).as("width %d: %s", width, line).isLessThanOrEqualTo(width);
      }
      String joined = help.replaceAll("\\s+", " ");
      for (String option : List.of("--world", "--envs", "--steps", "--hidden", "--disc-epochs",
          "--repeat", "--block", "--warmup-ms", "--seed")) {
        assertThat(joined).contains(option);
      }
    }
  }
}
