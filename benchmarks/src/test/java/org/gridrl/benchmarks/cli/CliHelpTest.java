package org.gridrl.benchmarks.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.gridrl.benchmarks.Main;
import org.gridrl.benchmarks.experiments.Experiments;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

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
