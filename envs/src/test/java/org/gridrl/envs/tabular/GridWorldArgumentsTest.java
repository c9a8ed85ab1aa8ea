package org.gridrl.envs.tabular;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.gridrl.envs.tabular.GridWorld.Options;
import org.junit.jupiter.api.Test;

/**
 * The public entry points of {@link GridWorld} reject bad arguments with one message that names
 * the argument and its value, instead of a bare NullPointerException, an
 * ArrayIndexOutOfBoundsException from inside, or a −1 that fails later. Each case was a bare
 * exception (or a silent −1) before issue 11.
 */
class GridWorldArgumentsTest {

  /** ".#." over "..." : states 0 (0,0), 1 (0,2), 2 (1,0), 3 (1,1), 4 (1,2); (0,1) is a wall. */
  private static final GridWorld SMALL = GridWorld.parse(".#.\n...", "small.txt",
      Options.defaults());

  @Test
  void parse_nullText_namesTheArgument() {
    assertThatThrownBy(() -> GridWorld.parse(null, "m.txt", Options.defaults()))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessage("mapText must not be null (the map, one row per line)");
  }

  @Test
  void parse_nullSourceName_namesTheArgument() {
    assertThatThrownBy(() -> GridWorld.parse("S.G", null, Options.defaults()))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessage("sourceName must not be null (it starts every error message: a file name,"
            + " \"bundled:fourrooms\", ...)");
  }

  @Test
  void parse_nullOptions_pointsAtTheDefaults() {
    assertThatThrownBy(() -> GridWorld.parse("S.G", "m.txt", null))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessage("options must not be null (GridWorld.Options.defaults() or"
            + " GridWorld.Options.forSoftPlanning())");
  }

  @Test
  void load_nullFile_namesTheArgument() {
    assertThatThrownBy(() -> GridWorld.load(null, Options.defaults()))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessage("file must not be null");
    assertThatThrownBy(() -> GridWorld.load(Path.of("m.txt"), null))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("options must not be null");
  }

  @Test
  void bundled_nullName_listsTheKnownMaps() {
    assertThatThrownBy(() -> GridWorld.bundled(null, Options.defaults()))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessage("unknown bundled map null; known maps: fourrooms, open5, cliff, maze");
    assertThatThrownBy(() -> GridWorld.bundled("fourrooms", null))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("options must not be null");
  }

  @Test
  void stateAt_wall_saysSo() {
    assertThatThrownBy(() -> SMALL.stateAt(0, 1))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessage("small.txt: (row, col) = (0, 1) is a wall ('#'), which has no state;"
            + " isWall(row, col) tells walls from free cells");
  }

  @Test
  void stateAt_outsideTheMap_namesTheBounds() {
    assertThatThrownBy(() -> SMALL.stateAt(2, 0))
        .isExactlyInstanceOf(IndexOutOfBoundsException.class)
        .hasMessage("small.txt: (row, col) = (2, 0) is outside the 2x3 map (rows 0..1,"
            + " columns 0..2)");
    assertThatThrownBy(() -> SMALL.stateAt(0, -1))
        .isExactlyInstanceOf(IndexOutOfBoundsException.class)
        .hasMessage("small.txt: (row, col) = (0, -1) is outside the 2x3 map (rows 0..1,"
            + " columns 0..2)");
  }

  @Test
  void stateAt_freeCells_areRowMajor_andIsWallProbesWithoutThrowing() {
    int[][] expected = {{0, -1, 1}, {2, 3, 4}};
    for (int r = 0; r < 2; r++) {
      for (int c = 0; c < 3; c++) {
        assertThat(SMALL.isWall(r, c)).isEqualTo(expected[r][c] < 0);
        if (expected[r][c] >= 0) {
          assertThat(SMALL.stateAt(r, c)).isEqualTo(expected[r][c]);
        }
      }
    }
    assertThat(SMALL.isWall(-1, 0)).isTrue();
    assertThat(SMALL.isWall(0, 3)).isTrue();
    assertThat(SMALL.isWall(2, 2)).isTrue();
  }

  @Test
  void cell_outsideTheMap_namesTheBounds() {
    assertThatThrownBy(() -> SMALL.cell(2, 0))
        .isExactlyInstanceOf(IndexOutOfBoundsException.class)
        .hasMessage("small.txt: (row, col) = (2, 0) is outside the 2x3 map (rows 0..1,"
            + " columns 0..2)");
  }

  @Test
  void rowOfAndColOf_stateOutOfRange_nameTheRange() {
    assertThat(SMALL.rowOf(4)).isEqualTo(1);
    assertThat(SMALL.colOf(4)).isEqualTo(2);
    assertThatThrownBy(() -> SMALL.rowOf(5))
        .isExactlyInstanceOf(IndexOutOfBoundsException.class)
        .hasMessage("small.txt: state 5 out of range [0, 5)");
    assertThatThrownBy(() -> SMALL.colOf(-1))
        .isExactlyInstanceOf(IndexOutOfBoundsException.class)
        .hasMessage("small.txt: state -1 out of range [0, 5)");
  }

  @Test
  void renderAscii_nullPolicy_namesTheArgument() {
    assertThatThrownBy(() -> SMALL.renderAscii(null))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessage("pi must not be null");
  }

  @Test
  void open_nullReward_namesTheArgument() {
    assertThatThrownBy(() -> GridWorld.open(3, 0.1, null, 0.9))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessage("stateReward must not be null");
  }
}
