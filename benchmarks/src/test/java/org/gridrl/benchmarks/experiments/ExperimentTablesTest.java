package org.gridrl.benchmarks.experiments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.gridrl.benchmarks.experiments.irl.IrlAdversarialConfig;
import org.gridrl.benchmarks.experiments.irl.IrlFixtures;
import org.gridrl.benchmarks.experiments.irl.IrlGridWorldConfig;
import org.gridrl.benchmarks.experiments.irl.IrlSweepConfig;
import org.gridrl.benchmarks.experiments.irl.IrlTransfer;
import org.gridrl.benchmarks.experiments.irl.IrlTransferConfig;
import org.gridrl.benchmarks.experiments.meta.MamlNavigationConfig;
import org.gridrl.benchmarks.experiments.meta.MamlNavigationFixtures;
import org.gridrl.benchmarks.experiments.meta.MetaHiddenGoalConfig;
import org.gridrl.benchmarks.experiments.meta.MetaHiddenGoalFixtures;
import org.gridrl.benchmarks.experiments.meta.PearlPointConfig;
import org.gridrl.benchmarks.experiments.meta.PearlPointFixtures;
import org.gridrl.benchmarks.experiments.meta.MetaFixtures;
import org.gridrl.benchmarks.experiments.meta.Rl2BanditsConfig;
import org.gridrl.benchmarks.experiments.meta.Rl2MdpsConfig;
import org.gridrl.benchmarks.experiments.multitask.MultitaskConflictConfig;
import org.gridrl.benchmarks.experiments.multitask.MultitaskConflictFixtures;
import org.gridrl.benchmarks.experiments.multitask.MultitaskFixtures;
import org.gridrl.benchmarks.experiments.multitask.MultitaskGridConfig;
import org.gridrl.benchmarks.experiments.multitask.PcGradToyConfig;
import org.gridrl.benchmarks.experiments.pg.PgFixtures;
import org.gridrl.benchmarks.experiments.pg.PgFourRoomsConfig;
import org.gridrl.benchmarks.experiments.pg.PgPointNavigationConfig;
import org.gridrl.benchmarks.runner.Experiment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The tables the experiments print, built from made-up results with two-digit values (where
 * irl-objectworld-toolkit's table ran its columns together): every column starts at the same
 * offset on every line, two spaces after the widest cell of the column before.
 */
class ExperimentTablesTest {

  static Stream<String> names() {
    return Experiments.registry().names().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("names")
  void quickRunTable_columnsStartAtTheSameOffsetOnEveryLine(String name) {
    Experiment<?> e = Experiments.registry().find(name).orElseThrow();
    Object quick = e.quickConfig();
    List<String> lines = switch (name) {
      case "quickstart" -> List.of(); // prints ASCII policies, no table
      case "irl-gridworld" -> IrlFixtures.gridWorldTable((IrlGridWorldConfig) quick);
      case "irl-adversarial-grid" -> IrlFixtures.adversarialTable((IrlAdversarialConfig) quick);
      case "irl-transfer" -> { // two tables (grid, maze), each aligned on its own
        List<List<String>> tables = IrlFixtures.transferTables((IrlTransferConfig) quick);
        assertThat(tables).hasSize(2);
        for (List<String> t : tables.subList(1, tables.size())) {
          assertThat(t).hasSize(1 + IrlTransfer.MAZE_METHODS.size());
          assertAligned(t);
        }
        yield tables.get(0);
      }
      case "irl-objectworld", "irl-objectworld-toolkit", "irl-binaryworld" ->
          IrlFixtures.sweepTable((IrlSweepConfig) quick);
      case "pg-fourrooms" -> PgFixtures.fourRoomsTable((PgFourRoomsConfig) quick);
      case "pg-point-navigation" ->
          PgFixtures.pointNavigationTable((PgPointNavigationConfig) quick);
      case "pcgrad-toy" -> MultitaskFixtures.pcgradToyTable((PcGradToyConfig) quick);
      case "multitask-grid" -> MultitaskFixtures.multitaskGridTable((MultitaskGridConfig) quick);
      case "multitask-conflict" -> { // two tables (results, cosine), each aligned on its own
        assertAligned(MultitaskConflictFixtures.cosineTable((MultitaskConflictConfig) quick));
        yield MultitaskConflictFixtures.resultsTable((MultitaskConflictConfig) quick);
      }
      case "rl2-bandits" -> MetaFixtures.rl2BanditsTable((Rl2BanditsConfig) quick);
      case "rl2-mdps" -> MetaFixtures.rl2MdpsTable((Rl2MdpsConfig) quick);
      case "meta-hidden-goal" -> MetaHiddenGoalFixtures.table((MetaHiddenGoalConfig) quick);
      case "maml-navigation" -> MamlNavigationFixtures.table((MamlNavigationConfig) quick);
      case "pearl-point" -> PearlPointFixtures.table((PearlPointConfig) quick);
      default -> fail("no table fixture for experiment " + name + ": add one here");
    };
    if (!name.equals("quickstart")) {
      assertThat(lines).hasSizeGreaterThan(1);
    }
    assertAligned(lines);
  }

  // the failure: "11.34±0.00 / 12.30±0.0011.79±0.00 / 11.39±0.00"
  @Test
  void toolkitSweepTable_twoDigitEvds_keepTwoSpacesBetweenColumns() {
    List<String> lines = IrlFixtures.sweepTable(IrlSweepConfig.quick("objectworld-toolkit"));
    assertThat(lines).startsWith(
        "method/features         n=8                      n=64",
        "maxent/continuous       11.35±0.00 / 12.31±0.00  10.85±0.00 / 11.81±0.00",
        "deep-maxent/continuous  11.60±0.00 / 12.56±0.00  11.10±0.00 / 12.06±0.00");
  }

  /**
   * Asserts that the lines split into the same columns: a column starts at offset 0 or after two
   * or more spaces, and every line's columns start at the header's offsets.
   */
  static void assertAligned(List<String> lines) {
    if (lines.isEmpty()) {
      return;
    }
    List<Integer> header = starts(lines.get(0));
    for (String line : lines) {
      assertThat(starts(line)).as("column starts of '%s' under '%s'", line, lines.get(0))
          .isEqualTo(header);
    }
  }

  private static List<Integer> starts(String line) {
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < line.length(); i++) {
      boolean start = line.charAt(i) != ' '
          && (i == 0 || i >= 2 && line.charAt(i - 1) == ' ' && line.charAt(i - 2) == ' ');
      if (start) {
        out.add(i);
      }
    }
    return out;
  }
}
