package org.gridrl.envs.tabular;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.stream.Stream;
import org.gridrl.envs.tabular.GridWorld.Options;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every map error names the source, the 1-based row and column, and what is wrong. */
class MapFormatTest {

  static Stream<Arguments> badMaps() {
    return Stream.of(
        // text, row, column, part of the problem
        Arguments.of("S..\n..\n..G", 2, 3, "row 2 has width 2 but row 1 has width 3"),
        Arguments.of("S..\n....\n..G", 2, 4, "row 2 has width 4 but row 1 has width 3"),
        Arguments.of("S..\n\n..G", 2, 1, "row 2 has width 0"),
        Arguments.of("S..\n.?.\n..G", 2, 2, "unknown character '?'"),
        Arguments.of("S..\n...\n..0", 3, 3, "unknown character '0'"),
        Arguments.of("S. \n...", 1, 3, "unknown character ' '"),
        Arguments.of("S..\n.\t.", 2, 2, "unknown character U+0009"),
        Arguments.of("", 0, 0, "the map is empty"),
        Arguments.of("\n\n", 0, 0, "the map is empty"),
        Arguments.of("###\n###", 0, 0, "no free cell"),
        Arguments.of("#G\nG#", 0, 0, "every free cell is a terminal goal"));
  }

  @ParameterizedTest
  @MethodSource("badMaps")
  void malformedMap_namesRowColumnAndProblem(String text, int row, int col, String problem) {
    MapFormatException e = catchThrowableOfType(MapFormatException.class,
        () -> GridWorld.parse(text, "maps/bad.txt", Options.defaults()));
    assertThat(e).isNotNull();
    assertThat(e).isInstanceOf(IllegalArgumentException.class);
    assertThat(e.sourceName()).isEqualTo("maps/bad.txt");
    assertThat(e.row()).isEqualTo(row);
    assertThat(e.column()).isEqualTo(col);
    assertThat(e.problem()).contains(problem);
    assertThat(e.getMessage()).isEqualTo("maps/bad.txt:" + row + ":" + col + ": " + e.problem());
    assertThat(e.getMessage()).doesNotContain("\n");
  }
}
