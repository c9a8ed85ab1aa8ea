package org.gridrl.benchmarks.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TextTableTest {

  @Test
  void lines_eachColumnAsWideAsItsWidestCellPlusTwoSpaces() {
    TextTable t = new TextTable("method", "n=8", "n=64")
        .row("maxent", "1.70±0.00 / 1.60±0.00", "11.79±0.00 / 11.39±0.00")
        .row("deep-maxent", "11.34±0.00 / 12.30±0.00", "2.48±0.00 / 2.57±0.00");
    assertThat(t.lines()).containsExactly(
        "method       n=8                      n=64",
        "maxent       1.70±0.00 / 1.60±0.00    11.79±0.00 / 11.39±0.00",
        "deep-maxent  11.34±0.00 / 12.30±0.00  2.48±0.00 / 2.57±0.00");
  }

  @Test
  void row_wrongNumberOfCells_isRejected() {
    assertThatThrownBy(() -> new TextTable("a", "b").row("1")).hasMessage(
        "row [1] has 1 cells, the table has 2 columns");
  }
}
