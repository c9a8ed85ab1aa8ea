package org.gridrl.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.gridrl.core.mdp.TabularMdp;
import org.gridrl.core.planning.SoftValueIteration;
import org.gridrl.core.planning.SoftViConfig;
import org.gridrl.core.planning.Solution;
import org.gridrl.envs.tabular.GridWorld;
import org.junit.jupiter.api.Test;

/**
 * The library example of README.md, verbatim inside {@link Example#main}, so the README's code
 * is compiled and run by every build. Keep the two in step.
 */
class LibraryExampleTest {

  // README example begins
  static class Example {
    public static void main(String[] args) {
      GridWorld world = GridWorld.bundled("fourrooms", GridWorld.Options.defaults());
      TabularMdp mdp = world.mdp();
      Solution sol = SoftValueIteration.solve(mdp, SoftViConfig.defaults().withTemperature(0.1));
      int start = world.stateAt(1, 1);                    // the S cell, row 1, column 1
      System.out.println(sol.report().describe());        // converged after ... sweeps, ...
      System.out.println("V(start) = " + sol.v()[start]);
      System.out.print(world.renderAscii(sol.policy()));  // the most probable move per cell
    }
  }
  // README example ends

  @Test
  void readmeExample_printsVAtTheStartOfFourRooms() {
    PrintStream saved = System.out;
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
    try {
      Example.main(new String[0]);
    } finally {
      System.setOut(saved);
    }
    String out = buf.toString(StandardCharsets.UTF_8);
    GridWorld world = GridWorld.bundled("fourrooms", GridWorld.Options.defaults());
    Solution sol = SoftValueIteration.solve(world.mdp(),
        SoftViConfig.defaults().withTemperature(0.1));
    assertThat(world.cell(1, 1)).isEqualTo('S');
    assertThat(out).contains("V(start) = " + sol.v()[world.stateAt(1, 1)])
        .contains("converged after").contains("G#");
  }
}
