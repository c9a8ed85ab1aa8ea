package org.gridrl.benchmarks.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code gridrl meta gittins}: the index alone on the last line to 6 decimals (Gittins' γ = 0.9
 * table, as reproduced by Christian &amp; Griffiths 2016, ch. 2: 0.7029 for Beta(1, 1), 0.8695
 * for Beta(10, 2)), the table's layout, and one line with exit code 2 for a bad option.
 */
class GittinsCommandTest {

  private static String lastLine(String out) {
    List<String> lines = out.strip().lines().toList();
    return lines.get(lines.size() - 1);
  }

  @Test
  void oneIndex_isAloneOnTheLastLine_toSixDecimals() {
    CliRunner.Result r = CliRunner.run("meta", "gittins", "--alpha", "1", "--beta", "1",
        "--discount", "0.9");
    assertThat(r.exitCode()).isZero();
    assertThat(r.err()).isEmpty();
    assertThat(lastLine(r.out())).isEqualTo("0.702889");
    assertThat(r.out()).contains("depth 219");
    CliRunner.Result b = CliRunner.run("meta", "gittins", "--alpha", "10", "--beta", "2",
        "--discount", "0.9");
    assertThat(Double.parseDouble(lastLine(b.out()))).isBetween(0.86945, 0.86955);
  }

  @Test
  void table_hasLabelledRowsAndColumns_withTheSameIndices() {
    CliRunner.Result r = CliRunner.run("meta", "gittins", "--table", "3", "--discount", "0.9");
    assertThat(r.exitCode()).isZero();
    List<String> lines = r.out().strip().lines().toList();
    assertThat(lines).hasSize(5);
    assertThat(lines.get(1).split("\\s+")).containsExactly("alpha\\beta", "1", "2", "3");
    String[] row1 = lines.get(2).split("\\s+");
    assertThat(row1[0]).isEqualTo("1");
    assertThat(row1[1]).isEqualTo("0.702889");
    String[] row3 = lines.get(4).split("\\s+");
    assertThat(row3[0]).isEqualTo("3");
    assertThat(Double.parseDouble(row3[3])).isBetween(0.60095, 0.60105); // 2–2: 0.6010
  }

  @Test
  void badOptions_areOneLineNamingTheOption_exitTwo() {
    String[][] cases = {
        {"--alpha", "1", "--beta", "1", "--discount", "1", "--discount"},
        {"--alpha", "0", "--beta", "1", "--discount", "0.9", "--alpha"},
        {"--alpha", "1", "--beta", "-2", "--discount", "0.9", "--beta"},
        {"--alpha", "1", "--beta", "1", "--discount", "0.9", "--depth", "0", "--depth"},
        {"--table", "0", "--discount", "0.9", "--table"},
        {"--table", "3", "--alpha", "1", "--discount", "0.9", "--table"},
        {"--alpha", "1", "--discount", "0.9", "--beta"},
        {"--alpha", "x", "--beta", "1", "--discount", "0.9", "--alpha"},
    };
    for (String[] c : cases) {
      String[] args = new String[c.length + 1];
      args[0] = "meta";
      args[1] = "gittins";
      System.arraycopy(c, 0, args, 2, c.length - 1);
      CliRunner.Result r = CliRunner.run(args);
      assertThat(r.exitCode()).as(String.join(" ", args)).isEqualTo(2);
      assertThat(r.out()).isEmpty();
      assertThat(r.err().strip().lines()).as(String.join(" ", args)).hasSize(1);
      assertThat(r.err()).as(String.join(" ", args)).contains(c[c.length - 1]);
    }
    CliRunner.Result discount = CliRunner.run("meta", "gittins", "--alpha", "1", "--beta", "1",
        "--discount", "1");
    assertThat(discount.err().strip()).isEqualTo("gridrl: --discount must be in (0, 1), got 1.0");
  }
}
