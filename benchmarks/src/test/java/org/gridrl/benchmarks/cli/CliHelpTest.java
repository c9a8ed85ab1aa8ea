package org.gridrl.benchmarks.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.gridrl.benchmarks.Main;
import org.gridrl.benchmarks.experiments.Experiments;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

class CliHelpTest {

  @Test
  void help_listsEveryCommand_andExitsZero() {
    CliRunner.Result r = CliRunner.run("--help");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).contains("list", "run", "solve", "render", "Exit codes");
    assertThat(r.err()).isEmpty();
  }

  @Test
  void everyOptionOfEveryCommand_hasADescription_shownInItsHelp() {
    CommandLine cmd = Main.commandLine(Experiments.registry(),
        new Io(System.out, System.err, false));
    for (String name : List.of("list", "run", "solve", "render")) {
      CommandLine sub = cmd.getSubcommands().get(name);
      CliRunner.Result help = CliRunner.run(name, "--help");
      assertThat(help.exitCode()).isZero();
      for (OptionSpec o : sub.getCommandSpec().options()) {
        assertThat(o.description()).as("%s %s", name, o.longestName()).isNotEmpty();
        assertThat(String.join(" ", o.description())).as("%s %s", name, o.longestName())
            .isNotBlank();
        assertThat(help.out()).contains(o.longestName());
      }
    }
  }

  /** The commands whose help this project writes, by their path under gridrl. */
  private static final List<List<String>> COMMANDS = List.of(List.of(), List.of("list"),
      List.of("run"), List.of("solve"), List.of("render"), List.of("irl"), List.of("bench"),
      List.of("bench", "softvi"), List.of("bench", "mlp"), List.of("bench", "maxent"),
      List.of("bench", "airl"), List.of("bench", "pcgrad"), List.of("bench", "gru"),
      List.of("bench", "second-order"),
      List.of("multitask"),
      List.of("multitask", "distral"), List.of("meta"), List.of("meta", "gittins"));

  private static CommandLine command(List<String> path) {
    CommandLine cmd = Main.commandLine(Experiments.registry(),
        new Io(System.out, System.err, false));
    for (String name : path) {
      cmd = cmd.getSubcommands().get(name);
    }
    return cmd;
  }

  private static String collapsed(String text) {
    return text.replaceAll("\\s+", " ").strip();
  }

  @Test
  void everyHelpText_breaksLinesOnlyAtSpaces_atEveryWidth() {
    // picocli's own wrapping (java.text.BreakIterator) breaks inside words: irl's description
    // at width 80 ended a line with "policy." and began the next with "csv"
    CommandLine plain = new CommandLine(new IrlCommand(new Io(System.out, System.err, false)));
    plain.getCommandSpec().usageMessage().autoWidth(false).width(80);
    String before = plain.getUsageMessage(CommandLine.Help.Ansi.OFF);
    assertThat(before).contains("reward.csv and policy.\ncsv (no weights.csv)");
    assertThat(collapsed(command(List.of("irl")).getUsageMessage(CommandLine.Help.Ansi.OFF)))
        .contains("reward.csv and policy.csv (no weights.csv)");
    // from 64 columns up: narrower, the option descriptions' column is shorter than the longest
    // word ('trajectory,step,state,action'. with its wrapped-line indent), which is cut there as
    // picocli cuts any word longer than a line
    for (List<String> path : COMMANDS) {
      for (int width : new int[] {64, 72, 80, 93, 100, 120, 160}) {
        CommandLine cmd = command(path);
        cmd.getCommandSpec().usageMessage().autoWidth(false).width(width);
        String help = cmd.getUsageMessage(CommandLine.Help.Ansi.OFF);
        String joined = collapsed(help);
        String where = String.join(" ", path) + " at width " + width;
        for (String line : cmd.getCommandSpec().usageMessage().description()) {
          assertThat(joined).as(where).contains(collapsed(line));
        }
        for (OptionSpec o : cmd.getCommandSpec().options()) {
          assertThat(joined).as("%s, %s", where, o.longestName())
              .contains(collapsed(String.join(" ", o.description())));
        }
        for (PositionalParamSpec p : cmd.getCommandSpec().positionalParameters()) {
          assertThat(joined).as(where).contains(collapsed(String.join(" ", p.description())));
        }
        for (String line : help.split("\n")) {
          assertThat(line.length()).as("%s: %s", where, line).isLessThanOrEqualTo(width);
        }
      }
    }
  }

  @Test
  void theHelpOfSolveRenderIrlAndBench_mentionsOnlyOptionsTheyTake() {
    Pattern option = Pattern.compile("--[a-z][a-z0-9-]*");
    for (List<String> path : List.of(List.of("solve"), List.of("render"), List.of("irl"),
        List.of("bench"), List.of("bench", "softvi"))) {
      CommandLine cmd = command(path);
      Set<String> takes = new HashSet<>();
      cmd.getCommandSpec().options().forEach(o -> takes.addAll(List.of(o.names())));
      Matcher m = option.matcher(cmd.getUsageMessage(CommandLine.Help.Ansi.OFF));
      while (m.find()) {
        assertThat(takes).as("%s --help mentions %s", String.join(" ", path), m.group())
            .contains(m.group());
      }
    }
    // the one that did not: render's --gamma spoke of --mdp
    assertThat(CliRunner.run("render", "--help").out()).doesNotContain("--mdp")
        .contains("--gamma=g              The map's discount γ in [0, 1). Default: 0.95.");
  }

  @Test
  void solveHelp_showsTheDefaults() {
    String out = CliRunner.run("solve", "--help").out();
    // the defaults are SoftViConfig's own constants, printed as Java prints them
    assertThat(out).contains("Default: 1.0.").contains("Default: 1.0E-10.")
        .contains("Default: 100000.");
  }

  @Test
  void list_showsNameRunTimeAndDescription() {
    CliRunner.Result r = CliRunner.run("list");
    assertThat(r.exitCode()).isZero();
    List<String> names = Experiments.registry().names();
    List<String> lines = r.out().lines().toList();
    assertThat(lines).hasSize(names.size() + 3); // header, experiments, blank, times note
    assertThat(lines.get(1)).startsWith("quickstart").contains("~").contains("FourRooms");
    for (int i = 0; i < names.size(); i++) {
      assertThat(lines.get(i + 1)).startsWith(names.get(i)).contains("~");
    }
  }

  @Test
  void version_comesFromTheManifestOrDev() {
    CliRunner.Result r = CliRunner.run("--version");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).startsWith("gridrl ").contains("Java ");
  }
}
