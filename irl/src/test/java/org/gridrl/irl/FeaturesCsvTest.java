package org.gridrl.irl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import org.gridrl.core.mdp.StateFeatures;
import org.gridrl.irl.testing.IrlTestBase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FeaturesCsvTest extends IrlTestBase {

  @Test
  void roundTrip_isExact_andRowsMayComeInAnyOrder() throws IOException {
    StateFeatures phi = randomFeatures(4, 5, 3);
    StringWriter w = new StringWriter();
    FeaturesCsv.write(phi, w);
    assertThat(FeaturesCsv.read(new StringReader(w.toString()), "f.csv", 5)).isEqualTo(phi);
    StateFeatures shuffled = FeaturesCsv.read(new StringReader(
        "state,a,b\n1,3,4\n0,1,2\n"), "f.csv", 2);
    assertThat(shuffled.names()).containsExactly("a", "b");
    assertThat(shuffled.row(0)).containsExactly(1, 2);
    assertThat(shuffled.row(1)).containsExactly(3, 4);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "bad header|s,f0\\n0,1\\n|1|expected a header",
      "no feature columns|state\\n0\\n|1|expected a header",
      "ragged row|state,f0,f1\\n0,1,2\\n1,3\\n|3|ragged row: expected 3 fields",
      "missing state|state,f0\\n0,1\\n2,1\\n|3|state 1 has no row",
      "duplicate state|state,f0\\n0,1\\n0,2\\n|3|state 0 already has a row at line 2",
      "unknown state|state,f0\\n0,1\\n7,1\\n|3|unknown state 7",
      "not a number|state,f0\\n0,x\\n|2|feature f0 is not a number: 'x'",
      "not finite|state,f0\\n0,NaN\\n|2|feature f0 is not finite",
  })
  void badInput_namesSourceAndLine(String name, String text, int line, String what) {
    String input = text.replace("\\n", "\n");
    assertThatThrownBy(() -> FeaturesCsv.read(new StringReader(input), "feat.csv", 3))
        .isInstanceOfSatisfying(CsvFormatException.class, e -> {
          assertThat(e.lineNumber()).isEqualTo(line);
          assertThat(e.getMessage()).startsWith("feat.csv:" + line + ": ").contains(what);
        });
  }
}
