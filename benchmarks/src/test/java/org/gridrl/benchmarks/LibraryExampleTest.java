package org.gridrl.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.gridrl.benchmarks.examples.PlanningExample;
import org.gridrl.core.mdp.TabularMdp;
import org.gridrl.core.mdp.TabularPolicy;
import org.gridrl.core.planning.SoftValueIteration;
import org.gridrl.core.planning.SoftViConfig;
import org.gridrl.core.planning.Solution;
import org.gridrl.core.planning.StateVisitation;
import org.gridrl.envs.tabular.GridWorld;
import org.junit.jupiter.api.Test;

/**
 * The library quick start of README.md. Each {@code java} block there is, verbatim, one file of
 * {@code org.gridrl.benchmarks.examples} without its {@code package} line, so the README's code is
 * compiled by every build (with its imports) and run by a test: this class for
 * {@link PlanningExample} and the README check, {@link IrlExampleTest} and
 * {@link PpoExampleTest} for the other two.
 */
class LibraryExampleTest {

  /** The example files, in the order the README shows them. */
  static final List<String> EXAMPLES = List.of("PlanningExample", "IrlExample", "PpoExample");

  /** What {@code main} prints to standard output. */
  static String stdoutOf(Runnable main) {
    PrintStream saved = System.out;
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
    try {
      main.run();
    } finally {
      System.setOut(saved);
    }
    return buf.toString(StandardCharsets.UTF_8);
  }

  /** The benchmarks module's directory (surefire's basedir), whose parent holds README.md. */
  private static Path moduleDir() {
    return Path.of(System.getProperty("basedir", System.getProperty("user.dir")))
        .toAbsolutePath();
  }

  /** An example's source as the README shows it: the file without its package line. */
  static String readmeForm(String example) throws IOException {
    String source = Files.readString(moduleDir().resolve(
        "src/test/java/org/gridrl/benchmarks/examples/" + example + ".java"));
    String packageLine = "package org.gridrl.benchmarks.examples;\n\n";
    assertThat(source).startsWith(packageLine);
    return source.substring(packageLine.length());
  }

  /** The bodies of README.md's {@code ```java} blocks, in order. */
  static List<String> readmeJavaBlocks() throws IOException {
    String readme = Files.readString(moduleDir().getParent().resolve("README.md"));
    Matcher m = Pattern.compile("```java\n(.*?)```", Pattern.DOTALL).matcher(readme);
    List<String> blocks = new ArrayList<>();
    while (m.find()) {
      blocks.add(m.group(1));
    }
    return blocks;
  }

  @Test
  void readme_javaBlocksAreTheExampleFiles_verbatimAndInOrder() throws IOException {
    List<String> blocks = readmeJavaBlocks();
    assertThat(blocks).as("README.md's java blocks, one per example").hasSize(EXAMPLES.size());
    for (int i = 0; i < EXAMPLES.size(); i++) {
      assertThat(blocks.get(i)).as("README.md's java block %d must be examples/%s.java without"
          + " its package line", i + 1, EXAMPLES.get(i)).isEqualTo(readmeForm(EXAMPLES.get(i)));
    }
  }

  @Test
  void planningExample_printsTheSolveAndAPolicyThatReachesTheGoal() {
    String out = stdoutOf(() -> PlanningExample.main(new String[0]));

    GridWorld world = GridWorld.bundled("fourrooms", GridWorld.Options.forSoftPlanning());
    TabularMdp mdp = world.mdp();
    Solution sol = SoftValueIteration.solve(mdp, SoftViConfig.defaults().withTemperature(0.5));
    int start = world.stateAt(1, 1);
    assertThat(world.cell(1, 1)).isEqualTo('S');
    assertThat(out).isEqualTo(sol.report().describe() + "\n" + "V(start) = " + sol.v()[start]
        + "\n" + world.renderAscii(sol.policy()));
    assertThat(sol.report().describe()).isEqualTo(
        "converged after 27 sweeps, residual 6.2e-12 < 1e-10");
    assertThat(out.lines().skip(2).toList()).containsExactly(
        "#############",
        "#>>>vv#vvvvv#",
        "#>>>>v#vvvvv#",
        "#vv>>>>vvvvv#",
        "#vv>>^#vvvvv#",
        "#>v<^^#>vvv<#",
        "##v####>>v<<#",
        "#>>vvv###v###",
        "#>>>vv#>>vvv#",
        "#>>>>v#>>>vv#",
        "#>>>>>>>>>>v#",
        "#>>>>^#>>>>G#",
        "#############");

    // the soft policy reaches the goal: almost surely within 100 steps ...
    TabularPolicy[] policies = new TabularPolicy[100];
    Arrays.fill(policies, sol.policy());
    double[] d = StateVisitation.finiteHorizon(mdp, policies, mdp.initialDistribution());
    int goal = world.stateAt(11, 11);
    assertThat(mdp.isTerminal(goal)).isTrue();
    assertThat(d[goal]).isGreaterThan(0.999);
    // ... its most probable moves from S follow a shortest path (slip 0: deterministic) ...
    assertThat(greedySteps(world, sol.policy(), start, goal))
        .isEqualTo(shortestPath(world, start, goal)).isEqualTo(20);
    // ... and from every cell they lead to G (no arrow of the printed map ends in a loop)
    for (int s = 0; s < world.numStates(); s++) {
      assertThat(greedySteps(world, sol.policy(), s, goal)).as("state %d", s)
          .isLessThan(world.numStates());
    }
  }

  /** Steps of the greedy moves from one state to another (numStates when they never get there). */
  private static int greedySteps(GridWorld world, TabularPolicy pi, int from, int to) {
    int s = from;
    int steps = 0;
    while (s != to && steps < world.numStates()) {
      s = world.nextState(pi.greedyAction(s))[s];
      steps++;
    }
    return steps;
  }

  /** Breadth-first distance between two states over the map's moves. */
  private static int shortestPath(GridWorld world, int from, int to) {
    int[] dist = new int[world.numStates()];
    Arrays.fill(dist, -1);
    dist[from] = 0;
    ArrayDeque<Integer> queue = new ArrayDeque<>(List.of(from));
    while (!queue.isEmpty()) {
      int s = queue.poll();
      for (int a = 0; a < world.numActions(); a++) {
        int t = world.nextState(a)[s];
        if (dist[t] < 0) {
          dist[t] = dist[s] + 1;
          queue.add(t);
        }
      }
    }
    return dist[to];
  }
}
